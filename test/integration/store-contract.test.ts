import { afterAll, describe, expect, it } from 'vitest';
import type { EventsPort } from '../../src/core/ports.js';
import { openDatabase } from '../../src/store/open.js';
import { openPostgres } from '../../src/store/pg/open.js';
import { eventsRepoPg } from '../../src/store/pg/repos/events.js';
import { PgSession } from '../../src/store/pg/session.js';
import { createPorts } from '../../src/store/ports.js';
import { freshPostgresDatabase } from '../support/postgres.js';

/** One store as the core sees it, with three writers (three processes on PostgreSQL) on the same data. */
interface Dialect {
  writers: { events: EventsPort; atomically: <T>(work: () => Promise<T>) => Promise<T> }[];
  close: () => Promise<void>;
}

const postgres = await freshPostgresDatabase();
const opened: Dialect[] = [];
const idleErrors: Error[] = [];
afterAll(async () => {
  for (const dialect of opened) await dialect.close();
  await postgres?.drop();
  expect(idleErrors).toEqual([]);
});

const dialects: [string, () => Promise<Dialect>][] = [
  [
    'SQLite',
    async () => {
      const db = openDatabase(':memory:');
      const ports = createPorts(db);
      const writer = { events: ports.events, atomically: ports.atomically };
      return {
        writers: [writer, writer, writer],
        close: async () => {
          db.$client.close();
        },
      };
    },
  ],
];
if (postgres) {
  dialects.push([
    'PostgreSQL',
    async () => {
      const sessions = await Promise.all(
        [1, 2, 3].map(
          async () =>
            new PgSession(await openPostgres(postgres.url, { max: 4, onIdleClientError: (error) => idleErrors.push(error) })),
        ),
      );
      return {
        writers: sessions.map((session) => ({
          events: eventsRepoPg(session),
          atomically: <T>(work: () => Promise<T>) => session.transaction(work),
        })),
        close: async () => {
          await Promise.all(sessions.map((session) => session.db.$client.end()));
        },
      };
    },
  ]);
}

describe.each(dialects)('the store contract on %s', (_name, open) => {
  const store = async () => {
    const dialect = await open();
    opened.push(dialect);
    const [first] = dialect.writers;
    if (!first) throw new Error('no writer');
    return { first, writers: dialect.writers };
  };
  const now = new Date('2026-12-01T08:00:00Z');
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

  it('GIVEN an event key WHEN it is claimed again THEN only the first claim succeeds, per platform', async () => {
    const { first } = await store();
    expect(await first.events.claim('slack', 'event:1', now)).toBe(true);
    expect(await first.events.claim('slack', 'event:1', now)).toBe(false);
    expect(await first.events.claim('discord', 'event:1', now)).toBe(true);
  });

  it('GIVEN three writers WHEN each claims the same 200 keys at once THEN every key is claimed exactly once', async () => {
    const { writers } = await store();
    const keys = Array.from({ length: 200 }, (_, i) => `interaction:${i}`);
    const claims = await Promise.all(
      writers.flatMap((writer) => keys.map(async (key) => ({ key, won: await writer.events.claim('discord', key, now) }))),
    );
    const won = claims.filter((claim) => claim.won).map((claim) => claim.key);
    expect(won.sort()).toEqual([...keys].sort());
  });

  it('GIVEN a claim in a transaction that fails THEN the claim is rolled back and a redelivery is handled', async () => {
    const { first } = await store();
    await expect(
      first.atomically(async () => {
        expect(await first.events.claim('slack', 'event:rolled-back', now)).toBe(true);
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    expect(await first.events.claim('slack', 'event:rolled-back', now)).toBe(true);
  });

  it('GIVEN old and recent keys WHEN pruned with a limit THEN the oldest go first and recent redeliveries are still caught', async () => {
    const { first, writers } = await store();
    for (let i = 0; i < 30; i++) await first.events.claim('slack', `old:${i}`, hoursAgo(48 - i / 10));
    await first.events.claim('slack', 'recent', hoursAgo(1));
    const pruned = await Promise.all(writers.map((writer) => writer.events.prune(hoursAgo(24), 12)));
    expect(pruned.reduce((sum, n) => sum + n, 0)).toBe(30);
    expect(await first.events.claim('slack', 'recent', now)).toBe(false);
    expect(await first.events.claim('slack', 'old:0', now)).toBe(true);
  });
});
