import { type Interaction, PermissionFlagsBits } from 'discord.js';
import type { ChannelAccess } from '../../core/invocation.js';

/**
 * Whether `channelId` is a channel of the interaction's server that its member can see, from the server's channels,
 * roles and permission overwrites as the gateway delivered them. A channel of another server is not in this
 * server's list, so it is "unknown" here.
 */
export function channelAccessOf(interaction: Interaction, channelId: string): ChannelAccess {
  const guild = interaction.guild;
  const channel = guild?.channels.cache.get(channelId);
  if (!guild || !channel?.isTextBased()) return 'unknown';
  const member = guild.members.resolve(interaction.user.id) ?? interaction.member;
  const permissions = member && typeof member !== 'string' && 'guild' in member ? channel.permissionsFor(member) : null;
  return permissions?.has(PermissionFlagsBits.ViewChannel) ? 'visible' : 'hidden';
}
