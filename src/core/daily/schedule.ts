import { editDistance } from '../content/normalize.js';
import { UserError } from '../errors.js';
import { isTimeZone, knownTimeZones } from './time.js';

/** Longer than any IANA zone name; what is typed beyond it is not read. */
const ZONE_NAME_MAX = 64;

/** Days of the week as a 7-bit mask, bit 0 = Sunday (the layout of daily_schedules.days). */
export const EVERY_DAY = 0b1111111;
export const WEEKDAYS = 0b0111110;
const WEEKENDS = 0b1000001;

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const LONG_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** The longest grace a catch-up may take: far less than the 23 hours between two daily slots, even across DST. */
export const MAX_GRACE_MINUTES = 720;

/** "9:00" or "09:00" on a 24-hour clock, normalised to "09:00". */
export function parseTime(text: string): string {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) {
    throw new UserError(
      'bad-time',
      `"${text.trim()}" is not a time of day: write HH:MM on a 24-hour clock, e.g. 09:00 or 18:30.`,
    );
  }
  return `${(match[1] ?? '').padStart(2, '0')}:${match[2] ?? '00'}`;
}

export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** "everyday", "weekdays", "weekends" or a list such as "mon,wed,fri" or "mon-fri". */
export function parseDays(text: string): number {
  const value = text.trim().toLowerCase().replace(/\s+/g, '');
  if (['everyday', 'every-day', 'daily', 'all'].includes(value)) return EVERY_DAY;
  if (value === 'weekdays') return WEEKDAYS;
  if (value === 'weekends') return WEEKENDS;
  let mask = 0;
  for (const part of value.split(',')) {
    const range = part.split('-');
    const ends = range.map(dayIndex);
    const [first, last] = ends;
    if (range.length > 2 || first === undefined || ends.some((end) => end === undefined)) {
      throw new UserError(
        'bad-days',
        `"${text.trim()}" is not a set of days: use everyday, weekdays, weekends or a list such as mon,wed,fri.`,
      );
    }
    const stop = last ?? first;
    for (let day = first; ; day = (day + 1) % 7) {
      mask |= 1 << day;
      if (day === stop) break;
    }
  }
  return mask;
}

function dayIndex(name: string): number | undefined {
  const index = DAY_NAMES.findIndex((day, i) => name === day || name === LONG_NAMES[i]);
  return index === -1 ? undefined : index;
}

export function describeDays(mask: number): string {
  if (mask === EVERY_DAY) return 'every day';
  if (mask === WEEKDAYS) return 'weekdays';
  if (mask === WEEKENDS) return 'weekends';
  const order = [1, 2, 3, 4, 5, 6, 0];
  return order
    .filter((day) => (mask & (1 << day)) !== 0)
    .map((day) => {
      const name = DAY_NAMES[day] ?? '';
      return name.charAt(0).toUpperCase() + name.slice(1);
    })
    .join(', ');
}

export function includesDay(mask: number, weekday: number): boolean {
  return (mask & (1 << weekday)) !== 0;
}

/** An IANA zone name as the runtime spells it; a clear error with suggestions for anything else. */
export function canonicalTimeZone(text: string): string {
  const wanted = text.trim();
  const known = knownTimeZones();
  const exact = known.find((zone) => zone.toLowerCase() === wanted.toLowerCase());
  if (exact) return exact;
  if (isTimeZone(wanted)) {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: wanted }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === wanted.toLowerCase() ? resolved : wanted;
  }
  const suggestions = suggestTimeZones(wanted, known);
  throw new UserError(
    'bad-timezone',
    `"${wanted}" is not a time zone I know. Use an IANA name such as Europe/Berlin, America/New_York or Asia/Kolkata.`,
    suggestions.length > 0 ? `Did you mean ${suggestions.join(', ')}?` : undefined,
  );
}

/** Zones whose city or full name starts with, or contains, what was typed; for autocomplete and error hints. */
export function suggestTimeZones(partial: string, known: string[] = knownTimeZones(), limit = 3): string[] {
  const query = partial
    .slice(0, ZONE_NAME_MAX * 2)
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_')
    .slice(0, ZONE_NAME_MAX);
  if (query === '') return known.slice(0, limit);
  const city = (zone: string) => zone.slice(zone.lastIndexOf('/') + 1).toLowerCase();
  const ranked = known
    .map((zone) => {
      const lower = zone.toLowerCase();
      const score = lower.startsWith(query) || city(zone).startsWith(query) ? 2 : lower.includes(query) ? 1 : 0;
      return { zone, score };
    })
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score);
  if (ranked.length > 0) return ranked.slice(0, limit).map((hit) => hit.zone);
  const budget = Math.max(2, Math.floor(query.length / 4));
  return known
    .map((zone) => ({
      zone,
      distance: Math.min(editDistance(query, zone.toLowerCase(), budget), editDistance(query, city(zone), budget)),
    }))
    .filter((hit) => hit.distance <= budget)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit)
    .map((hit) => hit.zone);
}
