import { afterEach, describe, expect, it } from 'vitest';
import { discordMarkdown } from '../../src/adapters/discord/render.js';
import type { DirectMessage, PostMessage, ThreadMessage } from '../../src/core/view.js';
import { streamSessions, submissions } from '../../src/store/schema.js';
import { md } from '../support/messages.js';
import { ADMIN, dailyHarness, dailyPosts, readable, replyOf, type Speaker } from './daily-support.js';

let harness: Awaited<ReturnType<typeof dailyHarness>>;
afterEach(() => harness?.close());

const DAY_ONE = '2026-12-01T08:00:00Z';
const as = (user: string, now = '2026-12-01T09:00:00Z'): Speaker => ({ user, now });

/** A channel with a 09:00 Berlin question posted on 1 December (open until 2 December 09:00). */
async function questionPosted(line = '/daily schedule time:09:00 timezone:Europe/Berlin'): Promise<PostMessage> {
  harness = await dailyHarness();
  expect((await harness.say(line, ADMIN)).status).toBe('ok');
  const [post] = dailyPosts(await harness.tick(DAY_ONE));
  if (!post) throw new Error('no post');
  return post;
}

async function answer(user: string, text: string, now?: string) {
  return harness.say(`/answer text:"${text}"`, as(user, now));
}

function answerIdOf(result: Awaited<ReturnType<typeof answer>>): number {
  const thread = result.messages.find((m): m is ThreadMessage => m.kind === 'thread');
  const vote = thread?.view.actions?.find((action) => action.id.startsWith('/daily vote'));
  return Number(vote?.id.split(':')[1]);
}

async function board(line = '/leaderboard', who: Speaker = as('viewer')) {
  return replyOf(await harness.say(line, who));
}

describe('answering the daily question', () => {
  it('GIVEN the open question WHEN ana answers in the console THEN it is saved, shown in the thread and worth 1 point', async () => {
    const post = await questionPosted();
    const result = await harness.say('/answer text:A topic is a named, partitioned log', as('ana'));
    expect(replyOf(result)).toMatchObject({ status: 'ok', ephemeral: true });
    expect(md(replyOf(result).text)).toMatch(/^Saved your answer to '.+' \(\+1 point\)\.$/);
    const thread = result.messages.find((m): m is ThreadMessage => m.kind === 'thread');
    expect(thread?.parent).toEqual(post.track);
    expect(md(readable(thread?.view ?? { ephemeral: false }).text)).toContain('> A topic is a named, partitioned log');
    expect((await board()).text).toBe('1. ana · 1 point');
  });

  it('GIVEN an earlier answer WHEN ana answers again THEN the new one replaces it and no extra point is given', async () => {
    await questionPosted();
    await answer('ana', 'first try');
    const again = await answer('ana', 'second, better try');
    expect(md(replyOf(again).text)).toMatch(/^Replaced your answer to '.+'\.$/);
    const [stored] = await harness.deps.store.daily.answers.ofPost(1);
    expect(md(stored?.text)).toBe('second, better try');
    expect(await harness.deps.store.daily.answers.ofPost(1)).toHaveLength(1);
    expect((await board()).text).toBe('1. ana · 1 point');
  });

  it('GIVEN an answer over 2,000 characters or an empty one THEN it is refused with the reason', async () => {
    await questionPosted();
    const long = replyOf(await harness.say(`/answer text:"${'a'.repeat(2001)}"`, as('ana')));
    expect(long).toMatchObject({ status: 'user-error', text: '"text" can be at most 2000 characters (it has 2001).' });
    const empty = replyOf(await harness.say('/answer text:""', as('ana')));
    expect(empty.status).toBe('user-error');
    expect(md(empty.text)).toContain('needs the option "text"');
  });

  it('GIVEN the question closed THEN an answer is refused with when it closed and when the next one comes', async () => {
    await questionPosted();
    await harness.tick('2026-12-02T07:59:00Z');
    await harness.tick('2026-12-02T08:00:00Z');
    const late = replyOf(await harness.say('/answer text:late post:1', as('ana', '2026-12-02T08:05:00Z')));
    expect(late.status).toBe('user-error');
    expect(md(late.text)).toBe(
      'This question closed Wed 2 Dec 2026, 09:00 Europe/Berlin. The next one comes Thu 3 Dec 2026, 09:00 Europe/Berlin (in 1 day).',
    );
  });

  it('GIVEN no question in the channel THEN /answer says so', async () => {
    harness = await dailyHarness();
    const result = replyOf(await harness.say('/answer text:hello', as('ana')));
    expect(md(result.text)).toBe('There is no daily question in this channel yet.');
  });

  it('GIVEN a hint button THEN it shows the first hint and offers the next one', async () => {
    const post = await questionPosted('/daily schedule time:09:00 timezone:Europe/Berlin category:linux');
    const hint = post.view.actions?.find((action) => action.id.startsWith('/daily hint'));
    const shown = replyOf(await harness.say(hint?.id ?? '', as('ana')));
    expect(shown.title).toBe('Hint 1 of 3');
    expect(md(shown.text)).toContain('run a job automatically at fixed times');
    expect(shown.actions?.map((action) => action.id)).toContain(`/daily hint post:${post.track?.id} number:2`);
  });
});

