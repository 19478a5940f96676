import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN, blockActionsPayload, CHANNEL, type Harness, interaction, MEMBER, slashCommand, startHarness } from './harness.js';

type Element = { type: string; action_id: string; value?: string; text?: { text: string } };

const REFUSAL = 'The channel must be a channel of this workspace that you can see.';
const SIDE = 'CSIDE';

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
    expect(JSON.stringify(shown)).toContain(REFUSAL);
    expect(h.fake.calls.slice(mark.calls).filter((call) => call.method === 'chat.postMessage')).toEqual([]);
  });
});

describe('GIVEN /cookbook leaderboard for another channel on Slack, whose board names the people who score there', () => {
  const posts = (from: number) => h.fake.calls.slice(from).filter((call) => call.method === 'chat.postMessage');
  let shareButton: Element | undefined;

  beforeAll(async () => {
    await slashCommand(h, 'stats', MEMBER, SIDE); // the bot has seen the channel
  });

  test('WHEN the channel is typed by hand THEN it is refused in one sentence', async () => {
    const mark = h.fake.mark();
    await slashCommand(h, `leaderboard channel:${SIDE}`, MEMBER);
    expect(JSON.stringify(h.fake.shownSince(mark))).toContain(REFUSAL);
  });

  test('WHEN Slack wrote the reference THEN the board is shown to the person alone', async () => {
    const mark = h.fake.mark();
    await slashCommand(h, `leaderboard channel:<#${SIDE}|side>`, MEMBER);
    const shown = h.fake.shownSince(mark);
    expect(JSON.stringify(shown)).toContain(`#${SIDE}`);
    expect(JSON.stringify(shown)).not.toContain(REFUSAL);
    expect(posts(mark.calls)).toEqual([]);
    shareButton = shown
      .flatMap((item) => item.blocks as { elements?: Element[] }[])
      .flatMap((block) => block.elements ?? [])
      .find((element) => element.text?.text === 'Share');
    expect(shareButton?.value ?? shareButton?.action_id).toContain(SIDE);
  });

  test('WHEN its Share button is clicked on that private message THEN the board is posted in the channel', async () => {
    const mark = h.fake.mark();
    await interaction(h, blockActionsPayload(h, { type: 'button', ...shareButton }, MEMBER, { ephemeral: true }));
    const posted = posts(mark.calls);
    expect(posted.map((call) => call.params.channel)).toEqual([CHANNEL]);
    expect(JSON.stringify(posted[0]?.params)).toContain(`#${SIDE}`);
  });

  test('WHEN the same button arrives from a message others can see THEN it grants nothing and is refused', async () => {
    const mark = h.fake.mark();
    await interaction(h, blockActionsPayload(h, { type: 'button', ...shareButton }, MEMBER));
    expect(JSON.stringify(h.fake.shownSince(mark))).toContain(REFUSAL);
    expect(posts(mark.calls)).toEqual([]);
  });
});
