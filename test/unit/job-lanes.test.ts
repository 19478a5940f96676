import { afterAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/core/job.js';
import { runJobsEach } from '../../src/core/jobs.js';
import { rich } from '../../src/core/rich-text.js';
import type { Routed } from '../../src/core/routed.js';
import { createTestApp } from '../support/app.js';
import { md } from '../support/messages.js';

const app = await createTestApp();
afterAll(() => app.close());

const post = (channel: string, dueAt: string): Routed => ({
  platform: 'discord',
  tenant: 'guild',
  dueAt: new Date(dueAt),
  message: { kind: 'post', channel, view: { text: rich(`${channel} at ${dueAt}`), ephemeral: false } },
});

/** Hands a lane's messages over as a slow platform takes them, and records when each started and ended. */
async function handOver(items: Routed[]) {
  const job: Job = { name: 'fixture', run: () => items };
  const log: { text: string; start: number; end: number }[] = [];
  let clock = 0;
  await runJobsEach(
    new Date('2026-12-01T08:00:00Z'),
    app.deps,
    async (item) => {
      const entry = { text: item.message.kind === 'post' ? md(item.message.view.text) : '', start: clock++, end: -1 };
      log.push(entry);
      await new Promise((resolve) => setTimeout(resolve, 20));
      entry.end = clock++;
    },
    [job],
  );
  return log;
}

describe('the lanes of the scheduler', () => {
  it('GIVEN many posts due at once THEN several are handed over together, and every one goes out once', async () => {
    const items = Array.from({ length: 20 }, (_, i) => post(`c${i}`, '2026-12-01T08:00:00Z'));
    const log = await handOver(items);
    expect(log.map((entry) => entry.text).sort()).toEqual(
      items.map((item) => (item.message.kind === 'post' ? md(item.message.view.text) : '')).sort(),
    );
    const overlapping = log.filter((entry) =>
      log.some((other) => other !== entry && other.start < entry.end && entry.start < other.end),
    );
    expect(overlapping.length).toBeGreaterThan(10);
  });

  it('GIVEN posts due at different times THEN none starts before every earlier one was handed over', async () => {
    const items = [
      ...Array.from({ length: 8 }, (_, i) => post(`a${i}`, '2026-12-01T07:58:00Z')),
      ...Array.from({ length: 8 }, (_, i) => post(`b${i}`, '2026-12-01T07:59:00Z')),
      ...Array.from({ length: 8 }, (_, i) => post(`c${i}`, '2026-12-01T08:00:00Z')),
    ];
    const log = await handOver(items);
    for (const [earlier, later] of [
      ['T07:58', 'T07:59'],
      ['T07:59', 'T08:00'],
    ] as const) {
      const lastEnd = Math.max(...log.filter((entry) => entry.text.includes(earlier)).map((entry) => entry.end));
      const firstStart = Math.min(...log.filter((entry) => entry.text.includes(later)).map((entry) => entry.start));
      expect(firstStart).toBeGreaterThan(lastEnd);
    }
  });

  it('GIVEN two messages for one channel THEN the second starts after the first was handed over', async () => {
    const items = [
      post('same', '2026-12-01T08:00:00Z'),
      post('other', '2026-12-01T08:00:00Z'),
      post('same', '2026-12-01T08:00:00Z'),
    ];
    const log = await handOver(items);
    const [first, second] = log.filter((entry) => entry.text.startsWith('same'));
    expect(second?.start).toBeGreaterThan(first?.end ?? Number.POSITIVE_INFINITY);
  });
});
