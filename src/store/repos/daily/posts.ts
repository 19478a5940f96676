import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, ne, sql } from 'drizzle-orm';
import { type CommunityQuestion, dayKey, type PostRecord, type PostsPort } from '../../../core/daily/ports.js';
import type { Platform } from '../../../core/invocation.js';
import { type Db, writeTransaction } from '../../open.js';
import { channels, dailyPosts, submissions, tenants, users } from '../../schema.js';
import type { Synchronous } from '../../synchronous.js';
import { address } from './address.js';
import { chunks } from './chunks.js';

export function postsRepo(db: Db): Synchronous<PostsPort> {
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
    daysTaken(days) {
      const dates = [...new Set(days.map((day) => day.localDate))];
      if (dates.length === 0) return new Set();
      const wanted = new Set(days.map((day) => dayKey(day.channelId, day.localDate)));
      const rows = db
        .select({ channelId: dailyPosts.channelId, localDate: dailyPosts.localDate })
        .from(dailyPosts)
        .where(inArray(dailyPosts.localDate, dates))
        .all();
      return new Set(rows.map((row) => dayKey(row.channelId, row.localDate)).filter((key) => wanted.has(key)));
    },
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
    sentIn(channelIds, from, to) {
      return chunks(channelIds).flatMap((ids) =>
        select()
          .where(
            and(
              inArray(dailyPosts.channelId, ids),
              eq(dailyPosts.status, 'sent'),
              gte(dailyPosts.localDate, from),
              lte(dailyPosts.localDate, to),
            ),
          )
          .all()
          .map(toRecord),
      );
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
