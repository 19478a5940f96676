import { includesDay, MAX_GRACE_MINUTES, minutesOfDay } from './schedule.js';
import { addDays, type LocalDate, localTime, weekdayOf, zonedInstant } from './time.js';

/** What decides when a channel's question is due. */
export interface DailyRule {
  /** "HH:MM" local time. */
  time: string;
  timezone: string;
  /** Bit 0 = Sunday. */
  days: number;
  graceMinutes: number;
}

/** One scheduled occurrence: the local date it belongs to and the instant it falls on. */
export interface Slot {
  localDate: LocalDate;
  at: Date;
}

type Due =
  | { kind: 'none' }
  | { kind: 'due'; slot: Slot; lateMinutes: number }
  | { kind: 'missed'; slot: Slot; lateMinutes: number };

/** The slot of `date`, or undefined when the schedule does not run on that day of the week. */
export function slotOn(rule: Pick<DailyRule, 'time' | 'timezone' | 'days'>, date: LocalDate): Slot | undefined {
  if (!includesDay(rule.days, weekdayOf(date))) return undefined;
  return { localDate: date, at: zonedInstant(rule.timezone, date, minutesOfDay(rule.time)) };
}

/** The most recent slot at or before `now`. */
export function latestSlot(rule: Pick<DailyRule, 'time' | 'timezone' | 'days'>, now: Date): Slot | undefined {
  const today = localTime(now, rule.timezone).date;
  for (let back = -1; back <= 8; back++) {
    const slot = slotOn(rule, addDays(today, -back));
    if (slot && slot.at.getTime() <= now.getTime()) return slot;
  }
  return undefined;
}

/** The first slot strictly after `after`. */
export function nextSlot(rule: Pick<DailyRule, 'time' | 'timezone' | 'days'>, after: Date): Slot | undefined {
  const today = localTime(after, rule.timezone).date;
  for (let ahead = -1; ahead <= 8; ahead++) {
    const slot = slotOn(rule, addDays(today, ahead));
    if (slot && slot.at.getTime() > after.getTime()) return slot;
  }
  return undefined;
}

export function effectiveGraceMinutes(rule: Pick<DailyRule, 'graceMinutes'>): number {
  return Math.max(0, Math.min(rule.graceMinutes, MAX_GRACE_MINUTES));
}

/**
 * What a tick at `now` owes a schedule: the latest slot while it is within its grace window ("due"), or a slot
 * that was missed ("missed", to be recorded with the reason). A slot that passed before the schedule was set,
 * changed or resumed (`activeSince`) is still posted within the grace window, but once past it nothing is owed and
 * nothing is recorded. A clock that reads earlier than `activeSince` (corrected or simulated) hides no slot.
 */
export function dueAt(rule: DailyRule, now: Date, activeSince: Date): Due {
  const slot = latestSlot(rule, now);
  if (!slot) return { kind: 'none' };
  const lateMinutes = Math.floor((now.getTime() - slot.at.getTime()) / 60_000);
  if (lateMinutes <= effectiveGraceMinutes(rule)) return { kind: 'due', slot, lateMinutes };
  const beforeActive = activeSince.getTime() <= now.getTime() && slot.at.getTime() < activeSince.getTime();
  return beforeActive ? { kind: 'none' } : { kind: 'missed', slot, lateMinutes };
}
