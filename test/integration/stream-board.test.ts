import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchLine } from '../../src/core/command-kit/dispatch.js';
import type { Role } from '../../src/core/invocation.js';
import { resolveRefreshes } from '../../src/core/refresh/render-tracked.js';
import { rich } from '../../src/core/rich-text.js';
import { currentBoardView } from '../../src/core/stream/board.js';
import type { Message, SelectAction, View } from '../../src/core/view.js';
import type { SqliteApp } from '../support/app.js';
import { createTestApp } from '../support/app.js';
import { md } from '../support/messages.js';

const T0 = Date.parse('2026-12-01T20:00:00Z');
let app: SqliteApp;
let clock = T0;

beforeEach(async () => {
  app = await createTestApp();
  clock = T0;
});
afterEach(() => app.close());

async function say(
  user: string,
  line: string,
  role: Role = 'everyone',
): Promise<{ status: string; messages: Message[]; reply: View | undefined }> {
  clock += 1000;
  const result = await dispatchLine(
    line,
    { platform: 'console', tenant: 'console', channel: 'live', user: { id: user, name: user, role }, now: new Date(clock) },
    app.deps,
  );
  const reply = result.messages.find((message) => message.kind === 'reply');
  return { status: result.status, messages: result.messages, reply: reply?.kind === 'reply' ? reply.view : undefined };
}
const mod = (line: string) => say('host', line, 'moderator');
const board = async () => await currentBoardView(app.deps, 1);
const voteChoices = (view: View | undefined) =>
  (view?.actions?.find((action): action is SelectAction => action.type === 'select')?.choices ?? []).map((c) => c.value);

async function ask(user: string, question: string): Promise<void> {
  const said = await say(user, `/ask question:"${question}"`);
  expect(said.status, md(said.reply?.text)).toBe('ok');
}

const QUESTIONS = [
  'How do you choose a partition key for a fact table?',
  'When is a star schema better than one wide table?',
  'How would you backfill two years of clickstream data?',
  'What makes a pipeline idempotent in practice?',
  'How do you test a dbt model before it reaches production?',
  'What is the cost of small files in a data lake?',
  'How do you handle late events in a streaming join?',
  'How do you price a streaming platform for a startup?',
  'How do you version a schema that many teams read?',
  'What should a data contract between two teams contain?',
  'How do you alert on data that silently stops arriving?',
  'How do you keep a dashboard fast when the fact table triples?',
];

