import { and, asc, eq, gt, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { AnswerRecord, AnswersPort } from '../../../../core/daily/ports.js';
import { answers, answerVotes, channels, dailyPosts, streakRestores, users } from '../../schema.js';
import type { PgSession } from '../../session.js';

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

/** Answers on PostgreSQL: one per person and post, one vote per person and answer, by unique keys. */
export function answersRepoPg(session: PgSession): AnswersPort {
  const db = () => session.executor();
  const votes = sql<number>`(select count(*) from ${answerVotes} where ${answerVotes.answerId} = ${answers.id})`.mapWith(Number);
  const select = () =>
    db()
      .select({ answer: answers, authorId: users.externalId, authorName: users.displayName, votes })
      .from(answers)
      .innerJoin(users, eq(answers.userId, users.id));
  const byId = async (id: number) => {
    const [row] = await select().where(eq(answers.id, id));
    return row ? toRecord(row) : undefined;
  };
  const inserted = async (rows: Promise<unknown[]>) => (await rows).length === 1;
  return {
    async save(postId, userId, text, now) {
      // One statement for the first answer and a replacement alike; xmax is set only on a row that was updated.
      const [saved] = await db()
        .insert(answers)
        .values({ postId, userId, text, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: [answers.postId, answers.userId], set: { text, updatedAt: now } })
        .returning({ id: answers.id, replaced: sql<boolean>`(xmax <> 0)` });
      const answer = saved ? await byId(saved.id) : undefined;
      if (!saved || !answer) throw new Error('answer row missing after save');
      return { answer, replaced: saved.replaced };
    },
    byId,
    async ofUser(postId, userId) {
      const [row] = await select().where(and(eq(answers.postId, postId), eq(answers.userId, userId)));
      return row ? toRecord(row) : undefined;
    },
    async clearVotes(answerId) {
      await db().delete(answerVotes).where(eq(answerVotes.answerId, answerId));
    },
    async ofPost(postId) {
      return (await select().where(eq(answers.postId, postId)).orderBy(asc(answers.createdAt), asc(answers.id))).map(toRecord);
    },
    vote: (answerId, userId, now) =>
      inserted(
        db()
          .insert(answerVotes)
          .values({ answerId, userId, createdAt: now })
          .onConflictDoNothing()
          .returning({ answerId: answerVotes.answerId }),
      ),
    async bestAfterRecap(channelId, since) {
      const rows = await select()
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
        .orderBy(asc(answers.bestAt), asc(answers.id));
      return rows.map(toRecord);
    },
    markBest: (answerId, now) =>
      inserted(
        db()
          .update(answers)
          .set({ best: true, bestAt: now })
          .where(and(eq(answers.id, answerId), eq(answers.best, false)))
          .returning({ id: answers.id }),
      ),
    async countsOf(tenantId, userId) {
      const [row] = await db()
        .select({
          answers: sql<number>`count(*)`.mapWith(Number),
          best: sql<number>`coalesce(sum(case when ${answers.best} then 1 else 0 end), 0)`.mapWith(Number),
        })
        .from(answers)
        .innerJoin(dailyPosts, eq(answers.postId, dailyPosts.id))
        .innerJoin(channels, eq(dailyPosts.channelId, channels.id))
        .where(and(eq(answers.userId, userId), eq(channels.tenantId, tenantId)));
      return { answers: row?.answers ?? 0, best: row?.best ?? 0 };
    },
    streakData(tenantId, userId) {
      const answered = sql<boolean>`exists (select 1 from ${answers} where ${answers.postId} = ${dailyPosts.id} and ${answers.userId} = ${userId})`;
      const channelsAnswered = db()
        .selectDistinct({ channelId: dailyPosts.channelId })
        .from(answers)
        .innerJoin(dailyPosts, eq(answers.postId, dailyPosts.id))
        .where(eq(answers.userId, userId));
      const excused = sql<boolean>`exists (select 1 from ${streakRestores} where ${streakRestores.postId} = ${dailyPosts.id} and ${streakRestores.userId} = ${userId})`;
      return db()
        .select({
          postId: dailyPosts.id,
          channelId: dailyPosts.channelId,
          localDate: dailyPosts.localDate,
          answered: answered.mapWith(Boolean),
          open: sql<boolean>`${dailyPosts.recappedAt} is null`.mapWith(Boolean),
          excused: excused.mapWith(Boolean),
        })
        .from(dailyPosts)
        .innerJoin(channels, eq(dailyPosts.channelId, channels.id))
        .where(
          and(eq(channels.tenantId, tenantId), eq(dailyPosts.status, 'sent'), inArray(dailyPosts.channelId, channelsAnswered)),
        )
        .orderBy(asc(dailyPosts.channelId), asc(dailyPosts.localDate));
    },
    excuse: (postId, userId, restoredBy, now) =>
      inserted(
        db()
          .insert(streakRestores)
          .values({ postId, userId, restoredBy, createdAt: now })
          .onConflictDoNothing()
          .returning({ id: streakRestores.id }),
      ),
  };
}
