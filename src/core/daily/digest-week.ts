import { slotOn } from './due.js';
import type { ScheduleRecord } from './ports.js';
import { addDays, type LocalDate, localTime, weekdayOf } from './time.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** How long after the last question of a week closes its digest may still be posted (a bot that was down). */
const DIGEST_LATE_HOURS = 48;

/** An ISO week of a channel's schedule: Monday to Sunday in its zone, and the moment its last question closes. */
export interface DigestWeek {
  start: LocalDate;
  end: LocalDate;
  /** The last scheduled day of the week. */
  lastDay: LocalDate;
  /** When the question of that day closes: the digest comes after its recap. */
  closesAt: Date;
}

function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** The week of `start` as the schedule runs it; undefined when no day of it is scheduled. */
function scheduleWeek(schedule: ScheduleRecord, start: LocalDate): DigestWeek | undefined {
  for (let back = 6; back >= 0; back--) {
    const slot = slotOn(schedule, addDays(start, back));
    if (slot) {
      const closesAt = new Date(slot.at.getTime() + schedule.answerMinutes * MINUTE);
      return { start, end: addDays(start, 6), lastDay: slot.localDate, closesAt };
    }
  }
  return undefined;
}

/**
 * The week whose digest is owed at `now`: the latest week whose last scheduled question has closed, for up to
 * 48 hours after it closed. Undefined when none is owed.
 */
export function digestWeekDue(schedule: ScheduleRecord, now: Date): DigestWeek | undefined {
  const thisWeek = mondayOf(localTime(now, schedule.timezone).date);
  for (const start of [thisWeek, addDays(thisWeek, -7)]) {
    const week = scheduleWeek(schedule, start);
    if (!week || week.closesAt.getTime() > now.getTime()) continue;
    return now.getTime() - week.closesAt.getTime() <= DIGEST_LATE_HOURS * HOUR ? week : undefined;
  }
  return undefined;
}
