import { afterEach, describe, expect, it } from 'vitest';
import type { DirectMessage } from '../../src/core/view.js';
import { md } from '../support/messages.js';
import { ADMIN, dailyHarness, readable, replyOf } from './daily-support.js';

let harness: Awaited<ReturnType<typeof dailyHarness>>;
afterEach(() => harness?.close());

const MODERATOR = { user: 'mo', role: 'moderator' as const, now: '2026-12-05T12:00:00Z' };
const nine = (day: number) => `2026-12-0${day}T08:00:00Z`;
const later = (day: number) => `2026-12-0${day}T10:00:00Z`;

/**
 * Every day at 09:00 Berlin. ana answers Tue 1 and Thu 3 Dec and misses Wed 2 (her streak freeze); the bot goes
 * down after posting Fri 4 Dec and comes back Sat 5 at 14:00, so Friday's question closes unanswered and Saturday's
 * is skipped. bo answers Tuesday only.
 */
async function downtimeWeek() {
  harness = await dailyHarness();
  await harness.say('/daily schedule time:09:00 timezone:Europe/Berlin', { ...ADMIN, now: '2026-11-30T12:00:00Z' });
  for (const day of [1, 2, 3, 4]) {
    await harness.tick(nine(day));
    if (day === 1 || day === 3) await harness.say(`/answer text:"ana on day ${day}"`, { user: 'ana', now: later(day) });
    if (day === 1) await harness.say('/answer text:"bo on day 1"', { user: 'bo', now: later(day) });
  }
  await harness.tick('2026-12-05T13:00:00Z');
  expect((await harness.deps.store.daily.posts.forDate(1, '2026-12-05'))?.status).toBe('skipped');
  await harness.tick('2026-12-06T08:00:00Z');
  await harness.say('/answer text:"ana is back"', { user: 'ana', now: '2026-12-06T10:00:00Z' });
}

const streakOf = async (user: string) =>
  md(
    (replyOf(await harness.say(`/stats user:${user}`, { now: '2026-12-06T12:00:00Z' })).fields ?? []).find(
      (field) => field.name === 'Current streak',
    )?.value,
  );

describe('restoring a streak lost to the bot’s downtime', () => {
  it('GIVEN a question that closed while the bot was offline THEN a moderator restores the streak and the member is told', async () => {
    await downtimeWeek();
    expect(await streakOf('ana')).toBe('1 day');
    const result = await harness.say('/daily restore-streak user:ana', { ...MODERATOR, now: '2026-12-06T12:00:00Z' });
    const confirmation = replyOf(result);
    expect(confirmation.status).toBe('ok');
    expect(confirmation.ephemeral).toBe(true);
    expect(md(confirmation.text)).toBe(
      "ana's streak is restored: the question of Friday 4 December 2026 closed while the bot was offline, so it no longer counts against them. Their streak here is 3 days (it was 1 day). They were told.",
    );
    const told = result.messages.find((m): m is DirectMessage => m.kind === 'dm');
    expect(told?.user).toBe('ana');
    expect(md(readable(told?.view ?? { ephemeral: false }).text)).toContain(
      'A moderator restored your daily-question streak: the question of Friday 4 December 2026 closed while the bot was offline',
    );
    expect(await streakOf('ana')).toBe('3 days');

    const again = replyOf(await harness.say('/daily restore-streak user:ana', { ...MODERATOR, now: '2026-12-06T12:05:00Z' }));
    expect(again.status).toBe('user-error');
    expect(md(again.text)).toBe("ana's streak was already restored: it is 3 days.");
  });

  it('GIVEN a streak that ended on a day the bot was running THEN the restore is refused and says why', async () => {
    await downtimeWeek();
    const refused = replyOf(await harness.say('/daily restore-streak user:bo', { ...MODERATOR, now: '2026-12-06T12:00:00Z' }));
    expect(refused.status).toBe('user-error');
    expect(md(refused.text)).toBe(
      "bo's streak last ended on Thursday 3 December 2026, a day the bot was running. Only a question missed while the bot was offline (a skipped day in /daily status) can be restored.",
    );
    expect(await streakOf('bo')).toBe('0 days');
  });

  it('GIVEN a member WHEN they try to restore a streak THEN only moderators may, and nothing changes', async () => {
    await downtimeWeek();
    const refused = replyOf(await harness.say('/daily restore-streak user:ana', { user: 'ana', now: '2026-12-06T12:00:00Z' }));
    expect(refused.status).toBe('user-error');
    expect(md(refused.text)).toBe('Only moderators can use /daily restore-streak.');
    expect(await streakOf('ana')).toBe('1 day');
  });

  it('GIVEN someone who never answered here THEN the refusal says there is no streak', async () => {
    await downtimeWeek();
    const refused = replyOf(await harness.say('/daily restore-streak user:cy', { ...MODERATOR, now: '2026-12-06T12:00:00Z' }));
    expect(md(refused.text)).toBe(
      'That person has not answered a daily question in this channel, so there is no streak to restore.',
    );
  });
});
