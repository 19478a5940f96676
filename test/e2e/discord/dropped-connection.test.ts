import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rich } from '../../../src/core/rich-text.js';
import { type Scheduler, startScheduler } from '../../../src/scheduler/scheduler.js';
import { FakeDiscord, IDS } from './fake-discord.js';
import { type Bot, startBot, textOf, waitUntil } from './harness.js';

let discord: FakeDiscord;
let bot: Bot;
let scheduler: Scheduler;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  bot = await startBot(discord);
  await discord.command('daily', { time: '09:00', timezone: 'Europe/Berlin' }, { sub: 'schedule', as: 'admin' }).answer();
  scheduler = startScheduler(bot.deps, [bot.adapter], { automatic: false });
});

afterAll(async () => {
  await scheduler?.stop();
  await bot?.stop();
  await discord?.close();
});

describe('GIVEN the connection drops after Discord took the daily post', () => {
  it('THEN the bot posts again with the same nonce, and the channel shows the question once, with its thread', async () => {
    discord.failures.dropAnswers('POST', new RegExp(`^/channels/${IDS.channel}/messages$`));
    const before = discord.channelMessages(IDS.channel).length;
    await scheduler.tick(new Date('2026-12-01T08:00:00Z'));

    const attempts = discord.requests.filter(
      (request) => request.method === 'POST' && request.path === `/channels/${IDS.channel}/messages`,
    );
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.body?.nonce).toBe(attempts[1]?.body?.nonce);
    const posted = discord.channelMessages(IDS.channel).slice(before);
    expect(posted).toHaveLength(1);
    expect(textOf(posted[0] as never)).toContain('Daily question');
    expect(discord.channels.get(posted[0]?.id ?? '')?.type).toBe(11);
    expect(await bot.deps.store.daily.posts.claimed()).toHaveLength(0);
  });
});

describe('GIVEN the connection drops before Discord saw the answer to a command', () => {
  it('THEN the bot answers again and the person reads the answer, not an apology', async () => {
    const interaction = discord.command('help', {}, { as: 'member' });
    discord.failures.dropRequests('POST', new RegExp(`^/interactions/${interaction.id}/[^/]+/callback$`));
    const answer = await interaction.answer();
    expect(textOf(answer.message)).not.toContain('Sorry');
    expect(textOf(answer.message)).toContain('/topic');
    const callbacks = discord.requests.filter((request) => request.path.startsWith(`/interactions/${interaction.id}/`));
    expect(callbacks).toHaveLength(2);
  });
});

describe("GIVEN the connection drops after Discord took an answer posted in the question's thread", () => {
  it('THEN the bot posts again with the same nonce: the thread shows the answer once and nobody is told it failed', async () => {
    const ANSWER = 'Cron wakes every minute and runs what the crontab lists.';
    const thread = [...discord.channels.values()].find((channel) => channel.type === 11)?.id ?? '';
    const path = `/channels/${thread}/messages`;
    discord.failures.dropAnswers('POST', new RegExp(`^${path}$`));
    const interaction = discord.command('answer', { text: ANSWER }, { as: 'member' });
    expect(textOf((await interaction.answer()).message)).not.toContain('Sorry');

    const attempts = () => discord.requests.filter((request) => request.method === 'POST' && request.path === path);
    await waitUntil(
      () => attempts().length === 2 && bot.logs.some((entry) => entry.message?.includes('posting again')),
      'the second try',
    );
    expect(attempts()[0]?.body?.nonce).toBe(attempts()[1]?.body?.nonce);
    expect(discord.channelMessages(thread).filter((message) => textOf(message).includes(ANSWER))).toHaveLength(1);
    const followups = interaction.events.filter((event) => event.kind === 'followup' && event.message);
    expect(followups.map((event) => textOf(event.message as NonNullable<typeof event.message>)).join('\n')).not.toContain(
      'could not post',
    );
  });
});

describe('GIVEN the connection drops after Discord took a direct message', () => {
  it('THEN the bot sends it again with the same nonce and the member receives it once', async () => {
    const isDm = (channel: string) => discord.channels.get(channel)?.type === 1;
    discord.failures.dropAnswers('POST', /^\/channels\/\d+\/messages$/);
    await bot.adapter.deliver(IDS.guild, [
      { kind: 'dm', user: IDS.users.member, view: { text: rich('The daily question closes soon.'), ephemeral: false } },
    ]);
    const attempts = discord.requests.filter(
      (request) =>
        request.method === 'POST' && /^\/channels\/\d+\/messages$/.test(request.path) && isDm(request.path.split('/')[2] ?? ''),
    );
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.body?.nonce).toBe(attempts[1]?.body?.nonce);
    const received = [...discord.messages.values()].filter(
      (message) => isDm(message.channel_id) && textOf(message).includes('closes soon'),
    );
    expect(received).toHaveLength(1);
  });
});
