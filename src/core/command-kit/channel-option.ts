import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import type { PlatformProfile } from '../platform.js';
import { channelIdOf } from './channel-id.js';

/**
 * The channel a command should post into: the invocation's own when the option is empty, otherwise a channel of the
 * same tenant that the invoking person can see, as the platform says right now.
 */
export async function checkedChannelOption(
  invocation: Invocation,
  profile: PlatformProfile,
  raw: string | undefined,
): Promise<string | undefined> {
  if (raw === undefined || raw.trim() === '') return undefined;
  const id = channelIdOf(raw);
  if (id === invocation.channel || !profile.checksChannels) return id;
  const access = /^[\w.-]{1,64}$/.test(id) && invocation.channelAccess ? await invocation.channelAccess(id) : 'unknown';
  if (access !== 'visible') {
    throw new UserError('channel-not-here', `The channel must be a channel of this ${profile.tenantNoun} that you can see.`);
  }
  return id;
}
