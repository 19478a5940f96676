import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runConsoleLine } from '../../src/adapters/console/routes.js';
import { createTestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { md } from '../support/messages.js';

const dir = mkdtempSync(join(tmpdir(), 'stream-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the live-stream flow from the command line', () => {
  it('GIVEN the documented sequence on a fresh database THEN the queue, the Markdown export and the count come out as promised', async () => {
    const env = { DATABASE_PATH: join(dir, 't.db') };
    // The steps up to the end of the session run in-process on the same database file (spawning is slow);
    // the commands whose output matters are run through the real CLI.
    const app = await createTestApp(env);
    const now = new Date();
    const as = (userId: string, moderator = false) => ({
      userId,
      name: userId,
      role: moderator ? ('admin' as const) : ('everyone' as const),
      channel: 'console',
    });
    try {
      expect((await runConsoleLine('/stream start title:"Live #97"', as('console-user', true), app.deps, now)).status).toBe('ok');
      const ana = await runConsoleLine(
        '/ask question:"What is a watermark in stream processing?" category:"Apache Flink"',
        as('ana'),
        app.deps,
        now,
      );
      expect(ana.status).toBe('ok');
      const bo = await runConsoleLine('/ask question:"what is a topic"', as('bo'), app.deps, now);
      expect(md(bo.messages[0]?.view.text)).toContain('under Kafka: "What is a topic?"');
    } finally {
      await app.close();
    }

    const queue = runCli(['say', '--moderator', '--json', '/stream queue'], env);
    expect(queue.status).toBe(0);
    const [reply] = JSON.parse(queue.stdout) as { kind: string; view: { text: string; actions: { id: string }[] } }[];
    expect(md(reply?.view.text)).toContain('**#1** What is a watermark in stream processing?');
    expect(reply?.view.actions.map((action) => action.id)).toContain('/stream approve id:1');

    const again = await createTestApp(env);
    try {
      expect((await runConsoleLine('/stream approve id:1', as('console-user', true), again.deps, now)).status).toBe('ok');
      expect((await runConsoleLine('/stream end', as('console-user', true), again.deps, now)).status).toBe('ok');
    } finally {
      await again.close();
    }

    const markdown = runCli(['export', '--format', 'markdown'], env);
    expect(markdown.status).toBe(0);
    expect(markdown.stdout).toBe('### Apache Flink\n\n-   What is a watermark in stream processing?\n');
    const count = runCli(['say', '/questions count'], env);
    expect(count.status).toBe(0);
    expect(count.stdout).toContain('██░░░░░░░░░░░░░░░░░░ 97 / 1001 (9.7%)');
  }, 90_000);
});
