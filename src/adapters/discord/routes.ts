import {
  type APIApplicationCommandOptionChoice,
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  ComponentType,
  type Interaction,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { AUTOCOMPLETE_INPUT_MAX, completeOption } from '../../core/command-kit/complete.js';
import type { Deps } from '../../core/deps.js';
import type { Actor, Invocation, OptionValue } from '../../core/invocation.js';
import { cleanLine } from '../../core/text.js';
import { channelAccessOf } from './channel-access.js';
import { isMemberOf } from './membership.js';
import { FORM_PREFIX, renderChoices } from './render.js';
import { roleFromPermissions, roleInChannel } from './role-in.js';

/** Everything an invocation needs except the command and its options. */
type InvocationContext = Omit<Invocation, 'command' | 'options'>;

/** Tenant used for interactions outside any server (the bot registers its commands for servers only). */
const DIRECT_MESSAGES_TENANT = 'dm';

function actorOf(interaction: Interaction): Actor {
  const member = interaction.member;
  const nickname = member ? ('nickname' in member ? member.nickname : 'nick' in member ? member.nick : null) : null;
  const name = cleanLine(nickname ?? interaction.user.globalName ?? interaction.user.username).slice(0, 100);
  return { id: interaction.user.id, name: name || interaction.user.id, role: roleFromPermissions(interaction.memberPermissions) };
}

export function contextOf(interaction: Interaction, now: Date): InvocationContext {
  const channel = interaction.channel;
  const inThread = Boolean(channel?.isThread() && channel.parentId);
  const channelId = inThread && channel?.isThread() && channel.parentId ? channel.parentId : (interaction.channelId ?? 'unknown');
  return {
    platform: 'discord',
    tenant: interaction.guildId ?? DIRECT_MESSAGES_TENANT,
    channel: channelId,
    ...(inThread && interaction.channelId ? { thread: interaction.channelId } : {}),
    user: actorOf(interaction),
    now,
    idempotencyKey: interaction.id,
    channelAccess: (channel) => Promise.resolve(channelAccessOf(interaction, channel)),
    roleIn: (channel) => roleInChannel(interaction, channel),
    ...(interaction.guildId ? {} : { membership: (guild: string) => isMemberOf(interaction.client, guild, interaction.user.id) }),
  };
}

/** A slash command with its subcommand and typed options, exactly as Discord parsed them. */
export function chatInputInvocation(interaction: ChatInputCommandInteraction, now: Date): Invocation {
  const subcommand = interaction.options.getSubcommand(false);
  const top = interaction.options.data;
  const leafOptions = subcommand
    ? (top.find((option) => option.type === ApplicationCommandOptionType.Subcommand)?.options ?? [])
    : top;
  return {
    ...contextOf(interaction, now),
    command: subcommand ? [interaction.commandName, subcommand] : [interaction.commandName],
    options: optionValues(leafOptions),
  };
}

function optionValues(options: readonly CommandInteractionOption[]): Record<string, OptionValue> {
  const values: Record<string, OptionValue> = {};
  for (const option of options) {
    if (option.value !== undefined && option.value !== null) values[option.name] = option.value;
  }
  return values;
}

/** Suggestions for the focused option, straight from its autocomplete function (no deferral is possible). */
export function autocompleteChoices(interaction: AutocompleteInteraction, deps: Deps): APIApplicationCommandOptionChoice[] {
  const subcommand = interaction.options.getSubcommand(false);
  const found = deps.registry.resolve(subcommand ? [interaction.commandName, subcommand] : [interaction.commandName]);
  if (!found || 'group' in found) return [];
  const focused = interaction.options.getFocused(true);
  const spec = (found.leaf.options ?? []).find((option) => option.name === focused.name);
  if (spec?.type !== 'string' || !spec.autocomplete) return [];
  const typed = String(focused.value).slice(0, AUTOCOMPLETE_INPUT_MAX * 2);
  return renderChoices(completeOption(spec, cleanLine(typed), deps));
}

/** What a click means: run the command line in the custom id, or open the form it names. */
type ComponentRoute = { kind: 'run'; line: string; extra: Record<string, OptionValue> } | { kind: 'form'; formId: string };

export function componentRoute(interaction: ButtonInteraction | StringSelectMenuInteraction): ComponentRoute {
  const id = interaction.customId;
  if (interaction.componentType === ComponentType.StringSelect) {
    const [value] = interaction.values;
    return { kind: 'run', line: id, extra: value === undefined ? {} : { value } };
  }
  if (id.startsWith(FORM_PREFIX)) return { kind: 'form', formId: id.slice(FORM_PREFIX.length) };
  return { kind: 'run', line: id, extra: {} };
}

/** The text inputs of a submitted form, by the option each one fills. */
export function modalOptions(interaction: ModalSubmitInteraction): Record<string, OptionValue> {
  const values: Record<string, OptionValue> = {};
  for (const [customId, field] of interaction.fields.fields) {
    if ('value' in field && typeof field.value === 'string' && field.value.trim() !== '') values[customId] = field.value;
  }
  return values;
}
