import { type Interaction, PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
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
