import { and, asc, eq, sql } from 'drizzle-orm';
import type { CandidateRecord, CommunityPort } from '../../core/community/ports.js';
import { type Db, writeTransaction } from '../open.js';
import { answerCredits, answers, answerVotes, channels, communityAnswers, dailyPosts, users } from '../schema.js';
import type { Synchronous } from '../synchronous.js';

export function communityRepo(db: Db): Synchronous<CommunityPort> {
  const credited = sql<number>`exists (select 1 from ${answerCredits} where ${answerCredits.userId} = ${communityAnswers.userId})`;
  const select = () =>
    db
      .select({ row: communityAnswers, authorName: users.displayName, credited: credited.mapWith(Boolean) })
      .from(communityAnswers)
      .innerJoin(users, eq(communityAnswers.userId, users.id));
  type Row = { row: typeof communityAnswers.$inferSelect; authorName: string; credited: boolean };
  const toRecord = ({ row, authorName, credited: on }: Row): CandidateRecord => ({ ...row, authorName, credited: on });
  const oldestFirst = [asc(communityAnswers.keptAt), asc(communityAnswers.id)] as const;

  return {
    keep(candidates, now) {
      if (candidates.length === 0) return 0;
      return writeTransaction(db, () => {
        let added = 0;
        for (const candidate of candidates) {
          added += db
            .insert(communityAnswers)
            .values({ ...candidate, keptAt: now })
            .onConflictDoNothing({ target: communityAnswers.answerId })
            .run().changes;
        }
        return added;
      });
    },
    keepEarlierClosed() {
      const votes = sql`(select count(*) from ${answerVotes} where ${answerVotes.answerId} = ${answers.id})`;
      return db.run(sql`
        insert into ${communityAnswers} (tenant_id, question_id, answer_id, post_id, user_id, text, votes, marked_best, answered_at, kept_at)
        select ${channels.tenantId}, ${dailyPosts.questionId}, ${answers.id}, ${dailyPosts.id}, ${answers.userId}, ${answers.text},
          ${votes}, ${answers.best}, ${answers.updatedAt}, ${dailyPosts.recappedAt}
        from ${answers}
        inner join ${dailyPosts} on ${answers.postId} = ${dailyPosts.id}
        inner join ${channels} on ${dailyPosts.channelId} = ${channels.id}
        where ${dailyPosts.recappedAt} is not null and ${dailyPosts.questionId} is not null
          and ${answers.id} not in (select ${communityAnswers.answerId} from ${communityAnswers})
        on conflict (answer_id) do nothing`).changes;
    },
    byId(id) {
      const row = select().where(eq(communityAnswers.id, id)).get();
      return row ? toRecord(row) : undefined;
    },
    ofQuestion(tenantId, questionId) {
      return select()
        .where(and(eq(communityAnswers.tenantId, tenantId), eq(communityAnswers.questionId, questionId)))
        .orderBy(...oldestFirst)
        .all()
        .map(toRecord);
    },
    all(tenantId) {
      return select()
        .where(tenantId === undefined ? undefined : eq(communityAnswers.tenantId, tenantId))
        .orderBy(...oldestFirst)
        .all()
        .map(toRecord);
    },
    choose(id, now) {
      db.update(communityAnswers).set({ chosenAt: now }).where(eq(communityAnswers.id, id)).run();
    },
    setCredit(userId, on, now) {
      if (on) db.insert(answerCredits).values({ userId, createdAt: now }).onConflictDoNothing().run();
      else db.delete(answerCredits).where(eq(answerCredits.userId, userId)).run();
    },
    creditOn(userId) {
      return (
        db.select({ userId: answerCredits.userId }).from(answerCredits).where(eq(answerCredits.userId, userId)).get() !==
        undefined
      );
    },
    held(userId) {
      const kept = db
        .select({
          id: communityAnswers.id,
          questionId: communityAnswers.questionId,
          text: communityAnswers.text,
          votes: communityAnswers.votes,
          markedBest: communityAnswers.markedBest,
          answeredAt: communityAnswers.answeredAt,
        })
        .from(communityAnswers)
        .where(eq(communityAnswers.userId, userId))
        .orderBy(asc(communityAnswers.id))
        .all();
      const credit = db
        .select({ createdAt: answerCredits.createdAt })
        .from(answerCredits)
        .where(eq(answerCredits.userId, userId))
        .all();
      return [
        { kind: 'community-answers', count: kept.length, rows: kept },
        { kind: 'answer-credit', count: credit.length, rows: credit },
      ];
    },
    erase(userId) {
      return writeTransaction(db, () => ({
        'community-answers': db.delete(communityAnswers).where(eq(communityAnswers.userId, userId)).run().changes,
        'answer-credit': db.delete(answerCredits).where(eq(answerCredits.userId, userId)).run().changes,
      }));
    },
  };
}
