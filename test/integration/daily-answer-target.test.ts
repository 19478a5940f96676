import { afterEach, describe, expect, it } from 'vitest';
import type { ThreadMessage } from '../../src/core/view.js';
import { md } from '../support/messages.js';
import { ADMIN, dailyHarness, replyOf, type Speaker } from './daily-support.js';

let harness: Awaited<ReturnType<typeof dailyHarness>>;
afterEach(() => harness?.close());

const SCHEDULE = '/daily schedule time:09:00 timezone:Europe/Berlin days:weekdays category:linux';
const as = (user: string, now: string): Speaker => ({ user, now });

async function scheduled(env: Record<string, string> = {}) {
  harness = await dailyHarness(env);
  expect((await harness.say(SCHEDULE, { ...ADMIN, now: '2026-11-30T12:00:00Z' })).status).toBe('ok');
}

async function questionOf(postId: number): Promise<string> {
  const post = await harness.deps.store.daily.posts.byId(postId);
  const question = harness.deps.content.questions.find((q) => q.id === post?.questionId);
  if (!question) throw new Error(`no question for post ${postId}`);
  return question.text;
}

function answerIdOf(result: Awaited<ReturnType<typeof harness.say>>): number {
  const thread = result.messages.find((m): m is ThreadMessage => m.kind === 'thread');
  return Number(thread?.view.actions?.find((a) => a.id.startsWith('/daily vote'))?.id.split(':')[1]);
}

