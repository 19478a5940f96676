import { afterEach, describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/adapters/adapter.js';
import type { Message } from '../../src/core/view.js';
import { startScheduler } from '../../src/scheduler/scheduler.js';
import { md } from '../support/messages.js';
import { ADMIN, dailyHarness, dailyPosts, replyOf } from './daily-support.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A platform that refuses posts the way Slack does for a channel the bot was not invited to, until `invited`. */
function refusingPlatform() {
  const state = { invited: false, handed: [] as Message[], delivered: [] as Message[] };
  const adapter: Adapter = {
    platform: 'console',
    start: async () => {},
    stop: async () => {},
    deliver: async (_tenant, messages) => {
      state.handed.push(...messages);
      if (!state.invited) throw new Error('1 of 1 Slack messages were not delivered (not_in_channel)');
      state.delivered.push(...messages);
    },
  };
  return { state, adapter };
}

async function setUp() {
  const harness = await dailyHarness();
  cleanups.push(harness.close);
  expect((await harness.say('/daily schedule time:09:00 timezone:Europe/Berlin', ADMIN)).status).toBe('ok');
  const platform = refusingPlatform();
  const scheduler = startScheduler(harness.deps, [platform.adapter], { automatic: false });
  cleanups.push(() => scheduler.stop());
  return { ...harness, ...platform, scheduler };
}

describe('a scheduled post the platform refuses', () => {
  it('GIVEN the bot is not in the channel WHEN it is invited later in the window THEN the same post goes out once, after backoff', async () => {
    const { scheduler, state } = await setUp();
    await scheduler.tick(new Date('2026-12-01T08:00:00Z'));
    await scheduler.tick(new Date('2026-12-01T08:00:30Z')); // inside the backoff: no new attempt
    expect(dailyPosts(state.handed)).toHaveLength(1);
    await scheduler.tick(new Date('2026-12-01T08:01:00Z'));
    expect(dailyPosts(state.handed)).toHaveLength(2);
    await scheduler.tick(new Date('2026-12-01T08:02:00Z')); // second failure waits 2 minutes
    expect(dailyPosts(state.handed)).toHaveLength(2);
    state.invited = true;
    await scheduler.tick(new Date('2026-12-01T08:03:00Z'));
    await scheduler.tick(new Date('2026-12-01T08:10:00Z'));
    await scheduler.tick(new Date('2026-12-01T09:00:00Z'));
    const delivered = dailyPosts(state.delivered);
    expect(delivered).toHaveLength(1);
    expect(dailyPosts(state.handed).map((post) => post.track?.id)).toEqual(Array(3).fill(delivered[0]?.track?.id));
  });

  it('GIVEN a refusal WHEN a moderator asks /daily status THEN it names the problem and the fix', async () => {
    const { scheduler, say } = await setUp();
    await scheduler.tick(new Date('2026-12-01T08:00:00Z'));
    const status = replyOf(await say('/daily status', { ...ADMIN, now: '2026-12-01T08:00:30Z' }));
    expect(md(status.text)).toContain('delivery failed 1 time, the bot is not a member of the channel');
    expect(md(status.text)).toContain('Fix: invite the bot to the channel');
  });

  it('GIVEN refusals through the whole window THEN the day is skipped with the reason and the fix, not posted late', async () => {
    const { scheduler, say, state } = await setUp();
    for (let minute = 0; minute <= 200; minute += 10) {
      await scheduler.tick(new Date(Date.parse('2026-12-01T08:00:00Z') + minute * 60_000));
    }
    state.invited = true;
    await scheduler.tick(new Date('2026-12-01T11:30:00Z'));
    expect(dailyPosts(state.delivered)).toHaveLength(0);
    const status = replyOf(await say('/daily status', { ...ADMIN, now: '2026-12-01T12:00:00Z' }));
    expect(md(status.text)).toMatch(/skipped, the platform refused it \d+ times within the 180-minute grace window/);
    expect(md(status.text)).toContain('Fix: invite the bot to the channel');
  });

  it('GIVEN a refusal WHEN moderators run commands THEN the first one shows a notice once, and members never see it', async () => {
    const { scheduler, say } = await setUp();
    await scheduler.tick(new Date('2026-12-01T08:00:00Z'));
    const member = await say('/daily status', { user: 'ben', now: '2026-12-01T08:00:20Z' });
    expect(JSON.stringify(member.messages)).not.toContain('Notice:');
    const first = await say('/daily status', { ...ADMIN, now: '2026-12-01T08:00:30Z' });
    const notices = first.messages.filter((m) => m.kind === 'reply' && JSON.stringify(m.view).includes('Notice:'));
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0])).toContain('the bot is not a member of the channel');
    const second = await say('/daily status', { ...ADMIN, now: '2026-12-01T08:00:40Z' });
    expect(JSON.stringify(second.messages)).not.toContain('Notice:');
    await scheduler.tick(new Date('2026-12-01T08:01:00Z')); // the same refusal again is not news
    const third = await say('/daily status', { ...ADMIN, now: '2026-12-01T08:01:30Z' });
    expect(JSON.stringify(third.messages)).not.toContain('Notice:');
  });
});
