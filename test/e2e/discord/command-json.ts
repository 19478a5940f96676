import { ApplicationCommandOptionType, SlashCommandBuilder, SlashCommandSubcommandBuilder } from 'discord.js';

type Json = Record<string, unknown>;

/** A bulk registration holds at most this many chat-input commands. */
const COMMANDS_MAX = 100;

/**
 * Every reason Discord would refuse these command payloads (400, 50035), found by rebuilding each one with
 * discord.js's own builders, which check names, descriptions, option counts, choices, ranges and the order of
 * required options as Discord does. Empty when Discord would take them.
 */
export function commandProblems(body: unknown): string[] {
  if (!Array.isArray(body)) return ['the body is not a list of commands'];
  const problems: string[] = [];
  if (body.length > COMMANDS_MAX) problems.push(`${body.length} commands (max ${COMMANDS_MAX})`);
  const names = new Set<string>();
  for (const [index, command] of (body as Json[]).entries()) {
    const name = String(command.name);
    if (names.has(name)) problems.push(`commands[${index}]: the name ${name} is used twice`);
    names.add(name);
    try {
      rebuild(command).toJSON();
      requiredFirst((command.options as Json[] | undefined) ?? []);
    } catch (error) {
      problems.push(`commands[${index}] (${name}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  return problems;
}

/** Discord refuses a required option after an optional one (the builders leave this to Discord). */
function requiredFirst(options: Json[]): void {
  let optionalSeen = false;
  for (const option of options) {
    if (option.type === ApplicationCommandOptionType.Subcommand) {
      requiredFirst((option.options as Json[] | undefined) ?? []);
      continue;
    }
    if (option.required === true && optionalSeen)
      throw new Error(`the required option ${String(option.name)} follows an optional one`);
    if (option.required !== true) optionalSeen = true;
  }
}

function rebuild(command: Json): SlashCommandBuilder {
  const builder = new SlashCommandBuilder().setName(String(command.name)).setDescription(String(command.description));
  if (command.default_member_permissions !== undefined) {
    builder.setDefaultMemberPermissions(command.default_member_permissions as string | null);
  }
  if (Array.isArray(command.contexts)) builder.setContexts(...(command.contexts as number[]));
  for (const option of (command.options as Json[] | undefined) ?? []) {
    if (option.type === ApplicationCommandOptionType.Subcommand) {
      builder.addSubcommand(subcommand(option));
    } else if (option.type === ApplicationCommandOptionType.SubcommandGroup) {
      throw new Error('subcommand groups are not used by this bot');
    } else {
      addOption(builder as unknown as SlashCommandSubcommandBuilder, option);
    }
  }
  return builder;
}

function subcommand(json: Json): SlashCommandSubcommandBuilder {
  const builder = new SlashCommandSubcommandBuilder().setName(String(json.name)).setDescription(String(json.description));
  for (const option of (json.options as Json[] | undefined) ?? []) addOption(builder, option);
  return builder;
}

/** Adds an option to a command or subcommand; both share discord.js's option mixin, typed here as the subcommand's. */
function addOption(builder: SlashCommandSubcommandBuilder, json: Json): void {
  const named = <T extends { setName(name: string): T; setDescription(text: string): T; setRequired(required: boolean): T }>(
    option: T,
  ): T =>
    option
      .setName(String(json.name))
      .setDescription(String(json.description))
      .setRequired(json.required === true);
  const choices = (json.choices as { name: string; value: string | number }[] | undefined) ?? [];
  switch (json.type) {
    case ApplicationCommandOptionType.String:
      builder.addStringOption((option) => {
        named(option);
        if (typeof json.min_length === 'number') option.setMinLength(json.min_length);
        if (typeof json.max_length === 'number') option.setMaxLength(json.max_length);
        if (json.autocomplete === true) option.setAutocomplete(true);
        if (choices.length > 0) option.addChoices(...(choices as { name: string; value: string }[]));
        return option;
      });
      return;
    case ApplicationCommandOptionType.Integer:
      builder.addIntegerOption((option) => {
        named(option);
        if (typeof json.min_value === 'number') option.setMinValue(json.min_value);
        if (typeof json.max_value === 'number') option.setMaxValue(json.max_value);
        if (json.autocomplete === true) option.setAutocomplete(true);
        if (choices.length > 0) option.addChoices(...(choices as { name: string; value: number }[]));
        return option;
      });
      return;
    case ApplicationCommandOptionType.Boolean:
      builder.addBooleanOption((option) => named(option));
      return;
    case ApplicationCommandOptionType.User:
      builder.addUserOption((option) => named(option));
      return;
    case ApplicationCommandOptionType.Channel:
      builder.addChannelOption((option) => named(option));
      return;
    default:
      throw new Error(`option ${String(json.name)} has a type this bot does not use (${String(json.type)})`);
  }
}
