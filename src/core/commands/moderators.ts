import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { escapeMarkdown } from '../text.js';
import { reply, type View } from '../view.js';
import { defineCommand, defineSubcommand, type UserOption } from './define.js';

/** Only Slack has no server roles to lean on: there, a workspace admin names the moderators inside the bot. */
function requireSlack(invocation: Invocation): void {
  if (invocation.platform !== 'slack') {
    throw new UserError('not-on-this-platform', 'Moderators are named this way only on Slack; here they come from server roles.');
  }
}

async function displayName(invocation: Invocation, deps: Deps, user: string): Promise<string> {
  return (await deps.store.moderators.knownName(invocation.platform, invocation.tenant, user)) ?? user;
}

async function setRole(invocation: Invocation<{ user: string }>, deps: Deps, role: 'moderator' | null): Promise<View> {
  requireSlack(invocation);
  const user = invocation.options.user;
  const name = await displayName(invocation, deps, user);
  await deps.store.directory.setGrantedRole(invocation.platform, invocation.tenant, user, name, role, invocation.now);
  const who = `**${escapeMarkdown(name)}**`;
  return reply({
    text: role ? `${who} is now a moderator.` : `${who} is no longer a moderator named here.`,
    footer: 'Workspace admins and owners are always moderators.',
    tone: 'success',
    ephemeral: true,
  });
}

const userOption = {
  name: 'user',
  type: 'user',
  description: 'The person, e.g. @someone',
  required: true,
} as const satisfies UserOption;

export const moderatorsCommand = defineCommand({
  name: 'moderators',
  description: 'Name who moderates besides workspace admins (Slack)',
  permission: 'admin',
  platforms: ['slack'],
  subcommands: [
    defineSubcommand({
      name: 'add',
      description: 'Make someone a moderator',
      options: [userOption],
      run: async (invocation, deps) => await setRole(invocation, deps, 'moderator'),
    }),
    defineSubcommand({
      name: 'remove',
      description: 'Take the moderator role back',
      options: [userOption],
      run: async (invocation, deps) => await setRole(invocation, deps, null),
    }),
    defineSubcommand({
      name: 'list',
      description: 'List the moderators named here',
      run: async (invocation, deps) => {
        requireSlack(invocation);
        const named = await deps.store.moderators.list(invocation.platform, invocation.tenant);
        return reply({
          title: 'Moderators',
          text:
            named.length === 0
              ? 'Nobody has been named yet. Workspace admins and owners moderate.'
              : named.map((person) => `- ${escapeMarkdown(person.name)}`).join('\n'),
          footer: 'Workspace admins and owners are always moderators.',
          ephemeral: true,
        });
      },
    }),
  ],
});
