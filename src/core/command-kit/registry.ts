import type { Role } from '../invocation.js';
import { type CommandDefinition, isGroup, type LeafCommand, type OptionSpec } from './define.js';

export interface ResolvedCommand {
  /** Canonical path, e.g. ["daily", "schedule"]. */
  path: string[];
  leaf: LeafCommand;
  permission: Role;
  /** How many words of the input named the command. */
  consumed: number;
}

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

export class Registry {
  private readonly byName = new Map<string, CommandDefinition>();
  readonly commands: readonly CommandDefinition[];

  constructor(definitions: CommandDefinition[]) {
    for (const definition of definitions) {
      validateDefinition(definition);
      for (const key of [definition.name, ...(definition.aliases ?? [])]) {
        if (this.byName.has(key)) {
          throw new Error(`Command name or alias "${key}" is defined twice.`);
        }
        this.byName.set(key, definition);
      }
    }
    this.commands = definitions;
  }

  /** The top-level definition of a resolved path. */
  definition(name: string): CommandDefinition | undefined {
    return this.byName.get(name);
  }

  /** Finds the command named by the first words; undefined when the first word is unknown. */
  resolve(words: string[]): ResolvedCommand | { group: CommandDefinition; unknownSub?: string } | undefined {
    const [first, second] = words.map((word) => word.toLowerCase());
    const definition = first === undefined ? undefined : this.byName.get(first);
    if (!definition) return undefined;
    if (!isGroup(definition)) {
      return { path: [definition.name], leaf: definition, permission: definition.permission ?? 'everyone', consumed: 1 };
    }
    const leaf = definition.subcommands.find((sub) => sub.name === second);
    const fallback = definition.subcommands.find((sub) => sub.name === definition.defaultSubcommand);
    if (!leaf && fallback) {
      return {
        path: [definition.name, fallback.name],
        leaf: fallback,
        permission: fallback.permission ?? definition.permission ?? 'everyone',
        consumed: 1,
      };
    }
    if (!leaf) return second === undefined ? { group: definition } : { group: definition, unknownSub: second };
    return {
      path: [definition.name, leaf.name],
      leaf,
      permission: leaf.permission ?? definition.permission ?? 'everyone',
      consumed: 2,
    };
  }

  /** The commands a personal home screen shows, in their order. */
  overviews(): ResolvedCommand[] {
    const place = (command: ResolvedCommand) => command.leaf.overview ?? 0;
    return this.leaves()
      .filter((command) => command.leaf.overview !== undefined)
      .sort((a, b) => place(a) - place(b));
  }

  /** The first command that can run on a message's text, with the option that takes the text. */
  onMessage(): { command: ResolvedCommand; option: string } | undefined {
    for (const command of this.leaves()) {
      if (command.leaf.messageOption !== undefined) return { command, option: command.leaf.messageOption };
    }
    return undefined;
  }

  /** Every runnable command with its canonical path, in declaration order. */
  leaves(): ResolvedCommand[] {
    return this.commands.flatMap((definition) =>
      isGroup(definition)
        ? definition.subcommands.map((leaf) => ({
            path: [definition.name, leaf.name],
            leaf,
            permission: leaf.permission ?? definition.permission ?? 'everyone',
            consumed: 2,
          }))
        : [{ path: [definition.name], leaf: definition, permission: definition.permission ?? 'everyone', consumed: 1 }],
    );
  }
}

function validateDefinition(definition: CommandDefinition): void {
  const check = (name: string, description: string, where: string) => {
    if (!NAME.test(name)) throw new Error(`${where}: name "${name}" must be 1-32 lowercase letters, digits or hyphens.`);
    if (description.length < 1 || description.length > 100) {
      throw new Error(`${where}: description must be 1-100 characters.`);
    }
  };
  check(definition.name, definition.description, `Command ${definition.name}`);
  const leaves = isGroup(definition) ? definition.subcommands : [definition];
  if (isGroup(definition)) {
    if (definition.subcommands.length === 0 || definition.subcommands.length > 25) {
      throw new Error(`Command ${definition.name}: needs 1-25 subcommands.`);
    }
    const seen = new Set<string>();
    for (const sub of definition.subcommands) {
      if (seen.has(sub.name)) throw new Error(`Command ${definition.name}: subcommand "${sub.name}" is defined twice.`);
      seen.add(sub.name);
    }
    if (definition.defaultSubcommand !== undefined && !seen.has(definition.defaultSubcommand)) {
      throw new Error(`Command ${definition.name}: default subcommand "${definition.defaultSubcommand}" does not exist.`);
    }
  }
  for (const leaf of leaves) {
    const where = isGroup(definition) ? `Command ${definition.name} ${leaf.name}` : `Command ${definition.name}`;
    check(leaf.name, leaf.description, where);
    validateOptions(leaf.options ?? [], where);
    const text = leaf.options?.find((option) => option.name === leaf.messageOption);
    if (leaf.messageOption !== undefined && text?.type !== 'string') {
      throw new Error(`${where}: message option "${leaf.messageOption}" must be one of its string options.`);
    }
  }
}

function validateOptions(options: readonly OptionSpec[], where: string): void {
  if (options.length > 25) throw new Error(`${where}: at most 25 options.`);
  const seen = new Set<string>();
  let optionalSeen = false;
  for (const option of options) {
    if (!NAME.test(option.name)) throw new Error(`${where}: option name "${option.name}" is not valid.`);
    if (seen.has(option.name)) throw new Error(`${where}: option "${option.name}" is defined twice.`);
    if (option.description.length < 1 || option.description.length > 100) {
      throw new Error(`${where}: option "${option.name}" needs a description of 1-100 characters.`);
    }
    if (option.required && optionalSeen) throw new Error(`${where}: required option "${option.name}" after an optional one.`);
    if (!option.required) optionalSeen = true;
    if (option.type === 'string' && option.choices && option.choices.length > 25) {
      throw new Error(`${where}: option "${option.name}" has more than 25 choices.`);
    }
    seen.add(option.name);
  }
}
