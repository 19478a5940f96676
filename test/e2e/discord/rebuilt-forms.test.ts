import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, IDS, type Json, type StoredMessage } from './fake-discord.js';
import { type Bot, componentsOf, startBot, textOf, waitUntil } from './harness.js';

// Buttons shown by one bot, clicked after a new one started on the same database: every form comes from the
// command line in the button's id and the database, never from what the first process remembered.
const directory = mkdtempSync(join(tmpdir(), 'cookbook-forms-'));
const databasePath = join(directory, 'bot.db');
const QUESTION = 'How does exactly-once delivery work in a streaming pipeline?';

let discord: FakeDiscord;
let before: Bot | undefined;
let after: Bot | undefined;
let board: StoredMessage;
let queue: StoredMessage;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  before = await startBot(discord, { databasePath });
  await discord.command('stream', { title: 'Live 98' }, { sub: 'start', as: 'moderator' }).answer();
  const askButton = (message: StoredMessage) => componentsOf(message).some((component) => component.custom_id === 'form:/ask');
  await waitUntil(() => discord.channelMessages(IDS.channel).some(askButton), 'the session board');
  board = discord.channelMessages(IDS.channel).find(askButton) as StoredMessage;
  await discord.command('ask', { question: QUESTION }, { as: 'member' }).answer();
  queue = (await discord.command('stream', {}, { sub: 'queue', as: 'moderator' }).answer()).message;
  await before.stop();
  before = undefined;
  after = await startBot(discord, { databasePath });
});

afterAll(async () => {
  await before?.stop();
  await after?.stop();
  await discord?.close();
  rmSync(directory, { recursive: true, force: true });
});

function inputsOf(modal: Json): { custom_id: string; required: boolean; value?: string }[] {
  return (modal.components as { component: { custom_id: string; required: boolean; value?: string } }[]).map(
    (label) => label.component,
  );
}

function storedText(): string {
  const row = after?.app.db.$client.prepare('SELECT text FROM submissions WHERE id = 1').get() as { text: string };
  return row.text;
}

describe('GIVEN form buttons shown before the bot restarted', () => {
  it('WHEN a moderator clicks "Edit #1" THEN the form holds the question as the database has it', async () => {
    expect(componentsOf(queue).map((component) => component.custom_id)).toContain('form:/stream edit id:1');
    const modal = await discord.click(queue, 'form:/stream edit id:1', 'moderator').modal();
    expect(modal.custom_id).toBe('/stream edit id:1');
    expect(inputsOf(modal)).toContainEqual(expect.objectContaining({ custom_id: 'text', value: QUESTION }));
  });

  it('WHEN the question was edited since THEN the same button shows the new text, not the one it was shown with', async () => {
    const changed = 'How does exactly-once delivery work end to end in Kafka?';
    await discord.command('stream', { id: 1, text: changed }, { sub: 'edit', as: 'moderator' }).answer();
    expect(storedText()).toBe(changed);
    const modal = await discord.click(queue, 'form:/stream edit id:1', 'moderator').modal();
    expect(inputsOf(modal)).toContainEqual(expect.objectContaining({ custom_id: 'text', value: changed }));
  });

  it('WHEN the merge form opens THEN it asks for the question to keep (Discord refuses a form without inputs)', async () => {
    expect(componentsOf(queue).map((component) => component.custom_id)).toContain('form:/stream merge id:1');
    const modal = await discord.click(queue, 'form:/stream merge id:1', 'moderator').modal();
    expect(inputsOf(modal)).toEqual([expect.objectContaining({ custom_id: 'into', required: true })]);
  });

  it('WHEN a viewer opens the /ask form on the board THEN it still offers to stay anonymous, and "yes" keeps the name hidden', async () => {
    const modal = await discord.click(board, 'form:/ask', 'member').modal();
    expect(inputsOf(modal).map((input) => input.custom_id)).toEqual(['question', 'category', 'anonymous']);
    const question = 'What does a schema registry protect you from?';
    const answer = await discord.submit(modal, { question, anonymous: 'yes' }, 'member', board).answer();
    expect(textOf(answer.message)).not.toContain('Sorry, something went wrong');
    const row = after?.app.db.$client.prepare('SELECT anonymous FROM submissions WHERE text = ?').get(question) as {
      anonymous: number;
    };
    expect(row.anonymous).toBe(1);
  });

  it('WHEN an edit form names a question that does not exist here THEN the person reads why instead of a form', async () => {
    const answer = await discord.click(queue, 'form:/stream edit id:999', 'moderator').answer();
    expect(answer.ephemeral).toBe(true);
    expect(textOf(answer.message)).toContain('There is no question #999 here');
  });
});
