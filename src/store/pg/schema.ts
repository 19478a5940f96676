/**
 * The PostgreSQL twin of ../schema.ts: the same tables, columns, keys and indexes (test/unit/schema-lockstep.test.ts
 * holds the two together). Instants are timestamptz, flags boolean; everything else is as on SQLite.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull();

/** A Discord guild, a Slack team, or the console. */
export const tenants = pgTable(
  'tenants',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    platform: text('platform', { enum: ['discord', 'slack', 'console'] }).notNull(),
    externalId: text('external_id').notNull(),
    /** Raised by triggers (migrations-pg) whenever a stored question of the tenant changes or goes (not when one is added). */
    submissionsRevision: integer('submissions_revision').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tenants_platform_external').on(t.platform, t.externalId)],
);

export const channels = pgTable(
  'channels',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    externalId: text('external_id').notNull(),
    /** JSON object of per-channel settings. */
    settings: text('settings').notNull().default('{}'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('channels_tenant_external').on(t.tenantId, t.externalId)],
);

/** A person as seen in one tenant. */
export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    externalId: text('external_id').notNull(),
    displayName: text('display_name').notNull(),
    /** A role granted inside the bot (Slack moderators named by an admin). */
    grantedRole: text('granted_role', { enum: ['moderator'] }),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('users_tenant_external').on(t.tenantId, t.externalId)],
);

/** Platform event and interaction ids already processed, so a redelivery is handled once. */
export const processedEvents = pgTable(
  'processed_events',
  {
    platform: text('platform').notNull(),
    key: text('key').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.key] }), index('processed_events_time').on(t.processedAt)],
);

/** Where a tracked post landed on its platform, so threads, edits and recaps can find it. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    platform: text('platform').notNull(),
    channel: text('channel').notNull(),
    messageId: text('message_id').notNull(),
    threadId: text('thread_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('deliveries_entity').on(t.entity, t.entityId)],
);

export const dailySchedules = pgTable('daily_schedules', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  channelId: integer('channel_id')
    .notNull()
    .unique()
    .references(() => channels.id),
  /** Local time of day, "HH:MM". */
  time: text('time').notNull(),
  timezone: text('timezone').notNull(),
  /** Days of the week as a 7-bit mask, bit 0 = Sunday. */
  days: integer('days').notNull(),
  category: text('category'),
  topic: text('topic'),
  graceMinutes: integer('grace_minutes').notNull().default(180),
  answerMinutes: integer('answer_minutes').notNull().default(1440),
  status: text('status', { enum: ['active', 'paused', 'stopped'] }).notNull(),
  seed: integer('seed').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** One row per channel and local date: the claim that makes a second post impossible. */
export const dailyPosts = pgTable(
  'daily_posts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    scheduleId: integer('schedule_id')
      .notNull()
      .references(() => dailySchedules.id),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    localDate: text('local_date').notNull(),
    slotAt: timestamp('slot_at', { withTimezone: true, mode: 'date' }).notNull(),
    status: text('status', { enum: ['claimed', 'sent', 'skipped'] }).notNull(),
    skipReason: text('skip_reason'),
    /** A book question id, or "community:<submission id>". */
    questionId: text('question_id'),
    cycle: integer('cycle').notNull().default(1),
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'date' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    closesAt: timestamp('closes_at', { withTimezone: true, mode: 'date' }),
    recappedAt: timestamp('recapped_at', { withTimezone: true, mode: 'date' }),
    /** The platform's refusal of the last failed hand-over (e.g. "not_in_channel", "50013"); null when none failed. */
    failureCode: text('failure_code'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    /** A post whose delivery failed waits in "claimed" until this instant before the next attempt. */
    retryAt: timestamp('retry_at', { withTimezone: true, mode: 'date' }),
    /** When moderators were last shown a notice about the failure (once per failure). */
    failureNoticedAt: timestamp('failure_noticed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('daily_posts_channel_date').on(t.channelId, t.localDate), index('daily_posts_status').on(t.status)],
);

export const answers = pgTable(
  'answers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    postId: integer('post_id')
      .notNull()
      .references(() => dailyPosts.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    text: text('text').notNull(),
    best: boolean('best').notNull().default(false),
    /** When a moderator marked it best (null for answers marked before this was recorded). */
    bestAt: timestamp('best_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('answers_post_user').on(t.postId, t.userId)],
);

export const answerVotes = pgTable(
  'answer_votes',
  {
    answerId: integer('answer_id')
      .notNull()
      .references(() => answers.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.userId] })],
);

export const reminderOptIns = pgTable(
  'reminder_opt_ins',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.channelId] })],
);

export const remindersSent = pgTable(
  'reminders_sent',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => dailyPosts.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] })],
);

/** One row per channel and ISO week: the claim that makes a second weekly digest impossible. */
export const dailyDigests = pgTable(
  'daily_digests',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    /** The Monday of the week, a local date of the channel's zone. */
    weekStart: text('week_start').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('daily_digests_channel_week').on(t.channelId, t.weekStart)],
);

