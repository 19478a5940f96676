import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordConsoleDeliveries, runConsoleLine } from '../../src/adapters/console/routes.js';
import { type DispatchResult, dispatch } from '../../src/core/command-kit/dispatch.js';
import type { OptionValue, Role } from '../../src/core/invocation.js';
import { runJobs } from '../../src/core/jobs.js';
import type { Message } from '../../src/core/view.js';
import { createTestApp, PROJECT_ROOT } from '../support/app.js';
import { askedId, firstView, md } from '../support/messages.js';
import { renderProblems } from './support/render-checks.js';

interface Hostile {
  category: string;
  name: string;
  text: string;
}

const corpus = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/hostile-strings.json'), 'utf8')) as Hostile[];
const app = await createTestApp({ STREAM_PER_USER_PER_MINUTE: '100000', STREAM_PER_USER_PER_SESSION: '100000' });
afterAll(() => app.close());
const now = new Date('2026-12-01T10:00:00Z');
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Person {
  id: string;
  name: string;
  role: Role;
}

const messages: { hostile: string; command: string; message: Message }[] = [];

/** Runs a command the way an adapter does (typed options, as from Discord or a Slack form) and keeps its messages. */
async function run(hostile: Hostile, person: Person, channel: string, command: string[], options: Record<string, OptionValue>) {
  const result: DispatchResult = await dispatch(
    { platform: 'console', tenant: 'console', channel, user: person, command, options, now },
    app.deps,
  );
  await recordConsoleDeliveries(result.messages, app.deps, now);
  const label = `/${command.join(' ')} with ${hostile.name}`;
  expect(result.status, `${label}: ${JSON.stringify(firstView(result)?.text)}`).not.toBe('error');
  if (result.status === 'user-error') expect(md(firstView(result)?.text).trim(), label).toBeTruthy();
  for (const message of result.messages) messages.push({ hostile: hostile.name, command: label, message });
  return result;
}

const submissionId = (result: DispatchResult): number | undefined => askedId(result);

describe('hostile strings', () => {
  it('GIVEN the corpus THEN it has at least 50 strings of every kind asked for', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    const kinds = new Set(corpus.map((entry) => entry.category));
    for (const kind of [
      'mass-mention',
      'discord-mention',
      'slack-mention',
      'markdown',
      'mrkdwn',
      'invisible',
      'long',
      'sql',
      'utf16',
    ]) {
      expect(kinds).toContain(kind);
    }
    expect(corpus.some((entry) => entry.text.length >= 10_000)).toBe(true);
    expect(corpus.some((entry) => LONE_SURROGATE.test(entry.text))).toBe(true);
  });

  it('GIVEN every hostile string as a name, question, title, edit, reason, answer and lookup THEN each is stored or refused, never an error', async () => {
    const admin: Person = { id: 'admin', name: 'Admin', role: 'admin' };
    expect(
      (
        await runConsoleLine(
          '/daily schedule time:09:00 timezone:UTC',
          { userId: 'admin', name: 'Admin', role: 'admin', channel: 'hostile-daily' },
          app.deps,
          new Date('2026-12-01T08:00:00Z'),
        )
      ).status,
    ).toBe('ok');
    expect(
      (
        await runConsoleLine(
          '/daily now',
          { userId: 'admin', name: 'Admin', role: 'admin', channel: 'hostile-daily' },
          app.deps,
          now,
        )
      ).status,
    ).toBe('ok');

    for (const [index, hostile] of corpus.entries()) {
      const channel = `hostile-${index}`;
      const viewer: Person = { id: `viewer-${index}`, name: hostile.text, role: 'everyone' };
      const other: Person = { id: `other-${index}`, name: `Other ${index}`, role: 'everyone' };
      const started = await run(hostile, admin, channel, ['stream', 'start'], { title: hostile.text });
      if (started.status !== 'ok') await run(hostile, admin, channel, ['stream', 'start'], { title: `Session ${index}` });

      const asked = await run(hostile, viewer, channel, ['ask'], { question: hostile.text });
      const plainAsk = await run(hostile, viewer, channel, ['ask'], {
        question: `Which trade-offs come with approach number ${index} of this hostile test?`,
        anonymous: false,
      });
      const id = submissionId(asked) ?? submissionId(plainAsk);
      expect(id, `a question of ${hostile.name} was stored`).toBeDefined();
      await run(hostile, admin, channel, ['stream', 'edit'], { id: id ?? 0, text: hostile.text });
      await run(hostile, admin, channel, ['stream', 'approve'], { id: id ?? 0 });
      const second = await run(hostile, other, channel, ['ask'], {
        question: `Could someone explain rejected idea ${index} in detail?`,
      });
      await run(hostile, admin, channel, ['stream', 'reject'], { id: submissionId(second) ?? 0, reason: hostile.text });
      await run(hostile, admin, channel, ['stream', 'queue'], {});
      await run(hostile, viewer, channel, ['stream', 'status'], {});
      await run(hostile, admin, channel, ['stream', 'export'], {});
      await run(hostile, viewer, channel, ['topic'], { query: hostile.text });
      await run(hostile, viewer, channel, ['help'], { command: hostile.text });
      await run(hostile, viewer, 'hostile-daily', ['answer'], { text: hostile.text });
      await run(hostile, viewer, channel, ['mydata', 'show'], {});
      await run(hostile, admin, channel, ['stream', 'end'], {});
    }
    // The next day's tick closes the daily question and posts the recap with every answer and name.
    for (const routed of await runJobs(new Date('2026-12-02T09:00:00Z'), app.deps)) {
      messages.push({ hostile: 'recap', command: 'daily recap', message: routed.message });
    }
    expect(messages.length).toBeGreaterThan(corpus.length * 10);
  }, 120_000);

  it('GIVEN everything those commands answered and posted THEN no platform rendering pings anyone, breaks a limit or shows an invisible character', () => {
    const problems = messages.flatMap(({ command, message }) =>
      renderProblems(message).map((problem) => `${command}: ${problem}`),
    );
    expect(problems.slice(0, 30)).toEqual([]);
  });

  it('GIVEN the stored rows THEN text is clean, bounded and the database intact', () => {
    const client = app.db.$client;
    expect(client.pragma('integrity_check', { simple: true })).toBe('ok');
    const texts = [
      ...(client.prepare('SELECT text FROM submissions').pluck().all() as string[]),
      ...(client.prepare('SELECT title FROM stream_sessions').pluck().all() as string[]),
      ...(client.prepare('SELECT text FROM answers').pluck().all() as string[]),
      ...(client.prepare('SELECT reject_reason FROM submissions WHERE reject_reason IS NOT NULL').pluck().all() as string[]),
      ...(client.prepare('SELECT display_name FROM users').pluck().all() as string[]),
    ];
    const dirty = texts.filter((text) => UNSAFE.test(text) || LONE_SURROGATE.test(text) || text.length > 10_000);
    expect(dirty.map((text) => JSON.stringify(text.slice(0, 60)))).toEqual([]);
    const sql = corpus.find((entry) => entry.name === 'bobby tables')?.text ?? '';
    expect(texts.some((text) => text.includes("Robert'); DROP TABLE users;--"))).toBe(sql !== '');
    expect(client.prepare('SELECT count(*) FROM users').pluck().get()).toBeGreaterThan(corpus.length);
  });
});
