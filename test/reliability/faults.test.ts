import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { type ConsoleIdentity, runConsoleLine } from '../../src/adapters/console/routes.js';
import type { DispatchResult } from '../../src/core/command-kit/dispatch.js';
import { runJobs } from '../../src/core/jobs.js';
import { createLogger } from '../../src/log.js';
import type { SqliteApp } from '../support/app.js';
import { createTestApp } from '../support/app.js';
import { firstView, md } from '../support/messages.js';
import { type Child, killChild, startChild } from './support/child.js';
import { readableProject } from './support/readable-project.js';

const dir = mkdtempSync(join(tmpdir(), 'cookbook-faults-'));
const apps: SqliteApp[] = [];
const children: Child[] = [];
const cleanups: (() => void)[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
  for (const child of children) killChild(child);
  for (const cleanup of cleanups) cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const host: ConsoleIdentity = { userId: 'host', name: 'Host', role: 'admin', channel: 'live' };
const viewer = (n: number): ConsoleIdentity => ({
  userId: `viewer-${n}`,
  name: `Viewer ${n}`,
  role: 'everyone',
  channel: 'live',
});
let counter = 0;
const WORDS = ['kafka', 'spark', 'flink', 'hive', 'presto', 'delta', 'iceberg', 'hudi', 'beam', 'dbt', 'airbyte', 'nifi'];
/** A question unlike every other one, so no duplicate check merges it. */
function question(): string {
  counter++;
  const pick = (k: number) => WORDS[(counter * 7 + k * 5) % WORDS.length];
  return `Question ${counter}: why would ${pick(1)} beat ${pick(2)} for case zq${counter}x${counter * 31}?`;
}

interface Fixture {
  app: SqliteApp;
  logs: string[];
  acked: number[];
  ask(n: number): Promise<DispatchResult>;
  stored(): number[];
}

/** The real app on a database file, with a live session open and some questions already acknowledged. */
async function fixture(name: string): Promise<Fixture> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await createTestApp(
    { DATABASE_PATH: join(dir, `${name}.db`), STREAM_PER_USER_PER_MINUTE: '1000', STREAM_PER_USER_PER_SESSION: '1000' },
    createLogger('error', [], sink),
  );
  apps.push(app);
  const now = new Date('2026-12-01T10:00:00Z');
  expect((await runConsoleLine('/stream start title:"Fault session"', host, app.deps, now)).status).toBe('ok');
  const acked: number[] = [];
  const ask = async (n: number) => {
    let result: DispatchResult;
    try {
      result = await runConsoleLine(`/ask question:"${question()}"`, viewer(n), app.deps, now);
    } catch {
      // The reply never reached the person: nothing was acknowledged.
      return { status: 'error' as const, messages: [] };
    }
    const told = /Your question is #(\d+)/.exec(md(firstView(result)?.text))?.[1];
    if (result.status === 'ok' && told) acked.push(Number(told));
    return result;
  };
  for (let n = 0; n < 5; n++) expect((await ask(n)).status).toBe('ok');
  const stored = () => app.db.$client.prepare('SELECT id FROM submissions ORDER BY id').pluck().all() as number[];
  return { app, logs, acked, ask, stored };
}

function expectToldItFailed(result: DispatchResult): void {
  expect(result.status).toBe('error');
  const reply = firstView(result);
  expect(reply?.tone).toBe('error');
  expect(md(reply?.text)).toMatch(/went wrong.*try again/i);
}

