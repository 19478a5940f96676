import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rich } from '../../../src/core/rich-text.js';
import type { View } from '../../../src/core/view.js';
import { TEAM } from './fake-slack.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('http');
});
afterAll(async () => {
  await h.close();
});

const view = (text: string): View => ({ text: rich(text), ephemeral: false });

describe('GIVEN a scheduled post Slack refuses', () => {
  test('WHEN the bot is not in the channel THEN delivery fails with Slack reason instead of passing for sent', async () => {
    h.fake.notMemberOf.add('CLOCKED');
    try {
      await expect(h.adapter.deliver(TEAM, [{ kind: 'post', channel: 'CLOCKED', view: view('Daily question') }])).rejects.toThrow(
        '1 of 1 Slack messages were not delivered (not_in_channel)',
      );
    } finally {
      h.fake.notMemberOf.delete('CLOCKED');
    }
  });

  test('WHEN one of two posts is refused THEN the other still goes out and the failure is still reported', async () => {
    h.fake.notMemberOf.add('CLOCKED');
    const mark = h.fake.mark();
    try {
      await expect(
        h.adapter.deliver(TEAM, [
          { kind: 'post', channel: 'CLOCKED', view: view('one') },
          { kind: 'post', channel: 'COPEN', view: view('two') },
        ]),
      ).rejects.toThrow(/1 of 2 .*not_in_channel/);
    } finally {
      h.fake.notMemberOf.delete('CLOCKED');
    }
    const posted = h.fake.calls.slice(mark.calls).filter((call) => call.method === 'chat.postMessage');
    expect(posted.map((call) => call.params.channel)).toContain('COPEN');
  });
});
