import { type Client, DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

/** Whether `userId` is a member of the server `guildId` now, asked of Discord; a server the bot is not in has none. */
export async function isMemberOf(client: Client, guildId: string, userId: string): Promise<boolean> {
  const guild = client.guilds.cache.get(guildId);
  if (!guild) return false;
  try {
    await guild.members.fetch({ user: userId, force: true });
    return true;
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMember) return false;
    throw error;
  }
}
