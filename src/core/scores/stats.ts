import { computeStreaks, type StreakDay, type Streaks } from '../daily/streaks.js';
import type { Deps } from '../deps.js';
import { bold, list, rich } from '../rich-text.js';
import { plural } from '../text.js';
import type { View } from '../view.js';
import type { PointReason } from './ports.js';
import type { Member } from './queries.js';

const REASON_NAMES: Record<PointReason, string> = {
  answer: 'Answers',
  upvote: 'Upvotes received',
  'best-answer': 'Best answers',
  quiz: 'Quiz',
  'submission-approved': 'Questions approved',
  'submission-answered': 'Questions answered on stream',
};

/** The best current and longest streak over every channel the member answered in. */
async function memberStreaks(tenantId: number, userId: number, deps: Deps): Promise<Streaks> {
  const byChannel = new Map<number, StreakDay[]>();
  for (const day of await deps.store.daily.answers.streakData(tenantId, userId)) {
    const days = byChannel.get(day.channelId) ?? [];
    days.push(day);
    byChannel.set(day.channelId, days);
  }
  let best: Streaks = { current: 0, longest: 0 };
  for (const days of byChannel.values()) {
    const streaks = computeStreaks(days);
    best = { current: Math.max(best.current, streaks.current), longest: Math.max(best.longest, streaks.longest) };
  }
  return best;
}

export async function statsView(tenantId: number, member: Member, deps: Deps): Promise<View> {
  const points = await deps.store.scoreQueries.pointsByReason(tenantId, member.userId);
  const total = Object.values(points).reduce((sum, value) => sum + (value ?? 0), 0);
  const counts = await deps.store.daily.answers.countsOf(tenantId, member.userId);
  const streaks = await memberStreaks(tenantId, member.userId, deps);
  const byReason = (Object.keys(REASON_NAMES) as PointReason[])
    .filter((reason) => (points[reason] ?? 0) !== 0)
    .map((reason) => `${REASON_NAMES[reason]}: ${plural(points[reason] ?? 0, 'point')}`);
  return {
    title: `Stats of ${member.name}`,
    fields: [
      { name: 'Points', value: rich(bold(String(total)), ' in all', ...(byReason.length > 0 ? [list(byReason)] : [])) },
      { name: 'Answers', value: rich(String(counts.answers)), inline: true },
      { name: 'Best answers', value: rich(String(counts.best)), inline: true },
      { name: 'Current streak', value: rich(plural(streaks.current, 'day')), inline: true },
      { name: 'Longest streak', value: rich(plural(streaks.longest, 'day')), inline: true },
    ],
    footer:
      'A streak counts daily questions answered in a row in one channel; one missed day every 14 days is forgiven by itself (a streak freeze), and days the bot was offline never count against it.',
    ephemeral: true,
  };
}
