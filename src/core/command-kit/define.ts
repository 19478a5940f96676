import type { Deps } from '../deps.js';
import type { Invocation, Role, Target } from '../invocation.js';
import { type Capability, offers, type PlatformProfile } from '../platform.js';
import type { FormAction, Outcome } from '../view.js';
import type { OptionSpec, OptionsOf } from './option-spec.js';

export type {
  BooleanOption,
  ChannelOption,
  Choice,
  IntegerOption,
  NumberOption,
  OptionSpec,
  Options,
  OptionsOf,
  StringOption,
  UserOption,
} from './option-spec.js';

/**
 * A runnable command. `Specs` are its option specs as written, so `run`, `targetOf` and `form` see each option with
 * its own type; the registry and the adapters hold it as `LeafCommand` (any specs), and `coerceOptions` makes the
 * values match the specs before `run` is called.
 */
export interface LeafCommand<Specs extends readonly OptionSpec[] = readonly OptionSpec[]> {
  name: string;
  description: string;
  options?: Specs;
  permission?: Role;
  /** Button, select or form targets that need no slash-command registration. */
  hidden?: boolean;
  /**
   * Worth a glance without being asked: a platform with a personal home screen shows it there, run without options,
   * in the order of this number (lowest first).
   */
  overview?: number;
  /** The option that takes a message's text, where a platform lets a person run the command on a message. */
  messageOption?: Specs[number]['name'];
  /**
   * Runs inside the transaction that claims the delivery: the claim and the command's writes commit together. It
   * should await only the store while it runs (on SQLite the transaction holds the one connection).
   */
  run(invocation: Invocation<OptionsOf<Specs>>, deps: Deps): Outcome | Promise<Outcome>;
  /** What the options name, for an invocation from a direct message; a command without it runs only in a tenant. */
  targetOf?(options: OptionsOf<Specs>, deps: Deps): Target | undefined | Promise<Target | undefined>;
  /**
   * The form a button with this command line opens, from the options the line fills and the database; a command
   * without it gets one text input per option the line leaves open (see `forms.ts`).
   */
  form?(options: Partial<OptionsOf<Specs>>, where: FormPlace, deps: Deps): FormAction | Promise<FormAction>;
}

/** Where a form is opened: enough to find what it is about in the database. */
export type FormPlace = Pick<Invocation, 'platform' | 'tenant' | 'channel'>;

interface GroupCommand {
  name: string;
  description: string;
  permission?: Role;
  subcommands: readonly LeafCommand[];
  /** The subcommand typed text runs when its second word is not a subcommand (`/quiz topic:kafka`). */
  defaultSubcommand?: string;
}

interface Offered {
  aliases?: readonly string[];
  /** What a platform must offer for the command to be there; every platform offers it when absent. */
  needs?: Capability;
}

export type CommandDefinition = (LeafCommand | GroupCommand) & Offered;

export function availableOn(definition: CommandDefinition, profile: PlatformProfile): boolean {
  return definition.needs === undefined || offers(profile, definition.needs);
}

/** A top-level command; a leaf's options are typed from its specs, a group's through `defineSubcommand`. */
export function defineCommand<const Specs extends readonly OptionSpec[] = readonly []>(
  definition: LeafCommand<Specs> & Offered,
): CommandDefinition;
export function defineCommand(definition: GroupCommand & Offered): CommandDefinition;
export function defineCommand(definition: CommandDefinition): CommandDefinition {
  return definition;
}

/** One subcommand of a group, its options typed from its specs. */
export function defineSubcommand<const Specs extends readonly OptionSpec[] = readonly []>(leaf: LeafCommand<Specs>): LeafCommand;
export function defineSubcommand(leaf: LeafCommand): LeafCommand {
  return leaf;
}

export function isGroup(command: CommandDefinition | LeafCommand): command is GroupCommand {
  return 'subcommands' in command;
}
