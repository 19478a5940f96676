import type { Deps } from '../deps.js';
import type { Invocation, OptionValue, Platform, Role, Target } from '../invocation.js';
import type { FormAction, Outcome } from '../view.js';

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
  choices?: Choice[];
  /** Ranked suggestions for a partial value; answered synchronously so every keystroke can be served. */
  autocomplete?: (partial: string, deps: Deps) => Choice[];
}

export interface IntegerOption extends OptionBase {
  type: 'integer';
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

export type OptionSpec = StringOption | IntegerOption | BooleanOption | UserOption;

export interface LeafCommand {
  name: string;
  description: string;
  options?: OptionSpec[];
  permission?: Role;
  /** Button, select or form targets that need no slash-command registration. */
  hidden?: boolean;
  /**
   * Runs inside the transaction that claims the delivery, so a synchronous command commits once. An asynchronous one
   * finds the claim committed and its work after the first await outside that transaction.
   */
  run: (invocation: Invocation, deps: Deps) => Outcome | Promise<Outcome>;
  /** What the options name, for an invocation from a direct message; a command without it runs only in a tenant. */
  targetOf?: (options: Record<string, OptionValue>, deps: Deps) => Target | undefined;
  /**
   * The form a button with this command line opens, from the options the line fills and the database; a command
   * without it gets one text input per option the line leaves open (see `forms.ts`).
   */
  form?: (options: Record<string, OptionValue>, where: FormPlace, deps: Deps) => FormAction;
}

/** Where a form is opened: enough to find what it is about in the database. */
export type FormPlace = Pick<Invocation, 'platform' | 'tenant' | 'channel'>;

export interface GroupCommand {
  name: string;
  description: string;
  permission?: Role;
  subcommands: LeafCommand[];
  /** The subcommand typed text runs when its second word is not a subcommand (`/quiz topic:kafka`). */
  defaultSubcommand?: string;
}

export type CommandDefinition = (LeafCommand | GroupCommand) & {
  aliases?: string[];
  /** The platforms that offer the command; all when absent. */
  platforms?: Platform[];
};

export function availableOn(definition: CommandDefinition, platform: Platform): boolean {
  return definition.platforms === undefined || definition.platforms.includes(platform);
}

export function defineCommand<T extends CommandDefinition>(definition: T): T {
  return definition;
}

export function isGroup(command: CommandDefinition | LeafCommand): command is GroupCommand {
  return 'subcommands' in command;
}

export type Options = Record<string, OptionValue>;
