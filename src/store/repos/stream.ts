import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { ApprovedQuestion, StreamPort, Submission, SubmissionQuery } from '../../core/stream/ports.js';
import type { Db } from '../open.js';
import { channels, moderationActions, streamSessions, submissions, submissionVotes, users } from '../schema.js';
import { toSession, toSubmission } from '../stream-records.js';
import type { Synchronous } from '../synchronous.js';
import { matchCandidateReader } from './match-candidates.js';

const voteCount = sql<number>`(select count(*) from ${submissionVotes} where ${submissionVotes.submissionId} = ${submissions.id})`;

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

export function streamRepo(db: Db): Synchronous<Omit<StreamPort, 'atomically'>> {
  const selectSessions = () =>
    db.select(sessionColumns).from(streamSessions).innerJoin(channels, eq(streamSessions.channelId, channels.id));
  const selectSubmissions = () =>
    db.select(submissionColumns).from(submissions).leftJoin(users, eq(submissions.userId, users.id));
  const votesOf = (submissionId: number) =>
    db.select({ count: sql<number>`count(*)` }).from(submissionVotes).where(eq(submissionVotes.submissionId, submissionId)).get()
      ?.count ?? 0;

  const candidatesOf = matchCandidateReader(db.$client);

  // The rest of a submission's path, prepared once.
  const openSessionOf = selectSessions()
    .where(and(eq(streamSessions.channelId, sql.placeholder('channelId')), eq(streamSessions.status, 'open')))
    .prepare();
  const timesOf = db
    .select({ createdAt: submissions.createdAt })
    .from(submissions)
    .where(and(eq(submissions.sessionId, sql.placeholder('sessionId')), eq(submissions.userId, sql.placeholder('userId'))))
    .orderBy(desc(submissions.createdAt))
    .prepare();
  const pendingBeforeOf = db
    .select({ count: sql<number>`count(*)` })
    .from(submissions)
    .where(
      and(
        eq(submissions.sessionId, sql.placeholder('sessionId')),
        eq(submissions.status, 'pending'),
        lt(submissions.id, sql.placeholder('submissionId')),
      ),
    )
    .prepare();
  const insertSubmission = db
    .insert(submissions)
    .values({
      tenantId: sql.placeholder('tenantId'),
      sessionId: sql.placeholder('sessionId'),
      userId: sql.placeholder('userId'),
      text: sql.placeholder('text'),
      normalized: sql.placeholder('normalized'),
      category: sql.placeholder('category'),
      topic: sql.placeholder('topic'),
      anonymous: sql.placeholder('anonymous'),
      status: 'pending',
      idempotencyKey: sql.placeholder('idempotencyKey'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('createdAt'),
    })
    .onConflictDoNothing({ target: submissions.idempotencyKey })
    .returning({ id: submissions.id })
    .prepare();

  return {
    startSession({ channelId, title, moderation, startedBy, limits, now }) {
      return db
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
        .returning({ id: streamSessions.id })
        .get().id;
    },
    endSession(sessionId, now) {
      db.update(streamSessions).set({ status: 'closed', endedAt: now }).where(eq(streamSessions.id, sessionId)).run();
    },
    openSession(channelId) {
      const row = openSessionOf.get({ channelId });
      return row ? toSession(row) : undefined;
    },
    latestSession(channelId) {
      const row = selectSessions().where(eq(streamSessions.channelId, channelId)).orderBy(desc(streamSessions.id)).get();
      return row ? toSession(row) : undefined;
    },
    session(tenantId, sessionId) {
      const row = selectSessions()
        .where(and(eq(streamSessions.id, sessionId), eq(channels.tenantId, tenantId)))
        .get();
      return row ? toSession(row) : undefined;
    },
    sessionById(sessionId) {
      const row = selectSessions().where(eq(streamSessions.id, sessionId)).get();
      return row ? toSession(row) : undefined;
    },
    setHighlight(sessionId, submissionId) {
      db.update(streamSessions).set({ highlightedId: submissionId }).where(eq(streamSessions.id, sessionId)).run();
    },
    sessionStats(sessionId) {
      const byStatus = db
        .select({ status: submissions.status, count: sql<number>`count(*)` })
        .from(submissions)
        .where(eq(submissions.sessionId, sessionId))
        .groupBy(submissions.status)
        .all();
      const count = (status: Submission['status']) => Number(byStatus.find((row) => row.status === status)?.count ?? 0);
      const answered =
        db
          .select({ count: sql<number>`count(*)` })
          .from(submissions)
          .where(and(eq(submissions.sessionId, sessionId), isNotNull(submissions.answeredAt)))
          .get()?.count ?? 0;
      const votes =
        db
          .select({ count: sql<number>`count(*)` })
          .from(submissionVotes)
          .innerJoin(submissions, eq(submissionVotes.submissionId, submissions.id))
          .where(eq(submissions.sessionId, sessionId))
          .get()?.count ?? 0;
      const pending = count('pending');
      const approved = count('approved');
      const rejected = count('rejected');
      const merged = count('merged');
      return {
        submitted: pending + approved + rejected + merged,
        pending,
        approved,
        rejected,
        merged,
        answered: Number(answered),
        votes: Number(votes),
      };
    },

    addSubmission(input) {
      const inserted = insertSubmission.get({
        tenantId: input.tenantId,
        sessionId: input.sessionId,
        userId: input.userId,
        text: input.text,
        normalized: input.normalized,
        category: input.category ?? null,
        topic: input.topic ?? null,
        anonymous: input.anonymous,
        idempotencyKey: input.idempotencyKey ?? null,
        createdAt: input.now,
      });
      if (inserted) return inserted.id;
      const existing = db
        .select({ id: submissions.id })
        .from(submissions)
        .where(eq(submissions.idempotencyKey, input.idempotencyKey ?? ''))
        .get();
      if (!existing) throw new Error('submission neither inserted nor found by its idempotency key');
      return existing.id;
    },
    submission(tenantId, id) {
      const row = selectSubmissions()
        .where(and(eq(submissions.id, id), eq(submissions.tenantId, tenantId)))
        .get();
      return row ? toSubmission(row) : undefined;
    },
    updateSubmission(id, patch, now) {
      db.update(submissions)
        .set({ ...patch, updatedAt: now })
        .where(eq(submissions.id, id))
        .run();
    },
    listSubmissions(query) {
      const order =
        query.sort === 'votes'
          ? [desc(voteCount), asc(submissions.id)]
          : query.sort === 'new'
            ? [desc(submissions.id)]
            : [asc(submissions.id)];
      return selectSubmissions()
        .where(queryConditions(query))
        .orderBy(...order)
        .limit(query.limit ?? -1)
        .offset(query.offset ?? 0)
        .all()
        .map(toSubmission);
    },
    countSubmissions(query) {
      return Number(
        db.select({ count: sql<number>`count(*)` }).from(submissions).where(queryConditions(query)).get()?.count ?? 0,
      );
    },
    pendingBefore(sessionId, submissionId) {
      return Number(pendingBeforeOf.get({ sessionId, submissionId })?.count ?? 0);
    },
    matchCandidates(tenantId, sessionId) {
      return candidatesOf(tenantId, sessionId);
    },
    submissionTimes(sessionId, userId) {
      return timesOf.all({ sessionId, userId }).map((row) => row.createdAt);
    },

    addVote(submissionId, userId, now) {
      return (
        db.insert(submissionVotes).values({ submissionId, userId, createdAt: now }).onConflictDoNothing().run().changes === 1
      );
    },
    hasVoted(submissionId, userId) {
      return (
        db
          .select({ userId: submissionVotes.userId })
          .from(submissionVotes)
          .where(and(eq(submissionVotes.submissionId, submissionId), eq(submissionVotes.userId, userId)))
          .get() !== undefined
      );
    },
    removeVote(submissionId, userId) {
      return (
        db
          .delete(submissionVotes)
          .where(and(eq(submissionVotes.submissionId, submissionId), eq(submissionVotes.userId, userId)))
          .run().changes === 1
      );
    },
    moveVotes(fromId, intoId, now) {
      const target = db.select({ authorId: submissions.userId }).from(submissions).where(eq(submissions.id, intoId)).get();
      const source = db.select({ authorId: submissions.userId }).from(submissions).where(eq(submissions.id, fromId)).get();
      const voters = db
        .select({ userId: submissionVotes.userId })
        .from(submissionVotes)
        .where(eq(submissionVotes.submissionId, fromId))
        .all()
        .map((row) => row.userId);
      if (source?.authorId != null) voters.push(source.authorId);
      for (const userId of new Set(voters)) {
        if (userId === target?.authorId) continue;
        db.insert(submissionVotes).values({ submissionId: intoId, userId, createdAt: now }).onConflictDoNothing().run();
      }
      return Number(votesOf(intoId));
    },

    recordAction(record) {
      db.insert(moderationActions)
        .values({
          tenantId: record.tenantId,
          submissionId: record.submissionId ?? null,
          moderatorId: record.moderatorId,
          action: record.action,
          detail: JSON.stringify(record.detail),
          createdAt: record.at,
        })
        .run();
    },
    approvedCount(tenantId) {
      return Number(
        db
          .select({ count: sql<number>`count(*)` })
          .from(submissions)
          .where(and(eq(submissions.tenantId, tenantId), eq(submissions.status, 'approved')))
          .get()?.count ?? 0,
      );
    },
    approvedQuestions(filter): ApprovedQuestion[] {
      const conditions: SQL[] = [eq(submissions.status, 'approved')];
      if (filter.tenantId !== undefined) conditions.push(eq(submissions.tenantId, filter.tenantId));
      if (filter.sessionId !== undefined) conditions.push(eq(submissions.sessionId, filter.sessionId));
      return db
        .select({ ...submissionColumns, sessionTitle: streamSessions.title })
        .from(submissions)
        .leftJoin(users, eq(submissions.userId, users.id))
        .innerJoin(streamSessions, eq(submissions.sessionId, streamSessions.id))
        .where(and(...conditions))
        .orderBy(asc(submissions.approvedAt), asc(submissions.id))
        .all()
        .map((row) => ({ ...toSubmission(row), sessionTitle: row.sessionTitle }));
    },
  };
}
