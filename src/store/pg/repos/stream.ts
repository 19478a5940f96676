import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { ApprovedQuestion, StreamPort, Submission, SubmissionQuery } from '../../../core/stream/ports.js';
import { toSession, toSubmission } from '../../stream-records.js';
import { channels, moderationActions, streamSessions, submissions, submissionVotes, users } from '../schema.js';
import type { PgSession } from '../session.js';
import { matchCandidateReaderPg } from './match-candidates.js';

const voteCount = sql<number>`(select count(*)::int from ${submissionVotes} where ${submissionVotes.submissionId} = ${submissions.id})`;

const sessionColumns = {
  id: streamSessions.id,
  tenantId: channels.tenantId,
  channelId: streamSessions.channelId,
  channel: channels.externalId,
  title: streamSessions.title,
  status: streamSessions.status,
  moderation: streamSessions.moderation,
  highlightedId: streamSessions.highlightedId,
  perUserPerMinute: streamSessions.perUserPerMinute,
  perUserPerSession: streamSessions.perUserPerSession,
  startedAt: streamSessions.startedAt,
  endedAt: streamSessions.endedAt,
};

const submissionColumns = {
  id: submissions.id,
  tenantId: submissions.tenantId,
  sessionId: submissions.sessionId,
  userId: submissions.userId,
  externalId: users.externalId,
  name: users.displayName,
  text: submissions.text,
  normalized: submissions.normalized,
  category: submissions.category,
  topic: submissions.topic,
  anonymous: submissions.anonymous,
  status: submissions.status,
  mergedInto: submissions.mergedInto,
  rejectReason: submissions.rejectReason,
  votes: voteCount,
  createdAt: submissions.createdAt,
  approvedAt: submissions.approvedAt,
  answeredAt: submissions.answeredAt,
};

