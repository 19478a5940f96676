import { defineCommand, defineSubcommand, type UserOption } from '../command-kit/define.js';
import { type Deps, profileOf } from '../deps.js';
import type { Invocation } from '../invocation.js';
import { bold, list, rich } from '../rich-text.js';
import { reply, type View } from '../view.js';

async function displayName(invocation: Invocation, deps: Deps, user: string): Promise<string> {
  return (await deps.store.moderators.knownName(invocation.platform, invocation.tenant, user)) ?? user;
}

async function setRole(invocation: Invocation<{ user: string }>, deps: Deps, role: 'moderator' | null): Promise<View> {
  const user = invocation.options.user;
  const name = await displayName(invocation, deps, user);
  await deps.store.directory.setGrantedRole(invocation.platform, invocation.tenant, user, name, role, invocation.now);
  return reply({
    text: rich(bold(name), role ? ' is now a moderator.' : ' is no longer a moderator named here.'),
    footer: profileOf(deps, invocation).rolesFrom,
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
  description: 'Name who moderates besides the admins, where the platform has no moderator roles',
  permission: 'admin',
  needs: 'moderators-named-in-bot',
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
        const named = await deps.store.moderators.list(invocation.platform, invocation.tenant);
        return reply({
          title: 'Moderators',
          text: named.length === 0 ? rich('Nobody has been named yet.') : rich(list(named.map((person) => person.name))),
          footer: profileOf(deps, invocation).rolesFrom,
          ephemeral: true,
        });
      },
    }),
  ],
});
