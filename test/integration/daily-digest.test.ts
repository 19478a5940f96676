import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message, PostMessage, ThreadMessage } from '../../src/core/view.js';
import { md } from '../support/messages.js';
import { ADMIN, dailyHarness, readable } from './daily-support.js';

let harness: Awaited<ReturnType<typeof dailyHarness>>;
afterEach(() => harness?.close());

const digests = (messages: Message[]) =>
  messages.filter((m): m is PostMessage => m.kind === 'post' && (m.view.title ?? '').startsWith('Week in review'));
const recaps = (messages: Message[]) =>
  messages.filter((m): m is ThreadMessage => m.kind === 'thread' && (m.view.title ?? '').startsWith('Recap'));

/** 09:00 in Berlin on a December day of 2026. */
const nine = (day: number) => `2026-12-${String(day).padStart(2, '0')}T08:00:00Z`;
const later = (day: number) => `2026-12-${String(day).padStart(2, '0')}T10:00:00Z`;

async function answerId(postId: number, user: string): Promise<number> {
  const answer = (await harness.deps.store.daily.answers.ofPost(postId)).find((candidate) => candidate.authorId === user);
  if (!answer) throw new Error(`no answer of ${user} to post ${postId}`);
  return answer.id;
}

async function postOf(day: number): Promise<number> {
  const post = await harness.deps.store.daily.posts.forDate(1, `2026-12-${String(day).padStart(2, '0')}`);
  if (!post) throw new Error(`no post on ${day} December`);
  return post.id;
}

/** A weekdays schedule from Monday 30 November; ana answers every day, bo on Tuesday and Wednesday. */
async function weekOfAnswers(env: Record<string, string> = {}) {
  harness = await dailyHarness(env);
  await harness.say('/daily schedule time:09:00 timezone:Europe/Berlin days:weekdays', { ...ADMIN, now: '2026-11-29T12:00:00Z' });
  const ticks: Message[][] = [];
  ticks.push(await harness.tick('2026-11-30T08:00:00Z'));
  await harness.say('/answer text:"Cron runs jobs on a timetable."', { user: 'ana', now: '2026-11-30T10:00:00Z' });
  for (const day of [1, 2, 3, 4]) {
    ticks.push(await harness.tick(nine(day)));
    // ana answers Thursday's late in the evening, still inside its window.
    await harness.say(`/answer text:"ana on day ${day}"`, { user: 'ana', now: day === 3 ? '2026-12-03T20:00:00Z' : later(day) });
    if (day === 1) {
      await harness.say('/answer text:"bo thinks about idempotence"', { user: 'bo', now: later(1) });
      await harness.say(`/daily best answer:${await answerId(await postOf(1), 'ana')}`, { ...ADMIN, now: later(1) });
    }
    if (day === 2) {
      await harness.say('/answer text:"bo on partitions"', { user: 'bo', now: later(2) });
      await harness.say(`/daily vote answer:${await answerId(await postOf(2), 'bo')}`, { user: 'cy', now: later(2) });
    }
  }
  return ticks;
}

describe('the weekly digest', () => {
  it('GIVEN a weekdays schedule THEN one digest follows the recap of Friday’s question, with the week’s questions, best answers, top three and streaks', async () => {
    const ticks = await weekOfAnswers();
    expect(ticks.flatMap(digests)).toEqual([]);
    const saturday = await harness.tick('2026-12-05T08:00:00Z');
    const [digest] = digests(saturday);
    expect(digests(saturday)).toHaveLength(1);
    expect(recaps(saturday)).toHaveLength(1);
    expect(saturday.indexOf(recaps(saturday)[0] as Message)).toBeLessThan(saturday.indexOf(digest as Message));
    expect(digest?.channel).toBe('general');
    expect(digest?.view.ephemeral).toBe(false);
    const view = readable(digest?.view ?? { ephemeral: false });
    expect(view.title).toBe('Week in review · Monday 30 November 2026 to Sunday 6 December 2026');
    const text = md(view.text);
    for (const day of [
      'Monday 30 November',
      'Tuesday 1 December',
      'Wednesday 2 December',
      'Thursday 3 December',
      'Friday 4 December',
    ]) {
      expect(text).toContain(`${day} 2026`);
    }
    expect(text).toContain('Best answer by ana:\n> ana on day 1');
    expect(text).toContain('No answer was marked best; most upvoted (1 vote) by bo:\n> bo on partitions');
    expect(text).toContain('1 answer, none marked best or upvoted.');
    expect(text).toMatch(/Top three of the week: 1\. ana \(\d+ points\) · 2\. bo \(\d+ points\)/);
    expect(text).toContain('Longest streaks: ana 5 days');
    expect(text.length).toBeLessThan(4000);
  });

  it('GIVEN the digest was posted THEN later ticks and a restart on the same database never post it again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'digest-')), 'bot.db');
    await weekOfAnswers({ DATABASE_PATH: file });
    expect(digests(await harness.tick('2026-12-05T08:00:00Z'))).toHaveLength(1);
    expect(digests(await harness.tick('2026-12-05T08:01:00Z'))).toEqual([]);
    harness.close();
    harness = await dailyHarness({ DATABASE_PATH: file });
    expect(digests(await harness.tick('2026-12-05T09:00:00Z'))).toEqual([]);
    expect(digests(await harness.tick('2026-12-06T12:00:00Z'))).toEqual([]);
  });

  it('GIVEN custom days mon,wed THEN the digest comes after Wednesday’s question closes, not before', async () => {
    harness = await dailyHarness();
    await harness.say('/daily schedule time:09:00 timezone:Europe/Berlin days:mon,wed', {
      ...ADMIN,
      now: '2026-11-29T12:00:00Z',
    });
    await harness.tick('2026-11-30T08:00:00Z');
    await harness.say('/answer text:"a first answer"', { user: 'ana', now: '2026-11-30T10:00:00Z' });
    expect(digests(await harness.tick('2026-12-01T08:00:00Z'))).toEqual([]);
    expect(digests(await harness.tick('2026-12-02T08:00:00Z'))).toEqual([]);
    const thursday = await harness.tick('2026-12-03T08:00:00Z');
    expect(digests(thursday)).toHaveLength(1);
    expect(md(readable(digests(thursday)[0]?.view ?? { ephemeral: false }).text)).toContain('Wednesday 2 December 2026');
  });

  it('GIVEN the bot comes back days after the week ended THEN an old week gets no digest', async () => {
    await weekOfAnswers();
    expect(digests(await harness.tick('2026-12-08T08:00:00Z'))).toEqual([]);
  });
});
