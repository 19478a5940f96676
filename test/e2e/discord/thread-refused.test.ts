import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, IDS } from './fake-discord.js';
import { type Bot, startBot } from './harness.js';

let discord: FakeDiscord;
let bot: Bot;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  bot = await startBot(discord);
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
});

describe('GIVEN a channel where the bot may post but not open threads (50013)', () => {
  it('WHEN a post with a thread goes out THEN it counts as delivered, and what belongs in the thread goes to the channel', async () => {
    discord.failures.refuseThreads(IDS.otherChannel);
    try {
      await expect(
        bot.adapter.deliver(IDS.guild, [
          {
            kind: 'post',
            channel: IDS.otherChannel,
            view: { text: 'Question of the day', ephemeral: false },
            thread: { name: 'Answers' },
            track: { entity: 'recap', id: 31 },
          },
        ]),
      ).resolves.toBeUndefined();
      const delivery = bot.deps.store.deliveries.find({ entity: 'recap', id: 31 });
      expect(delivery).toMatchObject({ platform: 'discord', channel: IDS.otherChannel });
      expect(delivery?.threadId).toBeUndefined();
      expect(bot.logs.some((entry) => String(entry.message).includes('Create Public Threads'))).toBe(true);

      await bot.adapter.deliver(IDS.guild, [
        {
          kind: 'thread',
          channel: IDS.otherChannel,
          parent: { entity: 'recap', id: 31 },
          view: { text: 'An answer for the thread', ephemeral: false },
        },
      ]);
      const inChannel = discord.channelMessages(IDS.otherChannel).map((message) => message.content);
      expect(inChannel).toContain('An answer for the thread');
    } finally {
      discord.failures.clear();
    }
  });
});
