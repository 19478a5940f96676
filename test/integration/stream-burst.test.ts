import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { burstDeliveries } from '../../bench/stream-burst.js';
import { type DispatchResult, dispatchLine } from '../../src/core/command-kit/dispatch.js';
import type { SqliteApp } from '../support/app.js';
import { createTestApp } from '../support/app.js';
import { md } from '../support/messages.js';

let app: SqliteApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const context = (user: string, role: 'everyone' | 'moderator' = 'everyone') => ({
  platform: 'slack' as const,
  tenant: 'T-burst',
  channel: 'C-live',
  user: { id: user, name: user, role },
  now: new Date('2026-12-01T20:00:00Z'),
});

describe('a burst of submissions with redeliveries', () => {
  it('GIVEN 400 events from 100 viewers, some delivered twice at once THEN each is stored or refused once, none lost or doubled', async () => {
    expect((await dispatchLine('/stream start title:"Burst"', context('host', 'moderator'), app.deps)).status).toBe('ok');
    const deliveries = burstDeliveries({
      submissions: 400,
      users: 100,
      redeliveryShare: 0.1,
      repeatShare: 0.1,
      pacedPerSecond: 0,
      seed: 5,
    });
    // Every delivery in flight together, as a platform's retries overlap with the originals.
    const results = await Promise.all(
      deliveries.map(
        async (delivery): Promise<[number, DispatchResult]> => [
          delivery.event,
          await dispatchLine(delivery.line, { ...context(delivery.user), idempotencyKey: delivery.key }, app.deps),
        ],
      ),
    );
    const answered = new Map<number, string[]>();
    for (const [event, result] of results) {
      if (result.status === 'duplicate') continue;
      const text = md(result.messages.find((message) => message.kind === 'reply')?.view.text);
      answered.set(event, [...(answered.get(event) ?? []), `${result.status}: ${text}`]);
    }
    expect(results.filter(([, result]) => result.status === 'duplicate')).toHaveLength(deliveries.length - 400);
    expect([...answered.values()].filter((replies) => replies.length !== 1)).toEqual([]);
    expect(answered.size).toBe(400);
    const outcomes = [...answered.values()].map(([reply]) => reply as string);
    expect(outcomes.filter((reply) => reply.startsWith('error'))).toEqual([]);
    const stored = outcomes.filter((reply) => reply.startsWith('ok: Thanks!'));
    const rows = app.db.$client
      .prepare(
        `select idempotency_key as key, user_id as user, normalized from submissions
         where session_id = (select max(id) from stream_sessions)`,
      )
      .all() as { key: string; user: number; normalized: string }[];
    expect(rows).toHaveLength(stored.length);
    expect(new Set(rows.map((row) => `${row.user}|${row.normalized}`)).size).toBe(rows.length);
    for (const reply of outcomes) {
      expect(reply).toMatch(/^ok: (Thanks!|This matches question)|^user-error: You can send at most 3 questions a minute/);
    }
    expect(outcomes.filter((reply) => reply.startsWith('ok: This matches')).length).toBeGreaterThan(0);
    expect(outcomes.filter((reply) => reply.startsWith('user-error')).length).toBeGreaterThan(0);
  });
});
