import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWebServer, type WebServer } from '../../../src/adapters/web/server.js';
import { FakeDiscord, IDS } from '../discord/fake-discord.js';
import { type Bot, startBot, textOf, waitUntil } from '../discord/harness.js';

let discord: FakeDiscord;
let bot: Bot;
let web: WebServer;
let hostLink: string;

async function act(body: unknown): Promise<{ status: number; message: string }> {
  const response = await fetch(`${hostLink}/actions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { message: string };
  return { status: response.status, message: answer.message };
}

async function ask(question: string): Promise<number> {
  const asked = await discord.command('ask', { question }).answer();
  const id = /#(\d+)/.exec(textOf(asked.message))?.[1];
  if (!id) throw new Error(`not asked: ${textOf(asked.message)}`);
  return Number(id);
}

beforeAll(async () => {
  discord = await FakeDiscord.start();
  bot = await startBot(discord);
  const adapter = bot.adapter;
  web = await startWebServer(
    bot.deps,
    { host: '127.0.0.1', port: 0 },
    {
      undoMs: 0,
      keepAliveMs: 15_000,
      roleOf: async (owner, channel) => adapter.roleOf?.(owner.tenant, channel, owner.userId),
      deliver: (owner, messages) => adapter.deliver(owner.tenant, messages),
    },
  );
  bot.deps.settings.publicUrl = web.url;
  await discord.command('stream', { title: 'Live on Discord' }, { sub: 'start', as: 'admin' }).answer();
  const links = await discord.command('stream', {}, { sub: 'overlay', as: 'admin' }).answer();
  const found = /(http:\/\/127\.0\.0\.1:\d+\/host\/[A-Za-z0-9_-]+)/.exec(textOf(links.message))?.[1];
  if (!found) throw new Error(`no host link in ${textOf(links.message)}`);
  hostLink = found;
});

afterAll(async () => {
  await web?.stop();
  await bot?.stop();
  await discord?.close();
});

describe('GIVEN a host screen link made by the Discord server owner', () => {
  test('WHEN the host approves on the screen THEN Discord is asked for the member, the question is approved and the board edited', async () => {
    const id = await ask('How do you choose a partition key for skewed data?');
    const before = discord.requests.length;
    const answer = await act({ action: 'approve', id, anyway: true });
    expect(answer.status).toBe(200);
    expect((await bot.deps.store.stream.submission(1, id))?.status).toBe('approved');
    const since = () => discord.requests.slice(before);
    expect(
      since().some((request) => request.method === 'GET' && request.path === `/guilds/${IDS.guild}/members/${IDS.users.admin}`),
    ).toBe(true);
    await waitUntil(
      () => since().some((request) => request.method === 'PATCH' && JSON.stringify(request.body).includes('partition key')),
      'the board edit',
    );
  });

  test('WHEN the person has left the server THEN the next action is refused and nothing changes', async () => {
    const id = await ask('What breaks when a schema registry is down?');
    discord.leaveServer('admin');
    const answer = await act({ action: 'approve', id, anyway: true });
    expect(answer.status).toBe(409);
    expect(answer.message).toContain('Only moderators');
    expect((await bot.deps.store.stream.submission(1, id))?.status).toBe('pending');
  });
});
