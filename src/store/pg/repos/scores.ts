import { and, eq } from 'drizzle-orm';
import { POINTS, type ScoresPort } from '../../../core/scores/ports.js';
import { ledger } from '../schema.js';
import type { PgSession } from '../session.js';

/** The points ledger on PostgreSQL: the unique (user, reason, source) key lets one award in, whoever writes it. */
export function scoresRepoPg(session: PgSession): ScoresPort {
  return {
    async award(award) {
      const inserted = await session
        .executor()
        .insert(ledger)
        .values({
          tenantId: award.tenantId,
          userId: award.userId,
          channelId: award.channelId ?? null,
          reason: award.reason,
          points: award.points ?? POINTS[award.reason],
          source: award.source,
          createdAt: award.at,
        })
        .onConflictDoNothing()
        .returning({ id: ledger.id });
      return inserted.length === 1;
    },
    async revoke(userId, reason, source) {
      await session
        .executor()
        .delete(ledger)
        .where(and(eq(ledger.userId, userId), eq(ledger.reason, reason), eq(ledger.source, source)));
    },
  };
}
