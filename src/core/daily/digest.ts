import type { Deps } from '../deps.js';
import { bold, lines, type RichPart, rich } from '../rich-text.js';
import type { Routed } from '../routed.js';
import { boardQuery, rankBoard } from '../scores/leaderboard.js';
import { plural, trimAtWord } from '../text.js';
import type { View } from '../view.js';
import { type DigestWeek, digestWeekDue } from './digest-week.js';
import { type AnswerRecord, dayKey, type PostRecord, type ScheduleRecord } from './ports.js';
import { quoteOf, withContext } from './post-view.js';
import { resolveQuestion } from './questions.js';
import { computeStreaks } from './streaks.js';
import { addDays, formatLocalDate, zonedInstant } from './time.js';

/** Posts that can fall in one week, with room for older rows the streaks look at. */
const RECENT_POSTS = 28;
const QUOTE_LENGTH = 200;

/**
 * Posts each channel's weekly digest once, after the recap of the last scheduled question of the week. The row in
 * daily_digests is the claim: a later tick, or the same tick after a restart, finds it and posts nothing.
 */
export async function postWeeklyDigests(now: Date, deps: Deps): Promise<Routed[]> {
  const routed: Routed[] = [];
  const owed = (await deps.store.daily.schedules.active()).flatMap((schedule) => {
    const week = digestWeekDue(schedule, now);
    return week ? [{ schedule, week }] : [];
  });
  // Each channel is owed a digest for two days after its week: one query finds the ones already posted, one per
  // week the posts of the rest, instead of several per channel on every tick.
  const claimed = await deps.store.daily.digests.claimedWeeks([...new Set(owed.map(({ week }) => week.start))]);
  const unclaimed = owed.filter(({ schedule, week }) => !claimed.has(dayKey(schedule.channelId, week.start)));
  const postsOf = await sentPostsOf(unclaimed, deps);
  for (const { schedule, week } of unclaimed) {
    try {
      const posts = (postsOf.get(dayKey(schedule.channelId, week.start)) ?? []).sort((a, b) =>
        a.localDate.localeCompare(b.localDate),
      );
      // Nothing was posted that week, or a question of it waits for its recap.
      if (posts.length === 0 || posts.some((post) => post.closedAt === null)) continue;
      const view = await digestView(schedule, week, posts, deps);
      if (!(await deps.store.daily.digests.claim(schedule.channelId, week.start, now))) continue;
      deps.log.info({ channelId: schedule.channelId, week: week.start }, 'weekly digest posted');
      routed.push({
        platform: schedule.platform,
        tenant: schedule.tenant,
        message: { kind: 'post', channel: schedule.channel, view },
      });
    } catch (error) {
      deps.log.error({ err: error, scheduleId: schedule.id }, 'the weekly digest failed');
    }
  }
  return routed;
}

/** The sent posts of each channel's owed week, keyed by `dayKey(channel, week start)`. */
async function sentPostsOf(
  owed: { schedule: ScheduleRecord; week: DigestWeek }[],
  deps: Deps,
): Promise<Map<string, PostRecord[]>> {
  const weeks = new Map<string, { week: DigestWeek; channelIds: number[] }>();
  for (const { schedule, week } of owed) {
    const key = `${week.start}|${week.end}`;
    const entry = weeks.get(key) ?? { week, channelIds: [] };
    entry.channelIds.push(schedule.channelId);
    weeks.set(key, entry);
  }
  const found = new Map<string, PostRecord[]>();
  for (const { week, channelIds } of weeks.values()) {
    for (const post of await deps.store.daily.posts.sentIn(channelIds, week.start, week.end)) {
      const key = dayKey(post.channelId, week.start);
      found.set(key, [...(found.get(key) ?? []), post]);
    }
  }
  return found;
}

