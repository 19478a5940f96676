import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, ne, sql } from 'drizzle-orm';
import type {
  AnswerRecord,
  AnswersPort,
  CommunityQuestion,
  DailyPort,
  DigestsPort,
  PostRecord,
  PostsPort,
  RemindersPort,
  ScheduleRecord,
  SchedulesPort,
} from '../../core/daily/ports.js';
import type { Platform } from '../../core/invocation.js';
import { type Db, writeTransaction } from '../open.js';
import {
  answers,
  answerVotes,
  channels,
  dailyDigests,
  dailyPosts,
  dailySchedules,
  reminderOptIns,
  remindersSent,
  streakRestores,
  submissions,
  tenants,
  users,
} from '../schema.js';

const address = {
  tenantId: tenants.id,
  platform: tenants.platform,
  tenant: tenants.externalId,
  channel: channels.externalId,
};

function schedulesRepo(db: Db): SchedulesPort {
  const select = () =>
    db
      .select({ schedule: dailySchedules, ...address, creator: users.externalId })
      .from(dailySchedules)
      .innerJoin(channels, eq(dailySchedules.channelId, channels.id))
      .innerJoin(tenants, eq(channels.tenantId, tenants.id))
      .leftJoin(users, eq(dailySchedules.createdBy, users.id));
  type Row = { schedule: typeof dailySchedules.$inferSelect } & {
    tenantId: number;
    platform: Platform;
    tenant: string;
    channel: string;
    creator: string | null;
  };
  const toRecord = ({ schedule, creator, ...where }: Row): ScheduleRecord => ({
    id: schedule.id,
    channelId: schedule.channelId,
    ...where,
    time: schedule.time,
    timezone: schedule.timezone,
    days: schedule.days,
    category: schedule.category,
    topic: schedule.topic,
    graceMinutes: schedule.graceMinutes,
    answerMinutes: schedule.answerMinutes,
    status: schedule.status,
    seed: schedule.seed,
    updatedAt: schedule.updatedAt,
    createdBy: creator,
  });
  const ofChannel = (channelId: number) => {
    const row = select().where(eq(dailySchedules.channelId, channelId)).get();
    return row ? toRecord(row) : undefined;
  };
  return {
    save(input) {
      return writeTransaction(db, () => {
        const fields = {
          time: input.time,
          timezone: input.timezone,
          days: input.days,
          category: input.category,
          topic: input.topic,
          graceMinutes: input.graceMinutes,
          answerMinutes: input.answerMinutes,
          status: 'active' as const,
          updatedAt: input.now,
        };
        db.insert(dailySchedules)
          .values({ channelId: input.channelId, seed: input.seed, createdBy: input.createdBy, createdAt: input.now, ...fields })
          .onConflictDoUpdate({ target: dailySchedules.channelId, set: fields })
          .run();
        const saved = ofChannel(input.channelId);
        if (!saved) throw new Error('schedule row missing after save');
        return saved;
      });
    },
    ofChannel,
    setStatus(channelId, status, now) {
      const result = db
        .update(dailySchedules)
        .set({ status, updatedAt: now })
        .where(eq(dailySchedules.channelId, channelId))
        .run();
      return result.changes === 1;
    },
    active() {
      return select().where(eq(dailySchedules.status, 'active')).orderBy(asc(dailySchedules.id)).all().map(toRecord);
    },
  };
}

