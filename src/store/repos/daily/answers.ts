import { and, asc, eq, gt, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { AnswerRecord, AnswersPort } from '../../../core/daily/ports.js';
import { type Db, writeTransaction } from '../../open.js';
import { answers, answerVotes, channels, dailyPosts, streakRestores, users } from '../../schema.js';
import type { Synchronous } from '../../synchronous.js';

export function answersRepo(db: Db): Synchronous<AnswersPort> {
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
