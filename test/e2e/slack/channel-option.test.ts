import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN, type Harness, MEMBER, slashCommand, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('http');
});
afterAll(async () => {
  await h.close();
});

describe('GIVEN /cookbook stream start with a channel option on Slack', () => {
  test.each([
    ['a user id (which would open a direct message)', MEMBER.id],
    ['a channel of somewhere else', 'C0THERTEAM'],
    ['a channel reference typed by hand (Slack escapes it)', '&lt;#C0THERTEAM|raid&gt;'],
  ])('WHEN it names %s THEN it is refused in one sentence and nothing is posted', async (_, channel) => {
    const mark = h.fake.mark();
    await slashCommand(h, `stream start title:"Raid" channel:${channel}`, ADMIN);
    const shown = h.fake.shownSince(mark);
    expect(JSON.stringify(shown)).toContain('The channel must be a channel of this workspace that you can see.');
    expect(h.fake.calls.slice(mark.calls).filter((call) => call.method === 'chat.postMessage')).toEqual([]);
  });
});
