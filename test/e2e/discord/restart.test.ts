import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rich } from '../../../src/core/rich-text.js';
import { FakeDiscord, IDS, type StoredMessage } from './fake-discord.js';
import { fixtureCommand } from './fixtures.js';
import { type Bot, componentsOf, startBot, textOf, waitUntil } from './harness.js';

// One bot before the restart and a new one after it, on the same database file.
const directory = mkdtempSync(join(tmpdir(), 'cookbook-discord-'));
const databasePath = join(directory, 'bot.db');

let discord: FakeDiscord;
let before: Bot | undefined;
let after: Bot | undefined;
let quiz: StoredMessage;
let session: StoredMessage | undefined;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  before = await startBot(discord, { databasePath, extraCommands: [fixtureCommand] });
  quiz = (await discord.command('quiz', {}, { sub: 'start', as: 'member' }).answer()).message;
  await discord.command('stream', { title: 'Live 97' }, { sub: 'start', as: 'moderator' }).answer();
  await discord.command('fixture', {}, { sub: 'announce', as: 'moderator' }).answer();
  const formButton = (message: StoredMessage) => componentsOf(message).some((component) => component.custom_id === 'form:/ask');
  await waitUntil(() => discord.channelMessages(IDS.channel).some(formButton), 'the stream session post');
  await waitUntil(
    async () => (await bot().deps.store.deliveries.find({ entity: 'recap', id: 7 })) !== undefined,
    'the tracked post',
  );
  session = discord.channelMessages(IDS.channel).find(formButton);

  await before.stop();
  before = undefined;
  after = await startBot(discord, { databasePath, extraCommands: [fixtureCommand] });
});

afterAll(async () => {
  await before?.stop();
  await after?.stop();
  await discord?.close();
  rmSync(directory, { recursive: true, force: true });
});

function bot(): Bot {
  const current = after ?? before;
  if (!current) throw new Error('no bot is running');
  return current;
}

describe('GIVEN messages with buttons posted before the bot restarted', () => {
  it('THEN the new client logged in again over a new gateway connection', () => {
    expect(discord.requests.filter((request) => request.path === '/gateway/bot')).toHaveLength(2);
  });

  it('WHEN a quiz answer button is clicked after the restart THEN the answer is judged from the round in the database', async () => {
    const [first] = componentsOf(quiz);
    const answer = await discord.click(quiz, first?.custom_id ?? '', 'member').answer();
    expect(answer.ephemeral).toBe(true);
    expect(textOf(answer.message)).toMatch(/^(Right|Wrong) answer/);
    const again = await discord.click(quiz, first?.custom_id ?? '', 'member').answer();
    expect(textOf(again.message)).toContain('You already answered this one');
  });

  it('WHEN the form button is clicked after the restart THEN the form is rebuilt from the command it submits to', async () => {
    const modal = await discord.click(session as StoredMessage, 'form:/ask', 'member').modal();
    expect(modal.custom_id).toBe('/ask');
    const inputs = (modal.components as { component: { custom_id: string; required: boolean } }[]).map(
      (label) => label.component,
    );
    expect(inputs).toContainEqual(expect.objectContaining({ custom_id: 'question', required: true }));
  });

  it('WHEN that form is submitted THEN its fields become the options of /ask and the question is stored', async () => {
    const modal = await discord.click(session as StoredMessage, 'form:/ask', 'member').modal();
    const question = 'What is a watermark in stream processing?';
    const answer = await discord.submit(modal, { question }, 'member', session).answer();
    expect(textOf(answer.message)).not.toContain('Sorry, something went wrong');
    const stored = bot().app.db.$client.prepare('SELECT text FROM submissions').all() as { text: string }[];
    expect(stored.map((row) => row.text)).toContain(question);
  });

  it('WHEN the question is approved and upvoted THEN the board posted before the restart is edited to show it, and nothing else is posted', async () => {
    const channelPosts = () => discord.channelMessages(IDS.channel).filter((message) => message.type === 0).length;
    const posts = channelPosts();
    const board = () => discord.messages.get((session as StoredMessage).id) as StoredMessage;
    await discord.command('stream', { id: 1 }, { sub: 'approve', as: 'moderator' }).answer();
    await waitUntil(
      () => textOf(board()).includes('What is a watermark in stream processing?'),
      'the approved question on the board',
    );
    await discord.command('stream', { id: 1 }, { sub: 'vote', as: 'moderator' }).answer();
    await waitUntil(() => textOf(board()).includes('· 1 vote'), 'the vote on the board', 8000);
    expect(channelPosts()).toBe(posts);
    expect(discord.rateLimits.throttled).toEqual([]);
  });

  it('WHEN the form is submitted with text that tries to ping THEN the bot answers and nobody is pinged', async () => {
    const modal = await discord.click(session as StoredMessage, 'form:/ask', 'member').modal();
    const question = '@everyone <@&1> <@1> why do pipelines fail at night?';
    const answer = await discord.submit(modal, { question }, 'member', session).answer();
    expect(answer.ephemeral).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const message of discord.messages.values()) {
      expect(discord.pings.get(message.id), textOf(message)).toEqual({ everyone: false, users: [], roles: [] });
    }
  });

  it('WHEN a scheduled message is addressed to a post from before the restart THEN it goes into that post’s thread', async () => {
    const parent = await bot().deps.store.deliveries.find({ entity: 'recap', id: 7 });
    await bot().adapter.deliver(IDS.guild, [
      {
        kind: 'thread',
        channel: IDS.channel,
        parent: { entity: 'recap', id: 7 },
        view: { text: rich('Second hint.'), ephemeral: false },
      },
    ]);
    expect(discord.channelMessages(parent?.threadId ?? '').map((message) => message.content)).toEqual([
      'First hint.',
      'Second hint.',
    ]);
  });
});
