import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchLine } from '../../src/core/command-kit/dispatch.js';
import type { Role } from '../../src/core/invocation.js';
import { currentBoardView } from '../../src/core/stream/board.js';
import { type FormAction, type Message, type PostMessage, timesAsText, type View } from '../../src/core/view.js';
import type { SqliteApp } from '../support/app.js';
import { createTestApp } from '../support/app.js';
import { md } from '../support/messages.js';

const T0 = Date.parse('2026-12-01T20:00:00Z');

interface Said {
  status: string;
  messages: Message[];
  /** The first reply's view (what the person who typed the command sees). */
  view: View | undefined;
  posts: PostMessage[];
}

function harness(app: SqliteApp) {
  let clock = T0;
  const say = async (
    user: string,
    line: string,
    options: { role?: Role; channel?: string; key?: string; at?: number } = {},
  ): Promise<Said> => {
    const result = await dispatchLine(
      line,
      {
        platform: 'console',
        tenant: 'console',
        channel: options.channel ?? 'live',
        user: { id: user, name: user === 'ana' ? 'Ana' : user, role: options.role ?? 'everyone' },
        now: new Date(options.at ?? clock),
        ...(options.key ? { idempotencyKey: options.key } : {}),
      },
      app.deps,
    );
    return {
      status: result.status,
      messages: result.messages,
      view: result.messages.find((m) => m.kind === 'reply')?.view,
      posts: result.messages.filter((m): m is PostMessage => m.kind === 'post'),
    };
  };
  return {
    say,
    mod: (line: string, options: { channel?: string } = {}) => say('host', line, { ...options, role: 'moderator' }),
    advance: (ms: number) => {
      clock += ms;
    },
    rows: (sql: string, ...params: unknown[]) => app.db.$client.prepare(sql).all(...params) as Record<string, unknown>[],
  };
}

let app: SqliteApp;
let h: ReturnType<typeof harness>;
beforeEach(async () => {
  app = await createTestApp();
  h = harness(app);
});
afterEach(() => app.close());

