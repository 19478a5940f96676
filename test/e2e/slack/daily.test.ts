import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blockKitProblems } from './block-kit.js';
import {
  ADMIN,
  blockActionsPayload,
  CHANNEL,
  type Harness,
  interaction,
  MEMBER,
  OTHER,
  slashCommand,
  startHarness,
  viewSubmissionPayload,
} from './harness.js';

type Element = { action_id: string; value: string; text: { text: string } };
type Block = { type: string; elements?: Element[] };

let h: Harness;
let dailyTs: string | undefined;
let answerButton: Element | undefined;
let postBlocks: Block[] = [];

beforeAll(async () => {
  h = await startHarness('http');
  await slashCommand(h, 'daily schedule time:09:00 timezone:Europe/Berlin', ADMIN);
  const mark = h.fake.mark();
  await slashCommand(h, 'daily now', ADMIN);
  const post = h.fake.calls.slice(mark.calls).find((call) => call.method === 'chat.postMessage' && !call.params.thread_ts);
  const blocks = (post?.params.blocks ?? []) as Block[];
  postBlocks = blocks;
  answerButton = blocks.flatMap((block) => block.elements ?? []).find((element) => element.text.text === 'Answer');
  const delivery = await h.app.deps.store.deliveries.find({ entity: 'daily_post', id: 1 });
  dailyTs = delivery?.messageId;
});
afterAll(async () => {
  await h.close();
});

/** Opens the answer form from the daily post's button and submits it as `user`. */
async function answer(text: string, user = MEMBER) {
  const opened = h.fake.mark();
  await interaction(
    h,
    blockActionsPayload(h, { type: 'button', action_id: answerButton?.action_id, value: answerButton?.value }, user),
  );
  const view = h.fake.calls.slice(opened.calls).find((call) => call.method === 'views.open')?.params.view as {
    private_metadata: string;
    blocks: { block_id: string }[];
  };
  const mark = h.fake.mark();
  await interaction(h, viewSubmissionPayload(view, { text }, user));
  return h.fake.shownSince(mark);
}

describe('GIVEN a daily question posted in a channel', () => {
  test('THEN the deadline is a Slack date token, so each reader sees it in their own clock', () => {
    const shown = JSON.stringify(postBlocks);
    expect(shown).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|\w{3} \d+ \w{3} \d{4}, \d\d:\d\d Europe\/Berlin>/);
    expect(shown).toMatch(/<!date\^\d+\^\{ago\}\|in 1 day>/);
    expect(shown).not.toContain('UTC');
    expect(shown).not.toMatch(/[\u2060\u2061]/);
  });

  test('THEN the post landed in the channel and its delivery was recorded for the thread', async () => {
    expect(dailyTs).toMatch(/^\d+\.\d{6}$/);
    const delivery = await h.app.deps.store.deliveries.find({ entity: 'daily_post', id: 1 });
    expect(delivery).toMatchObject({ platform: 'slack', channel: CHANNEL, messageId: dailyTs, threadId: dailyTs });
    expect(answerButton?.action_id).toMatch(/^cookbook:form:\d+$/);
  });

  test('WHEN a member answers through the modal THEN the answer goes into the thread of the post', async () => {
    const shown = await answer('A watermark tells a stream processor how late events may still arrive.');
    const threaded = shown.filter((item) => item.source === 'chat.postMessage');
    expect(threaded).toHaveLength(1);
    expect(threaded[0]?.params.thread_ts).toBe(dailyTs);
    expect(threaded[0]?.params.channel).toBe(CHANNEL);
    for (const item of shown) expect(blockKitProblems(item.blocks)).toEqual([]);
  });

  test('WHEN an answer contains <!channel>, <!here> and a user mention THEN the thread shows them inert', async () => {
    const shown = await answer('<!channel> <!here> <@UADMIN> &amp; <https://x.example|y>: partitions keep order.', OTHER);
    const threaded = shown.find((item) => item.source === 'chat.postMessage');
    const rendered = JSON.stringify(threaded?.blocks) + String(threaded?.text);
    expect(rendered).toContain('&lt;!channel&gt;');
    expect(rendered).toContain('&lt;@UADMIN&gt;');
    expect(rendered).toContain('&amp;amp;');
    expect(rendered).not.toMatch(/<!channel>|<!here>|<@UADMIN>|<https:\/\/x\.example/);
    expect(blockKitProblems(threaded?.blocks ?? [])).toEqual([]);
  });

  test('WHEN someone clicks "Upvote" under an answer THEN the vote command runs for that answer', async () => {
    const thread = h.fake.callsTo('chat.postMessage').find((call) => call.params.thread_ts === dailyTs);
    const upvote = ((thread?.params.blocks ?? []) as Block[])
      .flatMap((block) => block.elements ?? [])
      .find((element) => element.text.text === 'Upvote');
    expect(upvote?.value).toMatch(/^\/daily vote answer:\d+$/);
    const mark = h.fake.mark();
    await interaction(h, blockActionsPayload(h, { type: 'button', action_id: upvote?.action_id, value: upvote?.value }, ADMIN));
    const shown = h.fake.shownSince(mark);
    expect(shown.length).toBeGreaterThan(0);
    expect(JSON.stringify(shown)).not.toContain('Sorry, something went wrong');
  });
});
