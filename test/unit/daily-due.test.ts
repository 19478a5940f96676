import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DailyRule, dueAt, latestSlot, nextSlot } from '../../src/core/daily/due.js';
import { EVERY_DAY, WEEKDAYS } from '../../src/core/daily/schedule.js';
import { localTime, zonedInstant } from '../../src/core/daily/time.js';

const rule = (timezone: string, time: string, days = EVERY_DAY, graceMinutes = 180): DailyRule => ({
  timezone,
  time,
  days,
  graceMinutes,
});
const at = (iso: string) => new Date(iso);
const LONG_AGO = at('2000-01-01T00:00:00Z');

/**
 * Ticks every `stepMinutes` from `from` to `to` the way the scheduler does, posting a date the first time it is due
 * and never again; returns when each date was posted.
 */
function simulateTicks(schedule: DailyRule, from: string, to: string, stepMinutes = 5): Map<string, string[]> {
  const posted = new Map<string, string[]>();
  for (let t = at(from).getTime(); t <= at(to).getTime(); t += stepMinutes * 60_000) {
    const due = dueAt(schedule, new Date(t), LONG_AGO);
    if (due.kind !== 'due') continue;
    const times = posted.get(due.slot.localDate) ?? [];
    if (times.length === 0) posted.set(due.slot.localDate, [...times, new Date(t).toISOString()]);
  }
  return posted;
}

describe('local time to instant across daylight-saving changes', () => {
  it.each([
    ['Europe/Berlin', '2026-12-01', '09:00', '2026-12-01T08:00:00.000Z', 'winter, UTC+1'],
    ['Europe/Berlin', '2026-07-01', '09:00', '2026-07-01T07:00:00.000Z', 'summer, UTC+2'],
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:00:00.000Z', 'skipped hour: the moment clocks jump to 03:00'],
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z', 'repeated hour: the first 02:30'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:00:00.000Z', 'skipped hour: 03:00 EDT'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z', 'repeated hour: the first 01:30 (EDT)'],
    ['America/Santiago', '2026-09-06', '00:00', '2026-09-06T04:00:00.000Z', 'missing local midnight: 01:00 -03'],
    ['America/Santiago', '2026-09-06', '00:30', '2026-09-06T04:00:00.000Z', 'inside the missing hour'],
    ['America/Santiago', '2026-04-04', '23:30', '2026-04-05T02:30:00.000Z', 'repeated 23:30: the first one (-03)'],
    ['America/Santiago', '2026-04-05', '00:00', '2026-04-05T04:00:00.000Z', 'midnight after the repeated hour'],
    ['Australia/Lord_Howe', '2026-10-04', '02:15', '2026-10-03T15:30:00.000Z', 'skipped half hour: 02:30 +11'],
    ['Australia/Lord_Howe', '2026-04-05', '01:45', '2026-04-04T14:45:00.000Z', 'repeated half hour: the first (+11)'],
    ['Australia/Lord_Howe', '2026-04-05', '09:00', '2026-04-04T22:30:00.000Z', 'after the change, +10:30'],
    ['Asia/Kolkata', '2026-03-29', '09:00', '2026-03-29T03:30:00.000Z', 'UTC+5:30, no DST'],
    ['Asia/Kolkata', '2026-03-29', '00:00', '2026-03-28T18:30:00.000Z', 'local midnight is the previous UTC day'],
  ])('GIVEN %s on %s at %s THEN the slot is %s (%s)', (zone, date, time, expected) => {
    const [hours, minutes] = time.split(':').map(Number);
    expect(zonedInstant(zone, date, (hours ?? 0) * 60 + (minutes ?? 0)).toISOString()).toBe(expected);
  });
});

