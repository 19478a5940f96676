import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAction } from '../../../src/core/daily/post-view.js';
import { rich } from '../../../src/core/rich-text.js';
import { startScheduler } from '../../../src/scheduler/scheduler.js';
import { FakeDiscord, IDS, type StoredMessage, type Who } from './fake-discord.js';
import { type Bot, componentsOf, startBot, textOf, waitUntil } from './harness.js';
import { openDailyQuestion } from './open-question.js';

let discord: FakeDiscord;
let bot: Bot;
let postId: number;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  bot = await startBot(discord);
  // A daily question sent in the server's channel, open for an hour from now.
  postId = await openDailyQuestion(bot.deps);
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
});

async function reminderTo(who: Who) {
  const known = new Set(discord.messages.keys());
  const isReminder = (message: StoredMessage) =>
    !known.has(message.id) && discord.channels.get(message.channel_id)?.type === 1 && componentsOf(message).length > 0;
  await bot.adapter.deliver(IDS.guild, [
    {
      kind: 'dm',
      user: IDS.users[who],
      view: {
        title: 'The daily question closes soon',
        text: rich('You have not answered yet.'),
        actions: [answerAction(postId)],
        ephemeral: false,
      },
    },
  ]);
  await waitUntil(() => [...discord.messages.values()].some(isReminder), 'the reminder');
  const dm = [...discord.messages.values()].find(isReminder);
  if (!dm) throw new Error('no reminder');
  return dm;
}

async function answerFromDm(who: Who, text: string) {
  const dm = await reminderTo(who);
  const button = componentsOf(dm).find((component) => component.label === 'Answer');
  if (!button) throw new Error('the reminder has no Answer button');
  const modal = await discord.click(dm, button.custom_id, who).modal();
  return discord.submit(modal, { text }, who, dm).answer();
}

describe('GIVEN a reminder in a direct message with an Answer button', () => {
  it('WHEN a member of the server answers through it THEN the answer is saved for the question in the server', async () => {
    const answer = await answerFromDm('member', 'Crontab is the table of cron jobs.');
    expect(textOf(answer.message)).toContain('Saved your answer');
    const saved = await bot.deps.store.daily.answers.ofPost(postId);
    expect(saved.map((row) => row.text)).toContain('Crontab is the table of cron jobs.');
  });

  it('WHEN someone who has left the server answers through it THEN the bot refuses and saves nothing', async () => {
    discord.leaveServer('moderator');
    const answer = await answerFromDm('moderator', 'I left but still answer.');
    expect(textOf(answer.message)).toContain('only in the server it belongs to');
    const saved = await bot.deps.store.daily.answers.ofPost(postId);
    expect(saved.map((row) => row.text)).not.toContain('I left but still answer.');
  });
});

describe('GIVEN a member who wants reminders but does not accept direct messages (50007)', () => {
  it('WHEN the reminder is refused THEN their reminders are turned off instead of failing again every day', async () => {
    const turnedOn = await discord.command('daily', { state: 'on' }, { sub: 'remind', as: 'admin' }).answer();
    expect(textOf(turnedOn.message)).not.toContain('Sorry');
    const { store } = bot.deps;
    const seen = await store.directory.touch({
      platform: 'discord',
      tenant: IDS.guild,
      channel: IDS.channel,
      user: { id: IDS.users.admin, name: 'admin', role: 'everyone' },
      now: new Date(),
    });
    expect(await store.daily.reminders.isOn(seen.userId, seen.channelId)).toBe(true);
    discord.failures.closeDirectMessages(IDS.users.admin);
    try {
      const scheduler = startScheduler(bot.deps, [bot.adapter]); // its catch-up tick sends the reminder
      await scheduler.stop();
      const refused = discord.requests.filter(
        (request) => request.method === 'POST' && discord.channels.get(request.path.split('/')[2] ?? '')?.type === 1,
      );
      expect(refused.length).toBeGreaterThan(0);
      expect(await store.daily.reminders.isOn(seen.userId, seen.channelId)).toBe(false);
      expect(bot.logs.some((entry) => String(entry.message).startsWith('reminders turned off'))).toBe(true);
    } finally {
      discord.failures.clear();
    }
  });
});
