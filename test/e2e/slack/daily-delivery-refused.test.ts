import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Scheduler, startScheduler } from '../../../src/scheduler/scheduler.js';
import { ADMIN, CHANNEL, type Harness, slashCommand, startHarness } from './harness.js';

let h: Harness;
let scheduler: Scheduler;

beforeAll(async () => {
  h = await startHarness('http');
  await slashCommand(h, 'daily schedule time:09:00 timezone:Europe/Berlin', ADMIN);
  scheduler = startScheduler(h.app.deps, [h.adapter], { automatic: false });
});
afterAll(async () => {
  await scheduler.stop();
  await h.close();
});

const dailyPostsIn = (from: number) =>
  h.fake.calls
    .slice(from)
    .filter((call) => call.method === 'chat.postMessage' && call.params.channel === CHANNEL && !call.params.thread_ts);

describe('GIVEN Slack refuses the daily post because the bot is not in the channel', () => {
  test('THEN a moderator is told once with the fix, and after the invite the same post goes out once', async () => {
    h.fake.notMemberOf.add(CHANNEL);
    const start = h.fake.mark();
    await scheduler.tick(new Date('2026-12-01T08:00:00Z'));
    expect(dailyPostsIn(start.calls)).toHaveLength(1); // asked, and refused
    expect((await h.app.deps.store.daily.posts.claimed())[0]?.failureCode).toBe('not_in_channel');

    const asked = h.fake.mark();
    await slashCommand(h, 'help', ADMIN);
    const shown = JSON.stringify(h.fake.shownSince(asked));
    expect(shown).toContain('the bot is not a member of the channel');
    expect(shown).toContain('invite the bot to the channel');
    const again = h.fake.mark();
    await slashCommand(h, 'help', ADMIN);
    expect(JSON.stringify(h.fake.shownSince(again))).not.toContain('not a member of the channel');

    h.fake.notMemberOf.delete(CHANNEL);
    const invited = h.fake.mark();
    await scheduler.tick(new Date('2026-12-01T08:01:00Z'));
    await scheduler.tick(new Date('2026-12-01T08:05:00Z'));
    expect(dailyPostsIn(invited.calls)).toHaveLength(1);
    expect(await h.app.deps.store.daily.posts.claimed()).toHaveLength(0);
  });
});
