import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { type Child, isAlive, killChild, startChild } from './support/child.js';

const dir = mkdtempSync(join(tmpdir(), 'cookbook-shutdown-'));
const children: Child[] = [];
afterAll(() => {
  for (const child of children) killChild(child);
  rmSync(dir, { recursive: true, force: true });
});

const LINES = 12;

/** `npm start` on a fresh database file, in its own process group, ready for commands on stdin. */
async function startBot(name: string): Promise<{ child: Child; database: string }> {
  const database = join(dir, `${name}.db`);
  const child = startChild('npm', ['start'], { DATABASE_PATH: database, LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '8000' }, true);
  children.push(child);
  await child.waitFor(/"msg":"ready"/, 30_000);
  return { child, database };
}

function logLines(child: Child): { msg: string; reason?: string; pid: number }[] {
  return child
    .stderr()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

describe.concurrent('npm start stops cleanly on a signal', () => {
  const cases: { signal: NodeJS.Signals; to: 'npm' | 'group'; like: string }[] = [
    { signal: 'SIGTERM', to: 'npm', like: 'docker stop / kill <pid>' },
    { signal: 'SIGINT', to: 'group', like: 'Ctrl-C in a terminal' },
    { signal: 'SIGINT', to: 'npm', like: 'kill -INT <pid>' },
    { signal: 'SIGTERM', to: 'group', like: 'systemd stop' },
  ];
  for (const { signal, to, like } of cases) {
    it(`GIVEN commands in flight WHEN ${signal} reaches ${to === 'npm' ? 'npm' : 'the process group'} (${like}) THEN work finishes, the database closes, the process exits 0`, async () => {
      const { child, database } = await startBot(`${signal}-${to}`);
      const botPid = logLines(child).find((line) => line.msg === 'ready')?.pid ?? -1;
      expect(isAlive(botPid)).toBe(true);
      for (let i = 0; i < LINES; i++) child.process.stdin?.write('/quiz topic:kafka\n');
      const pid = child.process.pid ?? 0;
      process.kill(to === 'group' ? -pid : pid, signal);
      const exit = await Promise.race([
        child.closed,
        new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000)),
      ]);

      expect(exit, child.stderr()).toEqual({ code: 0, signal: null });
      const logs = logLines(child);
      expect(logs.find((line) => line.msg === 'shutting down')?.reason).toBe(signal);
      expect(logs.some((line) => line.msg === 'stopped')).toBe(true);
      expect(logs.some((line) => line.msg.includes('took too long'))).toBe(false);
      expect(isAlive(botPid), 'the bot process outlived npm').toBe(false);
      // A clean close checkpoints the write-ahead log into the database file and removes it.
      expect(existsSync(`${database}-wal`)).toBe(false);

      const db = new Database(database, { readonly: true });
      const rounds = db.prepare('SELECT count(*) AS n FROM quiz_rounds').get() as { n: number };
      const integrity = db.pragma('integrity_check', { simple: true });
      db.close();
      const replies = child.stdout().match(/^== Quiz: /gm)?.length ?? 0;
      // Every question the person was shown is stored, and nothing is stored that was not shown.
      expect(rounds.n).toBe(replies);
      expect(integrity).toBe('ok');
    }, 60_000);
  }
});