function postsRepo(db: Db): PostsPort {
  const select = () =>
    db
      .select({ post: dailyPosts, ...address })
      .from(dailyPosts)
      .innerJoin(channels, eq(dailyPosts.channelId, channels.id))
      .innerJoin(tenants, eq(channels.tenantId, tenants.id));
  type Row = { post: typeof dailyPosts.$inferSelect } & { tenantId: number; platform: Platform; tenant: string; channel: string };
  const toRecord = ({ post, ...where }: Row): PostRecord => ({
    id: post.id,
    scheduleId: post.scheduleId,
    channelId: post.channelId,
    ...where,
    localDate: post.localDate,
    slotAt: post.slotAt,
    status: post.status,
    skipReason: post.skipReason,
    questionId: post.questionId,
    cycle: post.cycle,
    claimedAt: post.claimedAt,
    sentAt: post.sentAt,
    closesAt: post.closesAt,
    closedAt: post.recappedAt,
    failureCode: post.failureCode,
    failedAttempts: post.failedAttempts,
    retryAt: post.retryAt,
    failureNoticedAt: post.failureNoticedAt,
  });
  const forDate = (channelId: number, localDate: string) => {
    const row = select()
      .where(and(eq(dailyPosts.channelId, channelId), eq(dailyPosts.localDate, localDate)))
      .get();
    return row ? toRecord(row) : undefined;
  };
  const byId = (id: number) => {
    const row = select().where(eq(dailyPosts.id, id)).get();
    return row ? toRecord(row) : undefined;
  };
  const community = (tenantId: number, id?: number): CommunityQuestion[] =>
    db
      .select({
        id: submissions.id,
        text: submissions.text,
        category: submissions.category,
        topic: submissions.topic,
        anonymous: submissions.anonymous,
        name: users.displayName,
      })
      .from(submissions)
      .leftJoin(users, eq(submissions.userId, users.id))
      .where(
        and(
          eq(submissions.tenantId, tenantId),
          eq(submissions.status, 'approved'),
          id === undefined ? undefined : eq(submissions.id, id),
        ),
      )
      .orderBy(asc(submissions.id))
      .all()
      .map((row) => ({
        id: row.id,
        text: row.text,
        category: row.category,
        topic: row.topic,
        askedBy: row.anonymous ? null : row.name,
      }));
  return {
    byId,
    forDate,
    latestSent(channelId) {
      const row = select()
        .where(and(eq(dailyPosts.channelId, channelId), eq(dailyPosts.status, 'sent')))
        .orderBy(desc(dailyPosts.id))
        .get();
      return row ? toRecord(row) : undefined;
    },
    openIn(channelId, now) {
      return select()
        .where(
          and(
            eq(dailyPosts.channelId, channelId),
            eq(dailyPosts.status, 'sent'),
            isNull(dailyPosts.recappedAt),
            gt(dailyPosts.closesAt, now),
          ),
        )
        .orderBy(asc(dailyPosts.slotAt), asc(dailyPosts.id))
        .all()
        .map(toRecord);
    },
    recent(channelId, limit) {
      return select()
        .where(eq(dailyPosts.channelId, channelId))
        .orderBy(desc(dailyPosts.localDate))
        .limit(limit)
        .all()
        .map(toRecord);
    },
    history(channelId) {
      return db
        .select({ questionId: dailyPosts.questionId, cycle: dailyPosts.cycle })
        .from(dailyPosts)
        .where(
          and(
            eq(dailyPosts.channelId, channelId),
            inArray(dailyPosts.status, ['claimed', 'sent']),
            isNotNull(dailyPosts.questionId),
          ),
        )
        .orderBy(asc(dailyPosts.id))
        .all()
        .map((row) => ({ questionId: row.questionId ?? '', cycle: row.cycle }));
    },
    claim(input) {
      return writeTransaction(db, () => {
        const existing = forDate(input.channelId, input.localDate);
        const fields = {
          scheduleId: input.scheduleId,
          slotAt: input.slotAt,
          status: 'claimed' as const,
          skipReason: null,
          questionId: input.questionId,
          cycle: input.cycle,
          claimedAt: input.now,
          sentAt: null,
          closesAt: null,
        };
        if (existing?.status === 'skipped') {
          db.update(dailyPosts).set(fields).where(eq(dailyPosts.id, existing.id)).run();
          return byId(existing.id);
        }
        if (existing) return undefined;
        const inserted = db
          .insert(dailyPosts)
          .values({ channelId: input.channelId, localDate: input.localDate, ...fields })
          .onConflictDoNothing()
          .returning({ id: dailyPosts.id })
          .get();
        return inserted ? byId(inserted.id) : undefined;
      });
    },
    recordSkip(input) {
      const result = db
        .insert(dailyPosts)
        .values({
          scheduleId: input.scheduleId,
          channelId: input.channelId,
          localDate: input.localDate,
          slotAt: input.slotAt,
          status: 'skipped',
          skipReason: input.reason,
          claimedAt: input.now,
        })
        .onConflictDoNothing()
        .run();
      return result.changes === 1;
    },
    claimed() {
      return select().where(eq(dailyPosts.status, 'claimed')).orderBy(asc(dailyPosts.id)).all().map(toRecord);
    },
    markSent(postId, sentAt, closesAt) {
      const result = db
        .update(dailyPosts)
        .set({ status: 'sent', sentAt, closesAt, retryAt: null })
        .where(and(eq(dailyPosts.id, postId), eq(dailyPosts.status, 'claimed')))
        .run();
      return result.changes === 1;
    },
    markFailed(postId, failureCode, retryAt) {
      const result = db
        .update(dailyPosts)
        .set({
          status: 'claimed',
          sentAt: null,
          closesAt: null,
          failureCode,
          failedAttempts: sql`${dailyPosts.failedAttempts} + 1`,
          retryAt,
          // Told once per failure: the same refusal again keeps the notice given; a different one is news.
          failureNoticedAt: sql`CASE WHEN ${dailyPosts.failureCode} = ${failureCode} THEN ${dailyPosts.failureNoticedAt} ELSE NULL END`,
        })
        .where(and(eq(dailyPosts.id, postId), eq(dailyPosts.status, 'sent')))
        .run();
      return result.changes === 1;
    },
    unnoticedFailures(tenantId) {
      return select()
        .where(
          and(
            eq(channels.tenantId, tenantId),
            ne(dailyPosts.status, 'sent'),
            isNotNull(dailyPosts.failureCode),
            isNull(dailyPosts.failureNoticedAt),
          ),
        )
        .orderBy(asc(dailyPosts.id))
        .all()
        .map(toRecord);
    },
    markFailureNoticed(postIds, now) {
      if (postIds.length === 0) return;
      db.update(dailyPosts).set({ failureNoticedAt: now }).where(inArray(dailyPosts.id, postIds)).run();
    },
    abandon(postId, reason) {
      const result = db
        .update(dailyPosts)
        .set({ status: 'skipped', skipReason: reason })
        .where(and(eq(dailyPosts.id, postId), eq(dailyPosts.status, 'claimed')))
        .run();
      return result.changes === 1;
    },
    dueToClose(now) {
      return select()
        .where(and(eq(dailyPosts.status, 'sent'), isNull(dailyPosts.recappedAt), lte(dailyPosts.closesAt, now)))
        .orderBy(asc(dailyPosts.id))
        .all()
        .map(toRecord);
    },
    closingSoon(now, withinMinutes) {
      return select()
        .where(
          and(
            eq(dailyPosts.status, 'sent'),
            isNull(dailyPosts.recappedAt),
            gt(dailyPosts.closesAt, now),
            lte(dailyPosts.closesAt, new Date(now.getTime() + withinMinutes * 60_000)),
          ),
        )
        .orderBy(asc(dailyPosts.id))
        .all()
        .map(toRecord);
    },
    close(postId, now) {
      const result = db
        .update(dailyPosts)
        .set({ recappedAt: now })
        .where(and(eq(dailyPosts.id, postId), isNull(dailyPosts.recappedAt)))
        .run();
      return result.changes === 1;
    },
    communityQuestions: (tenantId) => community(tenantId),
    communityQuestion: (tenantId, id) => community(tenantId, id)[0],
  };
}