describe('votes and best answers', () => {
  it('GIVEN an answer WHEN peers upvote it THEN the author gets a point per vote, at most 3', async () => {
    await questionPosted();
    const id = answerIdOf(await answer('ana', 'Partitions give order per key'));
    for (const voter of ['bob', 'cem', 'dee', 'eli']) {
      expect(replyOf(await harness.say(`/daily vote answer:${id}`, as(voter))).status).toBe('ok');
    }
    expect((await board()).text).toBe('1. ana · 4 points');
  });

  it('GIVEN a vote WHEN the same person votes again or the author votes THEN each is refused with why', async () => {
    await questionPosted();
    const id = answerIdOf(await answer('ana', 'mine'));
    await harness.say(`/daily vote answer:${id}`, as('bob'));
    expect(replyOf(await harness.say(`/daily vote answer:${id}`, as('bob'))).text).toBe(
      'You already upvoted this answer; one vote per answer.',
    );
    expect(replyOf(await harness.say(`/daily vote answer:${id}`, as('ana'))).text).toBe('You cannot upvote your own answer.');
  });

  it('GIVEN a moderator marks an answer best THEN the author gets 3 points, once; members may not mark', async () => {
    await questionPosted();
    const id = answerIdOf(await answer('ana', 'A topic is a log'));
    expect(replyOf(await harness.say(`/daily best answer:${id}`, as('bob'))).text).toBe('Only moderators can use /daily best.');
    const mod: Speaker = { user: 'mod', role: 'moderator', now: '2026-12-01T10:00:00Z' };
    const marked = replyOf(await harness.say(`/daily best answer:${id}`, mod));
    expect(md(marked.text)).toBe("mod marked ana's answer as best (+3 points).");
    expect(md(replyOf(await harness.say(`/daily best answer:${id}`, mod)).text)).toBe('This answer is already marked best.');
    expect((await board()).text).toBe('1. ana · 4 points');
  });
});

describe('closing and recapping', () => {
  it('GIVEN answers, votes and a best answer WHEN the question closes THEN one recap goes to the thread, quoting safely', async () => {
    const post = await questionPosted();
    const best = answerIdOf(await answer('ana', 'Use **keys** <@everyone> [x](https://evil.example)'));
    const voted = answerIdOf(await answer('bob', 'Ordered per partition'));
    await harness.say(`/daily vote answer:${voted}`, as('cem'));
    await harness.say(`/daily best answer:${best}`, { user: 'mod', role: 'moderator', now: '2026-12-01T10:00:00Z' });

    expect(await harness.tick('2026-12-02T07:59:00Z')).toEqual([]);
    const closing = await harness.tick('2026-12-02T08:00:00Z');
    const thread = closing.find((m): m is ThreadMessage => m.kind === 'thread');
    const recaps = closing.filter((m) => m.kind === 'thread' || (m.kind === 'post' && m.track?.entity !== 'daily_post'));
    expect(recaps).toHaveLength(1);
    expect(thread?.parent).toEqual(post.track);
    const text = md(thread?.view.text);
    expect(text).toContain('**2 people** answered.');
    expect(text).toContain('**Best answer** by **ana**:\n> Use **keys** <@everyone> [x](https://evil.example)');
    // The answer is a text node: Discord gets every markup character escaped, so it shows as written and links nothing.
    expect(discordMarkdown(thread?.view.text ?? [])).toContain(
      '**Best answer** by **ana**:\n> Use \\*\\*keys\\*\\* \\<@everyone> \\[x\\]\\(https://evil.example\\)',
    );
    expect(text).toContain('**Most upvoted** (1 vote) by **bob**');
    expect(text).toContain('**Read next**:');
    expect(text).toContain("**This week's top**: 1. ana (4 points) · 2. bob (2 points)");
    expect(await harness.tick('2026-12-02T08:01:00Z')).toEqual([]);
    const vote = replyOf(await harness.say(`/daily vote answer:${best}`, as('eli', '2026-12-02T08:02:00Z')));
    expect(md(vote.text)).toBe('This question is closed, so votes no longer count.');
  });
});

describe('reminders', () => {
  it('GIVEN members opted in WHEN two hours remain THEN those who have not answered get one direct message', async () => {
    await questionPosted();
    expect(replyOf(await harness.say('/daily remind on', as('ana'))).status).toBe('ok');
    await harness.say('/daily remind on', as('bob'));
    await harness.say('/daily remind on', as('cem'));
    await harness.say('/daily remind off', as('cem'));
    await answer('bob', 'done already');
    expect(await harness.tick('2026-12-02T05:59:00Z')).toEqual([]);
    const reminders = (await harness.tick('2026-12-02T06:00:00Z')).filter((m): m is DirectMessage => m.kind === 'dm');
    expect(reminders.map((m) => m.user)).toEqual(['ana']);
    expect(reminders[0]?.view.actions?.[0]?.id).toBe('/answer post:1');
    expect(await harness.tick('2026-12-02T06:30:00Z')).toEqual([]);
  });
});