describe('an answer goes to the question the person means', () => {
  it('GIVEN the open question WHEN ana answers with /answer THEN the reply names the question', async () => {
    await scheduled();
    await harness.tick('2026-12-01T08:00:00Z');
    const saved = replyOf(await harness.say('/answer text:"crontab lists the jobs"', as('ana', '2026-12-01T10:00:00Z')));
    expect(md(saved.text)).toBe(`Saved your answer to '${await questionOf(1)}' (+1 point).`);
  });

  it('GIVEN yesterday’s upvoted answer and a late scheduler WHEN ana answers before today’s post THEN nothing is replaced and she is told why', async () => {
    await scheduled();
    await harness.tick('2026-12-01T08:00:00Z');
    const first = await harness.say('/answer text:"first answer"', as('ana', '2026-12-01T10:00:00Z'));
    await harness.say(`/daily vote answer:${answerIdOf(first)}`, as('bob', '2026-12-01T11:00:00Z'));

    const late = replyOf(await harness.say('/answer text:"meant for today"', as('ana', '2026-12-02T08:25:00Z')));
    expect(late.status).toBe('user-error');
    expect(md(late.text)).toBe(
      `'${await questionOf(1)}' closed Wed 2 Dec 2026, 09:00 Europe/Berlin, so it takes no more answers. Today's question is due and has not been posted yet; it comes with the bot's next check.`,
    );
    const [kept] = await harness.deps.store.daily.answers.ofPost(1);
    expect(kept).toMatchObject({ text: 'first answer', votes: 1 });

    const closing = await harness.tick('2026-12-02T10:00:00Z');
    const recaps = closing.filter((m) => m.kind === 'thread');
    expect(recaps).toHaveLength(1);
    expect(md(recaps[0]?.view.text)).toContain('> first answer');
    expect(md(recaps[0]?.view.text)).not.toContain('meant for today');
  });

  it('GIVEN answers without votes or a best one THEN the recap still quotes them, up to three', async () => {
    await scheduled();
    await harness.tick('2026-12-01T08:00:00Z');
    for (const user of ['ana', 'bob', 'cem', 'dee']) {
      await harness.say(`/answer text:"answer of ${user}"`, as(user, '2026-12-01T10:00:00Z'));
    }
    const [recap] = (await harness.tick('2026-12-02T08:00:00Z')).filter((m) => m.kind === 'thread');
    const text = md(recap?.view.text);
    expect(text).toContain('**ana** answered:\n> answer of ana');
    expect(text).toContain('> answer of cem');
    expect(text).not.toContain('answer of dee');
    expect(text).toContain('1 more answer is in the thread.');
  });

  it('GIVEN a tick 150 minutes late WHEN the question is posted THEN it still closes at the slot plus the answer window', async () => {
    await scheduled();
    await harness.tick('2026-12-01T10:30:00Z');
    expect((await harness.deps.store.daily.posts.byId(1))?.closesAt?.toISOString()).toBe('2026-12-02T08:00:00.000Z');
    const closed = replyOf(await harness.say('/answer text:late post:1', as('ana', '2026-12-02T08:01:00Z')));
    expect(md(closed.text)).toContain('This question closed Wed 2 Dec 2026, 09:00 Europe/Berlin.');
  });

  it('GIVEN two questions open at once WHEN ana answers with /answer THEN she is asked which, her text kept in each form', async () => {
    await scheduled({ DAILY_ANSWER_MINUTES: '2880' });
    await harness.tick('2026-12-01T08:00:00Z');
    await harness.tick('2026-12-02T08:00:00Z');
    const asked = replyOf(await harness.say('/answer text:"my answer"', as('ana', '2026-12-02T09:00:00Z')));
    expect(asked.title).toBe('Which question is your answer for?');
    expect(asked.ephemeral).toBe(true);
    const forms = asked.actions ?? [];
    expect(forms.map((form) => form.id)).toEqual(['/answer post:1', '/answer post:2']);
    for (const form of forms) expect(form.type === 'form' && form.fields[0]?.value).toBe('my answer');
    expect(await harness.deps.store.daily.answers.ofPost(1)).toHaveLength(0);
    expect(await harness.deps.store.daily.answers.ofPost(2)).toHaveLength(0);

    const chosen = replyOf(await harness.say('/answer post:1 text:"my answer"', as('ana', '2026-12-02T09:01:00Z')));
    expect(md(chosen.text)).toBe(`Saved your answer to '${await questionOf(1)}' (+1 point).`);
  });

  it('GIVEN an answer typed in a daily question’s thread THEN it goes to that question', async () => {
    await scheduled({ DAILY_ANSWER_MINUTES: '2880' });
    await harness.tick('2026-12-01T08:00:00Z');
    await harness.tick('2026-12-02T08:00:00Z');
    const thread = (await harness.deps.store.deliveries.find({ entity: 'daily_post', id: 1 }))?.threadId ?? '';
    const invocationInThread = await harness.say('/answer text:"in the thread"', {
      ...as('ana', '2026-12-02T09:00:00Z'),
      thread,
    });
    expect(md(replyOf(invocationInThread).text)).toBe(`Saved your answer to '${await questionOf(1)}' (+1 point).`);
  });

  it('GIVEN an upvoted answer WHEN ana sends a different text THEN she is asked first, and on confirming the votes are cleared', async () => {
    await scheduled();
    await harness.tick('2026-12-01T08:00:00Z');
    const first = await harness.say('/answer text:"first"', as('ana', '2026-12-01T09:00:00Z'));
    await harness.say(`/daily vote answer:${answerIdOf(first)}`, as('bob', '2026-12-01T09:10:00Z'));

    const asked = replyOf(await harness.say('/answer text:"second"', as('ana', '2026-12-01T09:20:00Z')));
    expect(asked.title).toBe('Replace your upvoted answer?');
    expect(asked.actions?.[0]?.id).toBe('/answer post:1 replace:true');
    expect((await harness.deps.store.daily.answers.ofPost(1))[0]).toMatchObject({ text: 'first', votes: 1 });

    const replaced = replyOf(await harness.say('/answer post:1 replace:true text:"second"', as('ana', '2026-12-01T09:21:00Z')));
    expect(md(replaced.text)).toBe(
      `Replaced your answer to '${await questionOf(1)}'. Its 1 upvote for the earlier text was cleared.`,
    );
    expect((await harness.deps.store.daily.answers.ofPost(1))[0]).toMatchObject({ text: 'second', votes: 0 });
  });
});
