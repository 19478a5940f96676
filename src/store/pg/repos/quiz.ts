import { and, desc, eq, isNotNull, isNull, max, ne } from 'drizzle-orm';
import type { QuizPort, QuizRound } from '../../../core/quiz/ports.js';
import { quizRounds } from '../schema.js';
import type { PgSession } from '../session.js';

function toRound(row: typeof quizRounds.$inferSelect): QuizRound {
  return {
    id: row.id,
    tenantId: row.tenantId,
    userId: row.userId,
    itemId: row.itemId,
    cycle: row.cycle,
    choiceOrder: JSON.parse(row.choiceOrder) as string[],
    chosen: row.chosen,
  };
}

/** Quiz rounds on PostgreSQL: one per person, item and cycle (unique key); a round takes one answer. */
export function quizRepoPg(session: PgSession): QuizPort {
  const db = () => session.executor();
  const one = async (rows: Promise<(typeof quizRounds.$inferSelect)[]>) => {
    const [row] = await rows;
    return row ? toRound(row) : undefined;
  };
  return {
    async currentCycle(userId) {
      const [row] = await db()
        .select({ cycle: max(quizRounds.cycle) })
        .from(quizRounds)
        .where(eq(quizRounds.userId, userId));
      return row?.cycle ?? 1;
    },
    async dealt(userId, cycle) {
      const rows = await db()
        .select({ itemId: quizRounds.itemId })
        .from(quizRounds)
        .where(and(eq(quizRounds.userId, userId), eq(quizRounds.cycle, cycle)));
      return new Set(rows.map((row) => row.itemId));
    },
    async deal(round) {
      await db()
        .insert(quizRounds)
        .values({
          tenantId: round.tenantId,
          userId: round.userId,
          itemId: round.itemId,
          cycle: round.cycle,
          choiceOrder: JSON.stringify(round.choiceOrder),
          createdAt: round.at,
        })
        .onConflictDoNothing();
      const dealt = await one(
        db()
          .select()
          .from(quizRounds)
          .where(
            and(eq(quizRounds.userId, round.userId), eq(quizRounds.itemId, round.itemId), eq(quizRounds.cycle, round.cycle)),
          ),
      );
      if (!dealt) throw new Error('quiz round missing after insert');
      return dealt;
    },
    round: (id) => one(db().select().from(quizRounds).where(eq(quizRounds.id, id))),
    latestOpen: (userId) =>
      one(
        db()
          .select()
          .from(quizRounds)
          .where(and(eq(quizRounds.userId, userId), isNull(quizRounds.chosen)))
          .orderBy(desc(quizRounds.id))
          .limit(1),
      ),
    async answer(roundId, chosen, correct, at) {
      const answered = await db()
        .update(quizRounds)
        .set({ chosen, correct, answeredAt: at })
        .where(and(eq(quizRounds.id, roundId), isNull(quizRounds.chosen)))
        .returning({ id: quizRounds.id });
      return answered.length === 1;
    },
    async answeredBefore(userId, itemId, exceptRoundId) {
      const rows = await db()
        .select({ id: quizRounds.id })
        .from(quizRounds)
        .where(
          and(
            eq(quizRounds.userId, userId),
            eq(quizRounds.itemId, itemId),
            ne(quizRounds.id, exceptRoundId),
            isNotNull(quizRounds.chosen),
          ),
        )
        .limit(1);
      return rows.length > 0;
    },
  };
}
