import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, IDS, INTERACTION_TOKEN_LIFETIME_MS } from './fake-discord.js';
import { fixtureCommand } from './fixtures.js';
import { type Bot, startBot, textOf, waitUntil } from './harness.js';

let discord: FakeDiscord;
let bot: Bot;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  bot = await startBot(discord, { extraCommands: [fixtureCommand], replyWithinMs: 50 });
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
});

describe('GIVEN a command whose answer comes after its interaction token expired (15 minutes)', () => {
  it('WHEN Discord refuses the late reply (401, 50027) THEN its post still reaches the channel and no apology is attempted', async () => {
    const late = discord.command('fixture', {}, { sub: 'late', as: 'member' });
    const first = await late.callback();
    expect(first.body.type).toBe(5); // deferred: the work takes longer than the bot waits
    discord.advance(INTERACTION_TOKEN_LIFETIME_MS + 60_000);

    await waitUntil(
      () => discord.channelMessages(IDS.channel).some((message) => textOf(message) === 'The late post.'),
      'the post of the late command',
    );
    const toWebhook = discord.requests.filter((request) => request.path.includes(`/webhooks/${IDS.application}/${late.token}`));
    expect(toWebhook.length).toBeGreaterThan(0);
    expect(late.events.filter((event) => event.kind !== 'callback')).toEqual([]);
    expect(bot.logs.some((entry) => entry.message === 'interaction expired or already answered; dropped')).toBe(true);
    expect(
      toWebhook.every(
        (request) => request.body?.content !== 'Sorry, something went wrong on our side. Please try again in a moment.',
      ),
    ).toBe(true);
  });

  it('WHEN a follow-up is sent within the 15 minutes THEN Discord takes it', async () => {
    const late = discord.command('fixture', {}, { sub: 'late', as: 'member' });
    const answer = await late.answer();
    expect(textOf(answer.message)).toBe('Done late.');
  });
});
