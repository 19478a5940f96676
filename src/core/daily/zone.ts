import type { Deps } from '../deps.js';

/** The time zone a channel's times are written in: its daily schedule's zone, else UTC. */
export function channelZone(deps: Deps, channelId: number): string {
  return deps.store.daily.schedules.ofChannel(channelId)?.timezone ?? 'UTC';
}
