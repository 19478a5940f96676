import type { Deps } from '../deps.js';
import type { OptionValue } from '../invocation.js';

export interface Choice {
  name: string;
  value: string;
}

interface OptionBase {
  name: string;
  description: string;
  required?: boolean;
}

export interface StringOption extends OptionBase {
  type: 'string';
  minLength?: number;
  maxLength?: number;
  choices?: readonly Choice[];
  /** Ranked suggestions for a partial value; answered synchronously so every keystroke can be served. */
  autocomplete?: (partial: string, deps: Deps) => Choice[];
}

export interface IntegerOption extends OptionBase {
  type: 'integer';
  min?: number;
  max?: number;
}

export interface NumberOption extends OptionBase {
  type: 'number';
  min?: number;
  max?: number;
}

export interface BooleanOption extends OptionBase {
  type: 'boolean';
}

/** A platform user id; adapters turn mentions into the bare id. */
export interface UserOption extends OptionBase {
  type: 'user';
}

/** A platform channel id; mentions become the bare id. Whether the person may name it is the command's to check. */
export interface ChannelOption extends OptionBase {
  type: 'channel';
}

export type OptionSpec = StringOption | IntegerOption | NumberOption | BooleanOption | UserOption | ChannelOption;

/** Options of a command whose specs are not known to the compiler: what the machinery passes around. */
export type Options = Record<string, OptionValue>;

/** The value `coerceOptions` gives for one spec: numbers for integer and number, a choice's value for choices. */
type OptionValueOf<Spec extends OptionSpec> = Spec extends { type: 'integer' | 'number' }
  ? number
  : Spec extends { type: 'boolean' }
    ? boolean
    : Spec extends { choices: readonly (infer Listed)[] }
      ? Listed extends { value: infer Value extends string }
        ? Value
        : string
      : string;

type RequiredSpec<Spec> = Spec extends { required: true } ? Spec : never;
type OptionalSpec<Spec> = Spec extends { required: true } ? never : Spec;

/**
 * The options a command's run receives, from its specs: a required option is always present, an optional one may be
 * absent (never `undefined`). Specs whose names the compiler cannot see give the untyped `Options`.
 */
export type OptionsOf<Specs extends readonly OptionSpec[]> = string extends Specs[number]['name']
  ? Options
  : {
      [Spec in Specs[number] as RequiredSpec<Spec>['name']]: OptionValueOf<Spec>;
    } & {
      [Spec in Specs[number] as OptionalSpec<Spec>['name']]?: OptionValueOf<Spec>;
    };
