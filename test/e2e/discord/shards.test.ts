import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/client.js';
import { silentLogger } from '../../../src/core/logger.js';
import { createTestApp, type SqliteApp } from '../../support/app.js';
import { FakeDiscord, IDS, shardOf } from './fake-discord.js';
import { type Bot, startBot, textOf } from './harness.js';

let discord: FakeDiscord;
let app: SqliteApp;
const bots: Bot[] = [];

beforeAll(async () => {
  discord = await FakeDiscord.start();
  app = await createTestApp();
  // Two processes, as SHARD_COUNT=2 with SHARD_IDS=0 and SHARD_IDS=1 start them, on one database.
  for (const id of [0, 1]) bots.push(await startBot(discord, { app, sharding: { ids: [id], count: 2 } }));
});

afterAll(async () => {
  for (const bot of bots) await bot.stop();
  await app?.close();
  await discord?.close();
});

describe('GIVEN two processes running one shard each of two', () => {
  it('THEN each identified with its own shard', () => {
    expect(discord.shards().sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(shardOf(IDS.guild, 2)).toBe(0);
  });

  it('WHEN someone runs a command in the server THEN exactly one process answers it, once', async () => {
    const asked = discord.command('help');
    const reply = await asked.answer();
    expect(textOf(reply.message)).toContain('/topic');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const callbacks = discord.requests.filter((request) => request.path.startsWith(`/interactions/${asked.id}/`));
    expect(callbacks).toHaveLength(1);
    expect(bots.flatMap((bot) => bot.logs).filter((entry) => entry.level === 'error')).toEqual([]);
  });
});

describe('GIVEN a shard that does not exist', () => {
  it('THEN Discord closes the connection and the bot does not start, saying why', async () => {
    const adapter = createDiscordAdapter(
      app.deps,
      { token: discord.token, applicationId: IDS.application, apiUrl: discord.apiUrl, sharding: { ids: [2], count: 2 } },
      silentLogger,
    );
    await expect(adapter.start()).rejects.toThrow(/shard/i);
    await adapter.stop();
  });
});
