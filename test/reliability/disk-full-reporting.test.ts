import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runConsoleLine } from '../../src/adapters/console/routes.js';
import { createLogger } from '../../src/log.js';
import { streamSessions } from '../../src/store/schema.js';
import { createTestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { md } from '../support/messages.js';

/** What SQLite says when the disk fills: raised from a trigger so that exactly this one write fails. */
const failWith = (table: string) =>
  `CREATE TRIGGER disk_full_${table} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`;

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(String(chunk));
    done();
  },
});
const app = await createTestApp({}, createLogger('error', [], sink));
afterAll(() => app.close());

describe('a full disk after a command committed', () => {
  it('GIVEN the console cannot record where a post landed WHEN /stream start ran THEN the command is reported done, and the failure is logged', async () => {
    app.db.$client.exec(failWith('deliveries'));
    const result = await runConsoleLine(
      '/stream start title:"Office hours"',
      { userId: 'host', name: 'Host', role: 'admin', channel: 'live' },
      app.deps,
      new Date('2026-12-01T10:00:00Z'),
    );
    expect(result.status).toBe('ok');
    expect(md(result.messages[0]?.view.text)).toContain('is open in this channel');
    expect(app.db.select().from(streamSessions).all()).toHaveLength(1);
    expect(lines.join('')).toContain('recording a console post failed');
    expect(lines.join('')).toContain('database or disk is full');
  });
});

describe('tick when a job fails', () => {
  it('GIVEN the daily post cannot be written WHEN tick runs THEN it logs the failed job and exits non-zero', () => {
    const database = join(mkdtempSync(join(tmpdir(), 'tick-full-')), 'bot.db');
    const env = { DATABASE_PATH: database, LOG_LEVEL: 'error' };
    const scheduled = runCli(['say', '--admin', '--now', '2026-12-01T08:00:00Z', '/daily schedule time:09:00 timezone:UTC'], env);
    expect(scheduled.status, scheduled.stderr).toBe(0);
    const db = new Database(database);
    db.exec(failWith('daily_posts'));
    db.close();

    const tick = runCli(['tick', '--now', '2026-12-01T09:00:00Z'], env);
    expect(tick.status).toBe(2);
    expect(tick.stderr).toContain('"job":"daily-post"');
    expect(tick.stderr).toContain('database or disk is full');
    expect(tick.stderr).toContain('Some scheduled work failed (daily-post)');
  }, 120_000);
});