/** A missed daily question a moderator excused because the bot was offline while it was open. */
export const streakRestores = pgTable(
  'streak_restores',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    postId: integer('post_id')
      .notNull()
      .references(() => dailyPosts.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** Null once the moderator asked for their data to be erased. */
    restoredBy: integer('restored_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('streak_restores_post_user').on(t.postId, t.userId)],
);

/** Every point ever given; the unique source makes awarding the same thing twice impossible. */
export const ledger = pgTable(
  'ledger',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    channelId: integer('channel_id').references(() => channels.id),
    reason: text('reason', {
      enum: ['answer', 'upvote', 'best-answer', 'quiz', 'submission-approved', 'submission-answered'],
    }).notNull(),
    points: integer('points').notNull(),
    /** What earned it, e.g. "answer:12" or "vote:12#2" (older rows: "vote:<answer>:<voter>"); unique per user and reason. */
    source: text('source').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ledger_user_reason_source').on(t.userId, t.reason, t.source),
    index('ledger_tenant_time').on(t.tenantId, t.createdAt),
  ],
);

/** A quiz item dealt to a user; `cycle` restarts when the user has seen the whole pool. */
export const quizRounds = pgTable(
  'quiz_rounds',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    itemId: text('item_id').notNull(),
    cycle: integer('cycle').notNull(),
    /** JSON array of choice texts in the order shown. */
    choiceOrder: text('choice_order').notNull(),
    chosen: integer('chosen'),
    correct: boolean('correct'),
    createdAt: createdAt(),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('quiz_rounds_user_item_cycle').on(t.userId, t.itemId, t.cycle)],
);

export const streamSessions = pgTable(
  'stream_sessions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    title: text('title').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    /** 'pre': a question is listed on the board once approved; 'post': at once, until rejected or merged. */
    moderation: text('moderation', { enum: ['pre', 'post'] })
      .notNull()
      .default('pre'),
    startedBy: integer('started_by').references(() => users.id),
    highlightedId: integer('highlighted_id'),
    perUserPerMinute: integer('per_user_per_minute').notNull().default(3),
    perUserPerSession: integer('per_user_per_session').notNull().default(20),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('stream_sessions_one_open').on(t.channelId).where(sql`status = 'open'`)],
);

export const submissions = pgTable(
  'submissions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    sessionId: integer('session_id')
      .notNull()
      .references(() => streamSessions.id),
    /** Null once the author asked for their data to be erased. */
    userId: integer('user_id').references(() => users.id),
    text: text('text').notNull(),
    /** Lowercased, punctuation-free form used for matching. */
    normalized: text('normalized').notNull(),
    category: text('category'),
    topic: text('topic'),
    anonymous: boolean('anonymous').notNull().default(false),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'merged'] }).notNull(),
    mergedInto: integer('merged_into'),
    rejectReason: text('reject_reason'),
    idempotencyKey: text('idempotency_key').unique(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('submissions_session_status').on(t.sessionId, t.status),
    index('submissions_tenant_status').on(t.tenantId, t.status),
    index('submissions_session_user').on(t.sessionId, t.userId),
  ],
);

export const submissionVotes = pgTable(
  'submission_votes',
  {
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.userId] })],
);

export const moderationActions = pgTable('moderation_actions', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id')
    .notNull()
    .references(() => tenants.id),
  submissionId: integer('submission_id').references(() => submissions.id),
  /** Null once the moderator asked for their data to be erased. */
  moderatorId: integer('moderator_id').references(() => users.id),
  action: text('action').notNull(),
  /** JSON with what changed (old and new text, reason, target). */
  detail: text('detail').notNull().default('{}'),
  createdAt: createdAt(),
});

/**
 * Every answer of a closed daily question, kept as a candidate for the question's lasting community answer
 * in its tenant. Which candidate stands is derived on reading (see core/community/standing.ts).
 */
export const communityAnswers = pgTable(
  'community_answers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** A book question id, or "community:<submission id>". */
    questionId: text('question_id').notNull(),
    /** The daily answer and post it was kept from (no foreign keys: the daily tables may change on their own). */
    answerId: integer('answer_id').notNull().unique(),
    postId: integer('post_id').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    text: text('text').notNull(),
    votes: integer('votes').notNull().default(0),
    markedBest: boolean('marked_best').notNull().default(false),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }).notNull(),
    keptAt: timestamp('kept_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Set when a moderator chose this candidate to stand; the newest choice wins. */
    chosenAt: timestamp('chosen_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('community_answers_question').on(t.tenantId, t.questionId)],
);

/** People who agreed to be credited by display name for their community answers (absent: "the community"). */
export const answerCredits = pgTable('answer_credits', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  createdAt: createdAt(),
});

/** The links of a session's overlay and host screen: only a hash of each token is kept. */
export const streamLinks = pgTable(
  'stream_links',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    sessionId: integer('session_id')
      .notNull()
      .references(() => streamSessions.id),
    kind: text('kind', { enum: ['overlay', 'host'] }).notNull(),
    /** SHA-256 of the token, hex. */
    tokenHash: text('token_hash').notNull(),
    /** The moderator the host screen acts as. */
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('stream_links_token_hash').on(t.tokenHash), index('stream_links_session').on(t.sessionId)],
);
