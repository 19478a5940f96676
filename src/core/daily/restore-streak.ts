import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { bold, command, type RichNode, type RichText, rich } from '../rich-text.js';
import { plural } from '../text.js';
import { type Message, reply } from '../view.js';
import type { PostRecord } from './ports.js';
import { isOfflineSkip } from './skips.js';
import { computeStreaks, type StreakDay, streakBreaks } from './streaks.js';
import { formatLocalDate } from './time.js';

/** How far back the skipped-day records are read. */
const RECENT_DAYS = 60;

type Day = StreakDay & { postId: number };

/**
 * A moderator gives back a streak the bot's own downtime cost: the member's latest missed question whose answer
 * window the bot was offline for (a skipped-day record shows it) stops counting against them. Anything else is
 * refused with the reason; the restore is recorded with who did it, logged, and the member is told.
 */
export async function restoreStreak(invocation: Invocation<{ user: string }>, deps: Deps): Promise<Message[]> {
  const target = invocation.options.user;
  const moderator = await deps.store.directory.touch(invocation);
  const schedule = await deps.store.daily.schedules.ofChannel(moderator.channelId);
  if (!schedule) throw new UserError('no-schedule', 'This channel has no daily question, so nobody has a streak here.');
  const member = await deps.store.scoreQueries.member(moderator.tenantId, target);
  const days: Day[] = member
    ? (await deps.store.daily.answers.streakData(moderator.tenantId, member.userId)).filter(
        (day) => day.channelId === moderator.channelId,
      )
    : [];
  if (!member || days.every((day) => !day.answered)) {
    throw new UserError(
      'no-streak',
      'That person has not answered a daily question in this channel, so there is no streak to restore.',
    );
  }
  const name = bold(member.name);
  const before = computeStreaks(days).current;
  const restorable = await missedDuringDowntime(days, moderator.channelId, deps);
  const lost = restorable.find((day) => computeStreaks(excusing(days, day)).current > before);
  if (!lost) throw new UserError('nothing-to-restore', refusal(name, days, restorable, before));

  const post = (await deps.store.daily.posts.byId(lost.postId)) as PostRecord;
  if (!(await deps.store.daily.answers.excuse(post.id, member.userId, moderator.userId, invocation.now))) {
    throw new UserError('already-restored', rich(name, "'s streak was already restored for that day."));
  }
  const after = computeStreaks(excusing(days, lost)).current;
  deps.log.info(
    { channelId: moderator.channelId, userId: member.userId, postId: post.id, restoredBy: moderator.userId },
    'streak restored after bot downtime',
  );
  const day = formatLocalDate(post.localDate);
  return [
    {
      kind: 'reply',
      view: reply({
        text: rich(
          name,
          `'s streak is restored: the question of ${day} closed while the bot was offline, so it no longer counts against them. Their streak here is ${plural(after, 'day')} (it was ${plural(before, 'day')}). They were told.`,
        ),
        tone: 'success',
        ephemeral: true,
      }),
    },
    {
      kind: 'dm',
      user: target,
      view: {
        title: 'Your streak is back',
        text: rich(
          `A moderator restored your daily-question streak: the question of ${day} closed while the bot was offline, so missing it no longer counts against you. Your streak is ${plural(after, 'day')}.`,
        ),
        tone: 'success',
        ephemeral: false,
      },
    },
  ];
}

function excusing(days: Day[], excused: Day): Day[] {
  return days.map((day) => (day.postId === excused.postId ? { ...day, excused: true } : day));
}

/**
 * Missed, closed questions whose answer window the bot was offline for, latest first. A skipped-day record tells:
 * the bot was not running from that day's slot until the moment it came back and wrote the record.
 */
async function missedDuringDowntime(days: Day[], channelId: number, deps: Deps): Promise<Day[]> {
  const outages = (await deps.store.daily.posts.recent(channelId, RECENT_DAYS))
    .filter(isOfflineSkip)
    .map((skip) => ({ from: skip.slotAt.getTime(), until: skip.claimedAt.getTime() }));
  const missed: Day[] = [];
  for (const day of days.filter((day) => !day.answered && !day.open && !day.excused)) {
    const post = await deps.store.daily.posts.byId(day.postId);
    const opened = post?.slotAt.getTime() ?? 0;
    const closed = post?.closesAt?.getTime() ?? 0;
    if (outages.some((outage) => outage.from <= closed && outage.until >= opened)) missed.push(day);
  }
  return missed.reverse();
}

function refusal(name: RichNode, days: Day[], restorable: Day[], current: number): RichText {
  const lastBreak = streakBreaks(days).at(-1);
  if (lastBreak && !restorable.some((day) => day.postId === lastBreak.postId)) {
    return rich(
      name,
      `'s streak last ended on ${formatLocalDate(lastBreak.localDate)}, a day the bot was running. Only a question missed while the bot was offline (a skipped day in `,
      command('daily status'),
      ') can be restored.',
    );
  }
  if (restorable.length > 0)
    return rich(name, `'s streak lost nothing to the bot being offline: it is ${plural(current, 'day')}.`);
  if (days.some((day) => day.excused)) return rich(name, `'s streak was already restored: it is ${plural(current, 'day')}.`);
  return rich(name, `'s streak here was never broken: it is ${plural(current, 'day')}.`);
}
