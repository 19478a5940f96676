import { type Client, DiscordAPIError, type Interaction, PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import type { Role } from '../../core/invocation.js';

/** Role from a member's permissions, never from what Discord chose to show. */
export function roleFromPermissions(permissions: Readonly<PermissionsBitField> | null): Role {
  if (!permissions) return 'everyone';
  if (permissions.has(PermissionFlagsBits.Administrator) || permissions.has(PermissionFlagsBits.ManageGuild)) return 'admin';
  if (permissions.has(PermissionFlagsBits.ManageMessages)) return 'moderator';
  return 'everyone';
}

/**
 * The interaction's member's role in another channel of its server, from the server's channels, roles and permission
 * overwrites as the gateway delivered them; "everyone" in a channel not of this server.
 */
export function roleInChannel(interaction: Interaction, channelId: string): Role {
  const guild = interaction.guild;
  const channel = guild?.channels.cache.get(channelId);
  if (!guild || !channel || channel.isDMBased()) return 'everyone';
  const member = guild.members.resolve(interaction.user.id);
  return member ? roleFromPermissions(channel.permissionsFor(member)) : 'everyone';
}

/** Discord's codes for a server, channel or member that is not there (any more): the person has no role there. */
const GONE = new Set([10003, 10004, 10007, 10013]);

/**
 * A member's role in a channel asked of Discord now (for the host screen, which has no interaction to read it from);
 * undefined when Discord cannot be asked just now.
 */
export async function memberRoleIn(
  client: Client,
  guildId: string,
  channelId: string,
  userId: string,
): Promise<Role | undefined> {
  try {
    const guild = await client.guilds.fetch(guildId);
    const member = await guild.members.fetch({ user: userId, force: true });
    const channel = await guild.channels.fetch(channelId);
    if (!channel) return 'everyone';
    return roleFromPermissions(channel.permissionsFor(member));
  } catch (error) {
    if (error instanceof DiscordAPIError && typeof error.code === 'number' && GONE.has(error.code)) return 'everyone';
    return undefined;
  }
}
