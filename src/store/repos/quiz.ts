import { and, desc, eq, isNotNull, isNull, max, ne } from 'drizzle-orm';
import type { QuizPort, QuizRound } from '../../core/quiz/ports.js';
import type { Db } from '../open.js';
import { quizRounds } from '../schema.js';
import type { Synchronous } from '../synchronous.js';

type Row = typeof quizRounds.$inferSelect;

function toRound(row: Row): QuizRound {
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

export function quizRepo(db: Db): Synchronous<QuizPort> {
  return {
    currentCycle(userId) {
      return (
        db
          .select({ cycle: max(quizRounds.cycle) })
          .from(quizRounds)
          .where(eq(quizRounds.userId, userId))
          .get()?.cycle ?? 1
      );
    },
    dealt(userId, cycle) {
      const rows = db
        .select({ itemId: quizRounds.itemId })
        .from(quizRounds)
        .where(and(eq(quizRounds.userId, userId), eq(quizRounds.cycle, cycle)))
        .all();
      return new Set(rows.map((row) => row.itemId));
    },
    deal(round) {
      db.insert(quizRounds)
        .values({
          tenantId: round.tenantId,
          userId: round.userId,
          itemId: round.itemId,
          cycle: round.cycle,
          choiceOrder: JSON.stringify(round.choiceOrder),
          createdAt: round.at,
        })
        .onConflictDoNothing()
        .run();
      const row = db
        .select()
        .from(quizRounds)
        .where(and(eq(quizRounds.userId, round.userId), eq(quizRounds.itemId, round.itemId), eq(quizRounds.cycle, round.cycle)))
        .get();
      if (!row) throw new Error('quiz round missing after insert');
      return toRound(row);
    },
    round(id) {
      const row = db.select().from(quizRounds).where(eq(quizRounds.id, id)).get();
      return row ? toRound(row) : undefined;
    },
    latestOpen(userId) {
      const row = db
        .select()
        .from(quizRounds)
        .where(and(eq(quizRounds.userId, userId), isNull(quizRounds.chosen)))
        .orderBy(desc(quizRounds.id))
        .get();
      return row ? toRound(row) : undefined;
    },
    answer(roundId, chosen, correct, at) {
      const result = db
        .update(quizRounds)
        .set({ chosen, correct, answeredAt: at })
        .where(and(eq(quizRounds.id, roundId), isNull(quizRounds.chosen)))
        .run();
      return result.changes === 1;
    },
    answeredBefore(userId, itemId, exceptRoundId) {
      const row = db
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
        .get();
      return row !== undefined;
    },
  };
}
