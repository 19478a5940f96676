import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rich } from '../../../src/core/rich-text.js';
import type { Message, View } from '../../../src/core/view.js';
import { TEAM } from './fake-slack.js';
import { ADMIN, type Harness, MEMBER, slashCommand, startHarness } from './harness.js';

/** Slack's pace for one channel, which the adapter keeps by default. */
const SPACING_MS = 1000;
let h: Harness;

beforeAll(async () => {
  h = await startHarness('http');
});
afterAll(async () => {
  await h.close();
});

const view = (text: string, extra: Partial<View> = {}): View => ({ text: rich(text), ephemeral: false, ...extra });

describe('GIVEN scheduled messages handed to the Slack adapter', () => {
  test('WHEN a tracked, pinned post is delivered THEN it is posted, pinned and recorded; its thread follows it', async () => {
    const mark = h.fake.mark();
    const messages: Message[] = [
      {
        kind: 'post',
        channel: 'CPOST',
        view: view('Question of the day'),
        track: { entity: 'recap', id: 41 },
        pin: true,
        thread: { name: 'x' },
      },
      { kind: 'thread', channel: 'CPOST', parent: { entity: 'recap', id: 41 }, view: view('First reply') },
    ];
    await h.adapter.deliver(TEAM, messages);
    const calls = h.fake.calls.slice(mark.calls);
    const [post, reply] = calls.filter((call) => call.method === 'chat.postMessage');
    const delivery = await h.app.deps.store.deliveries.find({ entity: 'recap', id: 41 });
    expect(delivery).toMatchObject({ platform: 'slack', channel: 'CPOST' });
    expect(post?.params.thread_ts).toBeUndefined();
    expect(reply?.params.thread_ts).toBe(delivery?.messageId);
    expect(calls.find((call) => call.method === 'pins.add')?.params).toEqual({
      channel: 'CPOST',
      timestamp: delivery?.messageId,
    });
    expect(post?.params).not.toHaveProperty('link_names');
  });

  test('WHEN a thread message has no recorded parent THEN it falls back to the channel', async () => {
    const mark = h.fake.mark();
    await h.adapter.deliver(TEAM, [
      { kind: 'thread', channel: 'CLOST', parent: { entity: 'recap', id: 999 }, view: view('Orphan') },
    ]);
    const [post] = h.fake.calls.slice(mark.calls).filter((call) => call.method === 'chat.postMessage');
    expect(post?.params.channel).toBe('CLOST');
    expect(post?.params.thread_ts).toBeUndefined();
  });

  test('WHEN a post carries an attachment THEN the file is uploaded with files.uploadV2 into its thread', async () => {
    const mark = h.fake.mark();
    const attachments = [{ filename: 'questions.md', contentType: 'text/markdown', content: '# Questions\n- What is Kafka?\n' }];
    await h.adapter.deliver(TEAM, [{ kind: 'post', channel: 'CFILES', view: view('Export', { attachments }) }]);
    const calls = h.fake.calls.slice(mark.calls);
    const post = calls.find((call) => call.method === 'chat.postMessage');
    const url = calls.find((call) => call.method === 'files.getUploadURLExternal');
    const complete = calls.find((call) => call.method === 'files.completeUploadExternal');
    expect(url?.params.filename).toBe('questions.md');
    expect(complete?.params.channel_id).toBe('CFILES');
    expect(complete?.params.thread_ts).toBeDefined();
    expect(h.fake.uploads.some((upload) => upload.body.includes('- What is Kafka?'))).toBe(true);
    expect(post).toBeDefined();
  });

  test('WHEN a direct message is delivered THEN it is posted to the user (the app DM)', async () => {
    const mark = h.fake.mark();
    await h.adapter.deliver(TEAM, [{ kind: 'dm', user: MEMBER.id, view: view('Your reminder') }]);
    const [post] = h.fake.calls.slice(mark.calls).filter((call) => call.method === 'chat.postMessage');
    expect(post?.params.channel).toBe(MEMBER.id);
  });

  test('WHEN several posts go to one channel THEN they are spaced, while another channel does not wait', async () => {
    const mark = h.fake.mark();
    await Promise.all([
      h.adapter.deliver(TEAM, [
        { kind: 'post', channel: 'CBUSY', view: view('one') },
        { kind: 'post', channel: 'CBUSY', view: view('two') },
        { kind: 'post', channel: 'CBUSY', view: view('three') },
      ]),
      h.adapter.deliver(TEAM, [{ kind: 'post', channel: 'CQUIET', view: view('alone') }]),
    ]);
    const posts = h.fake.calls.slice(mark.calls).filter((call) => call.method === 'chat.postMessage');
    const busy = posts.filter((call) => call.params.channel === 'CBUSY').map((call) => call.at);
    const quiet = posts.find((call) => call.params.channel === 'CQUIET');
    expect(busy).toHaveLength(3);
    expect((busy[1] ?? 0) - (busy[0] ?? 0)).toBeGreaterThanOrEqual(SPACING_MS - 5);
    expect((busy[2] ?? 0) - (busy[1] ?? 0)).toBeGreaterThanOrEqual(SPACING_MS - 5);
    expect(quiet?.at ?? Number.POSITIVE_INFINITY).toBeLessThan(busy[1] ?? 0);
    expect(h.fake.rateLimits.throttled).toEqual([]);
  });

  test('WHEN Slack answers 429 with Retry-After THEN the post waits that long and is sent once', async () => {
    const mark = h.fake.mark();
    h.fake.rateLimitNext('chat.postMessage', 1);
    await h.adapter.deliver(TEAM, [{ kind: 'post', channel: 'CLIMIT', view: view('patience') }]);
    const attempts = h.fake.calls.slice(mark.calls).filter((call) => call.method === 'chat.postMessage');
    expect(attempts).toHaveLength(2);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(h.fake.shownSince(mark)).toHaveLength(2);
  });

  test('WHEN the bot is not in the channel of a command that posts THEN the person is told how to invite it', async () => {
    h.fake.notMemberOf.add('CNOTIN');
    const mark = h.fake.mark();
    await slashCommand(h, 'stream start title:"Live 5"', ADMIN, 'CNOTIN');
    const notices = h.fake.shownSince(mark).filter((item) => item.source === 'response_url');
    expect(JSON.stringify(notices)).toContain('/invite @cookbook');
    expect(notices.every((item) => item.params.response_type === 'ephemeral')).toBe(true);
  });
});
