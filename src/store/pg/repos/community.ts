import { and, asc, eq, sql } from 'drizzle-orm';
import type { CandidateRecord, CommunityPort } from '../../../core/community/ports.js';
import { answerCredits, answers, answerVotes, channels, communityAnswers, dailyPosts, users } from '../schema.js';
import type { PgSession } from '../session.js';

type Row = { row: typeof communityAnswers.$inferSelect; authorName: string; credited: boolean };

const toRecord = ({ row, authorName, credited: on }: Row): CandidateRecord => ({ ...row, authorName, credited: on });

/** Community answers on PostgreSQL: an answer is kept once (unique answer id), whoever keeps it. */
export function communityRepoPg(session: PgSession): CommunityPort {
  const db = () => session.executor();
  const credited = sql<boolean>`exists (select 1 from ${answerCredits} where ${answerCredits.userId} = ${communityAnswers.userId})`;
  const select = () =>
    db()
      .select({ row: communityAnswers, authorName: users.displayName, credited: credited.mapWith(Boolean) })
      .from(communityAnswers)
      .innerJoin(users, eq(communityAnswers.userId, users.id));
  const oldestFirst = [asc(communityAnswers.keptAt), asc(communityAnswers.id)] as const;

  return {
    async keep(candidates, now) {
      if (candidates.length === 0) return 0;
      const kept = await db()
        .insert(communityAnswers)
        .values(candidates.map((candidate) => ({ ...candidate, keptAt: now })))
        .onConflictDoNothing({ target: communityAnswers.answerId })
        .returning({ id: communityAnswers.id });
      return kept.length;
    },
    async keepEarlierClosed() {
      const votes = sql`(select count(*) from ${answerVotes} where ${answerVotes.answerId} = ${answers.id})`;
      const kept = await db().execute(sql`
        insert into ${communityAnswers} (tenant_id, question_id, answer_id, post_id, user_id, text, votes, marked_best, answered_at, kept_at)
        select ${channels.tenantId}, ${dailyPosts.questionId}, ${answers.id}, ${dailyPosts.id}, ${answers.userId}, ${answers.text},
          ${votes}, ${answers.best}, ${answers.updatedAt}, ${dailyPosts.recappedAt}
        from ${answers}
        inner join ${dailyPosts} on ${answers.postId} = ${dailyPosts.id}
        inner join ${channels} on ${dailyPosts.channelId} = ${channels.id}
        where ${dailyPosts.recappedAt} is not null and ${dailyPosts.questionId} is not null
          and ${answers.id} not in (select ${communityAnswers.answerId} from ${communityAnswers})
        on conflict (answer_id) do nothing`);
      return kept.rowCount ?? 0;
    },
    async byId(id) {
      const [row] = await select().where(eq(communityAnswers.id, id));
      return row ? toRecord(row) : undefined;
    },
    async ofQuestion(tenantId, questionId) {
      const rows = await select()
        .where(and(eq(communityAnswers.tenantId, tenantId), eq(communityAnswers.questionId, questionId)))
        .orderBy(...oldestFirst);
      return rows.map(toRecord);
    },
    async all(tenantId) {
      const rows = await select()
        .where(tenantId === undefined ? undefined : eq(communityAnswers.tenantId, tenantId))
        .orderBy(...oldestFirst);
      return rows.map(toRecord);
    },
    async choose(id, now) {
      await db().update(communityAnswers).set({ chosenAt: now }).where(eq(communityAnswers.id, id));
    },
    async setCredit(userId, on, now) {
      if (on) await db().insert(answerCredits).values({ userId, createdAt: now }).onConflictDoNothing();
      else await db().delete(answerCredits).where(eq(answerCredits.userId, userId));
    },
    async creditOn(userId) {
      const rows = await db()
        .select({ userId: answerCredits.userId })
        .from(answerCredits)
        .where(eq(answerCredits.userId, userId));
      return rows.length > 0;
    },
    async held(userId) {
      const kept = await db()
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
        .orderBy(asc(communityAnswers.id));
      const credit = await db()
        .select({ createdAt: answerCredits.createdAt })
        .from(answerCredits)
        .where(eq(answerCredits.userId, userId));
      return [
        { kind: 'community-answers', count: kept.length, rows: kept },
        { kind: 'answer-credit', count: credit.length, rows: credit },
      ];
    },
    erase: (userId) =>
      session.transaction(async () => ({
        'community-answers': (await db().delete(communityAnswers).where(eq(communityAnswers.userId, userId)).returning()).length,
        'answer-credit': (await db().delete(answerCredits).where(eq(answerCredits.userId, userId)).returning()).length,
      })),
  };
}
