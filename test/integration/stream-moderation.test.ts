import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchLine } from '../../src/core/command-kit/dispatch.js';
import type { Role } from '../../src/core/invocation.js';
import { rich } from '../../src/core/rich-text.js';
import { currentBoardView } from '../../src/core/stream/board.js';
import type { DirectMessage, Message, PostMessage, View } from '../../src/core/view.js';
import type { SqliteApp } from '../support/app.js';
import { createTestApp } from '../support/app.js';
import { md } from '../support/messages.js';

const T0 = Date.parse('2026-12-01T20:00:00Z');

/**
 * One database for the whole file; each test runs in its own tenant (a Discord guild or Slack team of its own),
 * so sessions, questions and points never mix between tests.
 */
let app: SqliteApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

let tenantCount = 0;
function guild() {
  const tenant = `guild-${++tenantCount}`;
  let clock = T0;
  const say = async (user: string, line: string, role: Role = 'everyone') => {
    clock += 1000;
    const result = await dispatchLine(
      line,
      {
        platform: 'console',
        tenant,
        channel: 'live',
        user: { id: user, name: user.toUpperCase(), role },
        now: new Date(clock),
      },
      app.deps,
    );
    const messages: Message[] = result.messages;
    return {
      status: result.status,
      view: messages.find((m) => m.kind === 'reply')?.view as View,
      posts: messages.filter((m): m is PostMessage => m.kind === 'post'),
      dms: messages.filter((m): m is DirectMessage => m.kind === 'dm'),
    };
  };
  const tenantId = () =>
    (app.db.$client.prepare('select id from tenants where external_id = ?').get(tenant) as { id: number }).id;
  return {
    say,
    mod: (line: string) => say('host', line, 'moderator'),
    submission: (id: number) =>
      app.db.$client
        .prepare(
          'select text, normalized, category, topic, status, merged_into as mergedInto, reject_reason as rejectReason, approved_at as approvedAt, answered_at as answeredAt from submissions where id = ?',
        )
        .get(id) as Record<string, unknown>,
    actions: () =>
      app.db.$client
        .prepare(
          `select m.action, m.submission_id as submissionId, u.external_id as moderator, m.detail, m.created_at as at
           from moderation_actions m join users u on u.id = m.moderator_id where m.tenant_id = ? order by m.id`,
        )
        .all(tenantId()) as { action: string; submissionId: number | null; moderator: string; detail: string; at: number }[],
    points: (user: string) =>
      app.db.$client
        .prepare(
          `select l.reason, l.points from ledger l join users u on u.id = l.user_id
           where u.external_id = ? and l.tenant_id = ? order by l.id`,
        )
        .all(user, tenantId()) as { reason: string; points: number }[],
    sessionId: () =>
      (
        app.db.$client
          .prepare('select s.id from stream_sessions s join channels c on c.id = s.channel_id where c.tenant_id = ?')
          .get(tenantId()) as { id: number }
      ).id,
    /** Ids of the questions this tenant's session got, in order. */
    ids: () =>
      (
        app.db.$client.prepare('select id from submissions where tenant_id = ? order by id').all(tenantId()) as { id: number }[]
      ).map((row) => row.id),
  };
}

async function sessionWithQuestions(g: ReturnType<typeof guild>, questions: [string, string][]) {
  await g.mod('/stream start title:"Live #97"');
  for (const [user, question] of questions) {
    const said = await g.say(user, `/ask question:"${question}"`);
    expect(said.status).toBe('ok');
  }
  return g.ids();
}