function answersRepo(db: Db): AnswersPort {
  const votes = sql<number>`(select count(*) from ${answerVotes} where ${answerVotes.answerId} = ${answers.id})`.mapWith(Number);
  const select = () =>
    db
      .select({ answer: answers, authorId: users.externalId, authorName: users.displayName, votes })
      .from(answers)
      .innerJoin(users, eq(answers.userId, users.id));
  type Row = { answer: typeof answers.$inferSelect; authorId: string; authorName: string; votes: number };
  const toRecord = ({ answer, authorId, authorName, votes: count }: Row): AnswerRecord => ({
    id: answer.id,
    postId: answer.postId,
    userId: answer.userId,
    authorId,
    authorName,
    text: answer.text,
    best: answer.best,
    bestAt: answer.bestAt,
    votes: count,
    createdAt: answer.createdAt,
    updatedAt: answer.updatedAt,
  });
  const byId = (id: number) => {
    const row = select().where(eq(answers.id, id)).get();
    return row ? toRecord(row) : undefined;
  };
  return {
    save(postId, userId, text, now) {
      return writeTransaction(db, () => {
        const existing = db
          .select({ id: answers.id })
          .from(answers)
          .where(and(eq(answers.postId, postId), eq(answers.userId, userId)))
          .get();
        let id: number;
        if (existing) {
          db.update(answers).set({ text, updatedAt: now }).where(eq(answers.id, existing.id)).run();
          id = existing.id;
        } else {
          id = db
            .insert(answers)
            .values({ postId, userId, text, createdAt: now, updatedAt: now })
            .returning({ id: answers.id })
            .get().id;
        }
        const answer = byId(id);
        if (!answer) throw new Error('answer row missing after save');
        return { answer, replaced: existing !== undefined };
      });
    },
    byId,
    ofUser(postId, userId) {
      const row = select()
        .where(and(eq(answers.postId, postId), eq(answers.userId, userId)))
        .get();
      return row ? toRecord(row) : undefined;
    },
    clearVotes(answerId) {
      db.delete(answerVotes).where(eq(answerVotes.answerId, answerId)).run();
    },
    ofPost(postId) {
      return select().where(eq(answers.postId, postId)).orderBy(asc(answers.createdAt), asc(answers.id)).all().map(toRecord);
    },
    vote(answerId, userId, now) {
      const result = db.insert(answerVotes).values({ answerId, userId, createdAt: now }).onConflictDoNothing().run();
      return result.changes === 1;
    },
    bestAfterRecap(channelId, since) {
      return select()
        .innerJoin(dailyPosts, eq(answers.postId, dailyPosts.id))
        .where(
          and(
            eq(dailyPosts.channelId, channelId),
            eq(answers.best, true),
            isNotNull(dailyPosts.recappedAt),
            gt(answers.bestAt, dailyPosts.recappedAt),
            gte(answers.bestAt, since),
          ),
        )
        .orderBy(asc(answers.bestAt), asc(answers.id))
        .all()
        .map(toRecord);
    },
    markBest(answerId, now) {
      const result = db
        .update(answers)
        .set({ best: true, bestAt: now })
        .where(and(eq(answers.id, answerId), eq(answers.best, false)))
        .run();
      return result.changes === 1;
    },
    countsOf(tenantId, userId) {
      const row = db
        .select({
          answers: sql<number>`count(*)`.mapWith(Number),
          best: sql<number>`coalesce(sum(case when ${answers.best} then 1 else 0 end), 0)`.mapWith(Number),
        })
        .from(answers)
        .innerJoin(dailyPosts, eq(answers.postId, dailyPosts.id))
        .innerJoin(channels, eq(dailyPosts.channelId, channels.id))
        .where(and(eq(answers.userId, userId), eq(channels.tenantId, tenantId)))
        .get();
      return { answers: row?.answers ?? 0, best: row?.best ?? 0 };
    },
    streakData(tenantId, userId) {
      const answered = sql<number>`exists (select 1 from ${answers} where ${answers.postId} = ${dailyPosts.id} and ${answers.userId} = ${userId})`;
      const channelsAnswered = db
        .selectDistinct({ channelId: dailyPosts.channelId })
        .from(answers)
        .innerJoin(dailyPosts, eq(answers.postId, dailyPosts.id))
        .where(eq(answers.userId, userId));
      const excused = sql<number>`exists (select 1 from ${streakRestores} where ${streakRestores.postId} = ${dailyPosts.id} and ${streakRestores.userId} = ${userId})`;
      return db
        .select({
          postId: dailyPosts.id,
          channelId: dailyPosts.channelId,
          localDate: dailyPosts.localDate,
          answered: answered.mapWith(Boolean),
          open: sql<number>`${dailyPosts.recappedAt} is null`.mapWith(Boolean),
          excused: excused.mapWith(Boolean),
        })
        .from(dailyPosts)
        .innerJoin(channels, eq(dailyPosts.channelId, channels.id))
        .where(
          and(eq(channels.tenantId, tenantId), eq(dailyPosts.status, 'sent'), inArray(dailyPosts.channelId, channelsAnswered)),
        )
        .orderBy(asc(dailyPosts.channelId), asc(dailyPosts.localDate))
        .all();
    },
    excuse(postId, userId, restoredBy, now) {
      const result = db.insert(streakRestores).values({ postId, userId, restoredBy, createdAt: now }).onConflictDoNothing().run();
      return result.changes === 1;
    },
  };
}

