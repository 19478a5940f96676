import type { Job } from '../job.js';

/** Slack redelivers for minutes and Discord interaction ids are single-use: a day covers every redelivery window. */
const EVENT_KEYS_KEPT_MS = 24 * 60 * 60 * 1000;
/** Keys forgotten per tick, so a long backlog is worked off over several minutes without one long write. */
export const EVENT_KEYS_PRUNED_PER_TICK = 5_000;

export const pruneEventKeys: Job = {
  name: 'prune-event-keys',
  async run(now, deps) {
    const removed = await deps.store.events.prune(new Date(now.getTime() - EVENT_KEYS_KEPT_MS), EVENT_KEYS_PRUNED_PER_TICK);
    if (removed > 0) deps.log.debug({ removed }, 'old event keys pruned');
    return [];
  },
};