describe('storage faults', () => {
  it('GIVEN the database turns read-only mid-run THEN writes are refused with an apology, nothing earlier is lost, and writing resumes once it is writable', async () => {
    const f = await fixture('read-only');
    const admin = { ...host, channel: 'daily' };
    const schedule = await runConsoleLine(
      '/daily schedule time:09:00 timezone:UTC',
      admin,
      f.app.deps,
      new Date('2026-12-01T08:00:00Z'),
    );
    expect(schedule.status).toBe('ok');
    f.app.db.$client.pragma('query_only = ON');
    const before = f.stored();
    for (let n = 0; n < 3; n++) expectToldItFailed(await f.ask(n));
    expect(f.stored()).toEqual(before);
    expect(f.logs.join('')).toContain('readonly');
    // The daily post falls due meanwhile: nothing is claimed or posted, the failure is logged.
    const posts = (routed: Awaited<ReturnType<typeof runJobs>>) => routed.filter((item) => item.message.kind === 'post');
    expect(posts(await runJobs(new Date('2026-12-02T09:00:00Z'), f.app.deps))).toEqual([]);

    f.app.db.$client.pragma('query_only = OFF');
    expect((await f.ask(9)).status).toBe('ok');
    expect(f.stored()).toEqual(expect.arrayContaining(f.acked));
    expect(f.acked).toHaveLength(6);
    // The next tick catches up on the post that fell due during the fault, once.
    expect(posts(await runJobs(new Date('2026-12-02T09:01:00Z'), f.app.deps))).toHaveLength(1);
    expect(posts(await runJobs(new Date('2026-12-02T09:02:00Z'), f.app.deps))).toEqual([]);
  });

  it('GIVEN the disk fills up during a burst THEN each failed write is reported, none is half-kept, and all acknowledged ones survive a restart', async () => {
    const f = await fixture('disk-full');
    const client = f.app.db.$client;
    // No room beyond the pages in use: the next write that needs a page fails with SQLITE_FULL.
    client.pragma(`max_page_count = ${Number(client.pragma('page_count', { simple: true }))}`);
    let failures = 0;
    for (let n = 0; n < 60 && failures < 5; n++) {
      const result = await f.ask(n % 7);
      if (result.status !== 'ok') {
        failures++;
        if (result.messages.length > 0) expectToldItFailed(result);
      }
    }
    expect(failures).toBe(5);
    expect(f.logs.join('')).toMatch(/disk is full|SQLITE_FULL/);
    // Every stored question was acknowledged: a failed write keeps nothing.
    expect(f.stored()).toEqual(f.acked);

    client.pragma('max_page_count = 1073741823');
    expect((await f.ask(8)).status).toBe('ok');
    await f.app.close();
    const again = await createTestApp({ DATABASE_PATH: join(dir, 'disk-full.db') });
    apps.push(again);
    expect(again.db.$client.prepare('SELECT id FROM submissions ORDER BY id').pluck().all()).toEqual(f.acked);
    expect(again.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('GIVEN the database file and folder made read-only THEN the bot refuses to start and says why, and starts with every record once they are writable', async () => {
    const folder = join(dir, 'owned');
    mkdirSync(folder);
    const database = join(folder, 'bot.db');
    // File permissions do not bind root: run the bot as an ordinary user then.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    const project = asUser ? readableProject(asUser) : undefined;
    if (project) cleanups.push(project.dispose);
    if (asUser) {
      chmodSync(dir, 0o755);
      chownSync(folder, asUser.uid, asUser.gid);
    }
    const bot = async (input: string) => {
      const child = startChild(
        'node',
        ['--import', 'tsx', 'src/main.ts'],
        { DATABASE_PATH: database, HOME: folder },
        false,
        asUser,
        project?.root,
      );
      children.push(child);
      child.process.stdin?.end(input);
      return { exit: await child.closed, child };
    };

    const first = await bot('/quiz topic:kafka\n');
    expect(first.exit.code, first.child.stderr()).toBe(0);
    expect(first.child.stdout()).toContain('== Quiz: Apache Kafka ==');

    chmodSync(database, 0o444);
    const refused = await bot('/quiz topic:kafka\n');
    expect(refused.exit.code).toBe(1);
    expect(refused.child.stderr()).toContain(`Cannot start: Cannot open the database at ${database}: EACCES: permission denied`);
    expect(existsSync(`${database}-wal`), 'a refused start leaves no read-only -wal behind').toBe(false);
    expect(refused.child.stdout()).toBe('');

    chmodSync(database, 0o644);
    chmodSync(folder, 0o555);
    const noFolder = await bot('/quiz topic:kafka\n');
    expect(noFolder.exit.code).toBe(1);
    expect(noFolder.child.stderr()).toContain(`Cannot start: Cannot open the database at ${database}:`);

    chmodSync(folder, 0o755);
    const back = await bot('/mydata show\n');
    expect(back.exit.code, back.child.stderr()).toBe(0);
    expect(back.child.stdout()).toContain('Quiz questions dealt to you: 1');
  }, 60_000);
});
