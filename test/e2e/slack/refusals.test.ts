import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN, CHANNEL, type Harness, MEMBER, postSigned, slashCommand, slashCommandPayload, startHarness } from './harness.js';
import { RESPONSE_URL_LIFETIME_MS, RESPONSE_URL_USES } from './refusals.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('http');
  await slashCommand(h, 'daily schedule time:09:00 timezone:UTC', ADMIN);
});
afterAll(async () => {
  await h.close();
});

/** What the person saw since `mark`, as one string. */
const seenSince = (mark: ReturnType<Harness['fake']['mark']>) => JSON.stringify(h.fake.shownSince(mark));

/** `/cookbook <text>` answered through one response_url shared by several requests. */
async function commandVia(responseUrlId: string, text: string): Promise<void> {
  const payload = slashCommandPayload(text, MEMBER);
  payload.response_url = h.fake.responseUrl(responseUrlId);
  await postSigned(h, new URLSearchParams(payload).toString(), 'application/x-www-form-urlencoded');
  await h.adapter.idle();
}

describe('GIVEN Slack refuses the channel a moderator posts in', () => {
  test.each([
    ['is_archived', 'That channel is archived'],
    ['channel_not_found', 'I cannot find that channel'],
  ] as const)('WHEN it answers %s THEN the admin reads why and what to do, not a success alone', async (error, said) => {
    h.fake.refusals.refuseChannel(CHANNEL, error);
    try {
      const mark = h.fake.mark();
      await slashCommand(h, 'daily now', ADMIN);
      const refused = h.fake.calls.slice(mark.calls).find((call) => call.method === 'chat.postMessage');
      expect(refused?.params.channel).toBe(CHANNEL);
      expect(seenSince(mark)).toContain(said);
      expect(seenSince(mark)).not.toContain('is posted');
    } finally {
      h.fake.refusals.clear();
    }
  });
});

describe('GIVEN a workspace that granted fewer scopes than the manifest asks for (no pins:write)', () => {
  test('WHEN a moderator starts a stream session THEN the board still goes out and the session opens, unpinned', async () => {
    h.fake.refusals.scopes = h.fake.refusals.scopes.filter((scope) => scope !== 'pins:write');
    try {
      const mark = h.fake.mark();
      await slashCommand(h, 'stream start title:"Live 99"', ADMIN);
      const pins = h.fake.calls.slice(mark.calls).filter((call) => call.method === 'pins.add');
      expect(pins.length).toBeGreaterThan(0); // asked, and refused with missing_scope
      expect(seenSince(mark)).toContain('Live 99');
      expect(seenSince(mark)).toContain('is open');
    } finally {
      h.fake.refusals.clear();
    }
  });
});

describe('GIVEN a response_url Slack no longer takes', () => {
  test(`WHEN it was used ${RESPONSE_URL_USES} times THEN the next answer still reaches the person privately`, async () => {
    for (let use = 0; use < RESPONSE_URL_USES; use += 1) await commandVia('shared-url', 'help');
    const mark = h.fake.mark();
    await commandVia('shared-url', 'topic kafka');
    expect(h.fake.responses.slice(mark.responses)).toHaveLength(0);
    const ephemeral = h.fake.calls.slice(mark.calls).filter((call) => call.method === 'chat.postEphemeral');
    expect(ephemeral.map((call) => call.params.user)).toEqual([MEMBER.id]);
    expect(JSON.stringify(ephemeral)).toContain('Kafka');
  });

  test('WHEN its 30 minutes are over THEN the answer still reaches the person privately', async () => {
    await commandVia('old-url', 'help');
    h.fake.advance(RESPONSE_URL_LIFETIME_MS + 60_000);
    const mark = h.fake.mark();
    await commandVia('old-url', 'topic spark');
    expect(h.fake.responses.slice(mark.responses)).toHaveLength(0);
    const ephemeral = h.fake.calls.slice(mark.calls).filter((call) => call.method === 'chat.postEphemeral');
    expect(JSON.stringify(ephemeral)).toContain('Spark');
  });
});

describe('GIVEN Slack refuses the blocks of an answer', () => {
  test('WHEN the reply and both its private fallbacks are refused THEN the person reads that Slack would not show it', async () => {
    h.fake.refusals.refuseBlocksOfNext(3); // the response_url reply, chat.postEphemeral, then the direct message
    try {
      const mark = h.fake.mark();
      await slashCommand(h, 'topic kafka', MEMBER);
      expect(seenSince(mark)).toContain('Slack would not show my answer (invalid_blocks)');
    } finally {
      h.fake.refusals.clear();
    }
  });
});

describe('GIVEN Block Kit limits enforced by the fake for every test', () => {
  test('WHEN a payload breaks them THEN Slack answers invalid_blocks or msg_too_long, naming the problem', async () => {
    let channel = 0;
    const post = (params: Record<string, unknown>) => {
      channel += 1;
      return fetch(`${h.fake.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-1-fake-bot-token' },
        body: JSON.stringify({ channel: `CLIMIT${channel}`, ...params }),
      }).then((response) => response.json() as Promise<{ ok: boolean; error?: string }>);
    };
    const section = { type: 'section', text: { type: 'mrkdwn', text: 'x' } };
    expect(await post({ text: 't', blocks: Array.from({ length: 51 }, () => section) })).toMatchObject({
      error: 'invalid_blocks',
    });
    expect(
      await post({ text: 't', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }),
    ).toMatchObject({
      error: 'invalid_blocks',
    });
    expect(await post({ text: 'x'.repeat(40_001) })).toMatchObject({ error: 'msg_too_long' });
    expect(h.fake.refusals.violations).toHaveLength(3);
    h.fake.refusals.violations.length = 0;
  });
});