function digestsRepo(db: Db): DigestsPort {
  return {
    claim(channelId, weekStart, now) {
      const result = db.insert(dailyDigests).values({ channelId, weekStart, createdAt: now }).onConflictDoNothing().run();
      return result.changes === 1;
    },
  };
}

function remindersRepo(db: Db): RemindersPort {
  return {
    set(userId, channelId, on, now) {
      if (on) {
        db.insert(reminderOptIns).values({ userId, channelId, createdAt: now }).onConflictDoNothing().run();
      } else {
        db.delete(reminderOptIns)
          .where(and(eq(reminderOptIns.userId, userId), eq(reminderOptIns.channelId, channelId)))
          .run();
      }
    },
    isOn(userId, channelId) {
      return (
        db
          .select({ userId: reminderOptIns.userId })
          .from(reminderOptIns)
          .where(and(eq(reminderOptIns.userId, userId), eq(reminderOptIns.channelId, channelId)))
          .get() !== undefined
      );
    },
    pending(postId) {
      return db
        .select({ userId: users.id, user: users.externalId })
        .from(dailyPosts)
        .innerJoin(reminderOptIns, eq(reminderOptIns.channelId, dailyPosts.channelId))
        .innerJoin(users, eq(reminderOptIns.userId, users.id))
        .where(
          and(
            eq(dailyPosts.id, postId),
            sql`not exists (select 1 from ${answers} where ${answers.postId} = ${dailyPosts.id} and ${answers.userId} = ${users.id})`,
            sql`not exists (select 1 from ${remindersSent} where ${remindersSent.postId} = ${dailyPosts.id} and ${remindersSent.userId} = ${users.id})`,
          ),
        )
        .orderBy(asc(users.id))
        .all();
    },
    markSent(postId, userId, now) {
      const result = db.insert(remindersSent).values({ postId, userId, sentAt: now }).onConflictDoNothing().run();
      return result.changes === 1;
    },
  };
}

export function dailyRepo(db: Db): DailyPort {
  return {
    schedules: schedulesRepo(db),
    posts: postsRepo(db),
    answers: answersRepo(db),
    reminders: remindersRepo(db),
    digests: digestsRepo(db),
    atomically: (work) => writeTransaction(db, work),
  };
}
