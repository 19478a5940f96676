import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleLine } from '../../src/adapters/console/routes.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/logger.js';
import { PROJECT_ROOT } from '../support/app.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { bundleDriver } from './support/bundle.js';
import { type Child, killChild, startChild } from './support/child.js';
import { readPlatform } from './support/recording-platform.js';

const CHANNELS = 10_000;
const SUBMISSIONS = 2_000;
const PROCESSES = 3;

const postgres = await freshPostgresDatabase();
const dir = mkdtempSync(join(tmpdir(), 'cookbook-shared-db-'));
const children: Child[] = [];
const drivers = { fanout: '', burst: '' };

beforeAll(async () => {
  drivers.fanout = await bundleDriver('shared-fanout');
  drivers.burst = await bundleDriver('shared-burst');
});
afterAll(async () => {
  for (const child of children) killChild(child);
  rmSync(dir, { recursive: true, force: true });
  await postgres?.drop();
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: postgres?.url ?? '',
    CONTENT_DIR: join(PROJECT_ROOT, 'content'),
    LOG_LEVEL: 'silent',
    STREAM_PER_USER_PER_MINUTE: '100000',
    STREAM_PER_USER_PER_SESSION: '100000',
    WEB_PORT: 'off',
    DATABASE_POOL_SIZE: '4',
    ...extra,
  };
}

function start(driver: string, args: string[], extra: Record<string, string>): Child {
  const child = startChild('node', [driver, ...args], env(extra));
  children.push(child);
  return child;
}

async function finished(child: Child, timeoutMs: number): Promise<void> {
  await child.waitFor(/^(DONE|FAILED .*)$/m, timeoutMs);
  expect(child.stdout(), child.stderr().slice(-1000)).toMatch(/^DONE$/m);
}

/** Starts them together: each has opened its database and waits for the word. */
async function allAtOnce(processes: Child[]): Promise<void> {
  await Promise.all(processes.map((child) => child.waitFor(/^READY$/m, 60_000)));
  for (const child of processes) child.process.stdin?.write('GO\n');
}

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: postgres?.url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Opens a live-stream session in `channel`, as a moderator would, with a bot of its own on the shared database. */
async function openSession(channel: string): Promise<number> {
  const app = await createApp(loadConfig(env()), silentLogger);
  try {
    const host = { userId: 'host', name: 'Host', role: 'admin' as const, channel };
    const started = await runConsoleLine('/stream start title:"Shared burst"', host, app.deps, new Date());
    expect(started.status).toBe('ok');
    const [row] = await query<{ id: number }>(
      'SELECT s.id FROM stream_sessions s JOIN channels c ON c.id = s.channel_id WHERE c.external_id = $1 AND s.ended_at IS NULL',
      [channel],
    );
    return Number(row?.id);
  } finally {
    await app.close();
  }
}

