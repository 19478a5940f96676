import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_KEYS_PRUNED_PER_TICK } from '../../src/core/housekeeping/prune-events.js';
import { runJobs } from '../../src/core/jobs.js';
import { processedEvents } from '../../src/store/schema.js';
import { createTestApp } from '../support/app.js';

const app = await createTestApp();
afterAll(() => app.close());

const now = new Date('2026-12-02T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
const keys = () => app.db.select().from(processedEvents).all();

describe('processed event keys', () => {
  it('GIVEN keys older than a day and recent ones WHEN the scheduler ticks THEN old keys go, recent redeliveries are still caught', async () => {
    const events = app.deps.store.events;
    const old = EVENT_KEYS_PRUNED_PER_TICK + 10;
    await app.deps.store.atomically(async () => {
      for (let i = 0; i < old; i++) await events.claim('slack', `old-${i}`, hoursAgo(25 + i / 1000));
    });
    expect(await events.claim('slack', 'recent', hoursAgo(23))).toBe(true);

    await runJobs(now, app.deps);
    expect(keys()).toHaveLength(11);

    await runJobs(now, app.deps);
    expect(keys().map((row) => row.key)).toEqual(['recent']);
    expect(await events.claim('slack', 'recent', now)).toBe(false);
    expect(await events.claim('slack', 'old-1', now)).toBe(true);
  });
});
