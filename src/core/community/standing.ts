import type { DailyQuestion } from '../daily/questions.js';
import type { CandidateRecord } from './ports.js';
import { MIN_GROUP_VOTES, passesQualityGate } from './quality.js';

/** Why a candidate stands: a moderator chose it later, marked it best on its day, or the group upvoted it. */
type StandingReason = 'chosen' | 'best' | 'group';

export interface Standing {
  answer: CandidateRecord;
  reason: StandingReason;
}

const newestFirst = (a: CandidateRecord, b: CandidateRecord) => b.keptAt.getTime() - a.keptAt.getTime() || b.id - a.id;

/**
 * The candidate that stands as the question's community answer: the newest moderator choice, else the newest
 * answer marked best, else the most upvoted answer with enough votes that passes the quality gate.
 */
export function standingAnswer(
  candidates: readonly CandidateRecord[],
  question: DailyQuestion | undefined,
): Standing | undefined {
  const chosen = candidates
    .filter((c) => c.chosenAt !== null)
    .sort((a, b) => (b.chosenAt?.getTime() ?? 0) - (a.chosenAt?.getTime() ?? 0) || b.id - a.id)[0];
  if (chosen) return { answer: chosen, reason: 'chosen' };
  const best = candidates.filter((c) => c.markedBest).sort((a, b) => newestFirst(a, b) || b.votes - a.votes)[0];
  if (best) return { answer: best, reason: 'best' };
  const group = candidates
    .filter((c) => c.votes >= MIN_GROUP_VOTES && passesQualityGate(c.text, question))
    .sort((a, b) => b.votes - a.votes || newestFirst(a, b))[0];
  return group ? { answer: group, reason: 'group' } : undefined;
}

/** How the standing answer is labelled wherever it is shown. */
export function reasonLabel(standing: Standing): string {
  switch (standing.reason) {
    case 'chosen':
      return 'chosen by a moderator';
    case 'best':
      return 'marked best by a moderator';
    case 'group':
      return `the group's pick, ${standing.answer.votes} votes`;
  }
}

/** The name an answer is credited to: the author's display name only if they agreed. */
export function creditName(answer: Pick<CandidateRecord, 'credited' | 'authorName'>): string {
  return answer.credited ? answer.authorName : 'the community';
}
