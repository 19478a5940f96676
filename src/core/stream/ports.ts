export type SubmissionStatus = 'pending' | 'approved' | 'rejected' | 'merged';

/** 'pre': listed on the board once approved; 'post': listed at once, until rejected or merged. */
export type ModerationMode = 'pre' | 'post';

export const MODERATION_MODES: readonly ModerationMode[] = ['pre', 'post'];

export interface StreamLimits {
  perUserPerMinute: number;
  perUserPerSession: number;
}

export interface StreamSession {
  id: number;
  tenantId: number;
  channelId: number;
  /** The platform's channel id, where the session's posts go. */
  channel: string;
  title: string;
  status: 'open' | 'closed';
  moderation: ModerationMode;
  highlightedId: number | undefined;
  limits: StreamLimits;
  startedAt: Date;
  endedAt: Date | undefined;
}

interface Author {
  userId: number;
  /** The platform's user id, for direct messages. */
  externalId: string;
  name: string;
}

export interface Submission {
  id: number;
  tenantId: number;
  sessionId: number;
  author: Author | undefined;
  text: string;
  /** Content words joined by spaces (see similarity.ts). */
  normalized: string;
  category: string | undefined;
  topic: string | undefined;
  anonymous: boolean;
  status: SubmissionStatus;
  mergedInto: number | undefined;
  rejectReason: string | undefined;
  votes: number;
  createdAt: Date;
  approvedAt: Date | undefined;
  answeredAt: Date | undefined;
}

/** What near-duplicate checks need of a stored question. */
export interface MatchCandidate {
  id: number;
  sessionId: number;
  authorId: number | undefined;
  normalized: string;
  category: string | undefined;
  status: SubmissionStatus;
}

export interface NewSubmission {
  tenantId: number;
  sessionId: number;
  userId: number;
  text: string;
  normalized: string;
  category: string | undefined;
  topic: string | undefined;
  anonymous: boolean;
  idempotencyKey: string | undefined;
  now: Date;
}

export type SubmissionPatch = Partial<{
  status: SubmissionStatus;
  text: string;
  normalized: string;
  category: string | null;
  topic: string | null;
  mergedInto: number | null;
  rejectReason: string | null;
  approvedAt: Date | null;
  answeredAt: Date | null;
}>;

export interface ModerationRecord {
  tenantId: number;
  submissionId: number | undefined;
  moderatorId: number;
  action: 'start' | 'end' | 'approve' | 'edit' | 'reject' | 'merge' | 'answered' | 'highlight' | 'links' | 'revoke-links';
  detail: Record<string, unknown>;
  at: Date;
}

export interface SubmissionQuery {
  sessionId?: number;
  tenantId?: number;
  statuses?: SubmissionStatus[];
  /** True: only questions marked answered; false: only those not answered yet. */
  answered?: boolean;
  sort?: 'votes' | 'new' | 'old';
  limit?: number;
  offset?: number;
}

export interface SessionStats {
  submitted: number;
  pending: number;
  approved: number;
  rejected: number;
  merged: number;
  answered: number;
  votes: number;
}

/** An approved question with what an export shows about it. */
export interface ApprovedQuestion extends Submission {
  sessionTitle: string;
}

export interface StreamPort {
  /** Runs work in one write transaction: every read and write in it sees and commits together. */
  atomically<T>(work: () => Promise<T>): Promise<T>;
  startSession(input: {
    channelId: number;
    title: string;
    moderation: ModerationMode;
    startedBy: number;
    limits: StreamLimits;
    now: Date;
  }): Promise<number>;
  endSession(sessionId: number, now: Date): Promise<void>;
  openSession(channelId: number): Promise<StreamSession | undefined>;
  latestSession(channelId: number): Promise<StreamSession | undefined>;
  session(tenantId: number, sessionId: number): Promise<StreamSession | undefined>;
  /** A session by id alone, for work that starts from a tracked message rather than from a person. */
  sessionById(sessionId: number): Promise<StreamSession | undefined>;
  setHighlight(sessionId: number, submissionId: number | null): Promise<void>;
  sessionStats(sessionId: number): Promise<SessionStats>;

  /** Inserts a submission; with an idempotency key already stored, returns that submission's id instead. */
  addSubmission(input: NewSubmission): Promise<number>;
  submission(tenantId: number, id: number): Promise<Submission | undefined>;
  updateSubmission(id: number, patch: SubmissionPatch, now: Date): Promise<void>;
  listSubmissions(query: SubmissionQuery): Promise<Submission[]>;
  countSubmissions(query: SubmissionQuery): Promise<number>;
  /** How many questions of the session wait for review and were sent before this one. */
  pendingBefore(sessionId: number, submissionId: number): Promise<number>;
  /**
   * Approved questions of the tenant and this session's pending ones, in the order they were sent. While nothing
   * stored changes, the same array is returned, grown by the questions added since.
   */
  matchCandidates(tenantId: number, sessionId: number): Promise<readonly MatchCandidate[]>;
  /** When the user's stored submissions in the session were made, newest first. */
  submissionTimes(sessionId: number, userId: number): Promise<Date[]>;

  /** True when the vote is new. */
  addVote(submissionId: number, userId: number, now: Date): Promise<boolean>;
  hasVoted(submissionId: number, userId: number): Promise<boolean>;
  /** True when there was a vote to withdraw. */
  removeVote(submissionId: number, userId: number): Promise<boolean>;
  /** Copies the votes of one submission (and its author's voice) onto another; returns the target's new count. */
  moveVotes(fromId: number, intoId: number, now: Date): Promise<number>;

  recordAction(record: ModerationRecord): Promise<void>;
  approvedCount(tenantId: number): Promise<number>;
  /** Approved questions in order of approval, optionally limited to a tenant or a session. */
  approvedQuestions(filter: { tenantId?: number; sessionId?: number }): Promise<ApprovedQuestion[]>;
}
