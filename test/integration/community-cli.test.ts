import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordConsoleDeliveries, runConsoleLine } from '../../src/adapters/console/routes.js';
import { runJobs } from '../../src/core/jobs.js';
import { createTestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { md } from '../support/messages.js';

const dir = mkdtempSync(join(tmpdir(), 'community-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ANSWER =
  'Think of the answer in three parts. The tool is explained first, then where it sits in a pipeline, and last what breaks when it is missing or misused.';

describe('community answers from the command line', () => {
  it("GIVEN the issue's sequence on a fresh database THEN the recap keeps Ana's answer, show finds it and the export credits her", async () => {
    const env = { DATABASE_PATH: join(dir, 't.db'), RANDOM_SEED: '7' };
    const ok = (args: string[]) => {
      const run = runCli(args, env);
      expect(run.status, run.stderr).toBe(0);
      return run.stdout;
    };
    // The steps before the recap run in-process on the same database file (spawning is slow); the recap tick,
    // show and export, whose output matters, go through the real CLI.
    const app = await createTestApp(env);
    const as = (userId: string, name: string, role: 'admin' | 'everyone' = 'everyone') => ({
      userId,
      name,
      role,
      channel: 'console',
    });
    const line = async (text: string, who: ReturnType<typeof as>, now: string) =>
      await runConsoleLine(text, who, app.deps, new Date(now));
    try {
      const admin = as('console-user', 'console-user', 'admin');
      expect((await line('/daily schedule time:09:00 timezone:UTC days:everyday', admin, '2026-11-30T12:00:00Z')).status).toBe(
        'ok',
      );
      const posted = await runJobs(new Date('2026-12-01T09:00:00Z'), app.deps);
      await recordConsoleDeliveries(
        posted.map((r) => r.message),
        app.deps,
        new Date('2026-12-01T09:00:00Z'),
      );
      const credit = await line('/mydata credit on', as('ana', 'Ana'), '2026-12-01T09:30:00Z');
      expect(md(credit.messages[0]?.view.text)).toContain('credited to **Ana**');
      expect((await line(`/answer text:"${ANSWER}"`, as('ana', 'Ana'), '2026-12-01T10:00:00Z')).status).toBe('ok');
      expect((await line('/daily best answer:1', admin, '2026-12-01T11:00:00Z')).status).toBe('ok');
    } finally {
      await app.close();
    }

    const recap = JSON.parse(ok(['tick', '--now', '2026-12-02T09:00:00Z'])) as {
      kind: string;
      view: { title?: string; text: string; actions?: { id: string }[] };
    }[];
    const post = recap.find((m) => m.kind === 'thread' && m.view.title?.startsWith('Recap'));
    expect(md(post?.view.text)).toContain("today's answer (marked best by a moderator) now stands for question #");
    const showLine = post?.view.actions?.find((a) => a.id.startsWith('/questions show'))?.id ?? '';
    expect(showLine).toMatch(/^\/questions show id:\d+$/);

    const shown = ok(['say', showLine]);
    expect(shown).toContain('Community answer (marked best by a moderator) by Ana, 2026-12-02:');
    expect(shown).toContain(`> ${ANSWER}`);
    expect(shown).toMatch(/Read in the Cookbook:\s.+, §[\d.]+ \(\/topic [a-z-]+\)/);

    const markdown = ok(['export', '--answers']);
    expect(markdown).toMatch(/^### .+\n\n1\. \*\*.+\*\*\n {3}- \*\*Answer\*\*: Think of the answer in three parts\./);
    expect(markdown).toContain('     *Answer by Ana.*');
    const json = JSON.parse(ok(['export', '--answers', '--format', 'json']));
    expect(json[0].answers[0]).toMatchObject({ credit: 'Ana', picked: 'best', votes: 0 });

    const wrong = runCli(['export', '--answers', '--format', 'csv'], env);
    expect(wrong).toMatchObject({ status: 1, stderr: '--format with --answers must be one of markdown, json.\n' });
  }, 120_000);
});
