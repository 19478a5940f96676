import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, IDS } from './fake-discord.js';
import { type Bot, startBot, textOf, waitUntil } from './harness.js';

const VIEW_CHANNEL = 1n << 10n;
const HIDDEN = '300000000000000077';
const OTHER_SERVER_CHANNEL = '900000000000000001';
const REFUSAL = 'The channel must be a channel of this server that you can see.';

let discord: FakeDiscord;
let bot: Bot;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  // A staff-only channel of the same server: @everyone may not view it.
  discord.channels.set(HIDDEN, {
    id: HIDDEN,
    type: 0,
    guild_id: IDS.guild,
    name: 'staff',
    position: 2,
    permission_overwrites: [{ id: IDS.guild, type: 0, allow: '0', deny: VIEW_CHANNEL.toString() }],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
  });
  bot = await startBot(discord);
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
});

const postsIn = (channel: string) => discord.channelMessages(channel).filter((message) => message.type === 0);

describe('GIVEN /stream start with a channel option', () => {
  it('WHEN the channel belongs to another server THEN it is refused in one sentence and nothing is posted there', async () => {
    const answer = await discord
      .command('stream', { title: 'Raid', channel: OTHER_SERVER_CHANNEL }, { as: 'moderator', sub: 'start' })
      .answer();
    expect(textOf(answer.message)).toContain(REFUSAL);
    expect(postsIn(OTHER_SERVER_CHANNEL)).toEqual([]);
  });

  it('WHEN the channel is one of this server the moderator cannot see THEN it is refused the same way', async () => {
    const answer = await discord
      .command('stream', { title: 'Sneak', channel: `<#${HIDDEN}>` }, { as: 'moderator', sub: 'start' })
      .answer();
    expect(textOf(answer.message)).toContain(REFUSAL);
    expect(postsIn(HIDDEN)).toEqual([]);
  });

  it('WHEN the channel is a visible channel of this server THEN the session opens there', async () => {
    const answer = await discord
      .command('stream', { title: 'Live #97', channel: `<#${IDS.otherChannel}>` }, { as: 'moderator', sub: 'start' })
      .answer();
    expect(textOf(answer.message)).toContain('is open in');
    await waitUntil(() => postsIn(IDS.otherChannel).some((message) => textOf(message).includes('Live #97')), 'the session post');
  });
});

describe('GIVEN /leaderboard for another channel, whose board names the people who score there', () => {
  it('WHEN the channel is one of this server the member cannot see THEN it is refused in one sentence', async () => {
    const answer = await discord.command('leaderboard', { channel: `<#${HIDDEN}>` }, { as: 'member' }).answer();
    expect(textOf(answer.message)).toContain(REFUSAL);
    expect(answer.ephemeral).toBe(true);
  });

  it('WHEN the channel belongs to another server THEN it is refused the same way', async () => {
    const answer = await discord.command('leaderboard', { channel: OTHER_SERVER_CHANNEL }, { as: 'member' }).answer();
    expect(textOf(answer.message)).toContain(REFUSAL);
  });

  it('WHEN the channel is a visible channel of this server THEN its board is shown', async () => {
    const answer = await discord.command('leaderboard', { channel: `<#${IDS.otherChannel}>` }, { as: 'member' }).answer();
    expect(textOf(answer.message)).not.toContain(REFUSAL);
    expect(textOf(answer.message)).toContain(`#${IDS.otherChannel}`);
  });
});