async function digestView(schedule: ScheduleRecord, week: DigestWeek, posts: PostRecord[], deps: Deps): Promise<View> {
  const parts: RichPart[] = [bold('The week’s questions')];
  for (const post of posts) parts.push('', ...(await questionLines(post, deps)));
  const top = await topThree(schedule, week, deps);
  parts.push('', rich(bold('Top three of the week'), ': ', top ?? 'nobody scored here this week.'));
  const streaks = await longestStreaks(schedule, deps);
  if (streaks) parts.push(rich(bold('Longest streaks'), ': ', streaks));
  return {
    title: `Week in review · ${formatLocalDate(week.start)} to ${formatLocalDate(week.end)}`,
    text: lines(parts),
    tone: 'success',
    ephemeral: false,
  };
}

async function questionLines(post: PostRecord, deps: Deps): Promise<RichPart[]> {
  const question = post.questionId
    ? await resolveQuestion(post.questionId, post.tenantId, deps.content, deps.store.daily.posts)
    : undefined;
  const title = rich(
    bold(formatLocalDate(post.localDate)),
    ': ',
    question ? trimAtWord(withContext(question), 140) : 'the daily question',
  );
  const answers = await deps.store.daily.answers.ofPost(post.id);
  const best = answers.find((answer) => answer.best);
  if (best) return [title, rich('Best answer by ', bold(best.authorName), ':'), quoteOf(best.text, QUOTE_LENGTH)];
  const upvoted = mostUpvoted(answers);
  if (upvoted) {
    return [
      title,
      rich(`No answer was marked best; most upvoted (${plural(upvoted.votes, 'vote')}) by `, bold(upvoted.authorName), ':'),
      quoteOf(upvoted.text, QUOTE_LENGTH),
    ];
  }
  if (answers.length === 0) return [title, 'Nobody answered.'];
  return [title, `${plural(answers.length, 'answer')}, none marked best or upvoted.`];
}

function mostUpvoted(answers: AnswerRecord[]): AnswerRecord | undefined {
  const ranked = answers.filter((answer) => answer.votes > 0).sort((a, b) => b.votes - a.votes || a.id - b.id);
  return ranked[0];
}

/** The channel's own board of that week (Monday 00:00 to the next Monday in its zone). */
async function topThree(schedule: ScheduleRecord, week: DigestWeek, deps: Deps): Promise<string | undefined> {
  const start = zonedInstant(schedule.timezone, week.start, 0);
  const until = zonedInstant(schedule.timezone, addDays(week.end, 1), 0);
  const query = { ...boardQuery(schedule.tenantId, 'channel', 'week', start, schedule.timezone, schedule.channelId), until };
  const rows = rankBoard(await deps.store.scoreQueries.board(query)).slice(0, 3);
  if (rows.length === 0) return undefined;
  return rows.map((row) => `${row.rank}. ${row.name} (${plural(row.points, 'point')})`).join(' · ');
}

/** The three longest streaks running in the channel, among the people who answered its recent questions. */
async function longestStreaks(schedule: ScheduleRecord, deps: Deps): Promise<string | undefined> {
  const people = new Map<number, string>();
  for (const post of await deps.store.daily.posts.recent(schedule.channelId, RECENT_POSTS)) {
    for (const answer of await deps.store.daily.answers.ofPost(post.id)) people.set(answer.userId, answer.authorName);
  }
  const streaks = await Promise.all(
    [...people].map(async ([userId, name]) => {
      const days = (await deps.store.daily.answers.streakData(schedule.tenantId, userId)).filter(
        (day) => day.channelId === schedule.channelId,
      );
      return { name, current: computeStreaks(days).current };
    }),
  );
  const running = streaks
    .filter((person) => person.current > 0)
    .sort((a, b) => b.current - a.current || a.name.localeCompare(b.name))
    .slice(0, 3);
  if (running.length === 0) return undefined;
  return running.map((person) => `${person.name} ${plural(person.current, 'day')}`).join(' · ');
}
