import { afterEach, describe, expect, it } from 'vitest';
import { type Logger, silentLogger } from '../../src/core/logger.js';
import type { Message, ThreadMessage } from '../../src/core/view.js';
import { createTestApp } from '../support/app.js';
import { md } from '../support/messages.js';
import { ADMIN, dailyHarness, readable, replyOf, type Speaker } from './daily-support.js';

let harness: Awaited<ReturnType<typeof dailyHarness>>;
afterEach(() => harness?.close());

// The Linux category holds one book question, so every day asks it again: "What is crontab?", number 14.
const CRONTAB = '14';
const MOD: Speaker = { user: 'mod', role: 'moderator' };
const GOOD =
  'Crontab is the table of scheduled jobs that cron runs on Linux: each line gives five time fields and the command to run.';
const ALSO_GOOD = 'The crontab file lists cron jobs, one per line, with minute, hour, day, month and weekday before the command.';

const day = (n: number) => `2026-12-${String(n).padStart(2, '0')}`;
const at = (user: string, n: number, role: Speaker['role'] = 'everyone'): Speaker => ({
  user,
  role,
  now: `${day(n)}T10:00:00Z`,
});

async function scheduled(
  line = '/daily schedule time:09:00 timezone:UTC category:linux',
  log: Logger = silentLogger,
): Promise<void> {
  harness = await dailyHarness({}, await createTestApp({}, log));
  expect((await harness.say(line, ADMIN)).status).toBe('ok');
}

/** Posts day n's question (which also closes day n-1's and hands over its recap). */
async function dayStarts(n: number): Promise<Message[]> {
  return await harness.tick(`${day(n)}T09:00:00Z`);
}

async function answer(user: string, n: number, text: string): Promise<number> {
  const result = await harness.say(`/answer text:"${text}"`, at(user, n));
  expect(result.status).toBe('ok');
  const thread = result.messages.find((m): m is ThreadMessage => m.kind === 'thread');
  return Number(thread?.view.actions?.[0]?.id.split(':')[1]);
}

async function vote(user: string, n: number, answerId: number): Promise<void> {
  expect((await harness.say(`/daily vote answer:${answerId}`, at(user, n))).status).toBe('ok');
}

async function show(ref = CRONTAB, who: Speaker = { user: 'viewer' }) {
  return replyOf(await harness.say(`/questions show id:${ref}`, who));
}

function recapOf(messages: Message[]) {
  const recap = messages.find((m) => m.kind === 'thread' && m.view.title?.startsWith('Recap'));
  if (recap?.kind !== 'thread') throw new Error('no recap');
  return recap.view;
}