describe('a schedule ticked every few minutes posts each day exactly once', () => {
  it.each([
    ['Europe/Berlin', '02:30', '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z', '2026-03-29', '2026-03-29T01:00:00.000Z'],
    ['Europe/Berlin', '02:30', '2026-10-23T00:00:00Z', '2026-10-27T00:00:00Z', '2026-10-25', '2026-10-25T00:30:00.000Z'],
    ['America/New_York', '02:30', '2026-03-06T12:00:00Z', '2026-03-10T12:00:00Z', '2026-03-08', '2026-03-08T07:00:00.000Z'],
    ['America/New_York', '01:30', '2026-10-30T12:00:00Z', '2026-11-03T12:00:00Z', '2026-11-01', '2026-11-01T05:30:00.000Z'],
    ['America/Santiago', '00:00', '2026-09-04T00:00:00Z', '2026-09-08T12:00:00Z', '2026-09-06', '2026-09-06T04:00:00.000Z'],
    ['America/Santiago', '23:30', '2026-04-02T00:00:00Z', '2026-04-07T00:00:00Z', '2026-04-04', '2026-04-05T02:30:00.000Z'],
    ['Australia/Lord_Howe', '02:15', '2026-10-01T12:00:00Z', '2026-10-06T12:00:00Z', '2026-10-04', '2026-10-03T15:30:00.000Z'],
    ['Australia/Lord_Howe', '01:45', '2026-04-02T12:00:00Z', '2026-04-07T12:00:00Z', '2026-04-05', '2026-04-04T14:45:00.000Z'],
    ['Asia/Kolkata', '00:00', '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z', '2026-03-29', '2026-03-28T18:30:00.000Z'],
  ])('GIVEN %s at %s WHEN ticking from %s to %s THEN %s is posted once, at %s', (zone, time, from, to, date, expected) => {
    const posted = simulateTicks(rule(zone, time), from, to);
    expect(posted.get(date)).toEqual([expected]);
    for (const [day, times] of posted) {
      expect(times, day).toHaveLength(1);
      expect(localTime(at(times[0] ?? ''), zone).date, `${day} is posted on its own local date`).toBe(day);
    }
    const days = [...posted.keys()];
    expect(new Set(days).size).toBe(days.length);
    expect(days.length).toBeGreaterThanOrEqual(3);
  });
});

describe('due slots', () => {
  const berlin = rule('Europe/Berlin', '09:00');

  it('GIVEN 09:00 Berlin WHEN it is 07:59 UTC on 1 December THEN the latest slot is the day before', () => {
    expect(latestSlot(berlin, at('2026-12-01T07:59:00Z'))?.localDate).toBe('2026-11-30');
    expect(latestSlot(berlin, at('2026-12-01T08:00:00Z'))?.localDate).toBe('2026-12-01');
  });

  it('GIVEN a tick 150 minutes late THEN the slot is still due; 181 minutes late THEN it is missed', () => {
    expect(dueAt(berlin, at('2026-12-02T10:30:00Z'), LONG_AGO)).toMatchObject({
      kind: 'due',
      slot: { localDate: '2026-12-02' },
      lateMinutes: 150,
    });
    expect(dueAt(berlin, at('2026-12-02T11:01:00Z'), LONG_AGO)).toMatchObject({ kind: 'missed', lateMinutes: 181 });
  });

  it('GIVEN a schedule set at 10:30 for 09:00 THEN that morning is posted at once, within the grace window', () => {
    expect(dueAt(berlin, at('2026-12-02T09:31:00Z'), at('2026-12-02T09:30:00Z')).kind).toBe('due');
  });

  it('GIVEN a schedule set at 15:00 for 09:00 THEN that morning is owed nothing, not even a skip record', () => {
    expect(dueAt(berlin, at('2026-12-02T14:01:00Z'), at('2026-12-02T14:00:00Z'))).toEqual({ kind: 'none' });
    expect(dueAt(berlin, at('2026-12-03T08:00:00Z'), at('2026-12-02T14:00:00Z')).kind).toBe('due');
  });

  it('GIVEN a clock earlier than when the schedule was set THEN a missed slot is still reported', () => {
    expect(dueAt(berlin, at('2026-12-02T14:01:00Z'), at('2026-12-05T00:00:00Z')).kind).toBe('missed');
  });

  it('GIVEN weekdays only WHEN it is Saturday THEN the latest slot is Friday and the next is Monday', () => {
    const weekdays = rule('Europe/Berlin', '09:00', WEEKDAYS);
    expect(latestSlot(weekdays, at('2026-12-05T12:00:00Z'))?.localDate).toBe('2026-12-04');
    expect(nextSlot(weekdays, at('2026-12-05T12:00:00Z'))?.localDate).toBe('2026-12-07');
  });

  it('GIVEN no days at all THEN nothing is ever due', () => {
    expect(dueAt(rule('Europe/Berlin', '09:00', 0), at('2026-12-02T08:00:00Z'), LONG_AGO)).toEqual({ kind: 'none' });
  });

  it('GIVEN any zone, time and instant THEN the latest slot is the last one at or before it', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }),
        (zone, hour, minute, instant) => {
          const schedule = rule(zone, `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
          const now = new Date(instant);
          const slot = latestSlot(schedule, now);
          expect(slot).toBeDefined();
          if (!slot) return;
          expect(slot.at.getTime()).toBeLessThanOrEqual(instant);
          expect(localTime(slot.at, zone).date).toBe(slot.localDate);
          const following = nextSlot(schedule, slot.at);
          expect(following && following.at.getTime() > instant).toBe(true);
          expect(following?.localDate).not.toBe(slot.localDate);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
