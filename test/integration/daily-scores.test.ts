import { afterEach, describe, expect, it } from 'vitest';
import type { PostMessage, ThreadMessage } from '../../src/core/view.js';
import { md } from '../support/messages.js';
import { ADMIN, dailyHarness, dailyPosts, readable, replyOf, type Speaker } from './daily-support.js';

let harness: Awaited<ReturnType<typeof dailyHarness>>;
afterEach(() => harness?.close());

const at = (user: string, now: string, channel = 'study'): Speaker => ({ user, now, channel });
const MOD = (now: string, channel = 'study'): Speaker => ({ user: 'mod', role: 'moderator', now, channel });

/** A study group in #study with a daily question on Tue 1 Dec 2026, and a live stream in #live the same day. */
async function groupAndStream() {
  harness = await dailyHarness();
  await harness.say('/daily schedule time:09:00 timezone:Europe/Berlin days:weekdays', { ...ADMIN, channel: 'study' });
  await harness.tick('2026-12-01T08:00:00Z');
  await harness.say('/answer text:"a partitioned log"', at('ana', '2026-12-01T09:00:00Z'));
  await harness.say('/stream start title:"Live #97"', MOD('2026-12-01T18:00:00Z', 'live'));
  for (const [i, viewer] of ['vic', 'val', 'vin', 'vera'].entries()) {
    const asked = await harness.say(
      `/ask question:"${STREAM_QUESTIONS[i % STREAM_QUESTIONS.length]}"`,
      at(viewer, '2026-12-01T18:05:00Z', 'live'),
    );
    expect(asked.status).toBe('ok');
  }
  for (let id = 1; id <= 4; id++) {
    expect((await harness.say(`/stream approve id:${id}`, MOD('2026-12-01T18:10:00Z', 'live'))).status).toBe('ok');
  }
}

const STREAM_QUESTIONS = [
  'How do you size Kafka partitions for a clickstream?',
  'When is a star schema better than one wide table?',
  'How would you backfill two years of events into a lake?',
  'What should a data contract between two teams contain?',
];

describe('scores belong to where they were earned', () => {
  it('GIVEN stream points in another channel WHEN the group asks /leaderboard THEN only the group’s daily question counts', async () => {
    await groupAndStream();
    const board = replyOf(await harness.say('/leaderboard', at('ana', '2026-12-01T19:00:00Z')));
    expect(board.title).toBe('Leaderboard · this channel · this week (since Mon 30 Nov)');
    expect(md(board.text)).toBe('1. ana · 1 point');

    const stream = replyOf(await harness.say('/leaderboard scope:stream', at('ana', '2026-12-01T19:00:00Z')));
    expect(stream.title).toBe('Leaderboard · live streams · this week (since Mon 30 Nov)');
    expect(md(stream.text).split('\n')).toEqual([
      '1. vic · 2 points',
      '1. val · 2 points',
      '1. vin · 2 points',
      '1. vera · 2 points',
    ]);

    const server = replyOf(await harness.say('/leaderboard scope:server period:all', at('ana', '2026-12-01T19:00:00Z')));
    expect(md(server.text).split('\n')).toHaveLength(5);
  });

  it('GIVEN stream points WHEN the daily question closes THEN the recap’s top list has only the group', async () => {
    await groupAndStream();
    const closing = await harness.tick('2026-12-02T08:00:00Z');
    const recap = closing.find((m): m is ThreadMessage => m.kind === 'thread');
    expect(md(readable(recap?.view ?? { ephemeral: false }).text)).toContain("This week's top: 1. ana (1 point)");
    expect(md(recap?.view.text)).not.toContain('vic');
  });

  it('GIVEN points in November WHEN the month board is asked in December THEN it has started again by itself', async () => {
    harness = await dailyHarness();
    await harness.say('/daily schedule time:09:00 timezone:Europe/Berlin', {
      ...ADMIN,
      channel: 'study',
      now: '2026-11-29T12:00:00Z',
    });
    await harness.tick('2026-11-30T08:00:00Z');
    await harness.say('/answer text:"november answer"', at('ana', '2026-11-30T09:00:00Z'));
    await harness.tick('2026-12-01T08:00:00Z');
    await harness.say('/answer text:"december answer"', at('bob', '2026-12-01T09:00:00Z'));
    const month = replyOf(await harness.say('/leaderboard period:month', at('bob', '2026-12-01T10:00:00Z')));
    expect(month.title).toBe('Leaderboard · this channel · December 2026');
    expect(md(month.text)).toBe('1. bob · 1 point');
    const all = replyOf(await harness.say('/leaderboard period:all', at('bob', '2026-12-01T10:00:00Z')));
    expect(md(all.text).split('\n')).toHaveLength(2);
  });
});

describe('a quiet channel', () => {
  it('GIVEN a question closes THEN exactly one recap is handed over, in the question’s thread', async () => {
    harness = await dailyHarness();
    await harness.say('/daily schedule time:09:00 timezone:Europe/Berlin', { ...ADMIN, channel: 'study' });
    const [post] = dailyPosts(await harness.tick('2026-12-01T08:00:00Z'));
    await harness.say('/answer text:"an answer"', at('ana', '2026-12-01T09:00:00Z'));
    const closing = await harness.tick('2026-12-02T08:00:00Z');
    const recaps = closing.filter(
      (m) => m.kind === 'thread' || (m.kind === 'post' && (m as PostMessage).track?.entity !== 'daily_post'),
    );
    expect(recaps).toHaveLength(1);
    expect(recaps[0]).toMatchObject({ kind: 'thread', parent: post?.track });
  });

  it('GIVEN /stats and /leaderboard THEN they answer privately with a Share button that posts them in the channel', async () => {
    await groupAndStream();
    for (const line of ['/stats', '/leaderboard']) {
      const result = await harness.say(line, at('ana', '2026-12-01T19:00:00Z'));
      const view = replyOf(result);
      expect(view.ephemeral, line).toBe(true);
      expect(
        result.messages.filter((m) => m.kind !== 'reply'),
        line,
      ).toEqual([]);
      const share = view.actions?.find((action) => action.type === 'button' && action.label === 'Share');
      expect(share?.id, line).toContain('share:true');

      const shared = await harness.say(share?.id ?? '', at('ana', '2026-12-01T19:01:00Z'));
      const post = shared.messages.find((m): m is PostMessage => m.kind === 'post');
      expect(post, line).toMatchObject({ channel: 'study', view: { title: view.title, ephemeral: false } });
      expect(post?.view.footer).toContain('Shared by ana.');
      expect(replyOf(shared)).toMatchObject({ text: 'Shared in the channel.', ephemeral: true });
    }
  });
});
