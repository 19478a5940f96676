export type PointReason = 'answer' | 'upvote' | 'best-answer' | 'quiz' | 'submission-approved' | 'submission-answered';

/** Points for each reason, as announced in /help and the README. */
export const POINTS: Record<PointReason, number> = {
  answer: 1,
  upvote: 1,
  'best-answer': 3,
  quiz: 1,
  'submission-approved': 2,
  'submission-answered': 1,
};

interface Award {
  tenantId: number;
  userId: number;
  channelId?: number;
  reason: PointReason;
  /** What earned the points, e.g. "answer:12"; the same (user, reason, source) is awarded once. */
  source: string;
  points?: number;
  at: Date;
}

export interface ScoresPort {
  /** Adds points to the ledger; false when this (user, reason, source) was already awarded. */
  award(award: Award): Promise<boolean>;
  /** Takes back points given for a source (e.g. a withdrawn vote). */
  revoke(userId: number, reason: PointReason, source: string): Promise<void>;
}