describe('leaderboard and stats', () => {
  it('GIVEN twelve members with points THEN the board shows the top 10 and the caller their own rank', async () => {
    harness = await dailyHarness();
    const { deps } = harness;
    for (let i = 1; i <= 12; i++) {
      const seen = await deps.store.directory.touch({
        platform: 'console',
        tenant: 'console',
        channel: 'general',
        user: { id: `u${i}`, name: `member ${i}`, role: 'everyone' },
        now: new Date('2026-12-01T00:00:00Z'),
      });
      await deps.store.scores.award({
        tenantId: seen.tenantId,
        userId: seen.userId,
        channelId: seen.channelId,
        reason: 'answer',
        source: `test:${i}`,
        points: 20 - i,
        at: new Date('2026-12-01T10:00:00Z'),
      });
    }
    const result = await board('/leaderboard', { user: 'u12', now: '2026-12-02T00:00:00Z' });
    expect(md(result.text).split('\n')).toHaveLength(10);
    expect(md(result.text).split('\n')[0]).toBe('1. member 1 · 19 points');
    expect(result.footer).toBe('Your rank: 12 of 12 with 8 points.');
    const later = await board('/leaderboard period:week', { user: 'u12', now: '2026-12-20T00:00:00Z' });
    expect(md(later.text)).toContain('No points here yet in this period');
    const allTime = await board('/leaderboard period:all', { user: 'u12', now: '2026-12-20T00:00:00Z' });
    expect(md(allTime.text).split('\n')[0]).toBe('1. member 1 · 19 points');
    const elsewhere = await board('/leaderboard channel:general period:all', { user: 'u1', channel: 'other' });
    expect(elsewhere.title).toBe('Leaderboard · #general · all time');
    const unknown = await board('/leaderboard channel:nowhere', { user: 'u1' });
    expect(unknown.status).toBe('user-error');
  });

  it('GIVEN answers on consecutive days THEN /stats shows points by reason, answers, best answers and streaks', async () => {
    await questionPosted();
    const id = answerIdOf(await answer('ana', 'day one'));
    await harness.say(`/daily vote answer:${id}`, as('bob'));
    await harness.say(`/daily best answer:${id}`, { user: 'mod', role: 'moderator' });
    await harness.tick('2026-12-02T08:00:00Z');
    await answer('ana', 'day two', '2026-12-02T09:00:00Z');
    await harness.tick('2026-12-03T08:00:00Z');
    const stats = replyOf(await harness.say('/stats user:ana', as('bob')));
    const field = (name: string) => md(stats.fields?.find((f) => f.name === name)?.value);
    expect(stats.title).toBe('Stats of ana');
    expect(field('Points')).toBe('**6** in all\n- Answers: 2 points\n- Upvotes received: 1 point\n- Best answers: 3 points');
    expect(field('Answers')).toBe('2');
    expect(field('Best answers')).toBe('1');
    expect(field('Current streak')).toBe('2 days');
    expect(field('Longest streak')).toBe('2 days');
    expect(replyOf(await harness.say('/stats user:nobody', as('bob'))).status).toBe('user-error');
  });
});

describe('community questions', () => {
  it('GIVEN an approved live-stream question in the same category THEN it joins the pool and is asked once per cycle', async () => {
    harness = await dailyHarness();
    const seen = await harness.deps.store.directory.touch({
      platform: 'console',
      tenant: 'console',
      channel: 'stream',
      user: { id: 'viewer', name: 'Vera', role: 'everyone' },
      now: new Date('2026-11-20T00:00:00Z'),
    });
    const at = new Date('2026-11-20T00:00:00Z');
    const session = harness.app.db
      .insert(streamSessions)
      .values({ channelId: seen.channelId, title: 'Kafka Q&A', status: 'closed', startedAt: at })
      .returning({ id: streamSessions.id })
      .get();
    const base = { tenantId: seen.tenantId, sessionId: session.id, userId: seen.userId, createdAt: at, updatedAt: at };
    harness.app.db
      .insert(submissions)
      .values([
        {
          ...base,
          text: 'How do you size Kafka partitions?',
          normalized: 'size kafka partitions',
          category: 'Kafka',
          status: 'approved',
        },
        { ...base, text: 'Pending one', normalized: 'pending', category: 'Kafka', status: 'pending' },
      ])
      .run();
    await harness.say('/daily schedule time:09:00 timezone:UTC category:kafka', ADMIN);
    const texts: string[] = [];
    for (let day = 1; day <= 7; day++) {
      const [post] = dailyPosts(await harness.tick(`2026-12-0${day}T09:00:00Z`));
      texts.push(md(post?.view.text));
      if (post && md(post.view.text).includes('partitions')) {
        expect(md(post.view.fields?.find((f) => f.name === 'Asked by')?.value)).toBe('Vera (community question)');
      }
    }
    expect(texts.filter((text) => text.includes('How do you size Kafka partitions?'))).toHaveLength(1);
    expect(texts.some((text) => text.includes('Pending one'))).toBe(false);
    expect(new Set(texts).size).toBe(7);
  });
});
