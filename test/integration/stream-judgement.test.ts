import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchLine } from '../../src/core/command-kit/dispatch.js';
import type { Role } from '../../src/core/invocation.js';
import { rich } from '../../src/core/rich-text.js';
import type { ButtonAction, Message, View } from '../../src/core/view.js';
import type { SqliteApp } from '../support/app.js';
import { createTestApp } from '../support/app.js';
import { md } from '../support/messages.js';

const T0 = Date.parse('2026-12-01T20:00:00Z');

function harness(app: SqliteApp) {
  let clock = T0;
  const say = async (user: string, line: string, role: Role = 'everyone') => {
    clock += 1000;
    const result = await dispatchLine(
      line,
      {
        platform: 'console',
        tenant: 'console',
        channel: 'live',
        user: { id: user, name: user, role },
        now: new Date(clock),
      },
      app.deps,
    );
    const messages: Message[] = result.messages;
    return { status: result.status, view: messages.find((m) => m.kind === 'reply')?.view as View };
  };
  return {
    say,
    mod: (line: string) => say('host', line, 'moderator'),
    rows: (sql: string, ...params: unknown[]) => app.db.$client.prepare(sql).all(...params) as Record<string, unknown>[],
  };
}

const button = (view: View, label: string): ButtonAction => {
  const found = view.actions?.find((action): action is ButtonAction => action.type === 'button' && action.label === label);
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(view.actions)}`);
  return found;
};

let app: SqliteApp;
let h: ReturnType<typeof harness>;
beforeEach(async () => {
  app = await createTestApp();
  h = harness(app);
  await h.mod('/stream start title:"Live #102"');
});
afterEach(() => app.close());

describe('judging stream questions against the book and each other', () => {
  it("GIVEN a question beyond the book and the book's own question THEN the first is kept, the second refused with the book's wording and topic", async () => {
    const kept = await h.say('a', '/ask question:"Why would I pick a lakehouse over a classic data warehouse?"');
    expect(md(kept.view.text)).toContain('Your question is #1');
    const refused = await h.say('b', '/ask question:"Could you explain what consumer groups are in Kafka?"');
    expect(refused.status).toBe('ok');
    expect(md(refused.view.text)).toBe(
      'The book already has this question under Kafka: "What are consumer groups?". Nothing was added; ask one the book does not cover yet. Read up on it with `/topic kafka`.',
    );
    const queue = await h.mod('/stream queue');
    expect(queue.view.footer).toMatch(/^1 question waiting/);
    expect(md(queue.view.text)).toContain('**#1** Why would I pick a lakehouse over a classic data warehouse?');
    expect(md(queue.view.text)).toContain('topic `data-warehouse-vs-data-lake`');
  });

  it('GIVEN two viewers ask how a data lake differs from a warehouse THEN neither is refused as the book\'s "data lake warehouses", and the second is a vote for the first', async () => {
    const first = await h.say('a', '/ask question:"What is the difference between a data lake and a data warehouse?"');
    expect(md(first.view.text)).toContain('Your question is #1');
    const second = await h.say('b', '/ask question:"data lake vs data warehouse - whats the difference?"');
    expect(md(second.view.text)).toBe(
      'This matches question #1 "What is the difference between a data lake and a data warehouse?", so your vote went to it instead (now 1 vote).',
    );
    const queue = await h.mod('/stream queue');
    expect(md(queue.view.text)).toContain(
      'similar to the book\'s "Are there data lake warehouses?" (Data Warehouse & Data Lake)',
    );
  });

  it('GIVEN a question close to an earlier one THEN the queue says so and one click merges it', async () => {
    await h.say('a', '/ask question:"How do you handle late arriving events in stream processing?"');
    const close = await h.say('b', '/ask question:"How does Flink handle late events?"');
    expect(md(close.view.text)).toContain('Your question is #2');
    const queue = await h.mod('/stream queue sort:new');
    expect(md(queue.view.text)).toContain(
      '**#2** How does Flink handle late events?\n  0 votes · by b · no category · no topic\n  similar to #1 "How do you handle late arriving events in stream processing?" (pending)',
    );
    const merge = button(queue.view, 'Merge #2 into #1');
    const merged = await h.mod(merge.id);
    expect(md(merged.view.text)).toContain('Merged #2 into #1');
    expect(h.rows('select status, merged_into as target from submissions where id = 2')).toEqual([
      { status: 'merged', target: 1 },
    ]);
  });

  it('GIVEN a question close to a book question THEN the queue names it and one click rejects it, telling the author which one', async () => {
    await h.say('a', '/ask question:"How do consumer groups rebalance when a consumer crashes?"');
    const queue = await h.mod('/stream queue');
    expect(md(queue.view.text)).toContain('similar to the book\'s "What are consumer groups?" (Kafka)');
    const reject = button(queue.view, 'Reject #1: in the book');
    expect(reject.id).toBe('/stream reject id:1 book:kafka-consumer-groups');
    await h.mod(reject.id);
    expect(h.rows('select status, reject_reason as reason from submissions')).toEqual([
      { status: 'rejected', reason: 'The book already has this question under Kafka: "What are consumer groups?".' },
    ]);
    expect(md((await h.mod('/stream reject id:1 book:no-such-question')).view.text)).toBe(
      'There is no book question with that id.',
    );
  });

  it('GIVEN a question with no clear topic THEN the queue shows "no topic" and the moderator sets or clears one', async () => {
    await h.say('a', '/ask question:"How do you version datasets?"');
    expect(md((await h.mod('/stream queue')).view.text)).toContain('no category · no topic');
    await h.mod('/stream edit id:1 topic:kafka');
    expect(h.rows('select topic from submissions')).toEqual([{ topic: 'kafka' }]);
    await h.mod('/stream edit id:1 topic:none');
    expect(h.rows('select topic from submissions')).toEqual([{ topic: null }]);
  });

  it('GIVEN a question close to a book question THEN approving warns first and approves only when told to', async () => {
    await h.say('a', '/ask question:"How do consumer groups rebalance when a consumer crashes?"');
    const warned = await h.mod('/stream approve id:1');
    expect(warned.status).toBe('ok');
    expect(warned.view.tone).toBe('warning');
    expect(md(warned.view.text)).toBe(
      'Not approved yet: #1 "How do consumer groups rebalance when a consumer crashes?" is similar to the book\'s "What are consumer groups?" (Kafka). Approving it anyway would list the question twice.',
    );
    expect(h.rows('select status from submissions')).toEqual([{ status: 'pending' }]);
    const approved = await h.mod(button(warned.view, 'Approve #1 anyway').id);
    expect(md(approved.view.text)).toContain('Approved #1');
    expect(h.rows('select status from submissions')).toEqual([{ status: 'approved' }]);
  });

  it('GIVEN a question unlike anything approved THEN approving needs no confirmation', async () => {
    await h.say('a', '/ask question:"How do you version datasets?"');
    expect(md((await h.mod('/stream approve id:1')).view.text)).toContain('Approved #1');
  });

  it('GIVEN the same question approved twice THEN approving warns with a merge, and /questions count counts it once', async () => {
    await h.say('a', '/ask question:"How do you fix the small files problem in HDFS?"');
    await h.mod('/stream approve id:1');
    await h.say('b', '/ask question:"How do you avoid many small files on S3?"');
    await h.mod('/stream edit id:2 text:"What can you do about the small files problem on HDFS?"');
    const warned = await h.mod('/stream approve id:2');
    expect(md(warned.view.text)).toContain('is same as #1 "How do you fix the small files problem in HDFS?" (approved)');
    expect(button(warned.view, 'Merge #2 into #1').id).toBe('/stream merge id:2 into:1');
    await h.mod('/stream approve id:2 anyway:true');
    const count = await h.say('c', '/questions count');
    const book = app.deps.content.questions.length;
    expect(count.view.fields).toContainEqual({ name: 'Approved from live streams', value: rich('1'), inline: true });
    expect(md(count.view.text)).toContain(`**${book + 1} / 1001**`);
    expect(count.view.fields).toContainEqual({
      name: 'Counted once',
      value: rich('1 approved question asks the same as the book or an earlier one and is not counted again.'),
    });
  });

  it('GIVEN approved questions without a category THEN the Markdown export files them under the book categories and added ones', async () => {
    const asked = [
      'How do you monitor data quality in production pipelines?',
      'How many consumers in one consumer group can read the same partition?',
      'Star schema vs snowflake schema?',
      'How do you deal with data skew in Spark joins?',
    ];
    for (const [index, question] of asked.entries()) {
      await h.say(`v${index}`, `/ask question:"${question}"`);
      await h.mod(`/stream approve id:${index + 1} anyway:true`);
    }
    const exported = await h.mod('/stream export');
    const markdown = exported.view.attachments?.[0]?.content ?? '';
    expect(markdown.split('\n').filter((line) => line.startsWith('###'))).toEqual([
      '### Kafka',
      '### Apache Spark',
      '### Data Modelling',
      '### Data Quality',
    ]);
  });
});

describe('approved questions in the export and the daily pool', () => {
  it('GIVEN one answered, one approved and one waiting question THEN the export and the daily pool hold the two approved ones', async () => {
    await h.say('a', '/ask question:"How do you version datasets?"');
    await h.say('b', '/ask question:"What is a feature store?"');
    await h.say('c', '/ask question:"How do you handle PII in log files?"');
    await h.mod('/stream approve id:1');
    await h.mod('/stream answered id:2');
    const markdown = (await h.mod('/stream export')).view.attachments?.[0]?.content ?? '';
    expect(markdown).toContain('How do you version datasets?');
    expect(markdown).toContain('What is a feature store?');
    expect(markdown).not.toContain('PII');
    const tenant = (h.rows("select id from tenants where external_id = 'console'")[0] as { id: number }).id;
    const pool = (await app.deps.store.daily.posts.communityQuestions(tenant)).map((question) => question.id);
    expect(pool).toEqual([1, 2]);
  });
});

describe('matching keys of questions stored before the current rules', () => {
  it('GIVEN a stored question with an old key THEN the next start refreshes it and a repeat of it becomes a vote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    try {
      const path = join(dir, 'bot.db');
      let first = await createTestApp({ DATABASE_PATH: path });
      const f = harness(first);
      await f.mod('/stream start title:"Live #103"');
      await f.say('a', '/ask question:"How do you handle late arriving events in stream processing?"');
      first.db.$client.prepare("update submissions set normalized = 'handle late arriving event stream processing'").run();
      await first.close();
      first = await createTestApp({ DATABASE_PATH: path });
      expect(harness(first).rows('select normalized from submissions')).toEqual([
        { normalized: 'handle late event stream ~how' },
      ]);
      const repeat = await harness(first).say('b', '/ask question:"how to deal with late-arriving data in streaming"');
      expect(md(repeat.view.text)).toContain('This matches question #1');
      await first.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
