import { ApplicationCommandOptionType, ApplicationCommandType, ChannelType, PermissionFlagsBits } from 'discord.js';
import {
  availableOn,
  type CommandDefinition,
  isGroup,
  type LeafCommand,
  type OptionSpec,
} from '../../core/command-kit/define.js';
import type { Registry } from '../../core/command-kit/registry.js';
import type { Role } from '../../core/invocation.js';
import { discordProfile } from './profile.js';

/** The application-command JSON Discord's bulk overwrite takes, built from the same definitions as every platform. */
export interface CommandJson {
  type: ApplicationCommandType.ChatInput;
  name: string;
  description: string;
  options?: OptionJson[];
  default_member_permissions: string | null;
  dm_permission: boolean;
}

interface OptionJson {
  type: ApplicationCommandOptionType;
  name: string;
  description: string;
  required?: boolean;
  choices?: { name: string; value: string }[];
  autocomplete?: boolean;
  min_length?: number;
  max_length?: number;
  min_value?: number;
  max_value?: number;
  channel_types?: ChannelType[];
  options?: OptionJson[];
}

/** Members need Manage Server to see moderator and admin commands; the bot re-checks every use anyway. */
export const STAFF_PERMISSIONS = PermissionFlagsBits.ManageGuild.toString();

const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;
const MAX_COMMANDS = 100;
const MAX_COMMAND_CHARACTERS = 4000;
const MAX_STRING_LENGTH = 6000;

export function commandsJson(registry: Registry): CommandJson[] {
  return registry.commands.flatMap((definition) => {
    if (!availableOn(definition, discordProfile)) return [];
    const json = commandJson(definition);
    return json ? [json] : [];
  });
}

function commandJson(definition: CommandDefinition): CommandJson | undefined {
  const base = { type: ApplicationCommandType.ChatInput as const, name: definition.name, description: definition.description };
  if (!isGroup(definition)) {
    if (definition.hidden) return undefined;
    return {
      ...base,
      ...optionsOf(definition),
      default_member_permissions: isStaff(definition.permission) ? STAFF_PERMISSIONS : null,
      dm_permission: false,
    };
  }
  const visible = definition.subcommands.filter((sub) => !sub.hidden);
  if (visible.length === 0) return undefined;
  const allStaff = visible.every((sub) => isStaff(sub.permission ?? definition.permission));
  return {
    ...base,
    options: visible.map((sub) => ({
      type: ApplicationCommandOptionType.Subcommand,
      name: sub.name,
      description: sub.description,
      ...optionsOf(sub),
    })),
    default_member_permissions: allStaff ? STAFF_PERMISSIONS : null,
    dm_permission: false,
  };
}

function isStaff(role: Role | undefined): boolean {
  return role === 'moderator' || role === 'admin';
}

function optionsOf(leaf: LeafCommand): { options?: OptionJson[] } {
  const options = (leaf.options ?? []).map(optionJson);
  return options.length > 0 ? { options } : {};
}

function optionJson(spec: OptionSpec): OptionJson {
  const base = { name: spec.name, description: spec.description, required: spec.required ?? false };
  switch (spec.type) {
    case 'string':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(spec.choices
          ? { choices: spec.choices.map((choice) => ({ name: choice.name, value: choice.value })) }
          : spec.autocomplete
            ? { autocomplete: true }
            : {}),
        ...(spec.minLength !== undefined ? { min_length: Math.min(spec.minLength, MAX_STRING_LENGTH) } : {}),
        ...(spec.maxLength !== undefined ? { max_length: Math.min(spec.maxLength, MAX_STRING_LENGTH) } : {}),
      };
    case 'integer':
      return {
        ...base,
        type: ApplicationCommandOptionType.Integer,
        ...(spec.min !== undefined ? { min_value: spec.min } : {}),
        ...(spec.max !== undefined ? { max_value: spec.max } : {}),
      };
    case 'number':
      return {
        ...base,
        type: ApplicationCommandOptionType.Number,
        ...(spec.min !== undefined ? { min_value: spec.min } : {}),
        ...(spec.max !== undefined ? { max_value: spec.max } : {}),
      };
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'user':
      return { ...base, type: ApplicationCommandOptionType.User };
    case 'channel':
      return { ...base, type: ApplicationCommandOptionType.Channel, channel_types: [ChannelType.GuildText] };
  }
}

