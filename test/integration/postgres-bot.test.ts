import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runConsoleLine } from '../../src/adapters/console/routes.js';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/logger.js';
import { backupPostgres } from '../../src/store/pg/backup.js';
import { PROJECT_ROOT } from '../support/app.js';
import { runCli, runStart } from '../support/cli.js';
import { firstView, md } from '../support/messages.js';
import { freshPostgresDatabase } from '../support/postgres.js';

const postgres = await freshPostgresDatabase();
const restored = postgres ? await freshPostgresDatabase() : undefined;
const dir = mkdtempSync(join(tmpdir(), 'cookbook-pg-bot-'));
const apps: App[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
  await postgres?.drop();
  await restored?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const env = (url: string) => ({ DATABASE_URL: url, CONTENT_DIR: join(PROJECT_ROOT, 'content'), WEB_PORT: 'off' });

async function appOn(url: string): Promise<App> {
  const app = await createApp(loadConfig({ ...env(url), RANDOM_SEED: '7' }), silentLogger);
  apps.push(app);
  return app;
}

describe.skipIf(!postgres).sequential('the bot on PostgreSQL', () => {
  const url = postgres?.url ?? '';

  it('GIVEN DATABASE_URL THEN the CLI schedules the daily question there, and the console bot finds it', () => {
    const scheduled = runCli(['say', '--moderator', '/daily schedule time:09:00 timezone:UTC'], env(url));
    expect(scheduled.stderr).toBe('');
    expect(scheduled.status).toBe(0);
    expect(scheduled.stdout).toContain('09:00');
    const run = runStart('/daily status\n/quit\n', env(url));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('09:00');
    expect(run.stdout).toContain('UTC');
  });

  it('GIVEN a password in DATABASE_URL and no server there THEN the bot says it cannot start, without the password', () => {
    const run = runStart('', env('postgres://bot:do-not-print-me@127.0.0.1:9/cookbook'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Cannot start: Cannot open the PostgreSQL database at postgres:\/\/bot:/m);
    expect(run.stdout + run.stderr).not.toContain('do-not-print-me');
  });

  it('WHEN one process changes a live session THEN the web pages of another process hear of it', async () => {
    const [first, second] = [await appOn(url), await appOn(url)] as [App, App];
    const heard: (number | undefined)[] = [];
    second.deps.changes?.subscribe((session) => heard.push(session));
    const host = { userId: 'host', name: 'Host', role: 'admin' as const, channel: 'live-relay' };
    await runConsoleLine('/stream start title:"Across processes"', host, first.deps, new Date());
    const viewer = { userId: 'viewer', name: 'Viewer', role: 'everyone' as const, channel: 'live-relay' };
    const asked = await runConsoleLine(
      '/ask question:"How do you backfill a partitioned table safely?"',
      viewer,
      first.deps,
      new Date(),
    );
    expect(asked.status).toBe('ok');
    const deadline = Date.now() + 5_000;
    while (heard.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard.length).toBeGreaterThan(0);
  });

  it('WHEN the connections that listen for changes are cut THEN each process listens again and hears the next change', async () => {
    const [first, second] = [await appOn(url), await appOn(url)] as [App, App];
    const heard: (number | undefined)[] = [];
    second.deps.changes?.subscribe((session) => heard.push(session));
    if (first.store.dialect !== 'postgres') throw new Error('expected PostgreSQL');
    const pool = first.store.db.$client;
    const cut = await pool.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    );
    expect(cut.rowCount).toBeGreaterThanOrEqual(2);
    const listening = async () =>
      Number(
        (
          await pool.query<{ n: string }>(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
          )
        ).rows[0]?.n,
      );
    const deadline = Date.now() + 8_000;
    // Every process that listened before listens again (earlier tests of this file left theirs open too).
    while ((await listening()) < (cut.rowCount ?? 0) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    // A LISTEN shown as running may not have taken effect yet: a few people ask, a moment apart.
    for (let n = 0; n < 5 && heard.length === 0 && Date.now() < deadline; n++) {
      const viewer = { userId: `viewer-${n + 2}`, name: `Viewer ${n + 2}`, role: 'everyone' as const, channel: 'live-relay' };
      await runConsoleLine(
        `/ask question:"What changes when pipeline ${n} replays its events twice?"`,
        viewer,
        first.deps,
        new Date(),
      );
      const waitUntil = Date.now() + 400;
      while (heard.length === 0 && Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(heard.length).toBeGreaterThan(0);
  });

  it('WHEN backed up with npm run backup THEN pg_restore brings every row back into an empty database', async () => {
    const app = await appOn(url);
    const person = { userId: 'quizzer', name: 'Quizzer', role: 'everyone' as const, channel: 'general' };
    const quiz = await runConsoleLine('/quiz', person, app.deps, new Date());
    expect(quiz.status).toBe('ok');
    const file = join(dir, 'cookbook.dump');
    const run = runCli(['backup', file], env(url));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Backed up postgres:\/\/.* to .*cookbook\.dump \(\d+ bytes, pg_dump's custom format/);

    const target = restored?.url ?? '';
    const { execFileSync } = await import('node:child_process');
    execFileSync('pg_restore', ['--no-owner', `--dbname=${target}`, file]);
    const again = await appOn(target);
    const status = await runConsoleLine(
      '/daily status',
      { ...person, role: 'admin', channel: 'console' },
      again.deps,
      new Date(),
    );
    expect(md(firstView(status)?.text)).toContain('09:00');
  });

  it('GIVEN a person with answers and questions WHEN they ask /mydata show and delete THEN both work on PostgreSQL', async () => {
    const app = await appOn(url);
    const ana = { userId: 'ana', name: 'Ana Example', role: 'everyone' as const, channel: 'live-relay' };
    const asked = await runConsoleLine('/ask question:"How do I size Kafka partitions for a burst?"', ana, app.deps, new Date());
    expect(asked.status).toBe('ok');
    const shown = await runConsoleLine('/mydata show', ana, app.deps, new Date());
    expect(md(firstView(shown)?.text)).toContain('Display name: Ana Example');
    expect(md(firstView(shown)?.text)).toContain('Live-stream questions you sent: 1');
    const exported = JSON.parse(firstView(shown)?.attachments?.[0]?.content ?? '{}');
    expect(md(exported.records.submissions[0].text)).toBe('How do I size Kafka partitions for a burst?');

    const erased = await runConsoleLine('/mydata delete confirm:true', ana, app.deps, new Date());
    expect(erased.status).toBe('ok');
    expect(md(firstView(erased)?.text)).toContain('Kept without your name');
    const after = await runConsoleLine('/mydata show', ana, app.deps, new Date());
    expect(md(firstView(after)?.text)).not.toContain('Live-stream questions you sent: 1');
    const [kept] = await (app.store.dialect === 'postgres'
      ? app.store.db.$client.query<{ userId: number | null }>(
          'SELECT user_id AS "userId" FROM submissions WHERE text = \'How do I size Kafka partitions for a burst?\'',
        )
      : Promise.reject(new Error('not on PostgreSQL'))
    ).then((result) => result.rows);
    expect(kept?.userId).toBeNull();
  });

  it('GIVEN a backup file that cannot be written THEN the backup fails with a short reason and leaves nothing behind', async () => {
    await expect(backupPostgres(url, join(dir, 'missing-folder', 'x.dump'))).rejects.toThrow(
      /pg_dump could not back up postgres:\/\//,
    );
  });
});
