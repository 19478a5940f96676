import { type RichNode, time } from '../rich-text.js';

/** A calendar date in a time zone, "YYYY-MM-DD". */
export type LocalDate = string;

const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, found);
  }
  return found;
}

/** What a wall clock in `zone` shows at `instant`, written as if it were a UTC time (whole seconds). */
function wallClock(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

function offsetAt(instant: number, zone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClock(whole, zone) - whole;
}

function dateParts(date: LocalDate): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`not a local date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function midnightUtc(date: LocalDate): number {
  const [year, month, day] = dateParts(date);
  return Date.UTC(year, month - 1, day);
}

function toLocalDate(utcMidnight: number): LocalDate {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return toLocalDate(midnightUtc(date) + days * DAY);
}

/** Day of the week of a calendar date, 0 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(midnightUtc(date)).getUTCDay();
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((midnightUtc(to) - midnightUtc(from)) / DAY);
}

/** The calendar date and minute of the day a clock in `zone` shows at `instant`. */
export function localTime(instant: Date, zone: string): { date: LocalDate; minutes: number } {
  const wall = wallClock(instant.getTime(), zone);
  const midnight = Math.floor(wall / DAY) * DAY;
  return { date: toLocalDate(midnight), minutes: Math.floor((wall - midnight) / MINUTE) };
}

/**
 * The instant at which a clock in `zone` first shows `minutes` past midnight on `date`.
 * A time that occurs twice (clocks turned back) gives the first occurrence; a time skipped by a forward change
 * gives the moment the clocks jump, the first valid time after it.
 */
export function zonedInstant(zone: string, date: LocalDate, minutes: number): Date {
  const key = `${zone}|${date}|${minutes}`;
  let found = instants.get(key);
  if (found === undefined) {
    if (instants.size >= 10_000) instants.clear();
    found = findInstant(zone, date, minutes);
    instants.set(key, found);
  }
  return new Date(found);
}

const instants = new Map<string, number>();

function findInstant(zone: string, date: LocalDate, minutes: number): number {
  const target = midnightUtc(date) + minutes * MINUTE;
  const before = offsetAt(target - DAY, zone);
  const after = offsetAt(target + DAY, zone);
  const matches = [...new Set([target - before, target - after])]
    .filter((instant) => wallClock(instant, zone) === target)
    .sort((a, b) => a - b);
  const first = matches[0];
  if (first !== undefined) return first;
  // In a gap: search the transition, the first second whose wall clock is at or past the target.
  let low = Math.floor((target - Math.max(before, after)) / 1000);
  let high = Math.ceil((target - Math.min(before, after)) / 1000);
  if (wallClock(high * 1000, zone) < target) return target - before;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (wallClock(middle * 1000, zone) >= target) high = middle;
    else low = middle;
  }
  return high * 1000;
}

/** Every IANA zone this runtime knows, for suggestions. */
export function knownTimeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone')];
}

/** True when the runtime accepts `zone` as an IANA time zone name. */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "Tuesday 1 December 2026". */
export function formatLocalDate(date: LocalDate): string {
  return dateFormat.format(new Date(midnightUtc(date))).replace(',', '');
}

const shortFormats = new Map<string, Intl.DateTimeFormat>();

function shortFormat(zone: string): Intl.DateTimeFormat {
  let found = shortFormats.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    shortFormats.set(zone, found);
  }
  return found;
}

/** "Tue 1 Dec 2026, 09:00" */
function dateAndTime(instant: Date, zone: string): string {
  const parts: Record<string, string> = {};
  for (const part of shortFormat(zone).formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`;
}

/** A moment shown in each reader's own clock; the console (and notification text) shows it in `zone`. */
export function showInstant(instant: Date, zone: string): RichNode {
  return time(instant, 'datetime', `${dateAndTime(instant, zone)} ${zone}`);
}

/** A time of day shown in each reader's own clock; the console shows it in `zone` ("09:00"). */
export function showTimeOfDay(instant: Date, zone: string): RichNode {
  const parts: Record<string, string> = {};
  for (const part of shortFormat(zone).formatToParts(instant)) parts[part.type] = part.value;
  return time(instant, 'time', `${parts.hour}:${parts.minute}`);
}

/** A time of day with seconds shown in each reader's own clock; the console shows "18:28:00 Europe/Berlin". */
export function showClockTime(instant: Date, zone: string): RichNode {
  const parts: Record<string, string> = {};
  for (const part of formatter(zone).formatToParts(instant)) parts[part.type] = part.value;
  return time(instant, 'time', `${parts.hour}:${parts.minute}:${parts.second} ${zone}`);
}

/** "in 2 hours" / "3 days ago", in each reader's client where it can, worked out against `now` elsewhere. */
export function showRelative(instant: Date, now: Date): RichNode {
  return time(instant, 'relative', describeRelative(instant, now));
}

/** "in 2 hours", "in 45 minutes", "3 days ago", rounded to the largest whole unit. */
function describeRelative(instant: Date, now: Date): string {
  const difference = instant.getTime() - now.getTime();
  const minutes = Math.max(1, Math.round(Math.abs(difference) / MINUTE));
  const hours = Math.round(minutes / 60);
  const days = Math.round(hours / 24);
  const [count, name] = minutes < 60 ? [minutes, 'minute'] : hours < 24 ? [hours, 'hour'] : [days, 'day'];
  const amount = `${count} ${name}${count === 1 ? '' : 's'}`;
  return difference >= 0 ? `in ${amount}` : `${amount} ago`;
}
