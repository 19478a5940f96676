import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rich } from '../../../src/core/rich-text.js';
import { FakeDiscord, IDS } from './fake-discord.js';
import { type Bot, startBot, textOf, waitUntil } from './harness.js';

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
            view: { text: rich('Question of the day'), ephemeral: false },
            thread: { name: 'Answers' },
            track: { entity: 'recap', id: 31 },
          },
        ]),
      ).resolves.toBeUndefined();
      const delivery = await bot.deps.store.deliveries.find({ entity: 'recap', id: 31 });
      expect(delivery).toMatchObject({ platform: 'discord', channel: IDS.otherChannel });
      expect(delivery?.threadId).toBeUndefined();
      expect(bot.logs.some((entry) => String(entry.message).includes('Create Public Threads'))).toBe(true);
      expect(bot.logs.some((entry) => entry.message === 'could not deliver a message')).toBe(false);

      await bot.adapter.deliver(IDS.guild, [
        {
          kind: 'thread',
          channel: IDS.otherChannel,
          parent: { entity: 'recap', id: 31 },
          view: { text: rich('An answer for the thread'), ephemeral: false },
        },
      ]);
      const inChannel = discord.channelMessages(IDS.otherChannel).map((message) => message.content);
      expect(inChannel).toContain('An answer for the thread');
    } finally {
      discord.failures.clear();
    }
  });
});

describe('GIVEN an admin who posts the daily question at once where threads are refused', () => {
  it('WHEN /daily now runs THEN the reply says it is posted, a private note names the missing thread and its fix, and answers land in the channel', async () => {
    discord.failures.refuseThreads(IDS.channel);
    try {
      const schedule = await discord
        .command('daily', { time: '09:00', timezone: 'UTC' }, { sub: 'schedule', as: 'admin' })
        .answer();
      expect(textOf(schedule.message)).not.toContain('Sorry');
      const before = new Set(discord.messages.keys());
      const now = discord.command('daily', {}, { sub: 'now', as: 'admin' });
      const reply = await now.answer();
      expect(textOf(reply.message)).toContain("Posting today's question now.");
      const notes = await now.waitFor((events) => {
        const found = events.filter((event) => event.kind === 'followup' && event.message);
        return found.length > 0 ? found : undefined;
      }, 'the note about the thread');
      const said = notes.map((event) => textOf(event.message as NonNullable<typeof event.message>)).join('\n');
      expect(said).toContain('did not let me open a thread');
      expect(said).toContain('Create Public Threads');
      expect(said).not.toContain('I could not post');

      const post = await bot.deps.store.daily.posts.forDate(
        (await bot.deps.store.directory.findChannel('discord', IDS.guild, IDS.channel))?.channelId ?? 0,
        new Date().toISOString().slice(0, 10) as never,
      );
      expect(post?.status).toBe('sent');
      const delivery = await bot.deps.store.deliveries.find({ entity: 'daily_post', id: post?.id ?? 0 });
      expect(delivery).toMatchObject({ platform: 'discord', channel: IDS.channel });
      expect(delivery?.threadId).toBeUndefined();

      await discord.command('answer', { text: 'Cron reads the crontab every minute.' }, { as: 'member' }).answer();
      await waitUntil(
        () =>
          discord
            .channelMessages(IDS.channel)
            .some((message) => !before.has(message.id) && textOf(message).includes('Cron reads the crontab every minute.')),
        'the answer in the channel',
      );
    } finally {
      discord.failures.clear();
    }
  });
});