describe('moderating live-stream questions', () => {
  it('GIVEN approval THEN the question joins the pool, its author gets +2 once, and the action is recorded', async () => {
    const g = guild();
    const [id] = await sessionWithQuestions(g, [['ana', 'What is a watermark in stream processing?']]);
    const approved = await g.mod(`/stream approve id:${id}`);
    expect(md(approved.view.text)).toBe(`Approved #${id} "What is a watermark in stream processing?"; +2 points for ANA.`);
    expect(g.submission(id as number)).toMatchObject({ status: 'approved', approvedAt: T0 + 3000 });
    expect(g.points('ana')).toEqual([{ reason: 'submission-approved', points: 2 }]);
    const again = await g.mod(`/stream approve id:${id}`);
    expect(again.status).toBe('user-error');
    expect(md(again.view.text)).toBe(`Question #${id} is approved, so it cannot be approved.`);
    expect(g.points('ana')).toHaveLength(1);
    expect(g.actions().map(({ action, submissionId, moderator, at }) => ({ action, submissionId, moderator, at }))).toEqual([
      { action: 'start', submissionId: null, moderator: 'host', at: T0 + 1000 },
      { action: 'approve', submissionId: id, moderator: 'host', at: T0 + 3000 },
    ]);
  });

  it('GIVEN a viewer WHEN they try a moderator action THEN they are refused and nothing changes', async () => {
    const g = guild();
    const [id] = await sessionWithQuestions(g, [['ana', 'What is a watermark in stream processing?']]);
    for (const line of [`/stream approve id:${id}`, `/stream reject id:${id}`, '/stream queue', '/stream end']) {
      const said = await g.say('ana', line);
      expect(said.status).toBe('user-error');
      expect(md(said.view.text)).toMatch(/^Only moderators can use \/stream \w+\.$/);
    }
    expect(g.submission(id as number)).toMatchObject({ status: 'pending' });
  });

  it('GIVEN a rejection with a reason THEN the reason reaches only the author, privately, and is recorded', async () => {
    const g = guild();
    const [id] = await sessionWithQuestions(g, [['ana', 'What is your favourite pizza topping?']]);
    const rejected = await g.mod(`/stream reject id:${id} reason:"Not a data-engineering question"`);
    expect(md(rejected.view.text)).toBe(
      `Rejected #${id} "What is your favourite pizza topping?". The reason was sent privately to its author.`,
    );
    expect(rejected.view.ephemeral).toBe(true);
    expect(rejected.dms.map((dm) => ({ ...dm, view: { ...dm.view, text: md(dm.view.text) } }))).toEqual([
      {
        kind: 'dm',
        user: 'ana',
        view: {
          title: 'About your question',
          text: `Your question #${id} "What is your favourite pizza topping?" was not added to the list.\n> Not a data-engineering question`,
          footer: 'Thank you for asking; you are welcome to send another one.',
          ephemeral: false,
        },
      },
    ]);
    expect(rejected.posts).toEqual([]);
    expect(g.submission(id as number)).toMatchObject({ status: 'rejected', rejectReason: 'Not a data-engineering question' });
    expect(JSON.parse(g.actions().at(-1)?.detail ?? '{}')).toEqual({
      from: 'pending',
      reason: 'Not a data-engineering question',
    });
  });

  it('GIVEN a rejection without a reason, or of an approved question THEN no message goes out and the +2 is taken back', async () => {
    const g = guild();
    const [id] = await sessionWithQuestions(g, [['ana', 'What is a watermark in stream processing?']]);
    await g.mod(`/stream approve id:${id}`);
    const rejected = await g.mod(`/stream reject id:${id}`);
    expect(rejected.dms).toEqual([]);
    expect(g.points('ana')).toEqual([]);
  });

  it('GIVEN an edit THEN text, category and topic change, matching uses the new text, and old and new are recorded', async () => {
    const g = guild();
    const [id] = await sessionWithQuestions(g, [['ana', 'what is watermarks in flink??']]);
    const edited = await g.mod(
      `/stream edit id:${id} text:"What is a watermark in stream processing?" category:"apache flink" topic:kafka`,
    );
    expect(md(edited.view.text)).toBe(`Edited question #${id}: text, category, topic changed.`);
    expect(g.submission(id as number)).toMatchObject({
      text: 'What is a watermark in stream processing?',
      normalized: 'watermark stream',
      category: 'Apache Flink',
      topic: 'kafka',
    });
    expect(JSON.parse(g.actions().at(-1)?.detail ?? '{}')).toEqual({
      before: expect.objectContaining({ text: 'what is watermarks in flink??', category: null }),
      after: { text: 'What is a watermark in stream processing?', category: 'Apache Flink', topic: 'kafka' },
    });
    const metoo = await g.say('bo', '/ask question:"Stream processing: what is a watermark"');
    expect(md(metoo.view.text)).toContain(`This matches question #${id}`);
    const bad = await g.mod(`/stream edit id:${id} text:"@here"`);
    expect(bad.status).toBe('user-error');
    expect(md((await g.mod(`/stream edit id:${id}`)).view.text)).toBe('Say what to change: text, category or topic.');
  });

  it('GIVEN a merge THEN the merged question leaves the queue and its votes and author count for the kept one', async () => {
    const g = guild();
    const [keep, drop] = await sessionWithQuestions(g, [
      ['ana', 'What is a watermark in stream processing?'],
      ['bo', 'How does Flink decide that an event arrived too late?'],
    ]);
    await g.say('cy', `/stream vote id:${drop}`);
    await g.say('cy', `/stream vote id:${keep}`);
    const merged = await g.mod(`/stream merge id:${drop} into:${keep}`);
    expect(md(merged.view.text)).toBe(
      `Merged #${drop} into #${keep} "What is a watermark in stream processing?", which now has 2 votes.`,
    );
    expect(g.submission(drop as number)).toMatchObject({ status: 'merged', mergedInto: keep });
    const queue = await g.mod('/stream queue');
    expect(md(queue.view.text)).not.toContain(`#${drop}**`);
    expect(md(queue.view.text)).toContain(`**#${keep}** What is a watermark in stream processing?\n  2 votes`);
    expect(md((await g.mod(`/stream merge id:${keep} into:${keep}`)).view.text)).toBe('A question cannot be merged into itself.');
    expect(md((await g.mod(`/stream merge id:${keep} into:${drop}`)).view.text)).toBe(
      `Question #${drop} is merged; merge into a waiting or approved question.`,
    );
    expect(JSON.parse(g.actions().at(-1)?.detail ?? '{}')).toEqual({ into: keep, from: 'pending' });
  });

  it('GIVEN a highlight and then "answered" THEN status and queue show it on stream, then in the answered list, +2 and +1', async () => {
    const g = guild();
    const [id, other] = await sessionWithQuestions(g, [
      ['ana', 'What is a watermark in stream processing?'],
      ['bo', 'How do you size Kafka partitions?'],
    ]);
    const highlighted = await g.mod(`/stream highlight id:${id}`);
    expect(highlighted.posts).toEqual([]);
    const board = await currentBoardView(app.deps, g.sessionId());
    expect(md(board?.text).startsWith(`**On stream now:** #${id} "What is a watermark in stream processing?" · 0 votes`)).toBe(
      true,
    );
    const status = await g.say('dee', '/stream status');
    expect(status.view.fields?.[0]?.name).toBe('On stream now');
    expect(md(status.view.fields?.[0]?.value)).toBe(`#${id} "What is a watermark in stream processing?"`);
    const queue = await g.mod('/stream queue sort:new');
    expect(md(queue.view.text).startsWith(`**On stream now:** **#${id}** What is a watermark`)).toBe(true);
    expect(md(queue.view.text).indexOf(`**#${other}**`)).toBeLessThan(md(queue.view.text).lastIndexOf(`**#${id}**`) ?? 0);

    const answered = await g.mod(`/stream answered id:${id}`);
    expect(md(answered.view.text)).toBe(
      `Approved #${id} "What is a watermark in stream processing?"; +2 points for ANA. Marked #${id} "What is a watermark in stream processing?" answered on stream; +1 point for ANA.`,
    );
    expect(g.points('ana')).toEqual([
      { reason: 'submission-approved', points: 2 },
      { reason: 'submission-answered', points: 1 },
    ]);
    const after = await g.say('dee', '/stream status');
    expect(after.view.fields?.map((field) => field.name)).toEqual(['Started', 'So far', 'Answered']);
    expect(md(after.view.fields?.[2]?.value)).toBe(`- #${id} "What is a watermark in stream processing?"`);
    expect(md((await g.mod(`/stream answered id:${id}`)).view.text)).toBe(`Question #${id} is already answered.`);
    expect(g.actions().map((a) => a.action)).toEqual(['start', 'highlight', 'approve', 'answered']);
  });

  it('GIVEN the queue THEN each question carries approve, edit, reject, merge and answered actions, paged by 4', async () => {
    const g = guild();
    const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
    const topics = ['Kafka partitions', 'Spark shuffles', 'Airflow sensors', 'HDFS block sizes', 'Parquet row groups'];
    const ids = await sessionWithQuestions(
      g,
      users.map((user, i) => [user, `How would you tune ${topics[i]} in production?`] as [string, string]),
    );
    await g.say('zed', `/stream vote id:${ids[4]}`);
    const page1 = await g.mod('/stream queue');
    const first = ids[4] as number;
    expect(page1.view.actions?.slice(0, 5).map((action) => action.id)).toEqual([
      `/stream approve id:${first}`,
      `/stream edit id:${first}`,
      `/stream reject id:${first}`,
      `/stream merge id:${first}`,
      `/stream answered id:${first}`,
    ]);
    expect(page1.view.actions?.at(-1)).toMatchObject({ id: '/stream queue sort:votes page:2', label: 'Next page' });
    expect(page1.view.footer).toBe(`5 questions waiting · sorted by votes · page 1 of 2 · session #${g.sessionId()}`);
    const page2 = await g.mod('/stream queue page:2');
    expect(page2.view.actions?.filter((action) => action.id.startsWith('/stream approve'))).toHaveLength(1);
    // A form runs its id with its fields as options, as a platform would.
    const merge = page1.view.actions?.find((action) => action.id === `/stream merge id:${first}`);
    const mergedByForm = await g.mod(`${merge?.id} into:${ids[0]}`);
    expect(mergedByForm.status).toBe('ok');
  });

  it('GIVEN approved questions THEN /stream export hands them over as a file in the asked format', async () => {
    const g = guild();
    const [a, b] = await sessionWithQuestions(g, [
      ['ana', 'What is a watermark in stream processing?'],
      ['bo', 'How do you size Kafka partitions?'],
    ]);
    await g.mod(`/stream edit id:${a} category:"Apache Flink"`);
    await g.mod(`/stream edit id:${b} category:Kafka`);
    await g.mod(`/stream approve id:${a}`);
    await g.mod(`/stream approve id:${b}`);
    const markdown = await g.say('dee', '/stream export');
    expect(markdown.view.attachments?.[0]).toEqual({
      filename: 'community-questions.md',
      contentType: 'text/markdown',
      content:
        '### Kafka\n\n-   How do you size Kafka partitions?\n\n### Apache Flink\n\n-   What is a watermark in stream processing?\n',
    });
    const session = g.sessionId();
    const csv = await g.say('dee', `/stream export format:csv session:${session}`);
    expect(csv.view.attachments?.[0]?.filename).toBe(`questions-session-${session}.csv`);
    expect(csv.view.attachments?.[0]?.content.split('\n')).toHaveLength(4);
    const json = await g.say('dee', '/stream export format:json');
    expect(JSON.parse(json.view.attachments?.[0]?.content ?? '[]')).toHaveLength(2);
    expect(md((await g.say('dee', '/stream export session:9999')).view.text)).toBe('There is no session #9999 here.');
  });

  it('GIVEN no approved question THEN /stream export says so', async () => {
    const g = guild();
    await sessionWithQuestions(g, [['ana', 'What is a watermark in stream processing?']]);
    expect(md((await g.say('dee', '/stream export')).view.text)).toBe('There are no approved questions in all sessions yet.');
  });

  it('GIVEN approved community questions THEN /questions count adds them to the book toward 1001 with a bar', async () => {
    const g = guild();
    const before = await g.say('dee', '/questions count');
    expect(md(before.view.text).split('\n')[0]).toBe('`██░░░░░░░░░░░░░░░░░░` **96 / 1001** (9.6%)');
    const [id] = await sessionWithQuestions(g, [['ana', 'What is a watermark in stream processing?']]);
    await g.mod(`/stream approve id:${id}`);
    const after = await g.say('dee', '/questions count');
    expect(after.view.title).toBe('Toward 1001 interview questions');
    expect(md(after.view.text).split('\n')[0]).toBe('`██░░░░░░░░░░░░░░░░░░` **97 / 1001** (9.7%)');
    expect(after.view.fields).toEqual([
      { name: 'In the book', value: rich('96'), inline: true },
      { name: 'Approved from live streams', value: rich('1'), inline: true },
      { name: 'Still to find', value: rich('904'), inline: true },
      { name: 'With a community answer', value: rich('0'), inline: true },
    ]);
  });
});
