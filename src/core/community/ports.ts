import type { HeldRecord } from '../privacy/ports.js';

/** One answer of a closed daily question, kept for the question's lasting community answer. */
export interface CandidateRecord {
  id: number;
  tenantId: number;
  questionId: string;
  answerId: number;
  postId: number;
  userId: number;
  /** The author's current display name. */
  authorName: string;
  /** Whether the author agreed to be credited by name (`/mydata credit on`). */
  credited: boolean;
  text: string;
  votes: number;
  markedBest: boolean;
  answeredAt: Date;
  keptAt: Date;
  chosenAt: Date | null;
}

interface CandidateInput {
  tenantId: number;
  questionId: string;
  answerId: number;
  postId: number;
  userId: number;
  text: string;
  votes: number;
  markedBest: boolean;
  answeredAt: Date;
}

/** The store of community answers and of the consent to be credited for them. */
export interface CommunityPort {
  /** Keeps the answers of a closed post; an answer kept before is left as it is. Returns how many were new. */
  keep(candidates: CandidateInput[], now: Date): Promise<number>;
  /**
   * Keeps the answers of every daily question closed before community answers existed, as if kept when it
   * closed. Idempotent; returns how many were new.
   */
  keepEarlierClosed(): Promise<number>;
  byId(id: number): Promise<CandidateRecord | undefined>;
  /** Candidates for one question in a tenant, oldest first. */
  ofQuestion(tenantId: number, questionId: string): Promise<CandidateRecord[]>;
  /** Every candidate of a tenant, or of every tenant when none is given, oldest first. */
  all(tenantId?: number): Promise<CandidateRecord[]>;
  /** Makes this candidate the one that stands for its question. */
  choose(id: number, now: Date): Promise<void>;
  setCredit(userId: number, on: boolean, now: Date): Promise<void>;
  creditOn(userId: number): Promise<boolean>;
  /** What `/mydata show` lists for this person. */
  held(userId: number): Promise<HeldRecord[]>;
  /** Removes the person's candidates and credit consent; returns the counts per kind. */
  erase(userId: number): Promise<Record<string, number>>;
}
