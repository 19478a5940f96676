import { afterEach, describe, expect, it } from 'vitest';
import type { DirectMessage } from '../../src/core/view.js';
import { md } from '../support/messages.js';
import { ADMIN, dailyHarness, readable, replyOf } from './daily-support.js';

let harness: Awaited<ReturnType<typeof dailyHarness>>;
afterEach(() => harness?.close());

describe('times in the reader’s clock, relative where it helps', () => {
  it('GIVEN a member opted in to reminders THEN the reminder says how long is left, in the channel’s clock, without UTC', async () => {
    harness = await dailyHarness();
    await harness.say('/daily schedule time:09:00 timezone:Europe/Berlin', ADMIN);
    await harness.tick('2026-12-01T08:00:00Z');
    await harness.say('/daily remind on', { user: 'ana', now: '2026-12-01T09:00:00Z' });
    const due = await harness.tick('2026-12-02T06:00:00Z');
    const reminder = due.find((m): m is DirectMessage => m.kind === 'dm');
    const text = readable(reminder?.view ?? { ephemeral: false }).text;
    expect(text).toContain('You have not answered yet; it closes in 2 hours (Wed 2 Dec 2026, 09:00 Europe/Berlin).');
    expect(text).not.toContain('UTC');
  });

  it('GIVEN recent days in /daily status THEN each line names its date once', async () => {
    harness = await dailyHarness();
    await harness.say('/daily schedule time:09:00 timezone:Europe/Berlin', ADMIN);
    await harness.tick('2026-12-01T08:00:00Z');
    const status = replyOf(await harness.say('/daily status', { now: '2026-12-01T10:00:00Z' }));
    const line = md(status.text)
      .split('\n')
      .find((l) => l.startsWith('- Tuesday 1 December 2026'));
    expect(line).toBe('- Tuesday 1 December 2026: posted at 09:00, 0 answers, open.');
    expect(md(status.text)).not.toContain('UTC');
  });
});
