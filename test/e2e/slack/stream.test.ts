import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blockKitProblems } from './block-kit.js';
import {
  ADMIN,
  blockActionsPayload,
  CHANNEL,
  type Harness,
  interaction,
  MEMBER,
  messageShortcutPayload,
  OTHER,
  OWNER,
  slashCommand,
  startHarness,
  viewSubmissionPayload,
} from './harness.js';

type Block = {
  type: string;
  elements?: { type: string; action_id: string; value?: string; text?: { text: string }; options?: { value: string }[] }[];
};

let h: Harness;
let formButton: { action_id: string; value?: string } | undefined;

beforeAll(async () => {
  h = await startHarness('http');
  const mark = h.fake.mark();
  await slashCommand(h, 'stream start title:"Live 97" moderation:post', ADMIN);
  const call = h.fake.calls.slice(mark.calls).find((c) => c.method === 'chat.postMessage' && c.params.channel === CHANNEL);
  const blocks = (call?.params.blocks ?? []) as Block[];
  formButton = blocks.flatMap((block) => block.elements ?? []).find((element) => element.action_id.startsWith('cookbook:form:'));
});
afterAll(async () => {
  await h.close();
});

describe('GIVEN a live session opened with /cookbook stream start', () => {
  test('THEN the call for questions is posted, pinned and carries a "submit" form button', () => {
    const posted = h.fake.callsTo('chat.postMessage').find((call) => call.params.channel === CHANNEL);
    expect(blockKitProblems(posted?.params.blocks as unknown[])).toEqual([]);
    expect(h.fake.callsTo('pins.add').map((call) => call.params.channel)).toContain(CHANNEL);
    expect(formButton).toBeDefined();
  });

  test('WHEN a viewer submits Slack markup through the form THEN the board shows it as typed, inert, and nothing is posted', async () => {
    const opened = h.fake.mark();
    await interaction(h, blockActionsPayload(h, { type: 'button', ...formButton }, MEMBER));
    const open = h.fake.calls.slice(opened.calls).find((call) => call.method === 'views.open');
    const view = open?.params.view as { private_metadata: string; blocks: { block_id: string }[] };
    expect(view.blocks.map((block) => block.block_id)).toContain('question');

    const mark = h.fake.mark();
    const question = 'Is <https://evil.example|the Kafka docs> or <#CGENERAL> right about watermarks & lateness?';
    await interaction(h, viewSubmissionPayload(view, { question }, MEMBER));
    const shown = h.fake.shownSince(mark);
    expect(shown.some((item) => item.source === 'chat.postMessage')).toBe(false);
    const post = shown.find((item) => item.source === 'chat.update');
    expect(post, 'the board is edited').toBeDefined();
    const blocks = JSON.stringify(post?.blocks);
    expect(blocks).toContain('&lt;https://evil.example|the Kafka docs&gt;');
    expect(blocks).toContain('&lt;#CGENERAL&gt;');
    expect(blocks).toContain('watermarks &amp; lateness');
    expect(JSON.stringify(shown)).not.toMatch(/<https:\/\/evil|<#CGENERAL>/);
    for (const item of shown) expect(blockKitProblems(item.blocks)).toEqual([]);

    const queue = h.fake.mark();
    await slashCommand(h, 'stream queue', ADMIN);
    const listed = h.fake.shownSince(queue);
    expect(JSON.stringify(listed)).toContain('&lt;#CGENERAL&gt;');
    for (const item of listed) expect(blockKitProblems(item.blocks)).toEqual([]);
  });

  test('WHEN someone votes with the board’s select THEN the board is updated with the new count', async () => {
    const boardTs = h.fake.callsTo('chat.postMessage').find((call) => call.params.channel === CHANNEL)?.params.ts;
    const update = h.fake.callsTo('chat.update').at(-1);
    const select = ((update?.params.blocks ?? []) as Block[])
      .flatMap((block) => block.elements ?? [])
      .find((element) => element.type === 'static_select');
    expect(select?.options?.length).toBeGreaterThan(0);
    const mark = h.fake.mark();
    const chosen = select?.options?.[0];
    await interaction(h, blockActionsPayload(h, { ...select, selected_option: chosen }, OTHER));
    const updated = h.fake.calls.slice(mark.calls).filter((call) => call.method === 'chat.update');
    expect(updated).toHaveLength(1);
    expect(JSON.stringify(updated[0]?.params.blocks)).toContain('· 1 vote');
    const recorded = h.app.db.$client.prepare("SELECT message_id FROM deliveries WHERE entity = 'stream_session'").all() as {
      message_id: string;
    }[];
    expect(
      recorded.map((row) => row.message_id),
      'the update targets the recorded board',
    ).toContain(updated[0]?.params.ts);
    expect(boardTs === undefined || updated[0]?.params.ts === boardTs).toBe(true);
    expect(h.fake.rateLimits.throttled).toEqual([]);
  });

  test('WHEN a viewer submits "<!channel> …" THEN it is refused privately and nothing notifies anyone', async () => {
    const opened = h.fake.mark();
    await interaction(h, blockActionsPayload(h, { type: 'button', ...formButton }, MEMBER));
    const view = h.fake.calls.slice(opened.calls).find((call) => call.method === 'views.open')?.params.view as {
      private_metadata: string;
      blocks: { block_id: string }[];
    };
    const mark = h.fake.mark();
    await interaction(h, viewSubmissionPayload(view, { question: '<!channel> what is a watermark in streaming?' }, MEMBER));
    const shown = h.fake.shownSince(mark);
    expect(shown.map((item) => item.source)).toEqual(['response_url']);
    expect(shown[0]?.params.response_type).toBe('ephemeral');
    expect(JSON.stringify(shown)).not.toMatch(/<!channel>/);
  });

  test('WHEN someone uses "Submit as interview question" on a message THEN /ask runs with its text', async () => {
    const mark = h.fake.mark();
    const text = 'How does Kafka keep the order of messages within a partition?';
    await interaction(h, messageShortcutPayload(h, text, OTHER));
    const shown = h.fake.shownSince(mark);
    const reply = shown.find((item) => item.source === 'response_url');
    expect(reply?.params.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply?.blocks)).toMatch(/Thanks! Your question is #\d+/);
    expect(JSON.stringify(shown.find((item) => item.source === 'chat.update')?.blocks)).toContain('Kafka keep the order');
  });

  test('WHEN a question names a command THEN the board shows it as written, and the bot’s own hints use /cookbook', async () => {
    const mark = h.fake.mark();
    const text = 'Why does /topic show the book before the glossary entry?';
    await interaction(h, messageShortcutPayload(h, text, OTHER));
    const board = JSON.stringify(h.fake.shownSince(mark).find((item) => item.source === 'chat.update')?.blocks);
    expect(board).toContain('Why does /topic show');
    expect(board).not.toContain('/cookbook topic show');

    const refused = h.fake.mark();
    await slashCommand(h, 'stream vote id:999', MEMBER);
    expect(JSON.stringify(h.fake.shownSince(refused))).toContain(
      'There is no question #999 here; /cookbook stream queue lists them.',
    );
  });

  test('WHEN the shortcut is used in a channel without a live session THEN the person is told privately', async () => {
    const mark = h.fake.mark();
    await interaction(h, messageShortcutPayload(h, 'What is a data lake and when is it the wrong choice?', OTHER, 'COTHER'));
    const shown = h.fake.shownSince(mark);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.params.response_type).toBe('ephemeral');
    expect(h.fake.calls.slice(mark.calls).some((call) => call.method === 'chat.postMessage')).toBe(false);
  });

  test('WHEN a session is started for another channel named with #channel THEN its call is posted there', async () => {
    const mark = h.fake.mark();
    await slashCommand(h, 'stream start title:"Side stage" channel:<#CSIDE|side-stage>', ADMIN);
    const posts = h.fake.calls.slice(mark.calls).filter((call) => call.method === 'chat.postMessage');
    expect(posts.map((call) => call.params.channel)).toEqual(['CSIDE']);
  });

  test('WHEN a viewer sends questions faster than the minute allows THEN the wait is a Slack date token, in their own clock', async () => {
    const questions = [
      'How do you size Kafka partitions for a new topic?',
      'When would you choose Avro over Protobuf for events?',
      'What is backpressure in Flink and how do you spot it?',
      'How do you test a dbt model before it reaches production?',
    ];
    for (const question of questions.slice(0, 3)) await slashCommand(h, `ask question:"${question}"`, OWNER);
    const mark = h.fake.mark();
    await slashCommand(h, `ask question:"${questions[3]}"`, OWNER);
    const refusal = JSON.stringify(h.fake.shownSince(mark));
    expect(refusal).toContain('3 questions a minute');
    expect(refusal).toMatch(/the next one <!date\^\d+\^\{ago\}\|in \d+ s> \(at <!date\^\d+\^\{time\}\|\d\d:\d\d:\d\d UTC>\)/);
    expect(refusal).not.toMatch(/[\u2060\u2061]/);
  });
});
