import type { Platform } from '../invocation.js';
import type { PastPick } from './pick.js';
import type { LocalDate } from './time.js';

export type ScheduleStatus = 'active' | 'paused' | 'stopped';
type PostStatus = 'claimed' | 'sent' | 'skipped';

/** Where a channel lives on its platform, for routing scheduled messages. */
interface ChannelAddress {
  tenantId: number;
  channelId: number;
  platform: Platform;
  /** The platform's tenant id (guild, team, "console"). */
  tenant: string;
  /** The platform's channel id. */
  channel: string;
}

interface ScheduleInput {
  channelId: number;
  time: string;
  timezone: string;
  days: number;
  category: string | null;
  topic: string | null;
  graceMinutes: number;
  answerMinutes: number;
  seed: number;
  createdBy: number;
  now: Date;
}

export interface ScheduleRecord extends ChannelAddress {
  id: number;
  time: string;
  timezone: string;
  days: number;
  category: string | null;
  topic: string | null;
  graceMinutes: number;
  answerMinutes: number;
  status: ScheduleStatus;
  seed: number;
  /** When the schedule was last set, changed or resumed: slots before it are owed nothing. */
  updatedAt: Date;
  /** The platform's id of the person who set the schedule, when known. */
  createdBy: string | null;
}

export interface PostRecord extends ChannelAddress {
  id: number;
  scheduleId: number;
  localDate: LocalDate;
  slotAt: Date;
  status: PostStatus;
  skipReason: string | null;
  questionId: string | null;
  cycle: number;
  claimedAt: Date;
  sentAt: Date | null;
  closesAt: Date | null;
  /** Set when a tick closed the question and handed over its recap. */
  closedAt: Date | null;
  /** The platform's refusal code of the last failed hand-over, if one failed. */
  failureCode: string | null;
  failedAttempts: number;
  retryAt: Date | null;
  failureNoticedAt: Date | null;
}

export interface ClaimInput {
  scheduleId: number;
  channelId: number;
  localDate: LocalDate;
  slotAt: Date;
  questionId: string;
  cycle: number;
  now: Date;
}

export interface CommunityQuestion {
  id: number;
  text: string;
  category: string | null;
  topic: string | null;
  /** Display name of the person who asked, unless they asked anonymously or were erased. */
  askedBy: string | null;
}

export interface SchedulesPort {
  /** Creates or replaces the channel's schedule and makes it active; the seed of an existing schedule is kept. */
  save(input: ScheduleInput): Promise<ScheduleRecord>;
  ofChannel(channelId: number): Promise<ScheduleRecord | undefined>;
  /** Changes the status; false when the channel has no schedule. */
  setStatus(channelId: number, status: ScheduleStatus, now: Date): Promise<boolean>;
  active(): Promise<ScheduleRecord[]>;
}

export interface PostsPort {
  byId(id: number): Promise<PostRecord | undefined>;
  forDate(channelId: number, localDate: LocalDate): Promise<PostRecord | undefined>;
  /** Which of these channel days already have a row (of any status), as `dayKey`s: one query for a whole tick. */
  daysTaken(days: { channelId: number; localDate: LocalDate }[]): Promise<Set<string>>;
  /** The channel's newest post that reached the platform (status sent). */
  latestSent(channelId: number): Promise<PostRecord | undefined>;
  /** The channel's sent posts still taking answers at `now` (not closed, deadline not reached), oldest first. */
  openIn(channelId: number, now: Date): Promise<PostRecord[]>;
  recent(channelId: number, limit: number): Promise<PostRecord[]>;
  /** The sent posts of these channels from `from` to `to` (local dates), for a whole tick at once. */
  sentIn(channelIds: number[], from: LocalDate, to: LocalDate): Promise<PostRecord[]>;
  /** Questions already posted or claimed in the channel, oldest first. */
  history(channelId: number): Promise<PastPick[]>;
  /**
   * Inserts a claimed post; a skipped row of the same day is turned into the claim. Undefined when the
   * (channel, local date) already has a claimed or sent post: the unique key is the guard.
   */
  claim(input: ClaimInput): Promise<PostRecord | undefined>;
  /** Records a slot that was not posted; false when the day already has a row. */
  recordSkip(input: {
    scheduleId: number;
    channelId: number;
    localDate: LocalDate;
    slotAt: Date;
    reason: string;
    now: Date;
  }): Promise<boolean>;
  claimed(): Promise<PostRecord[]>;
  /** claimed -> sent; false when another tick already did it. */
  markSent(postId: number, sentAt: Date, closesAt: Date): Promise<boolean>;
  /** claimed -> skipped; false when it is no longer claimed. */
  abandon(postId: number, reason: string): Promise<boolean>;
  /** sent -> claimed after the platform refused it: records the refusal and waits until `retryAt`. */
  markFailed(postId: number, failureCode: string, retryAt: Date): Promise<boolean>;
  /** Unsent posts of the tenant whose delivery failed and that moderators have not been told about yet. */
  unnoticedFailures(tenantId: number): Promise<PostRecord[]>;
  markFailureNoticed(postIds: number[], now: Date): Promise<void>;
  /** Sent posts whose answer window has ended but which are not closed yet. */
  dueToClose(now: Date): Promise<PostRecord[]>;
  /** Sent, not closed, closing in (now, now + withinMinutes]. */
  closingSoon(now: Date, withinMinutes: number): Promise<PostRecord[]>;
  /** Marks the post closed; false when it already was. */
  close(postId: number, now: Date): Promise<boolean>;
  /** Approved community questions of the tenant (the live-stream submissions). */
  communityQuestions(tenantId: number): Promise<CommunityQuestion[]>;
  communityQuestion(tenantId: number, id: number): Promise<CommunityQuestion | undefined>;
}

