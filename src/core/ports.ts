import type { CommunityPort } from './community/ports.js';
import type { DailyPort } from './daily/ports.js';
import type { Invocation, Platform } from './invocation.js';
import type { ModeratorsPort } from './moderators/ports.js';
import type { PrivacyPort } from './privacy/ports.js';
import type { QuizPort } from './quiz/ports.js';
import type { ScoresPort } from './scores/ports.js';
import type { ScoreQueriesPort } from './scores/queries.js';
import type { StreamLinksPort } from './stream/link-ports.js';
import type { StreamPort } from './stream/ports.js';
import type { Tracked } from './view.js';

/** Ids of the rows an invocation touches, created on first sight. */
export interface Seen {
  tenantId: number;
  channelId: number;
  userId: number;
}

export interface DirectoryPort {
  /** Records the tenant, channel and user of an invocation (idempotent) and returns their ids. */
  touch(invocation: Pick<Invocation, 'platform' | 'tenant' | 'channel' | 'user' | 'now'>): Promise<Seen>;
  findChannel(platform: Platform, tenant: string, channel: string): Promise<{ tenantId: number; channelId: number } | undefined>;
  /** A role granted inside the bot (e.g. Slack moderators named by an admin). */
  grantedRole(platform: Platform, tenant: string, user: string): Promise<'moderator' | undefined>;
  setGrantedRole(
    platform: Platform,
    tenant: string,
    user: string,
    name: string,
    role: 'moderator' | null,
    now: Date,
  ): Promise<void>;
}

export interface EventsPort {
  /** True the first time a (platform, key) is seen; false for a redelivery. */
  claim(platform: Platform, key: string, now: Date): Promise<boolean>;
  /** Forgets at most `limit` of the oldest keys processed before `before`; returns how many went. */
  prune(before: Date, limit: number): Promise<number>;
}

interface Delivery {
  platform: Platform;
  channel: string;
  messageId: string;
  threadId?: string;
}

export interface DeliveriesPort {
  record(tracked: Tracked, delivery: Delivery, now: Date): Promise<void>;
  find(tracked: Tracked): Promise<Delivery | undefined>;
  /** The tracked post whose thread (or message) is `thread` on the platform. */
  findByThread(platform: Platform, thread: string): Promise<Tracked | undefined>;
}

/**
 * Every store capability the core uses. Feature folders declare their own port next to their domain code
 * and add it here.
 */
export interface Ports {
  /**
   * Runs work in one write transaction (nested ones join it): one commit for all of it. The work should await only
   * the store: on SQLite the transaction holds the one connection until it ends.
   */
  atomically<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Runs work in a write transaction shared with the other work handed over in the same turn of the event loop
   * where the database allows it (SQLite: one commit for the group, a savepoint for each). Settles after the commit.
   */
  inCommitGroup<T>(work: () => Promise<T>): Promise<T>;
  directory: DirectoryPort;
  events: EventsPort;
  deliveries: DeliveriesPort;
  scores: ScoresPort;
  moderators: ModeratorsPort;
  scoreQueries: ScoreQueriesPort;
  daily: DailyPort;
  quiz: QuizPort;
  privacy: PrivacyPort;
  stream: StreamPort;
  streamLinks: StreamLinksPort;
  community: CommunityPort;
}
