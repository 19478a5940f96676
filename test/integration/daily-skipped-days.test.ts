import { afterEach, describe, expect, it } from 'vitest';
import type { DirectMessage, Message, PostMessage } from '../../src/core/view.js';
import { md } from '../support/messages.js';
import { ADMIN, dailyHarness, dailyPosts, readable, replyOf } from './daily-support.js';

let harness: Awaited<ReturnType<typeof dailyHarness>>;
afterEach(() => harness?.close());

async function scheduled() {
  harness = await dailyHarness();
  await harness.say('/daily schedule time:09:00 timezone:Europe/Berlin days:weekdays', {
    ...ADMIN,
    now: '2026-11-30T12:00:00Z',
  });
  expect(dailyPosts(await harness.tick('2026-12-01T08:00:00Z'))).toHaveLength(1);
}

const notices = (messages: Message[]) =>
  messages.filter((m): m is PostMessage => m.kind === 'post' && m.track === undefined).map((m) => readable(m.view).text);
const dms = (messages: Message[]) => messages.filter((m): m is DirectMessage => m.kind === 'dm');

describe('no silent day', () => {
  it('GIVEN the bot was offline past the catch-up window THEN the channel is told once and the admin gets the reason and a fix', async () => {
    await scheduled();
    const back = await harness.tick('2026-12-02T12:00:00Z');
    expect(notices(back)).toEqual([
      "Today's question was skipped: the bot was offline. Tomorrow's comes Thu 3 Dec 2026, 09:00 Europe/Berlin (in 20 hours).",
    ]);
    const [toAdmin] = dms(back);
    expect(toAdmin?.user).toBe('admin');
    const advice = readable(toAdmin?.view ?? { ephemeral: false }).text;
    expect(advice).toContain('was not posted: the bot was offline at 09:00 and came back 4 hours later');
    expect(advice).toContain('To avoid it: keep the bot running under a supervisor that restarts it');
    expect(advice).toContain('grace:');

    const again = await harness.tick('2026-12-02T12:01:00Z');
    expect(notices(again)).toEqual([]);
    expect(dms(again)).toEqual([]);
  });

  it('GIVEN the bot was offline through a whole day THEN the day is announced when it comes back, before today’s question', async () => {
    await scheduled();
    const back = await harness.tick('2026-12-03T08:30:00Z');
    expect(notices(back)).toEqual(["Yesterday's question was skipped: the bot was offline. Today's question follows now."]);
    expect(dailyPosts(back)).toHaveLength(1);
    const kinds = back.map((m) => (m.kind === 'post' && m.track ? m.track.entity : m.kind));
    expect(kinds.indexOf('post')).toBeLessThan(kinds.indexOf('daily_post'));
    const status = replyOf(await harness.say('/daily status', { now: '2026-12-03T09:00:00Z' }));
    expect(md(status.text)).toContain('Wednesday 2 December 2026: skipped, the bot was offline');
  });

  it('GIVEN a skipped day WHEN a member answers late THEN she is told the deadline that passed and what happened', async () => {
    await scheduled();
    await harness.tick('2026-12-02T12:00:00Z');
    const late = replyOf(await harness.say('/answer text:"late one"', { user: 'ana', now: '2026-12-02T12:30:00Z' }));
    expect(late.status).toBe('user-error');
    expect(md(late.text)).toMatch(/^'.+' closed Wed 2 Dec 2026, 09:00 Europe\/Berlin, so it takes no more answers\./);
    expect(md(late.text)).toContain(
      'The question of Wednesday 2 December 2026 was skipped: the bot was offline at 09:00 and came back 4 hours later',
    );
    expect(md(late.text)).toContain('The next one comes Thu 3 Dec 2026, 09:00 Europe/Berlin (in 20 hours).');
  });
});