export interface AnswerRecord {
  id: number;
  postId: number;
  userId: number;
  authorId: string;
  authorName: string;
  text: string;
  best: boolean;
  /** When it was marked best, if it was (null for older rows). */
  bestAt: Date | null;
  votes: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface AnswersPort {
  /** Saves the user's answer to a post, replacing an earlier one. */
  save(postId: number, userId: number, text: string, now: Date): Promise<{ answer: AnswerRecord; replaced: boolean }>;
  byId(id: number): Promise<AnswerRecord | undefined>;
  /** The user's answer to a post, if any. */
  ofUser(postId: number, userId: number): Promise<AnswerRecord | undefined>;
  ofPost(postId: number): Promise<AnswerRecord[]>;
  /** Removes every vote of an answer (its text changed, so the votes no longer apply). */
  clearVotes(answerId: number): Promise<void>;
  /** Adds a vote; false when this user already voted for this answer. */
  vote(answerId: number, userId: number, now: Date): Promise<boolean>;
  /** Marks the answer best; false when it already was. */
  markBest(answerId: number, now: Date): Promise<boolean>;
  /** Answers of the channel marked best after their question's recap, at or after `since`, oldest first. */
  bestAfterRecap(channelId: number, since: Date): Promise<AnswerRecord[]>;
  /** How many answers and best answers a user has given in a tenant. */
  countsOf(tenantId: number, userId: number): Promise<{ answers: number; best: number }>;
  /**
   * The sent posts of every channel where the user answered, which of them the user answered, and which a moderator
   * excused because the bot was offline while they were open.
   */
  streakData(
    tenantId: number,
    userId: number,
  ): Promise<{ postId: number; channelId: number; localDate: LocalDate; answered: boolean; open: boolean; excused: boolean }[]>;
  /** Excuses the user's missed post; false when it already was. */
  excuse(postId: number, userId: number, restoredBy: number, now: Date): Promise<boolean>;
}

export interface DigestsPort {
  /** Claims the channel's digest of the week starting `weekStart`; false when it was already claimed. */
  claim(channelId: number, weekStart: LocalDate, now: Date): Promise<boolean>;
  /** The digests already claimed for weeks starting on one of these dates, as `dayKey(channelId, weekStart)`. */
  claimedWeeks(weekStarts: LocalDate[]): Promise<Set<string>>;
}

interface Reminder {
  userId: number;
  /** The platform's user id. */
  user: string;
}

export interface RemindersPort {
  set(userId: number, channelId: number, on: boolean, now: Date): Promise<void>;
  isOn(userId: number, channelId: number): Promise<boolean>;
  /** Opted-in members of the post's channel who have not answered and were not reminded of this post. */
  pending(postId: number): Promise<Reminder[]>;
  /** Records the reminder; false when it was already sent. */
  markSent(postId: number, userId: number, now: Date): Promise<boolean>;
}

/** The store of the daily question. */
export interface DailyPort {
  schedules: SchedulesPort;
  posts: PostsPort;
  answers: AnswersPort;
  reminders: RemindersPort;
  digests: DigestsPort;
  /** Runs `work` in one write transaction (see Ports.atomically). */
  atomically<T>(work: () => Promise<T>): Promise<T>;
}

/** A channel's local date as one value, for sets of days. */
export function dayKey(channelId: number, localDate: LocalDate): string {
  return `${channelId}|${localDate}`;
}
