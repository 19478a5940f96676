import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainFailure, failureCode } from '../../../src/core/daily/delivery-failure.js';
import { plainTextOf, rich } from '../../../src/core/rich-text.js';
import type { Refusal } from './failures.js';
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

const cases: [Refusal, string, string][] = [
  ['missingPermissions', '50013', 'grant the bot Send Messages'],
  ['missingAccess', '50001', 'grant the bot View Channel'],
  ['unknownChannel', '10003', 'set the schedule in another channel'],
];

describe('GIVEN Discord refuses a scheduled post', () => {
  it.each(cases)('WHEN it answers %s THEN the failure is recognised as %s with its fix', async (refusal, code, fix) => {
    discord.failures.refusePosts(IDS.otherChannel, refusal);
    try {
      const error = await bot.adapter
        .deliver(IDS.guild, [{ kind: 'post', channel: IDS.otherChannel, view: { text: rich('Question'), ephemeral: false } }])
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(error).toBeInstanceOf(Error);
      expect(failureCode(error)).toBe(code);
      expect(plainTextOf(rich(explainFailure(code).fix))).toContain(fix);
    } finally {
      discord.failures.clear();
    }
  });
});