describe('a live-stream question session', () => {
  it('GIVEN no session WHEN a viewer asks THEN one sentence says there is none and nothing is stored', async () => {
    const said = await h.say('ana', '/ask question:"What is a watermark in stream processing?"');
    expect(said.status).toBe('user-error');
    expect(md(said.view?.text)).toBe(
      'There is no open question session in this channel; a moderator can start one with /stream start.',
    );
    expect(h.rows('select * from submissions')).toEqual([]);
  });

  it('GIVEN a moderator starts one THEN a pinned, tracked call for questions carries the /ask form', async () => {
    const said = await h.mod('/stream start title:"Live #97"');
    expect(said.status).toBe('ok');
    const [post] = said.posts;
    expect(post).toMatchObject({ channel: 'live', pin: true, track: { entity: 'stream_session', id: 1 } });
    const form = post?.view.actions?.[0] as FormAction;
    expect(form).toMatchObject({ type: 'form', id: '/ask', label: 'Submit a question' });
    expect(form.fields.map((field) => field.name)).toEqual(['question', 'category', 'anonymous']);
  });

  it('GIVEN a viewer WHEN they try to start a session THEN only moderators may', async () => {
    const said = await h.say('ana', '/stream start title:"My show"');
    expect(said.status).toBe('user-error');
    expect(md(said.view?.text)).toBe('Only moderators can use /stream start.');
  });

  it('GIVEN an open session WHEN another is started in the channel THEN the refusal says which one is open', async () => {
    await h.mod('/stream start title:"Live #97"');
    const second = await h.mod('/stream start title:"Live #98"');
    expect(second.status).toBe('user-error');
    expect(timesAsText(md(second.view?.text))).toBe(
      'A session is already open in this channel: "Live #97" (session #1, started Tue 1 Dec 2026, 20:00 UTC); end it with /stream end before starting another.',
    );
    const elsewhere = await h.mod('/stream start title:"Live #98" channel:<#other>');
    expect(elsewhere.status).toBe('ok');
    expect(elsewhere.posts[0]?.channel).toBe('other');
  });

  it('GIVEN a session WHEN a viewer asks THEN they hear its number and where it stands; nothing is posted, the board refreshes', async () => {
    await h.mod('/stream start title:"Live #97"');
    const said = await h.say('ana', '/ask question:"  What is a  watermark in stream processing? " category:"apache flink"');
    expect(said.status).toBe('ok');
    expect(md(said.view?.text)).toBe(
      'Thanks! Your question is #1: moderators review it before it is listed on the board; it is next in the review queue.',
    );
    expect(said.view?.ephemeral).toBe(true);
    expect(said.posts).toEqual([]);
    expect(said.messages).toContainEqual({ kind: 'refresh', target: { entity: 'stream_session', id: 1 } });
    const second = await h.say('bo', '/ask question:"How do you size Kafka partitions?"');
    expect(md(second.view?.text)).toContain(
      'Your question is #2: moderators review it before it is listed on the board; 1 question is ahead of it',
    );
    expect(h.rows('select text, category, topic, status from submissions where id = 1')).toEqual([
      {
        text: 'What is a watermark in stream processing?',
        category: 'Apache Flink',
        topic: 'stream-processing',
        status: 'pending',
      },
    ]);
  });

  it('GIVEN an anonymous question THEN the board never names its author and moderators still see who sent it', async () => {
    await h.mod('/stream start title:"Live #97" moderation:post');
    const said = await h.say('ana', '/ask question:"How do you size Kafka partitions?" anonymous:true');
    expect(md(said.view?.text)).toContain('it is listed on the board now');
    const board = await currentBoardView(app.deps, 1);
    expect(md(board?.text)).toContain('How do you size Kafka partitions?');
    expect(JSON.stringify(board)).not.toContain('Ana');
    const queue = await h.mod('/stream queue');
    expect(md(queue.view?.text)).toContain('by Ana (anonymous to others)');
  });

  it('GIVEN a question the book already has THEN the viewer is told which one, and nothing is added', async () => {
    await h.mod('/stream start title:"Live #97"');
    const said = await h.say('bo', '/ask question:"what is a topic"');
    expect(said.status).toBe('ok');
    expect(md(said.view?.text)).toBe(
      'The book already has this question under Kafka: "What is a topic?". Nothing was added; ask one the book does not cover yet. Read up on it with `/topic kafka`.',
    );
    expect(said.posts).toEqual([]);
    expect(h.rows('select count(*) as n from submissions')).toEqual([{ n: 0 }]);
  });

  it('GIVEN a near-duplicate of a pending question THEN it becomes a "me too" vote for it, once', async () => {
    await h.mod('/stream start title:"Live #97"');
    await h.say('ana', '/ask question:"What is a watermark in stream processing?"');
    const metoo = await h.say('cy', '/ask question:"what is a watermrk in stream-processing"');
    expect(metoo.status).toBe('ok');
    expect(md(metoo.view?.text)).toBe(
      'This matches question #1 "What is a watermark in stream processing?", so your vote went to it instead (now 1 vote).',
    );
    expect(metoo.posts).toEqual([]);
    const again = await h.say('cy', '/ask question:"Processing streams: what is a watermark?"');
    expect(md(again.view?.text)).toContain('which you have already voted for (1 vote)');
    expect(h.rows('select count(*) as n from submissions')).toEqual([{ n: 1 }]);
  });

  it('GIVEN a question approved in an earlier session THEN asking it again in a new one is a vote for it', async () => {
    await h.mod('/stream start title:"Live #97"');
    await h.say('ana', '/ask question:"What is a watermark in stream processing?"');
    await h.mod('/stream approve id:1');
    await h.mod('/stream end');
    await h.mod('/stream start title:"Live #98"');
    const said = await h.say('dee', '/ask question:"Stream processing: what are watermarks?"');
    expect(md(said.view?.text)).toContain('This matches question #1');
  });

  it('GIVEN one sends the same question twice THEN the second is refused with one sentence', async () => {
    await h.mod('/stream start title:"Live #97"');
    await h.say('ana', '/ask question:"What is a watermark in stream processing?"');
    const said = await h.say('ana', '/ask question:"WHAT IS A WATERMARK IN STREAM PROCESSING"');
    expect(said.status).toBe('user-error');
    expect(md(said.view?.text)).toBe(
      'You already sent this question as #1 "What is a watermark in stream processing?"; one is enough, and votes from others will lift it.',
    );
  });

  it.each([
    ['/ask question:"@everyone what is a Kafka topic?"', 'Questions cannot contain mentions'],
    ['/ask question:"<@&1234> what is a Kafka topic?"', 'Questions cannot contain mentions'],
    ['/ask question:"<!channel> what is a Kafka topic?"', 'Questions cannot contain mentions'],
    ['/ask question:"https://example.com/watermarks"', 'A question needs words, not only a link'],
    ['/ask question:"Kafka?"', '"question" needs at least 10 characters.'],
    [`/ask question:"${'x'.repeat(301)}"`, '"question" can be at most 300 characters (it has 301).'],
    ['/ask question:""', 'needs the option "question"'],
  ])('GIVEN %s THEN it is refused: %s', async (line, sentence) => {
    await h.mod('/stream start title:"Live #97"');
    const said = await h.say('ana', line);
    expect(said.status).toBe('user-error');
    expect(md(said.view?.text)).toContain(sentence);
    expect(h.rows('select count(*) as n from submissions')).toEqual([{ n: 0 }]);
  });

  it('GIVEN three questions within a minute THEN the fourth names the limit and when to retry; a minute later it goes', async () => {
    await h.mod('/stream start title:"Live #97"');
    const questions = [
      'What is a watermark in stream processing?',
      'How do you size Kafka partitions?',
      'When would you choose Avro over Protobuf?',
      'What is backpressure in Flink?',
    ];
    for (const question of questions.slice(0, 3)) {
      expect((await h.say('ana', `/ask question:"${question}"`)).status).toBe('ok');
      h.advance(10_000);
    }
    const fourth = await h.say('ana', `/ask question:"${questions[3]}"`);
    expect(fourth.status).toBe('user-error');
    expect(timesAsText(md(fourth.view?.text))).toBe(
      'You can send at most 3 questions a minute; you can send the next one in 30 s (at 20:01:00 UTC).',
    );
    h.advance(30_000);
    expect((await h.say('ana', `/ask question:"${questions[3]}"`)).status).toBe('ok');
  });

  it('GIVEN a session limit THEN the question past it is refused with the limit', async () => {
    await app.close();
    app = await createTestApp({ STREAM_PER_USER_PER_SESSION: '2', STREAM_PER_USER_PER_MINUTE: '10' });
    h = harness(app);
    await h.mod('/stream start title:"Live #97"');
    await h.say('ana', '/ask question:"What is a watermark in stream processing?"');
    const second = await h.say('ana', '/ask question:"How do you size Kafka partitions?"');
    expect(md(second.view?.text)).toContain('You can send 0 more questions in this session.');
    const third = await h.say('ana', '/ask question:"When would you choose Avro over Protobuf?"');
    expect(third.status).toBe('user-error');
    expect(md(third.view?.text)).toBe(
      "You have sent 2 questions in this session, the most one person can send; vote for others' questions instead.",
    );
  });

  it('GIVEN upvotes THEN each viewer counts once, not for their own question, and a merged question passes votes on', async () => {
    await h.mod('/stream start title:"Live #97"');
    await h.say('ana', '/ask question:"What is a watermark in stream processing?"');
    await h.say('bo', '/ask question:"How do you size Kafka partitions?"');
    const first = await h.say('cy', '/stream vote id:1');
    expect(md(first.view?.text)).toBe('Your vote for #1 "What is a watermark in stream processing?" is in: 1 vote now.');
    expect(first.view?.actions?.[0]).toMatchObject({ id: '/stream vote id:1', label: '▲ Upvote (1)' });
    expect(md((await h.say('cy', '/stream vote id:1')).view?.text)).toBe(
      'You have already voted for question #1; /stream unvote id:1 takes it back.',
    );
    expect(md((await h.say('ana', '/stream vote id:1')).view?.text)).toBe(
      'You cannot vote for your own question; your asking it already counts.',
    );
    await h.mod('/stream merge id:2 into:1');
    const redirected = await h.say('dee', '/stream vote id:2');
    expect(md(redirected.view?.text)).toContain(
      '#1 "What is a watermark in stream processing?" (#2 was merged into it) is in: 3 votes',
    );
    expect(md((await h.say('zed', '/stream vote id:99')).view?.text)).toBe(
      'There is no question #99 here; /stream queue lists them.',
    );
  });

  it('GIVEN the same delivery twice (same idempotency key) THEN the question is stored and counted once', async () => {
    await h.mod('/stream start title:"Live #97"');
    const line = '/ask question:"What is a watermark in stream processing?"';
    const first = await h.say('ana', line, { key: 'interaction-1' });
    const retry = await h.say('ana', line, { key: 'interaction-1' });
    expect(first.messages.filter((message) => message.kind === 'refresh')).toHaveLength(1);
    expect(retry.status).toBe('duplicate');
    expect(retry.messages).toEqual([]);
    expect(h.rows('select idempotency_key as key from submissions')).toEqual([{ key: 'interaction-1' }]);
  });

  it('GIVEN the session ends THEN the board turns into the summary with the approved questions as a Markdown file, and /ask is closed', async () => {
    await h.mod('/stream start title:"Live #97"');
    await h.say('ana', '/ask question:"What is a watermark in stream processing?" category:"Apache Flink"');
    await h.say('bo', '/ask question:"How do you size Kafka partitions?" category:kafka');
    await h.say('cy', '/stream vote id:2');
    await h.mod('/stream approve id:1');
    const end = await h.mod('/stream end');
    expect(md(end.view?.text)).toBe('Session #1 has ended; 1 question still waits in /stream queue session:1.');
    expect(end.posts).toEqual([]);
    const edit = end.messages.find((message) => message.kind === 'edit');
    expect(edit).toMatchObject({ kind: 'edit', target: { entity: 'stream_session', id: 1 } });
    const summary = edit?.kind === 'edit' ? edit.view : undefined;
    expect(summary?.title).toBe('Live #97 has ended: thank you for your questions!');
    expect(md(summary?.fields?.[0]?.value)).toBe('2 questions asked · 1 approved · 0 answered');
    expect(md(summary?.text)).toBe('**Still wanted**\n1. #1 "What is a watermark in stream processing?" · 0 votes');
    expect(summary?.attachments).toEqual([
      {
        filename: 'questions-session-1.md',
        contentType: 'text/markdown',
        content: '### Apache Flink\n\n-   What is a watermark in stream processing?\n',
      },
    ]);
    const late = await h.say('dee', '/ask question:"What is backpressure in Flink?"');
    expect(md(late.view?.text)).toContain('There is no open question session in this channel');
    const queue = await h.mod('/stream queue');
    expect(queue.view?.footer).toBe('1 question waiting · sorted by votes · page 1 of 1 · session #1 (ended)');
  });

  it('GIVEN no session ever THEN status, queue and end say so', async () => {
    expect(md((await h.say('ana', '/stream status')).view?.text)).toBe(
      'No question session has been held in this channel yet; a moderator starts one with /stream start.',
    );
    expect(md((await h.mod('/stream end')).view?.text)).toContain('There is no open question session in this channel');
  });
});
