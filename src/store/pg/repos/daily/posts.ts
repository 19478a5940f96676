import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, ne, sql } from 'drizzle-orm';
import {
  type ClaimInput,
  type CommunityQuestion,
  dayKey,
  type PostRecord,
  type PostsPort,
} from '../../../../core/daily/ports.js';
import type { Platform } from '../../../../core/invocation.js';
import { chunks } from '../../../repos/daily/chunks.js';
import { channels, dailyPosts, submissions, tenants, users } from '../../schema.js';
import type { PgSession } from '../../session.js';

const address = { tenantId: tenants.id, platform: tenants.platform, tenant: tenants.externalId, channel: channels.externalId };

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

/**
 * The daily posts on PostgreSQL. Every transition is one conditional statement (`WHERE status = ...`): with several
 * writers, the row lock and PostgreSQL's re-check of the condition let exactly one of them make it.
 */
export function postsRepoPg(session: PgSession): PostsPort {
  const db = () => session.executor();
  const select = () =>
    db()
      .select({ post: dailyPosts, ...address })
      .from(dailyPosts)
      .innerJoin(channels, eq(dailyPosts.channelId, channels.id))
      .innerJoin(tenants, eq(channels.tenantId, tenants.id));
  const first = async (rows: Promise<Row[]>) => {
    const [row] = await rows;
    return row ? toRecord(row) : undefined;
  };
  const all = async (rows: Promise<Row[]>) => (await rows).map(toRecord);
  const byId = (id: number) => first(select().where(eq(dailyPosts.id, id)));
  const changed = async (rows: Promise<{ id: number }[]>) => (await rows).length === 1;
  const community = async (tenantId: number, id?: number): Promise<CommunityQuestion[]> => {
    const rows = await db()
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
      .orderBy(asc(submissions.id));
    return rows.map((row) => ({
      id: row.id,
      text: row.text,
      category: row.category,
      topic: row.topic,
      askedBy: row.anonymous ? null : row.name,
    }));
  };
  const claimFields = (input: ClaimInput) => ({
    scheduleId: input.scheduleId,
    slotAt: input.slotAt,
    status: 'claimed' as const,
    skipReason: null,
    questionId: input.questionId,
    cycle: input.cycle,
    claimedAt: input.now,
    sentAt: null,
    closesAt: null,
  });

  return {
    byId,
    forDate: (channelId, localDate) =>
      first(select().where(and(eq(dailyPosts.channelId, channelId), eq(dailyPosts.localDate, localDate)))),
    async daysTaken(days) {
      const dates = [...new Set(days.map((day) => day.localDate))];
      if (dates.length === 0) return new Set();
      const wanted = new Set(days.map((day) => dayKey(day.channelId, day.localDate)));
      const rows = await db()
        .select({ channelId: dailyPosts.channelId, localDate: dailyPosts.localDate })
        .from(dailyPosts)
        .where(inArray(dailyPosts.localDate, dates));
      return new Set(rows.map((row) => dayKey(row.channelId, row.localDate)).filter((key) => wanted.has(key)));
    },
    latestSent: (channelId) =>
      first(
        select()
          .where(and(eq(dailyPosts.channelId, channelId), eq(dailyPosts.status, 'sent')))
          .orderBy(desc(dailyPosts.id))
          .limit(1),
      ),
    openIn: (channelId, now) =>
      all(
        select()
          .where(
            and(
              eq(dailyPosts.channelId, channelId),
              eq(dailyPosts.status, 'sent'),
              isNull(dailyPosts.recappedAt),
              gt(dailyPosts.closesAt, now),
            ),
          )
          .orderBy(asc(dailyPosts.slotAt), asc(dailyPosts.id)),
      ),
    recent: (channelId, limit) =>
      all(select().where(eq(dailyPosts.channelId, channelId)).orderBy(desc(dailyPosts.localDate)).limit(limit)),
    async sentIn(channelIds, from, to) {
      const found: PostRecord[] = [];
      for (const ids of chunks(channelIds)) {
        found.push(
          ...(await all(
            select().where(
              and(
                inArray(dailyPosts.channelId, ids),
                eq(dailyPosts.status, 'sent'),
                gte(dailyPosts.localDate, from),
                lte(dailyPosts.localDate, to),
              ),
            ),
          )),
        );
      }
      return found;
    },
    async history(channelId) {
      const rows = await db()
        .select({ questionId: dailyPosts.questionId, cycle: dailyPosts.cycle })
        .from(dailyPosts)
        .where(
          and(
            eq(dailyPosts.channelId, channelId),
            inArray(dailyPosts.status, ['claimed', 'sent']),
            isNotNull(dailyPosts.questionId),
          ),
        )
        .orderBy(asc(dailyPosts.id));
      return rows.map((row) => ({ questionId: row.questionId ?? '', cycle: row.cycle }));
    },
    async claim(input) {
      const [inserted] = await db()
        .insert(dailyPosts)
        .values({ channelId: input.channelId, localDate: input.localDate, ...claimFields(input) })
        .onConflictDoNothing()
        .returning({ id: dailyPosts.id });
      if (inserted) return byId(inserted.id);
      // The day has a row: only a skipped one may become the claim, and only one writer turns it.
      const [reclaimed] = await db()
        .update(dailyPosts)
        .set(claimFields(input))
        .where(
          and(
            eq(dailyPosts.channelId, input.channelId),
            eq(dailyPosts.localDate, input.localDate),
            eq(dailyPosts.status, 'skipped'),
          ),
        )
        .returning({ id: dailyPosts.id });
      return reclaimed ? byId(reclaimed.id) : undefined;
    },
    recordSkip: (input) =>
      changed(
        db()
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
          .returning({ id: dailyPosts.id }),
      ),
    claimed: () => all(select().where(eq(dailyPosts.status, 'claimed')).orderBy(asc(dailyPosts.id))),
    markSent: (postId, sentAt, closesAt) =>
      changed(
        db()
          .update(dailyPosts)
          .set({ status: 'sent', sentAt, closesAt, retryAt: null })
          .where(and(eq(dailyPosts.id, postId), eq(dailyPosts.status, 'claimed')))
          .returning({ id: dailyPosts.id }),
      ),
    markFailed: (postId, failureCode, retryAt) =>
      changed(
        db()
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
          .returning({ id: dailyPosts.id }),
      ),
    unnoticedFailures: (tenantId) =>
      all(
        select()
          .where(
            and(
              eq(channels.tenantId, tenantId),
              ne(dailyPosts.status, 'sent'),
              isNotNull(dailyPosts.failureCode),
              isNull(dailyPosts.failureNoticedAt),
            ),
          )
          .orderBy(asc(dailyPosts.id)),
      ),
    async markFailureNoticed(postIds, now) {
      if (postIds.length === 0) return;
      await db().update(dailyPosts).set({ failureNoticedAt: now }).where(inArray(dailyPosts.id, postIds));
    },
    abandon: (postId, reason) =>
      changed(
        db()
          .update(dailyPosts)
          .set({ status: 'skipped', skipReason: reason })
          .where(and(eq(dailyPosts.id, postId), eq(dailyPosts.status, 'claimed')))
          .returning({ id: dailyPosts.id }),
      ),
    dueToClose: (now) =>
      all(
        select()
          .where(and(eq(dailyPosts.status, 'sent'), isNull(dailyPosts.recappedAt), lte(dailyPosts.closesAt, now)))
          .orderBy(asc(dailyPosts.id)),
      ),
    closingSoon: (now, withinMinutes) =>
      all(
        select()
          .where(
            and(
              eq(dailyPosts.status, 'sent'),
              isNull(dailyPosts.recappedAt),
              gt(dailyPosts.closesAt, now),
              lte(dailyPosts.closesAt, new Date(now.getTime() + withinMinutes * 60_000)),
            ),
          )
          .orderBy(asc(dailyPosts.id)),
      ),
    close: (postId, now) =>
      changed(
        db()
          .update(dailyPosts)
          .set({ recappedAt: now })
          .where(and(eq(dailyPosts.id, postId), isNull(dailyPosts.recappedAt)))
          .returning({ id: dailyPosts.id }),
      ),
    communityQuestions: (tenantId) => community(tenantId),
    communityQuestion: async (tenantId, id) => (await community(tenantId, id))[0],
  };
}
