import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Scheduler, startScheduler } from '../../../src/scheduler/scheduler.js';
import { REFUSALS, type Refusal } from './failures.js';
import { FakeDiscord, IDS } from './fake-discord.js';
import { type Bot, startBot, textOf } from './harness.js';

let discord: FakeDiscord;
let bot: Bot;
let scheduler: Scheduler;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  bot = await startBot(discord);
  const scheduled = await discord
    .command('daily', { time: '09:00', timezone: 'Europe/Berlin' }, { sub: 'schedule', as: 'admin' })
    .answer();
  expect(textOf(scheduled.message)).not.toContain('Sorry');
  scheduler = startScheduler(bot.deps, [bot.adapter], { automatic: false });
});

afterAll(async () => {
  await scheduler?.stop();
  await bot?.stop();
  await discord?.close();
});

const dailyPosts = (from: number) =>
  discord.requests
    .slice(from)
    .filter((request) => request.method === 'POST' && request.path === `/channels/${IDS.channel}/messages`);

const cases: [Refusal, string, string, string][] = [
  ['missingPermissions', '2026-12-01', 'the bot lacks a permission in the channel', 'grant the bot Send Messages'],
  ['missingAccess', '2026-12-02', 'the bot cannot see the channel', 'grant the bot View Channel'],
  ['unknownChannel', '2026-12-03', 'the channel no longer exists', 'set the schedule in another channel'],
];

describe('GIVEN Discord refuses the scheduled daily post', () => {
  it.each(cases)(
    'WHEN it answers %s THEN the admin reads the problem and its fix, once, and after the fix it goes out once',
    async (refusal, day, problem, fix) => {
      discord.failures.refusePosts(IDS.channel, refusal);
      const start = discord.requests.length;
      await scheduler.tick(new Date(`${day}T08:00:00Z`));
      expect(dailyPosts(start).length).toBeGreaterThan(0); // asked, and refused
      expect((await bot.deps.store.daily.posts.claimed())[0]?.failureCode).toBe(REFUSALS[refusal].body.code.toString());

      // The first moderator command afterwards carries the notice as a private follow-up; the next one does not.
      const first = discord.command('help', {}, { as: 'moderator' });
      const notice = await first.waitFor(
        (events) => events.find((event) => event.kind === 'followup' && JSON.stringify(event.message).includes(problem)),
        'the notice',
      );
      expect(JSON.stringify(notice.message)).toContain(fix);
      const second = discord.command('help', {}, { as: 'moderator' });
      await second.answer();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(JSON.stringify(second.events)).not.toContain(problem);
      const status = await discord.command('daily', {}, { sub: 'status', as: 'admin' }).answer();
      expect(textOf(status.message)).toContain(problem);
      expect(textOf(status.message)).toContain(fix);

      discord.failures.clear();
      const fixed = discord.requests.length;
      await scheduler.tick(new Date(`${day}T08:01:00Z`));
      await scheduler.tick(new Date(`${day}T08:05:00Z`));
      expect(dailyPosts(fixed)).toHaveLength(1);
      expect(await bot.deps.store.daily.posts.claimed()).toHaveLength(0);
    },
  );
});
