import type { Deps } from '../deps.js';
import { bold, type RichPart, rich } from '../rich-text.js';
import type { AnswerRecord, PostRecord } from './ports.js';
import { computeStreaks } from './streaks.js';

/** Streak lengths, in scheduled days answered in a row, that a recap celebrates. */
const MILESTONES = [7, 30, 100] as const;

/** "ana reached a 7-day streak" lines for the post's answerers whose streak in this channel just hit a milestone. */
export async function milestoneLines(post: PostRecord, answers: AnswerRecord[], deps: Deps): Promise<RichPart[]> {
  const reached: RichPart[] = [];
  for (const answer of answers) {
    const days = (await deps.store.daily.answers.streakData(post.tenantId, answer.userId)).filter(
      (day) => day.channelId === post.channelId,
    );
    const { current } = computeStreaks(days);
    if ((MILESTONES as readonly number[]).includes(current)) {
      reached.push(rich(reached.length > 0 ? ' ' : '', bold(answer.authorName), ` reached a ${current}-day streak!`));
    }
  }
  return reached.length > 0 ? ['', rich(bold('Streaks'), ': ', ...reached)] : [];
}
