import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordMarkdown } from '../../../src/adapters/discord/render.js';
import { rich } from '../../../src/core/rich-text.js';
import { md } from '../../support/messages.js';
import { FakeDiscord, IDS } from './fake-discord.js';
import { type Bot, componentsOf, startBot, textOf } from './harness.js';

const NO_PINGS = { everyone: false, users: [], roles: [] };
const HOSTILE_NAME = '@everyone Ana';
const HOSTILE_ANSWER =
  'Crontab is the cron table on Linux. @everyone <@&1> <@400000000000000001> **not bold** [link](https://example.com)\n# not a heading';

let discord: FakeDiscord;
let bot: Bot;
let candidates: number[];

beforeAll(async () => {
  discord = await FakeDiscord.start();
  bot = await startBot(discord);
  // Two kept answers to "What is crontab?" (question 14) in the fake guild, the first by someone credited by name.
  const { store } = bot.deps;
  const now = new Date('2026-12-02T09:00:00Z');
  const author = async (id: string, name: string) =>
    await store.directory.touch({
      platform: 'discord',
      tenant: IDS.guild,
      channel: IDS.channel,
      user: { id, name, role: 'everyone' },
      now,
    });
  const ana = await author('500000000000000001', HOSTILE_NAME);
  const bo = await author('500000000000000002', 'Bo');
  await store.community.setCredit(ana.userId, true, now);
  const kept = (answerId: number, userId: number, text: string, markedBest: boolean) => ({
    tenantId: ana.tenantId,
    questionId: 'linux-crontab',
    answerId,
    postId: 1,
    userId,
    text,
    votes: 0,
    markedBest,
    answeredAt: now,
  });
  await store.community.keep([kept(1, ana.userId, HOSTILE_ANSWER, true), kept(2, bo.userId, 'cron', false)], now);
  candidates = (await store.community.all()).map((candidate) => candidate.id);
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
});

describe('GIVEN a community answer whose text and author name try to ping and format', () => {
  it('WHEN a member runs /questions show THEN it is shown as written, privately, and pings nobody', async () => {
    const answer = await discord.command('questions', { id: '14' }, { sub: 'show' }).answer();
    expect(answer.ephemeral).toBe(true);
    const text = textOf(answer.message);
    expect(text).toContain('Question #14');
    expect(text).toContain(`by ${discordMarkdown(rich(HOSTILE_NAME))}, 2026-12-02`);
    for (const line of HOSTILE_ANSWER.split('\n')) expect(text).toContain(`> ${discordMarkdown(rich(line))}`);
    expect(discord.pings.get(answer.message.id)).toEqual(NO_PINGS);
    expect(componentsOf(answer.message).filter((c) => c.label?.startsWith('Let #'))).toEqual([]);
  });

  it('WHEN a moderator shows it THEN the other candidate has a button that makes it stand', async () => {
    const shown = await discord.command('questions', { id: '14' }, { sub: 'show', as: 'moderator' }).answer();
    expect(textOf(shown.message)).toContain('Other candidates');
    const button = componentsOf(shown.message).find((c) => c.label === `Let #${candidates[1]} stand`);
    expect(button).toBeDefined();
    const picked = await discord.click(shown.message, button?.custom_id ?? '', 'moderator').answer();
    expect(textOf(picked.message)).toContain(`Answer #${candidates[1]} by the community now stands`);
    const after = await discord.command('questions', { id: '14' }, { sub: 'show' }).answer();
    // Parentheses in text are escaped on Discord, so they can never close a link.
    expect(textOf(after.message)).toContain('Community answer** \\(chosen by a moderator\\) by the community');
  });

  it('WHEN a member types part of a question in the id option THEN its number comes back', async () => {
    const choices = await discord.autocomplete('questions', 'id', 'crontab', 'member', 'show').choices();
    expect(choices).toEqual([{ name: '#14 What is crontab?', value: '14' }]);
  });

  it('WHEN a member exports THEN the file arrives as an attachment in the Cookbook layout', async () => {
    const answer = await discord.command('questions', {}, { sub: 'export' }).answer();
    const file = answer.files.find((f) => f.name === 'community-answers.md');
    expect(md(file?.text)).toMatch(/^### Linux\n\n1\. \*\*What is crontab\?\*\*\n {3}- \*\*Answer\*\*: cron\n/);
    expect(discord.pings.get(answer.message.id)).toEqual(NO_PINGS);
  });
});
