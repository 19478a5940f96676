import { afterEach, describe, expect, it } from 'vitest';
import { time } from '../../src/core/rich-text.js';
import { firstView, md } from '../support/messages.js';
import { ADMIN, dailyHarness, dailyPosts, replyOf } from './daily-support.js';

let harness: Awaited<ReturnType<typeof dailyHarness>>;
afterEach(() => harness?.close());

async function scheduled(line = '/daily schedule time:09:00 timezone:Europe/Berlin days:everyday') {
  harness = await dailyHarness();
  const result = await harness.say(line, ADMIN);
  expect(result.status).toBe('ok');
  return harness;
}

describe('scheduling the daily question', () => {
  it('GIVEN 09:00 Berlin WHEN ticks come at 07:59, 08:00 and 08:01 UTC THEN exactly one post, at 08:00', async () => {
    const { tick } = await scheduled();
    expect(dailyPosts(await tick('2026-12-01T07:59:00Z'))).toEqual([]);
    const posts = dailyPosts(await tick('2026-12-01T08:00:00Z'));
    expect(posts).toHaveLength(1);
    const post = posts[0];
    expect(post?.view.title).toContain('Tuesday 1 December 2026');
    expect(md(post?.view.text)).toMatch(/\*\*.+\*\*/);
    expect(post?.view.fields?.map((field) => field.name)).toEqual(expect.arrayContaining(['Category', 'Topic']));
    expect(post?.thread?.name).toMatch(/^2026-12-01: /);
    expect(post?.nonce).toBe(`daily-${post?.track?.id}`);
    expect(post?.view.actions?.map((action) => action.id)).toEqual(expect.arrayContaining([`/answer post:${post?.track?.id}`]));
    expect(await tick('2026-12-01T08:01:00Z')).toEqual([]);
  });

  it('GIVEN the bot was down at 09:00 WHEN it ticks at 10:30 local+1 THEN the missed question is posted once', async () => {
    const { tick } = await scheduled();
    await tick('2026-12-01T08:00:00Z');
    const late = dailyPosts(await tick('2026-12-02T10:30:00Z'));
    expect(late).toHaveLength(1);
    expect(late[0]?.view.title).toContain('2 December');
    expect(dailyPosts(await tick('2026-12-02T10:31:00Z'))).toEqual([]);
  });

  it('GIVEN the bot was down past the grace window THEN the slot is skipped with the reason, shown in /daily status', async () => {
    const { tick, say } = await scheduled();
    expect(dailyPosts(await tick('2026-12-03T11:01:00Z'))).toEqual([]);
    const status = replyOf(await say('/daily status', { now: '2026-12-03T11:02:00Z' }));
    expect(md(status.text)).toContain('Thursday 3 December 2026: skipped');
    expect(md(status.text)).toContain(
      'the bot was offline at 09:00 and came back 3 hours later, after the 180 minutes it may still post late',
    );
    expect(md(status.text)).toContain('Next question: Fri 4 Dec 2026, 09:00 Europe/Berlin (in 21 hours).');
  });

  it('GIVEN a per-channel grace of 30 minutes THEN a tick 45 minutes late skips the day', async () => {
    const { tick, say } = await scheduled('/daily schedule time:09:00 timezone:Europe/Berlin grace:30');
    expect(dailyPosts(await tick('2026-12-01T08:45:00Z'))).toEqual([]);
    expect(md(replyOf(await say('/daily status', { now: '2026-12-01T08:46:00Z' })).text)).toContain(
      'after the 30 minutes it may still post late',
    );
  });

  it('GIVEN 02:30 Berlin WHEN ticking every 30 minutes over the spring and autumn changes THEN one post per day', async () => {
    const { tick } = await scheduled('/daily schedule time:02:30 timezone:Europe/Berlin');
    const postedAt = new Map<string, string[]>();
    for (const [from, to] of [
      ['2026-03-28T23:00:00Z', '2026-03-30T01:00:00Z'],
      ['2026-10-24T23:00:00Z', '2026-10-26T02:00:00Z'],
    ] as const) {
      for (let t = Date.parse(from); t <= Date.parse(to); t += 30 * 60_000) {
        const iso = new Date(t).toISOString();
        for (const post of dailyPosts(await tick(iso))) {
          const day = post.thread?.name.slice(0, 10) ?? '';
          postedAt.set(day, [...(postedAt.get(day) ?? []), iso]);
        }
      }
    }
    expect(postedAt.get('2026-03-29')).toEqual(['2026-03-29T01:00:00.000Z']);
    expect(postedAt.get('2026-10-25')).toEqual(['2026-10-25T00:30:00.000Z']);
    for (const [day, times] of postedAt) expect(times, day).toHaveLength(1);
    expect([...postedAt.keys()].sort()).toEqual(['2026-03-29', '2026-03-30', '2026-10-25', '2026-10-26']);
  });

  it('GIVEN a member who is not an admin WHEN they schedule THEN they are refused clearly', async () => {
    harness = await dailyHarness();
    const result = await harness.say('/daily schedule time:09:00 timezone:Europe/Berlin');
    expect(replyOf(result)).toMatchObject({ status: 'user-error', text: 'Only admins can use /daily schedule.' });
  });

  it('GIVEN a wrong zone or time THEN the error names it and what to write instead', async () => {
    harness = await dailyHarness();
    const zone = replyOf(await harness.say('/daily schedule time:09:00 timezone:Europe/Berln', ADMIN));
    expect(md(zone.text)).toContain('"Europe/Berln" is not a time zone');
    expect(zone.footer).toContain('Europe/Berlin');
    const time = replyOf(await harness.say('/daily schedule time:9.00 timezone:Europe/Berlin', ADMIN));
    expect(md(time.text)).toContain('HH:MM');
  });

  it('GIVEN a schedule WHEN /daily status THEN the next post is a timestamp, read in the channel’s zone on the console', async () => {
    const { say } = await scheduled('/daily schedule time:09:00 timezone:Asia/Kolkata days:weekdays');
    const result = await say('/daily status', { now: '2026-12-05T12:00:00Z' });
    const status = replyOf(result);
    expect(md(status.text)).toContain('09:00 Asia/Kolkata, weekdays, active');
    expect(md(status.text)).toContain('Next question: Mon 7 Dec 2026, 09:00 Asia/Kolkata (in 2 days).');
    expect(md(status.text)).not.toContain('UTC');
    const nodes = firstView(result)?.text;
    expect(nodes).toContainEqual(time(new Date('2026-12-07T03:30:00Z'), 'datetime', 'Mon 7 Dec 2026, 09:00 Asia/Kolkata'));
    expect(nodes).toContainEqual(time(new Date('2026-12-07T03:30:00Z'), 'relative', 'in 2 days'));
  });

  it('GIVEN a paused schedule THEN nothing is posted, and after resuming the paused days are not caught up', async () => {
    const { say, tick } = await scheduled();
    await say('/daily pause', { ...ADMIN, now: '2026-11-30T12:00:00Z' });
    expect(dailyPosts(await tick('2026-12-01T08:00:00Z'))).toEqual([]);
    await say('/daily resume', { ...ADMIN, now: '2026-12-01T12:00:00Z' });
    expect(dailyPosts(await tick('2026-12-01T12:01:00Z'))).toEqual([]);
    const status = replyOf(await say('/daily status', { now: '2026-12-01T12:02:00Z' }));
    expect(md(status.text)).not.toContain('skipped');
    expect(dailyPosts(await tick('2026-12-02T08:00:00Z'))).toHaveLength(1);
  });

  it('GIVEN a schedule set an hour after its time THEN that day is posted at the next tick, once', async () => {
    harness = await dailyHarness();
    const set = replyOf(
      await harness.say('/daily schedule time:09:00 timezone:Europe/Berlin', { ...ADMIN, now: '2026-12-01T09:00:00Z' }),
    );
    expect(md(set.text)).toContain(
      'The 09:00 question of Tuesday 1 December 2026 is still within its 180-minute catch-up window',
    );
    expect(dailyPosts(await harness.tick('2026-12-01T09:01:00Z'))).toHaveLength(1);
    expect(dailyPosts(await harness.tick('2026-12-01T09:02:00Z'))).toEqual([]);
  });

  it('GIVEN /daily now THEN today is posted at once and the scheduled tick does not post it again', async () => {
    const { say, tick } = await scheduled();
    const now = await say('/daily now', { ...ADMIN, now: '2026-12-01T06:00:00Z' });
    expect(dailyPosts(now.messages)).toHaveLength(1);
    expect(dailyPosts(await tick('2026-12-01T08:00:00Z'))).toEqual([]);
    const again = replyOf(await say('/daily now', { ...ADMIN, now: '2026-12-01T09:00:00Z' }));
    expect(md(again.text)).toContain("Today's question was already posted");
  });

  it('GIVEN a category and topic THEN questions come only from them, and an unknown category is refused', async () => {
    const { tick } = await scheduled('/daily schedule time:09:00 timezone:UTC category:kafka');
    for (const day of ['01', '02', '03']) {
      const [post] = dailyPosts(await tick(`2026-12-${day}T09:00:00Z`));
      expect(md(post?.view.fields?.find((field) => field.name === 'Category')?.value)).toBe('Kafka');
    }
    const refused = replyOf(await harness.say('/daily schedule time:09:00 timezone:UTC category:nonsense', ADMIN));
    expect(md(refused.text)).toContain('There is no question category "nonsense"');
  });

  it('GIVEN a stopped schedule THEN nothing more is posted, but past answers and points stay', async () => {
    const { say, tick } = await scheduled();
    await tick('2026-12-01T08:00:00Z');
    await say('/answer text:Partitions', { user: 'ana', now: '2026-12-01T09:00:00Z' });
    await say('/daily stop', { ...ADMIN, now: '2026-12-01T10:00:00Z' });
    expect(dailyPosts(await tick('2026-12-02T08:00:00Z'))).toEqual([]);
    const board = replyOf(await say('/leaderboard period:all', { user: 'ana', now: '2026-12-02T09:00:00Z' }));
    expect(md(board.text)).toContain('ana · 1 point');
    const status = replyOf(await say('/daily status', { now: '2026-12-02T09:00:00Z' }));
    expect(md(status.text)).toContain('stopped');
    expect(md(status.text)).toContain('Tuesday 1 December 2026: posted');
  });
});
