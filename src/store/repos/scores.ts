import { and, eq } from 'drizzle-orm';
import { POINTS, type ScoresPort } from '../../core/scores/ports.js';
import type { Db } from '../open.js';
import { ledger } from '../schema.js';
import type { Synchronous } from '../synchronous.js';

export function scoresRepo(db: Db): Synchronous<ScoresPort> {
  return {
    award(award) {
      const result = db
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
        .run();
      return result.changes === 1;
    },
    revoke(userId, reason, source) {
      db.delete(ledger)
        .where(and(eq(ledger.userId, userId), eq(ledger.reason, reason), eq(ledger.source, source)))
        .run();
    },
  };
}
