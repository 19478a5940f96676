import type { Deps } from '../deps.js';

/** The time zone a channel's times are written in: its daily schedule's zone, else UTC. */
export async function channelZone(deps: Deps, channelId: number): Promise<string> {
  return (await deps.store.daily.schedules.ofChannel(channelId))?.timezone ?? 'UTC';
}