describe('community answers', () => {
  it('GIVEN an answer marked best WHEN the day closes THEN it becomes the community answer, credited only with consent', async () => {
    await scheduled();
    await dayStarts(1);
    const id = await answer('ana', 1, GOOD);
    expect((await harness.say(`/daily best answer:${id}`, at('mod', 1, 'moderator'))).status).toBe('ok');

    const recap = recapOf(await dayStarts(2));
    expect(md(readable(recap).text)).toContain(`today's answer (marked best by a moderator) now stands for question #${CRONTAB}`);
    expect(recap.actions).toContainEqual(
      expect.objectContaining({ id: `/questions show id:${CRONTAB}`, label: 'Community answer' }),
    );

    const shown = await show();
    expect(shown.title).toBe(`Question #${CRONTAB}`);
    expect(md(shown.text)).toContain('What is crontab?');
    expect(md(shown.text)).toContain('Community answer (marked best by a moderator) by the community, 2026-12-02:');
    expect(md(shown.text)).toContain(`> ${GOOD}`);
    const field = (name: string) => md(shown.fields?.find((f) => f.name === name)?.value);
    expect(field('Category')).toBe('Linux');
    expect(field('Read in the Cookbook')).toMatch(/Cron Jobs, §[\d.]+ \(`\/topic cron`\)/);

    expect(replyOf(await harness.say('/mydata credit on', { user: 'ana' })).status).toBe('ok');
    expect((await show()).text).toContain('by ana, 2026-12-02');
    expect(replyOf(await harness.say('/mydata credit state:off', { user: 'ana' })).status).toBe('ok');
    expect((await show()).text).toContain('by the community');
  });

  it('GIVEN no best mark THEN the most upvoted answer with two votes stands as the group pick, but never a short or off-topic one', async () => {
    await scheduled();
    await dayStarts(1);
    const short = await answer('ana', 1, 'Cron table.');
    const offTopic = await answer('bo', 1, 'You write the steps down in a notebook and ask a colleague to do them each morning.');
    const good = await answer('cy', 1, GOOD);
    for (const voter of ['v1', 'v2', 'v3']) await vote(voter, 1, short);
    for (const voter of ['v1', 'v2', 'v3']) await vote(voter, 1, offTopic);
    for (const voter of ['v1', 'v2']) await vote(voter, 1, good);

    const recap = recapOf(await dayStarts(2));
    expect(md(readable(recap).text)).toContain("today's answer (the group's pick, 2 votes) now stands");
    const shown = await show();
    expect(md(shown.text)).toContain("Community answer (the group's pick, 2 votes) by the community");
    expect(md(shown.text)).toContain(GOOD);
    expect(shown.fields?.find((f) => f.name === 'Other candidates')).toBeUndefined();

    // Moderators see the other candidates and can still let the short one stand.
    const forMod = await show(CRONTAB, MOD);
    const others = md(forMod.fields?.find((f) => f.name === 'Other candidates')?.value);
    expect(others).toContain('Cron table.');
    expect(others).toContain('3 votes');
    const shortCandidate = (await harness.deps.store.community.all()).find((c) => c.text === 'Cron table.');
    expect(forMod.actions).toContainEqual(
      expect.objectContaining({ id: `/questions pick answer:${shortCandidate?.id}`, label: `Let #${shortCandidate?.id} stand` }),
    );
    const refused = replyOf(await harness.say(`/questions pick answer:${shortCandidate?.id}`, { user: 'ana' }));
    expect(refused.status).toBe('user-error');
    expect((await show()).text).toContain(GOOD);
    const picked = replyOf(await harness.say(`/questions pick answer:${shortCandidate?.id}`, MOD));
    expect(md(picked.text)).toBe(
      `Answer #${shortCandidate?.id} by the community now stands as the community answer to question #${CRONTAB}.`,
    );
    expect((await show()).text).toContain(
      'Community answer (chosen by a moderator) by the community, 2026-12-02:\n> Cron table.',
    );
  });

  it('GIVEN answers too short or with one vote THEN nothing stands and the recap says what would make one', async () => {
    await scheduled();
    await dayStarts(1);
    const id = await answer('ana', 1, GOOD);
    await vote('v1', 1, id);
    const recap = recapOf(await dayStarts(2));
    expect(md(readable(recap).text)).toContain(`Community answer: none yet for question #${CRONTAB}.`);
    expect((await show()).text).toContain('No community answer yet: 1 answer kept, none picked.');
  });

  it('GIVEN a later day on the same question THEN its pick adds to the history and the newest best answer stands', async () => {
    await scheduled();
    await dayStarts(1);
    const first = await answer('ana', 1, GOOD);
    await harness.say(`/daily best answer:${first}`, at('mod', 1, 'moderator'));
    await dayStarts(2);
    const second = await answer('bo', 2, ALSO_GOOD);
    await harness.say(`/daily best answer:${second}`, at('mod', 2, 'moderator'));
    await dayStarts(3);
    expect((await show()).text).toContain(ALSO_GOOD);
    const history = await harness.deps.store.community.ofQuestion(1, 'linux-crontab');
    expect(history.map((c) => c.text)).toEqual([GOOD, ALSO_GOOD]);
    // A tick again at the same instant keeps nothing twice.
    await dayStarts(3);
    expect(await harness.deps.store.community.ofQuestion(1, 'linux-crontab')).toHaveLength(2);
  });

  it('GIVEN /mydata delete THEN the person answer leaves the community answers and the question falls back', async () => {
    await scheduled();
    await dayStarts(1);
    const first = await answer('ana', 1, GOOD);
    await harness.say(`/daily best answer:${first}`, at('mod', 1, 'moderator'));
    await dayStarts(2);
    const second = await answer('bo', 2, ALSO_GOOD);
    await harness.say(`/daily best answer:${second}`, at('mod', 2, 'moderator'));
    await dayStarts(3);
    await harness.say('/mydata credit on', { user: 'bo' });
    const mine = replyOf(await harness.say('/mydata show', { user: 'bo' }));
    expect(md(mine.text)).toContain('Your answers kept as community answers: 1');
    expect(md(mine.text)).toContain('Your consent to be named for community answers: 1');

    const erased = replyOf(await harness.say('/mydata delete confirm:true', { user: 'bo' }));
    expect(md(erased.text)).toContain('Your answers kept as community answers: 1');
    const after = await show();
    expect(md(after.text)).toContain(GOOD);
    expect(md(after.text)).not.toContain(ALSO_GOOD);
    const json = replyOf(await harness.say('/questions export format:json', { user: 'viewer' }));
    expect(json.attachments?.[0]?.content).not.toContain(ALSO_GOOD);

    await harness.say('/mydata delete confirm:true', { user: 'ana' });
    expect((await show()).text).toContain('No community answer yet: answer it when it comes up as the daily question.');
    expect(replyOf(await harness.say('/questions export', { user: 'viewer' }))).toMatchObject({
      status: 'user-error',
      text: 'No question has a community answer here yet.',
    });
  });

  it('GIVEN one answered question THEN lists filter by answered and count shows it beside the 1001 bar', async () => {
    await scheduled();
    await dayStarts(1);
    const id = await answer('ana', 1, GOOD);
    await harness.say(`/daily best answer:${id}`, at('mod', 1, 'moderator'));
    await dayStarts(2);

    const answered = replyOf(await harness.say('/questions list answered:true', { user: 'viewer' }));
    expect(md(answered.text)).toBe(`${CRONTAB}. What is crontab? (Linux) · answered`);
    expect(answered.actions).toContainEqual(
      expect.objectContaining({ id: `/questions show id:${CRONTAB}`, label: `#${CRONTAB}` }),
    );
    const open = replyOf(await harness.say('/questions list answered:false', { user: 'viewer' }));
    expect(open.footer).toContain('95 questions');
    expect(md(open.text)).not.toContain('crontab');
    const linux = replyOf(await harness.say('/questions list category:Linux answered:false', { user: 'viewer' }));
    expect(linux).toMatchObject({ status: 'user-error', text: 'No interview questions (Linux, not answered yet) yet.' });

    const count = replyOf(await harness.say('/questions count', { user: 'viewer' }));
    expect(md(count.text)).toContain('96 / 1001');
    expect(md(count.text)).toMatch(/`?█?░+`? 1 \/ 96 with a community answer/);
  });

  it('GIVEN an approved live-stream question asked as the daily question THEN its answers count the same way', async () => {
    harness = await dailyHarness();
    const host: Speaker = { user: 'host', role: 'moderator' };
    expect((await harness.say('/stream start title:Live', host)).status).toBe('ok');
    expect((await harness.say('/ask question:"How do you rotate logs of a cron job?"', { user: 'zoe' })).status).toBe('ok');
    expect((await harness.say('/stream approve id:1', host)).status).toBe('ok');
    expect((await harness.say('/stream edit id:1 category:Linux topic:cron', host)).status).toBe('ok');
    expect((await harness.say('/daily schedule time:09:00 timezone:UTC category:linux', ADMIN)).status).toBe('ok');
    let asked = 0;
    for (let n = 1; n <= 4 && asked === 0; n += 1) {
      await dayStarts(n);
      const post = await harness.deps.store.daily.posts.latestSent(1);
      if (post?.questionId === 'community:1') asked = n;
    }
    expect(asked).toBeGreaterThan(0);
    const text = 'Point the cron job at logrotate, or let logrotate own the log file with a daily rule and compress old files.';
    const id = await answer('ana', asked, text);
    await harness.say(`/daily best answer:${id}`, at('mod', asked, 'moderator'));
    await dayStarts(asked + 1);
    const shown = await show('c1');
    expect(shown.title).toBe('Question #c1');
    expect(md(shown.text)).toContain(text);
    expect(shown.footer).toBe('A question from a live stream of this community.');
  });

  it('GIVEN keeping the answers fails WHEN the day closes THEN the day stays open, the error is logged and the next tick closes it', async () => {
    const errors: object[] = [];
    const capture: Logger = { ...silentLogger, error: (entry) => errors.push(entry), child: () => capture };
    await scheduled(undefined, capture);
    await dayStarts(1);
    const id = await answer('ana', 1, GOOD);
    await harness.say(`/daily best answer:${id}`, at('mod', 1, 'moderator'));
    const client = harness.app.db.$client;
    client.exec("CREATE TRIGGER full_disk BEFORE INSERT ON community_answers BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const failed = await dayStarts(2);
    expect(failed.some((m) => m.kind === 'thread' && m.view.title?.startsWith('Recap'))).toBe(false);
    expect(errors).toHaveLength(1);
    expect((await harness.deps.store.daily.posts.byId(1))?.closedAt).toBeNull();

    client.exec('DROP TRIGGER full_disk');
    const recap = recapOf(await harness.tick(`${day(2)}T09:01:00Z`));
    expect(md(readable(recap).text)).toContain('now stands for question #14');
    expect((await harness.deps.store.community.all()).map((c) => c.text)).toEqual([GOOD]);
  });

  it('GIVEN a number that is no question THEN show says how questions are named', async () => {
    harness = await dailyHarness();
    const missing = replyOf(await harness.say('/questions show id:5000', { user: 'viewer' }));
    expect(missing).toMatchObject({ status: 'user-error' });
    expect(md(missing.text)).toContain('There is no question "5000"');
  });
});
