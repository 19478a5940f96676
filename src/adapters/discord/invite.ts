import { PermissionFlagsBits } from 'discord.js';

/** The least the bot needs: read and write in channels and threads, open threads, embed and attach. */
const INVITE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory;

/** With pinning the call for questions of a live session. */
export const INVITE_PERMISSIONS_WITH_PINS = INVITE_PERMISSIONS | PermissionFlagsBits.PinMessages;

export function inviteUrl(applicationId: string, permissions = INVITE_PERMISSIONS): string {
  const query = new URLSearchParams({
    client_id: applicationId,
    scope: 'bot applications.commands',
    permissions: permissions.toString(),
  });
  return `https://discord.com/oauth2/authorize?${query.toString().replaceAll('+', '%20')}`;
}
