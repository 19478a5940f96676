import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, describeDays, EVERY_DAY, parseDays, parseTime, WEEKDAYS } from '../../src/core/daily/schedule.js';
import { errorOf } from '../support/errors.js';

describe('schedule input', () => {
  it('GIVEN times on a 24-hour clock THEN they are normalised to HH:MM', () => {
    expect(parseTime('9:00')).toBe('09:00');
    expect(parseTime('23:59')).toBe('23:59');
    expect(errorOf(() => parseTime('24:00')).message).toContain('HH:MM');
    expect(errorOf(() => parseTime('9am')).code).toBe('bad-time');
  });

  it('GIVEN day words and lists THEN they become a week mask and read back the same', () => {
    expect(parseDays('everyday')).toBe(EVERY_DAY);
    expect(parseDays('weekdays')).toBe(WEEKDAYS);
    expect(parseDays('mon-fri')).toBe(WEEKDAYS);
    expect(describeDays(parseDays('mon,wed,fri'))).toBe('Mon, Wed, Fri');
    expect(describeDays(parseDays('Sunday, saturday'))).toBe('weekends');
    expect(errorOf(() => parseDays('mon,funday')).message).toContain('mon,wed,fri');
  });

  it('GIVEN IANA names in any case THEN the canonical spelling is kept', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('Australia/Lord_Howe')).toBe('Australia/Lord_Howe');
    expect(canonicalTimeZone('utc')).toBe('UTC');
  });

  it('GIVEN a misspelt or made-up zone THEN the error says so and suggests real ones', () => {
    const error = errorOf(() => canonicalTimeZone('Europe/Berln'));
    expect(error.code).toBe('bad-timezone');
    expect(error.message).toContain('"Europe/Berln" is not a time zone');
    expect(error.hint).toContain('Europe/Berlin');
    expect(errorOf(() => canonicalTimeZone('+01:00')).code).toBe('bad-timezone');
    expect(errorOf(() => canonicalTimeZone('Mars/Olympus_Mons')).code).toBe('bad-timezone');
  });
});
