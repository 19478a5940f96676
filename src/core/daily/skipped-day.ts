import type { Deps } from '../deps.js';
import { code, command, paragraphs, type RichText, rich } from '../rich-text.js';
import type { Routed } from '../routed.js';
import { nextSlot } from './due.js';
import type { ScheduleRecord } from './ports.js';
import { MAX_GRACE_MINUTES } from './schedule.js';
import { addDays, formatLocalDate, type LocalDate, localTime, showInstant, showRelative } from './time.js';

function whose(localDate: LocalDate, today: LocalDate): string {
  if (localDate === today) return "Today's question";
  if (localDate === addDays(today, -1)) return "Yesterday's question";
  return `The question of ${formatLocalDate(localDate)}`;
}

/** "Today's comes at ...", or that it follows now when the tick that noticed the gap also posts it. */
function upcoming(schedule: ScheduleRecord, now: Date, today: LocalDate, postingNow: boolean): RichText {
  if (postingNow) return rich("Today's question follows now.");
  const next = nextSlot(schedule, now);
  if (!next) return rich('No next question is scheduled.');
  const name = next.localDate === today ? "Today's" : next.localDate === addDays(today, 1) ? "Tomorrow's" : 'The next one';
  return rich(`${name} comes `, showInstant(next.at, schedule.timezone), ' (', showRelative(next.at, now), ').');
}

/**
 * What a tick says once about a day skipped because the bot was offline: a short notice in the channel, and to
 * the people who run the schedule (its creator and the moderators named in the bot) the reason and how to avoid it.
 */
export async function skippedDayNotices(
  schedule: ScheduleRecord,
  skipped: { localDate: LocalDate; reason: string },
  now: Date,
  deps: Deps,
  postingNow: boolean,
): Promise<Routed[]> {
  const today = localTime(now, schedule.timezone).date;
  const day = whose(skipped.localDate, today);
  const where = { platform: schedule.platform, tenant: schedule.tenant };
  const routed: Routed[] = [
    {
      ...where,
      message: {
        kind: 'post',
        channel: schedule.channel,
        view: {
          text: rich(`${day} was skipped: the bot was offline. `, upcoming(schedule, now, today, postingNow)),
          tone: 'warning',
          ephemeral: false,
        },
      },
    },
  ];
  const people = new Set((await deps.store.moderators.list(schedule.platform, schedule.tenant)).map((moderator) => moderator.id));
  if (schedule.createdBy) people.add(schedule.createdBy);
  for (const user of people) {
    routed.push({
      ...where,
      message: {
        kind: 'dm',
        user,
        view: {
          title: 'A daily question was skipped',
          text: paragraphs([
            `The daily question of ${formatLocalDate(skipped.localDate)} (${schedule.time} ${schedule.timezone}) was not posted: ${skipped.reason}. The channel was told.`,
            rich(
              'To avoid it: keep the bot running under a supervisor that restarts it (a systemd service or a container restart policy), or give late starts more room with ',
              command('daily schedule', 'code'),
              ' and ',
              code('grace:'),
              ` (up to ${MAX_GRACE_MINUTES} minutes). `,
              command('daily status', 'code'),
              ' in the channel lists the last days.',
            ),
          ]),
          tone: 'warning',
          ephemeral: false,
        },
      },
    });
  }
  return routed;
}