function queryConditions(query: SubmissionQuery): SQL | undefined {
  const conditions: SQL[] = [];
  if (query.sessionId !== undefined) conditions.push(eq(submissions.sessionId, query.sessionId));
  if (query.tenantId !== undefined) conditions.push(eq(submissions.tenantId, query.tenantId));
  if (query.statuses) conditions.push(inArray(submissions.status, query.statuses));
  if (query.answered === true) conditions.push(isNotNull(submissions.answeredAt));
  if (query.answered === false) conditions.push(isNull(submissions.answeredAt));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/**
 * Question sessions on PostgreSQL, with several writers. What SQLite's single writer gave for free, row locks give
 * here, taken only inside a transaction (where they last until its commit), always in the order person or channel,
 * then question:
 * - one open session per channel: a transaction that finds none locks the channel row and looks again, so a second
 *   writer waits and then finds the first one's session (the partial unique index stays the backstop);
 * - rate limits: reading a person's submission times locks the person's row, so their next submission waits until
 *   this one is stored or refused;
 * - moderation and votes: reading a question locks its row, so a second moderator sees the first one's transition
 *   and is refused as on SQLite;
 * - idempotency keys and votes: unique keys with ON CONFLICT DO NOTHING.
 */
export function streamRepoPg(session: PgSession): Omit<StreamPort, 'atomically'> {
  const db = () => session.executor();
  const selectSessions = () =>
    db().select(sessionColumns).from(streamSessions).innerJoin(channels, eq(streamSessions.channelId, channels.id));
  const selectSubmissions = () =>
    db().select(submissionColumns).from(submissions).leftJoin(users, eq(submissions.userId, users.id));
  const countOf = async (rows: Promise<{ count: number }[]>) => Number((await rows)[0]?.count ?? 0);
  const votesOf = (submissionId: number) =>
    countOf(db().select({ count: count() }).from(submissionVotes).where(eq(submissionVotes.submissionId, submissionId)));
  const candidatesOf = matchCandidateReaderPg(session);

  const findOpen = async (channelId: number) => {
    const [row] = await selectSessions().where(and(eq(streamSessions.channelId, channelId), eq(streamSessions.status, 'open')));
    return row ? toSession(row) : undefined;
  };

  return {
    async startSession({ channelId, title, moderation, startedBy, limits, now }) {
      const [row] = await db()
        .insert(streamSessions)
        .values({
          channelId,
          title,
          status: 'open',
          moderation,
          startedBy,
          perUserPerMinute: limits.perUserPerMinute,
          perUserPerSession: limits.perUserPerSession,
          startedAt: now,
        })
        .returning({ id: streamSessions.id });
      if (!row) throw new Error('session row missing after insert');
      return row.id;
    },
    async endSession(sessionId, now) {
      await db().update(streamSessions).set({ status: 'closed', endedAt: now }).where(eq(streamSessions.id, sessionId));
    },
    async openSession(channelId) {
      const open = await findOpen(channelId);
      if (open || !session.inTransaction()) return open;
      await db().select({ id: channels.id }).from(channels).where(eq(channels.id, channelId)).for('no key update');
      return await findOpen(channelId);
    },
    async latestSession(channelId) {
      const [row] = await selectSessions()
        .where(eq(streamSessions.channelId, channelId))
        .orderBy(desc(streamSessions.id))
        .limit(1);
      return row ? toSession(row) : undefined;
    },
    async session(tenantId, sessionId) {
      const [row] = await selectSessions().where(and(eq(streamSessions.id, sessionId), eq(channels.tenantId, tenantId)));
      return row ? toSession(row) : undefined;
    },
    async sessionById(sessionId) {
      const [row] = await selectSessions().where(eq(streamSessions.id, sessionId));
      return row ? toSession(row) : undefined;
    },
    async setHighlight(sessionId, submissionId) {
      await db().update(streamSessions).set({ highlightedId: submissionId }).where(eq(streamSessions.id, sessionId));
    },
    async sessionStats(sessionId) {
      const byStatus = await db()
        .select({ status: submissions.status, count: count() })
        .from(submissions)
        .where(eq(submissions.sessionId, sessionId))
        .groupBy(submissions.status);
      const of = (status: Submission['status']) => Number(byStatus.find((row) => row.status === status)?.count ?? 0);
      const answered = await countOf(
        db()
          .select({ count: count() })
          .from(submissions)
          .where(and(eq(submissions.sessionId, sessionId), isNotNull(submissions.answeredAt))),
      );
      const votes = await countOf(
        db()
          .select({ count: count() })
          .from(submissionVotes)
          .innerJoin(submissions, eq(submissionVotes.submissionId, submissions.id))
          .where(eq(submissions.sessionId, sessionId)),
      );
      const pending = of('pending');
      const approved = of('approved');
      const rejected = of('rejected');
      const merged = of('merged');
      return { submitted: pending + approved + rejected + merged, pending, approved, rejected, merged, answered, votes };
    },

    async addSubmission(input) {
      const [inserted] = await db()
        .insert(submissions)
        .values({
          tenantId: input.tenantId,
          sessionId: input.sessionId,
          userId: input.userId,
          text: input.text,
          normalized: input.normalized,
          category: input.category ?? null,
          topic: input.topic ?? null,
          anonymous: input.anonymous,
          status: 'pending',
          idempotencyKey: input.idempotencyKey ?? null,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .onConflictDoNothing({ target: submissions.idempotencyKey })
        .returning({ id: submissions.id });
      if (inserted) return inserted.id;
      // The key's first writer has committed by now (the insert waited for it), so its row is visible.
      const [existing] = await db()
        .select({ id: submissions.id })
        .from(submissions)
        .where(eq(submissions.idempotencyKey, input.idempotencyKey ?? ''));
      if (!existing) throw new Error('submission neither inserted nor found by its idempotency key');
      return existing.id;
    },
    async submission(tenantId, id) {
      const query = selectSubmissions().where(and(eq(submissions.id, id), eq(submissions.tenantId, tenantId)));
      const [row] = session.inTransaction() ? await query.for('no key update', { of: submissions }) : await query;
      return row ? toSubmission(row) : undefined;
    },
    async updateSubmission(id, patch, now) {
      await db()
        .update(submissions)
        .set({ ...patch, updatedAt: now })
        .where(eq(submissions.id, id));
    },
    async listSubmissions(query) {
      const order =
        query.sort === 'votes'
          ? [desc(voteCount), asc(submissions.id)]
          : query.sort === 'new'
            ? [desc(submissions.id)]
            : [asc(submissions.id)];
      const ordered = selectSubmissions()
        .where(queryConditions(query))
        .orderBy(...order)
        .offset(query.offset ?? 0);
      const rows = query.limit === undefined ? await ordered : await ordered.limit(query.limit);
      return rows.map(toSubmission);
    },
    async countSubmissions(query) {
      return await countOf(db().select({ count: count() }).from(submissions).where(queryConditions(query)));
    },
    async pendingBefore(sessionId, submissionId) {
      return await countOf(
        db()
          .select({ count: count() })
          .from(submissions)
          .where(and(eq(submissions.sessionId, sessionId), eq(submissions.status, 'pending'), lt(submissions.id, submissionId))),
      );
    },
    async matchCandidates(tenantId, sessionId) {
      return await candidatesOf(tenantId, sessionId);
    },
    async submissionTimes(sessionId, userId) {
      if (session.inTransaction()) {
        await db().select({ id: users.id }).from(users).where(eq(users.id, userId)).for('no key update');
      }
      const rows = await db()
        .select({ createdAt: submissions.createdAt })
        .from(submissions)
        .where(and(eq(submissions.sessionId, sessionId), eq(submissions.userId, userId)))
        .orderBy(desc(submissions.createdAt));
      return rows.map((row) => row.createdAt);
    },

    async addVote(submissionId, userId, now) {
      const added = await db()
        .insert(submissionVotes)
        .values({ submissionId, userId, createdAt: now })
        .onConflictDoNothing()
        .returning({ userId: submissionVotes.userId });
      return added.length === 1;
    },
    async hasVoted(submissionId, userId) {
      const rows = await db()
        .select({ userId: submissionVotes.userId })
        .from(submissionVotes)
        .where(and(eq(submissionVotes.submissionId, submissionId), eq(submissionVotes.userId, userId)));
      return rows.length > 0;
    },
    async removeVote(submissionId, userId) {
      const removed = await db()
        .delete(submissionVotes)
        .where(and(eq(submissionVotes.submissionId, submissionId), eq(submissionVotes.userId, userId)))
        .returning({ userId: submissionVotes.userId });
      return removed.length === 1;
    },
    async moveVotes(fromId, intoId, now) {
      const [target] = await db().select({ authorId: submissions.userId }).from(submissions).where(eq(submissions.id, intoId));
      const [source] = await db().select({ authorId: submissions.userId }).from(submissions).where(eq(submissions.id, fromId));
      const voters = (
        await db()
          .select({ userId: submissionVotes.userId })
          .from(submissionVotes)
          .where(eq(submissionVotes.submissionId, fromId))
      ).map((row) => row.userId);
      if (source?.authorId != null) voters.push(source.authorId);
      const moved = [...new Set(voters)].filter((userId) => userId !== target?.authorId);
      if (moved.length > 0) {
        await db()
          .insert(submissionVotes)
          .values(moved.map((userId) => ({ submissionId: intoId, userId, createdAt: now })))
          .onConflictDoNothing();
      }
      return await votesOf(intoId);
    },

    async recordAction(record) {
      await db()
        .insert(moderationActions)
        .values({
          tenantId: record.tenantId,
          submissionId: record.submissionId ?? null,
          moderatorId: record.moderatorId,
          action: record.action,
          detail: JSON.stringify(record.detail),
          createdAt: record.at,
        });
    },
    async approvedCount(tenantId) {
      return await countOf(
        db()
          .select({ count: count() })
          .from(submissions)
          .where(and(eq(submissions.tenantId, tenantId), eq(submissions.status, 'approved'))),
      );
    },
    async approvedQuestions(filter): Promise<ApprovedQuestion[]> {
      const conditions: SQL[] = [eq(submissions.status, 'approved')];
      if (filter.tenantId !== undefined) conditions.push(eq(submissions.tenantId, filter.tenantId));
      if (filter.sessionId !== undefined) conditions.push(eq(submissions.sessionId, filter.sessionId));
      const rows = await db()
        .select({ ...submissionColumns, sessionTitle: streamSessions.title })
        .from(submissions)
        .leftJoin(users, eq(submissions.userId, users.id))
        .innerJoin(streamSessions, eq(submissions.sessionId, streamSessions.id))
        .where(and(...conditions))
        .orderBy(asc(submissions.approvedAt), asc(submissions.id));
      return rows.map((row) => ({ ...toSubmission(row), sessionTitle: row.sessionTitle }));
    },
  };
}