/** Every way the JSON breaks Discord's rules for application commands; empty when it can be deployed. */
export function commandProblems(commands: CommandJson[]): string[] {
  const problems: string[] = [];
  if (commands.length > MAX_COMMANDS) problems.push(`${commands.length} commands; Discord allows ${MAX_COMMANDS}.`);
  const names = new Set<string>();
  for (const command of commands) {
    const where = `/${command.name}`;
    if (names.has(command.name)) problems.push(`${where}: defined twice.`);
    names.add(command.name);
    checkNamed(command, where, problems);
    checkOptions(command.options ?? [], where, problems, 0);
    const size = characters(command);
    if (size > MAX_COMMAND_CHARACTERS) {
      problems.push(`${where}: ${size} characters in names, descriptions and choices; Discord allows ${MAX_COMMAND_CHARACTERS}.`);
    }
  }
  return problems;
}

function checkNamed(item: { name: string; description: string }, where: string, problems: string[]): void {
  if (!NAME.test(item.name)) problems.push(`${where}: name "${item.name}" must be 1-32 lowercase letters, digits, - or _.`);
  if (item.description.length < 1 || item.description.length > 100) {
    problems.push(`${where}: description must be 1-100 characters.`);
  }
}

function checkOptions(options: OptionJson[], where: string, problems: string[], depth: number): void {
  if (options.length > 25) problems.push(`${where}: ${options.length} options; Discord allows 25.`);
  const names = new Set<string>();
  let optionalSeen = false;
  for (const option of options) {
    const at = `${where} ${option.name}`;
    checkNamed(option, at, problems);
    if (names.has(option.name)) problems.push(`${at}: defined twice.`);
    names.add(option.name);
    if (option.type === ApplicationCommandOptionType.Subcommand) {
      if (depth > 0) problems.push(`${at}: subcommands cannot be nested here.`);
      checkOptions(option.options ?? [], at, problems, depth + 1);
      continue;
    }
    if (option.required && optionalSeen) problems.push(`${at}: a required option cannot follow an optional one.`);
    if (!option.required) optionalSeen = true;
    if (option.choices && option.autocomplete) problems.push(`${at}: choices and autocomplete exclude each other.`);
    if (option.choices && option.choices.length > 25)
      problems.push(`${at}: ${option.choices.length} choices; Discord allows 25.`);
    for (const choice of option.choices ?? []) {
      if (choice.name.length < 1 || choice.name.length > 100 || choice.value.length > 100) {
        problems.push(`${at}: choice "${choice.name}" needs a name of 1-100 and a value of at most 100 characters.`);
      }
    }
    if (option.min_length !== undefined && (option.min_length < 0 || option.min_length > MAX_STRING_LENGTH)) {
      problems.push(`${at}: min_length must be 0-${MAX_STRING_LENGTH}.`);
    }
    if (option.max_length !== undefined && (option.max_length < 1 || option.max_length > MAX_STRING_LENGTH)) {
      problems.push(`${at}: max_length must be 1-${MAX_STRING_LENGTH}.`);
    }
  }
}

function characters(command: CommandJson): number {
  const count = (options: OptionJson[]): number =>
    options.reduce(
      (sum, option) =>
        sum +
        option.name.length +
        option.description.length +
        (option.choices ?? []).reduce((total, choice) => total + choice.name.length + choice.value.length, 0) +
        count(option.options ?? []),
      0,
    );
  return command.name.length + command.description.length + count(command.options ?? []);
}