/** Waits until `child` has answered `count` deliveries (stored or recognised as redelivered). */
async function handled(child: Child, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((child.stdout().match(/^(ACK|DUP) /gm)?.length ?? 0) < count) {
    if (Date.now() > deadline) throw new Error(`only ${child.stdout().match(/^(ACK|DUP) /gm)?.length ?? 0} deliveries handled`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface BurstOutcome {
  acked: Map<number, number[]>;
  duplicates: number;
  refused: string[];
}

function burstOutcome(processes: Child[]): BurstOutcome {
  const acked = new Map<number, number[]>();
  let duplicates = 0;
  const refused: string[] = [];
  for (const line of processes.flatMap((child) => child.stdout().split('\n'))) {
    const [word, n, id] = line.split(' ');
    if (word === 'ACK') acked.set(Number(n), [...(acked.get(Number(n)) ?? []), Number(id)]);
    else if (word === 'DUP') duplicates++;
    else if (word === 'NOACK' || word === 'FAILED') refused.push(line);
  }
  return { acked, duplicates, refused };
}

async function storedIn(session: number): Promise<{ ids: Set<number>; perEvent: Map<string, number> }> {
  const rows = await query<{ id: number; key: string }>(
    'SELECT id, idempotency_key AS key FROM submissions WHERE session_id = $1',
    [session],
  );
  const perEvent = new Map<string, number>();
  for (const row of rows) perEvent.set(row.key, (perEvent.get(row.key) ?? 0) + 1);
  return { ids: new Set(rows.map((row) => Number(row.id))), perEvent };
}

describe.skipIf(!postgres).sequential('three bot processes on one PostgreSQL', () => {
  it(`GIVEN ${CHANNELS} channels due at 09:00 WHEN three processes tick at the same instant THEN each channel gets exactly one post`, async () => {
    const seeding = start(drivers.fanout, ['seed'], { CHANNELS: String(CHANNELS) });
    await finished(seeding, 120_000);
    const logs = Array.from({ length: PROCESSES }, (_, i) => join(dir, `platform-${i}.jsonl`));
    const ticking = logs.map((log) => start(drivers.fanout, ['tick'], { PLATFORM_LOG: log }));
    await allAtOnce(ticking);
    for (const child of ticking) await finished(child, 240_000);

    const posted = new Map<number, number>();
    const byProcess = logs.map((log) => {
      const posts = readPlatform(log).filter((record) => record.track?.entity === 'daily_post');
      for (const post of posts) posted.set(Number(post.track?.id), (posted.get(Number(post.track?.id)) ?? 0) + 1);
      return posts.length;
    });
    const rows = await query<{ id: number; status: string; channel: string }>(
      'SELECT p.id, p.status, c.external_id AS channel FROM daily_posts p JOIN channels c ON c.id = p.channel_id',
    );
    const channels = new Set(rows.map((row) => row.channel));
    expect(channels.size, 'channels with a post of the day').toBe(CHANNELS);
    expect(rows.length, 'claims: one per channel and day').toBe(CHANNELS);
    expect(rows.filter((row) => row.status !== 'sent')).toEqual([]);
    expect([...posted.values()].filter((count) => count > 1).length, 'posts delivered twice').toBe(0);
    expect(rows.filter((row) => !posted.has(Number(row.id))).length, 'posts never delivered').toBe(0);
    expect(byProcess.reduce((sum, count) => sum + count, 0)).toBe(CHANNELS);
  }, 400_000);

  it(`GIVEN an open session WHEN three processes each take the same ${SUBMISSIONS}-submission burst THEN each is stored once and acknowledged once`, async () => {
    const session = await openSession('live-shared');
    const burst = [1, 2, 3].map((seed) =>
      start(drivers.burst, [String(seed)], { SUBMISSIONS: String(SUBMISSIONS), CHANNEL: 'live-shared' }),
    );
    await allAtOnce(burst);
    for (const child of burst) await finished(child, 240_000);

    const outcome = burstOutcome(burst);
    expect(outcome.refused).toEqual([]);
    expect(outcome.acked.size, 'submissions acknowledged').toBe(SUBMISSIONS);
    expect(
      [...outcome.acked.values()].filter((ids) => ids.length > 1),
      'acknowledged twice',
    ).toEqual([]);
    expect(outcome.duplicates, 'redeliveries recognised').toBe(SUBMISSIONS * (PROCESSES - 1));
    const stored = await storedIn(session);
    expect(stored.ids.size, 'stored').toBe(SUBMISSIONS);
    expect(
      [...stored.perEvent.values()].filter((count) => count > 1),
      'stored twice',
    ).toEqual([]);
    expect(
      [...outcome.acked.values()].flat().filter((id) => !stored.ids.has(id)),
      'acknowledged but lost',
    ).toEqual([]);
  }, 300_000);

  it('GIVEN the same burst WHEN one of the three processes is killed in the middle THEN nothing acknowledged is lost', async () => {
    const session = await openSession('live-killed');
    const burst = [4, 5, 6].map((seed) =>
      start(drivers.burst, [String(seed)], { SUBMISSIONS: String(SUBMISSIONS), CHANNEL: 'live-killed' }),
    );
    await allAtOnce(burst);
    const [victim, ...survivors] = burst as [Child, ...Child[]];
    await handled(victim, SUBMISSIONS / 4, 120_000);
    victim.process.kill('SIGKILL');
    expect((await victim.closed).signal).toBe('SIGKILL');
    for (const child of survivors) await finished(child, 240_000);

    const outcome = burstOutcome(burst);
    expect(outcome.refused).toEqual([]);
    const stored = await storedIn(session);
    expect(
      [...outcome.acked.values()].flat().filter((id) => !stored.ids.has(id)),
      'acknowledged but lost',
    ).toEqual([]);
    expect(
      [...stored.perEvent.values()].filter((count) => count > 1),
      'stored twice',
    ).toEqual([]);
    expect(stored.ids.size, 'every submission stored by the survivors').toBe(SUBMISSIONS);
  }, 300_000);
});