describe('the live board of a session', () => {
  it('GIVEN moderation:pre (the default) THEN a question is listed only once approved, with its votes and the totals', async () => {
    const started = await mod('/stream start title:"Live #98"');
    expect(md(started.reply?.text)).toContain('questions are listed once approved');
    await ask('ana', QUESTIONS[0] ?? '');
    expect(md((await board())?.text)).not.toContain('partition key');
    expect((await board())?.fields?.map((field) => ({ ...field, value: md(field.value) }))).toEqual([
      { name: 'Totals', value: '1 question asked · 0 approved · 0 answered' },
    ]);
    await say('bo', '/stream vote id:1');
    await mod('/stream approve id:1');
    expect(md((await board())?.text)).toContain('1. #1 "How do you choose a partition key for a fact table?" · 1 vote');
    expect(md((await board())?.fields?.[0]?.value)).toBe('1 question asked · 1 approved · 0 answered');
    expect(voteChoices(await board())).toEqual(['1']);
  });

  it('GIVEN moderation:post THEN questions are listed at once, by votes; reject and merge take them off at the next edit', async () => {
    await mod('/stream start title:"Live #98" moderation:post');
    await ask('ana', QUESTIONS[0] ?? '');
    await ask('bo', QUESTIONS[1] ?? '');
    await ask('cy', QUESTIONS[2] ?? '');
    await say('dee', '/stream vote id:3');
    expect(
      md((await board())?.text)
        .split('\n')
        .slice(1),
    ).toEqual([
      '1. #3 "How would you backfill two years of clickstream data?" · 1 vote',
      '2. #1 "How do you choose a partition key for a fact table?" · 0 votes',
      '3. #2 "When is a star schema better than one wide table?" · 0 votes',
    ]);
    const rejected = await mod('/stream reject id:1 reason:spam');
    expect(rejected.messages).toContainEqual({ kind: 'refresh', target: { entity: 'stream_session', id: 1 } });
    await mod('/stream merge id:2 into:3');
    const after = await board();
    expect(JSON.stringify(after)).not.toContain('partition key');
    expect(JSON.stringify(after)).not.toContain('star schema');
    expect(voteChoices(after)).toEqual(['3']);
  });

  it('GIVEN a merge THEN the voters of both count once each, and the merged question’s author counts for the kept one', async () => {
    await mod('/stream start title:"Live #98" moderation:post');
    await ask('ana', QUESTIONS[0] ?? '');
    await ask('bo', QUESTIONS[3] ?? '');
    await say('cy', '/stream vote id:1');
    await say('cy', '/stream vote id:2');
    await say('dee', '/stream vote id:2');
    await mod('/stream merge id:2 into:1');
    expect(md((await board())?.text)).toContain('#1 "How do you choose a partition key for a fact table?" · 3 votes');
    const again = await say('dee', '/stream vote id:1');
    expect(md(again.reply?.text)).toContain('You have already voted for question #1');
  });

  it('GIVEN a vote THEN /stream unvote takes it back once, also through a merged question, and never for one never given', async () => {
    await mod('/stream start title:"Live #98" moderation:post');
    await ask('ana', QUESTIONS[0] ?? '');
    await ask('bo', QUESTIONS[1] ?? '');
    await say('cy', '/stream vote id:2');
    await mod('/stream merge id:2 into:1');
    const withdrawn = await say('cy', '/stream unvote id:2');
    expect(md(withdrawn.reply?.text)).toBe(
      'Your vote for #1 "How do you choose a partition key for a fact table?" is withdrawn: 1 vote now.',
    );
    expect(withdrawn.messages).toContainEqual({ kind: 'refresh', target: { entity: 'stream_session', id: 1 } });
    const twice = await say('cy', '/stream unvote id:1');
    expect(twice.status).toBe('user-error');
    expect(md(twice.reply?.text)).toBe('You have no vote on question #1 to take back.');
    expect(md((await say('ana', '/stream vote id:1')).reply?.text)).toBe(
      'You cannot vote for your own question; your asking it already counts.',
    );
  });

  it('GIVEN more than ten listed questions THEN the board shows the ten most wanted; answered ones leave it; Show all pages the rest privately', async () => {
    await mod('/stream start title:"Live #98" moderation:post');
    for (const [index, question] of QUESTIONS.entries()) await ask(`viewer${index}`, question);
    await say('fan', '/stream vote id:12');
    const full = await board();
    expect(
      md(full?.text)
        .split('\n')
        .filter((line) => /^\d+\. #/.test(line)),
    ).toHaveLength(10);
    expect(md(full?.text)).toContain('1. #12 ');
    expect(voteChoices(full)).toHaveLength(10);
    await mod('/stream highlight id:12');
    expect(md((await board())?.text).startsWith('**On stream now:** #12 ')).toBe(true);
    await mod('/stream answered id:12');
    const after = await board();
    expect(md(after?.text)).not.toContain('#12 ');
    expect(md(after?.fields?.[0]?.value)).toBe('12 questions asked · 1 approved · 1 answered');
    const all = await say('fan', '/stream list');
    expect(all.reply?.ephemeral).toBe(true);
    expect(all.reply?.footer).toBe('12 questions listed · page 1 of 2 · session #1');
    expect(all.reply?.actions?.map((action) => (action.type === 'button' ? action.id : action.type))).toEqual([
      'select',
      '/stream list page:2 session:1',
    ]);
    const second = await say('fan', '/stream list page:2');
    expect(md(second.reply?.text).split('\n')).toHaveLength(2);
  });

  it('GIVEN the board’s vote select THEN choosing a question votes for it', async () => {
    await mod('/stream start title:"Live #98" moderation:post');
    await ask('ana', QUESTIONS[0] ?? '');
    const select = (await board())?.actions?.find((action): action is SelectAction => action.type === 'select');
    expect(select?.id).toBe('/stream board-vote');
    const result = await dispatchLine(
      select?.id ?? '',
      {
        platform: 'console',
        tenant: 'console',
        channel: 'live',
        user: { id: 'bo', name: 'bo', role: 'everyone' },
        now: new Date(clock),
      },
      app.deps,
      { value: '1' },
    );
    expect(result.status).toBe('ok');
    expect(md((await board())?.text)).toContain('· 1 vote');
  });

  it('GIVEN the console THEN each command that changes the board shows it edited once, never posted', async () => {
    await mod('/stream start title:"Live #98" moderation:post');
    const said = await say('ana', `/ask question:"${QUESTIONS[4]}"`);
    const shown = await resolveRefreshes(said.messages, app.deps);
    expect(shown.map((message) => message.kind)).toEqual(['reply', 'edit']);
    expect(md(shown[1]?.kind === 'edit' ? shown[1].view.text : undefined)).toContain('How do you test a dbt model');
  });

  it('GIVEN a session and a question posted on its own before the board existed THEN the session keeps working and rejecting retires that post', async () => {
    await mod('/stream start title:"Live #97"');
    await ask('ana', QUESTIONS[5] ?? '');
    app.db.$client.prepare("update stream_sessions set moderation = 'pre'").run();
    await app.deps.store.deliveries.record(
      { entity: 'submission', id: 1 },
      { platform: 'console', channel: 'live', messageId: 'submission:1' },
      new Date(clock),
    );
    const rejected = await mod('/stream reject id:1');
    expect(rejected.messages).toContainEqual({
      kind: 'edit',
      target: { entity: 'submission', id: 1 },
      view: { title: 'Question #1', text: rich('The moderators removed this question.'), ephemeral: false },
    });
    expect((await say('bo', `/ask question:"${QUESTIONS[6]}"`)).status).toBe('ok');
  });

  it('GIVEN /stream status THEN "most wanted" lists listed questions not yet answered', async () => {
    await mod('/stream start title:"Live #98"');
    await ask('ana', QUESTIONS[7] ?? '');
    await ask('bo', QUESTIONS[8] ?? '');
    await say('cy', '/stream vote id:2');
    await mod('/stream approve id:1');
    await mod('/stream answered id:1');
    const status = await say('dee', '/stream status');
    expect(status.reply?.fields?.map((field) => field.name)).toEqual(['Started', 'So far', 'Answered']);
  });
});
