import { availableOn, type Choice, defineCommand, type OptionSpec } from '../command-kit/define.js';
import type { ResolvedCommand } from '../command-kit/registry.js';
import { type Deps, profileOf } from '../deps.js';
import type { PlatformProfile } from '../platform.js';
import { bold, code, command, lineBreak, list, paragraphs, type RichText, rich } from '../rich-text.js';
import { reply } from '../view.js';

const ROLE_NOTE = { everyone: '', moderator: ' (moderators)', admin: ' (admins)' } as const;

function usage(command: Pick<ResolvedCommand, 'path' | 'leaf'>, profile: PlatformProfile): string {
  const parts = [`${profile.commandPrefix}${command.path.join(' ')}`];
  for (const option of command.leaf.options ?? []) parts.push(optionUsage(option));
  return parts.join(' ');
}

function optionUsage(option: OptionSpec): string {
  const value =
    option.type === 'string' && option.choices
      ? option.choices.map((c) => c.value).join('|')
      : option.type === 'user'
        ? '@user'
        : option.type === 'channel'
          ? '#channel'
          : option.name;
  const text = `${option.name}:${value}`;
  return option.required ? text : `[${text}]`;
}

function commandChoices(partial: string, deps: Deps): Choice[] {
  const typed = partial.trim().toLowerCase().replace(/^\//, '');
  return deps.registry
    .leaves()
    .filter((command) => !command.leaf.hidden && command.path.join(' ').startsWith(typed))
    .slice(0, 25)
    .map((command) => ({ name: command.path.join(' '), value: command.path.join(' ') }));
}

export const helpCommand = defineCommand({
  name: 'help',
  description: 'List every command, or explain one command',
  options: [
    {
      name: 'command',
      type: 'string',
      description: 'A command to explain, e.g. "daily schedule"',
      maxLength: 60,
      autocomplete: commandChoices,
    },
  ],
  run: (invocation, deps) => {
    const profile = profileOf(deps, invocation);
    const visible = deps.registry.leaves().filter((command) => {
      const definition = deps.registry.definition(command.path[0] as string);
      return !command.leaf.hidden && (!definition || availableOn(definition, profile));
    });
    const asked = (invocation.options.command ?? '').trim().toLowerCase().replace(/^\//, '');
    if (asked !== '') {
      const matches = visible.filter((command) => command.path.join(' ') === asked || command.path[0] === asked);
      if (matches.length === 0) {
        return reply({
          text: rich('There is no command "', command(asked), '". Type ', command('help'), ' to see every command.'),
          tone: 'error',
          ephemeral: true,
        });
      }
      return reply({
        title: `Help: ${profile.commandPrefix}${asked}`,
        text: paragraphs(matches.map((command) => describe(command, profile, true))),
        ephemeral: true,
      });
    }
    return reply({
      title: 'Cookbook bot commands',
      text: rich(list(visible.map((command) => describe(command, profile, false)))),
      footer: `Options are written name:value. Type ${profile.commandPrefix}help command:<name> for details.`,
      ephemeral: true,
    });
  },
});

function describe(command: ResolvedCommand, profile: PlatformProfile, detailed: boolean): RichText {
  const head = rich(
    bold(`${profile.commandPrefix}${command.path.join(' ')}`),
    `${ROLE_NOTE[command.permission]}: ${command.leaf.description}`,
  );
  if (!detailed) return head;
  const options = (command.leaf.options ?? []).map((option) =>
    rich(code(option.name), `${option.required ? ' (required)' : ''}: ${option.description}`),
  );
  return rich(head, lineBreak, 'Usage: ', code(usage(command, profile)), ...(options.length > 0 ? [list(options)] : []));
}
