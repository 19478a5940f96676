import { daysBetween, type LocalDate } from './time.js';

/** One question posted in a channel, as far as a member's streak is concerned. */
export interface StreakDay {
  localDate: LocalDate;
  answered: boolean;
  /** Still open: not answering it yet does not break anything. */
  open: boolean;
  /** Missed while the bot was offline and excused by a moderator: not a day of the streak at all. */
  excused?: boolean;
}

export interface Streaks {
  current: number;
  longest: number;
}

/** One streak freeze per this many days, used by itself on the first missed day. */
const FREEZE_EVERY_DAYS = 14;

/**
 * Consecutive posted days answered in one channel. A missed day is forgiven (a streak freeze, used by itself) when
 * no other miss was forgiven in the 14 days before it; a forgiven day keeps the streak alive but does not add to it. Days without a post (not
 * scheduled, or skipped because the bot was down) and days a moderator excused are not days of the streak at all.
 */
export function computeStreaks(days: readonly StreakDay[]): Streaks {
  const { current, longest } = walkStreak(days);
  return { current, longest };
}

/** The missed days that ended a streak (no freeze was left for them), oldest first. */
export function streakBreaks<Day extends StreakDay>(days: readonly Day[]): Day[] {
  return walkStreak(days).breaks;
}

function walkStreak<Day extends StreakDay>(days: readonly Day[]): Streaks & { breaks: Day[] } {
  const breaks: Day[] = [];
  let current = 0;
  let longest = 0;
  let forgiven: LocalDate | undefined;
  for (const day of [...days].sort((a, b) => a.localDate.localeCompare(b.localDate))) {
    if (day.excused && !day.answered) continue;
    if (day.answered) {
      current += 1;
      longest = Math.max(longest, current);
    } else if (day.open || current === 0) {
      // An open question can still be answered; with no streak there is nothing to break.
    } else if (forgiven === undefined || daysBetween(forgiven, day.localDate) >= FREEZE_EVERY_DAYS) {
      forgiven = day.localDate;
    } else {
      breaks.push(day);
      current = 0;
      forgiven = undefined;
    }
  }
  return { current, longest, breaks };
}
