import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { type ConsoleIdentity, runConsoleLine } from '../../src/adapters/console/routes.js';
import { backupDatabase } from '../../src/store/backup.js';
import type { SqliteApp } from '../support/app.js';
import { createTestApp } from '../support/app.js';
import { md } from '../support/messages.js';
import { killChild, startChild } from './support/child.js';

const dir = mkdtempSync(join(tmpdir(), 'cookbook-backup-'));
const live = join(dir, 'live.db');
const apps: SqliteApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
  rmSync(dir, { recursive: true, force: true });
});
const now = new Date('2026-12-01T10:00:00Z');
const person = (userId: string): ConsoleIdentity => ({ userId, name: userId, role: 'everyone', channel: 'study' });
const rounds = (app: SqliteApp) => (app.db.$client.prepare('SELECT count(*) AS n FROM quiz_rounds').get() as { n: number }).n;

describe('npm run backup', () => {
  it('GIVEN a running bot with recent writes WHEN backed up and restored THEN the restored bot has every record', async () => {
    const app = await createTestApp({ DATABASE_PATH: live });
    apps.push(app);
    for (const user of ['ana', 'bo', 'cy'])
      expect((await runConsoleLine('/quiz', person(user), app.deps, now)).status).toBe('ok');
    // The writes are still in the write-ahead log of the live connection: the backup must include them.
    expect(statSync(`${live}-wal`).size).toBeGreaterThan(0);
    const atBackup = rounds(app);

    const backup = join(dir, 'nightly.db');
    const child = startChild('npm', ['run', '-s', 'backup', '--', backup], { DATABASE_PATH: live });
    const exit = await Promise.race([child.closed, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 30_000))]);
    killChild(child);
    expect(exit, child.stderr()).toEqual({ code: 0, signal: null });
    expect(child.stdout()).toContain(`to ${backup}`);
    expect(existsSync(`${backup}-wal`)).toBe(false);
    expect(existsSync(`${backup}.partial`)).toBe(false);

    // The live bot carries on; later writes are not in the backup.
    await runConsoleLine('/quiz', person('dee'), app.deps, now);

    // Restore: stop the bot, put the backup in place of the database file, start again.
    const restored = join(dir, 'restored.db');
    copyFileSync(backup, restored);
    const again = await createTestApp({ DATABASE_PATH: restored });
    apps.push(again);
    expect(rounds(again)).toBe(atBackup);
    expect(again.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    const mine = await runConsoleLine('/mydata show', person('bo'), again.deps, now);
    expect(md(mine.messages[0]?.view.text)).toContain('Quiz questions dealt to you: 1');
    const dee = await runConsoleLine('/mydata show', person('dee'), again.deps, now);
    expect(md(dee.messages[0]?.view.text)).toContain('Quiz questions dealt to you: 0');
  }, 60_000);

  it('GIVEN no database at the configured path THEN the backup fails with a clear message and writes nothing', async () => {
    const target = join(dir, 'never.db');
    await expect(backupDatabase(join(dir, 'missing.db'), target)).rejects.toThrow('There is no database at');
    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
  });

  it('GIVEN an existing backup file WHEN backed up again THEN it is replaced by a complete, newer copy', async () => {
    const target = join(dir, 'rolling.db');
    const source = new Database(join(dir, 'small.db'));
    source.exec('CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES (1)');
    await backupDatabase(join(dir, 'small.db'), target);
    source.exec('INSERT INTO notes VALUES (2)');
    await backupDatabase(join(dir, 'small.db'), target);
    source.close();
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 2 });
    copy.close();
  });
});
