import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/adapters/adapter.js';
import { claimDuePosts, sendClaimedPosts } from '../../src/core/daily/deliver.js';
import { runJobs } from '../../src/core/jobs.js';
import type { Routed } from '../../src/core/routed.js';
import type { Message } from '../../src/core/view.js';
import { startScheduler } from '../../src/scheduler/scheduler.js';
import { createTestApp } from '../support/app.js';
import { md } from '../support/messages.js';
import { ADMIN, dailyHarness, dailyPosts, replyOf } from './daily-support.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scheduledHarness(line = '/daily schedule time:09:00 timezone:Europe/Berlin') {
  const harness = await dailyHarness();
  cleanups.push(harness.close);
  expect((await harness.say(line, ADMIN)).status).toBe('ok');
  return harness;
}

describe('a crash between claiming and sending the daily post', () => {
  it('GIVEN a slot claimed by a tick that crashed before sending WHEN the next tick runs THEN the same post goes out once', async () => {
    const { deps, tick, say } = await scheduledHarness();
    const [claimed] = await claimDuePosts(new Date('2026-12-01T08:00:00Z'), deps);
    expect(claimed?.status).toBe('claimed');
    const waiting = replyOf(await say('/daily status', { now: '2026-12-01T08:00:30Z' }));
    expect(md(waiting.text)).toContain('Tuesday 1 December 2026: claimed, waiting to be handed to the platform');

    const posts = dailyPosts(await tick('2026-12-01T08:01:00Z'));
    expect(posts).toHaveLength(1);
    expect(posts[0]?.track).toEqual({ entity: 'daily_post', id: claimed?.id });
    expect(posts[0]?.nonce).toBe(`daily-${claimed?.id}`);
    expect(dailyPosts(await tick('2026-12-01T08:02:00Z'))).toEqual([]);
  });

  it('GIVEN a claim left behind past the grace window THEN it is recorded as skipped, never posted late', async () => {
    const { deps, tick, say } = await scheduledHarness();
    await claimDuePosts(new Date('2026-12-01T08:00:00Z'), deps);
    expect(dailyPosts(await tick('2026-12-01T11:30:00Z'))).toEqual([]);
    const status = replyOf(await say('/daily status', { now: '2026-12-01T11:31:00Z' }));
    expect(md(status.text)).toContain('skipped, claimed but not handed to the platform within the 180-minute grace window');
    expect(dailyPosts(await tick('2026-12-02T08:00:00Z'))).toHaveLength(1);
  });

  it('GIVEN two processes on one database WHEN both tick the same slot THEN one post is handed over in all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'daily-'));
    const path = join(dir, 'bot.db');
    const first = await createTestApp({ DATABASE_PATH: path });
    const second = await createTestApp({ DATABASE_PATH: path });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }), first.close, second.close);
    await (await dailyHarness({}, first)).say('/daily schedule time:09:00 timezone:Europe/Berlin', ADMIN);
    const now = new Date('2026-12-01T08:00:00Z');

    const claimedByFirst = await claimDuePosts(now, first.deps);
    const claimedBySecond = await claimDuePosts(now, second.deps);
    const handedOver = async (routed: Routed[]) => {
      const sent: Routed[] = [];
      for (const item of routed) if (item.commit ? await item.commit() : true) sent.push(item);
      return sent;
    };
    const sentBySecond = await handedOver(await sendClaimedPosts(now, second.deps));
    const sentByFirst = await handedOver(await sendClaimedPosts(now, first.deps));

    expect(claimedByFirst).toHaveLength(1);
    expect(claimedBySecond).toHaveLength(0);
    expect([...sentByFirst, ...sentBySecond]).toHaveLength(1);
  });
});

describe('when the platform fails to take the post', () => {
  it('GIVEN an adapter that throws WHEN the scheduler hands it the post THEN it is logged and not re-sent on later ticks', async () => {
    const { deps } = await scheduledHarness('/daily schedule time:09:00 timezone:Europe/Berlin days:tue');
    const handed: Message[] = [];
    const failing: Adapter = {
      platform: 'console',
      start: async () => {},
      stop: async () => {},
      deliver: async (_tenant, messages) => {
        handed.push(...messages);
        throw new Error('platform is down');
      },
    };
    const scheduler = startScheduler(deps, [failing], { automatic: false });
    cleanups.push(() => scheduler.stop());
    await scheduler.tick(new Date('2026-12-01T08:00:00Z'));
    await scheduler.tick(new Date('2026-12-01T08:01:00Z'));
    await scheduler.tick(new Date('2026-12-01T08:30:00Z'));
    const firstOfDecember = dailyPosts(handed).filter((post) => post.thread?.name.startsWith('2026-12-01'));
    expect(firstOfDecember).toHaveLength(1);
  });
});

describe('recovering a post the platform never confirmed', () => {
  it('GIVEN a post handed over but never recorded as delivered THEN status says so and /daily now sends the same post again, once', async () => {
    const { deps, say } = await scheduledHarness();
    const [routed] = await runJobs(new Date('2026-12-01T08:00:00Z'), deps);
    const lost = routed?.message;
    if (lost?.kind !== 'post') throw new Error('expected the daily post');
    const status = replyOf(await say('/daily status', { now: '2026-12-01T08:30:00Z' }));
    expect(md(status.text)).toContain('the platform never confirmed it; /daily now sends it again');

    const again = await say('/daily now', { ...ADMIN, now: '2026-12-01T08:31:00Z' });
    expect(md(replyOf(again).text)).toContain('never confirmed it; it is sent again');
    const [resent] = dailyPosts(again.messages);
    expect(resent?.track).toEqual(lost.track);
    expect(resent?.nonce).toBe(lost.nonce);
    expect(resent?.view).toEqual(lost.view);

    const third = replyOf(await say('/daily now', { ...ADMIN, now: '2026-12-01T08:32:00Z' }));
    expect(md(third.text)).toContain("Today's question was already posted");
  });
});
