import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { PointReason } from '../../core/scores/ports.js';
import type { ScoreQueriesPort } from '../../core/scores/queries.js';
import type { Db } from '../open.js';
import { ledger, users } from '../schema.js';
import type { Synchronous } from '../synchronous.js';

export function scoreQueriesRepo(db: Db): Synchronous<ScoreQueriesPort> {
  return {
    board(query) {
      const points = sql<number>`sum(${ledger.points})`.mapWith(Number);
      const reachedAt = sql<number>`max(${ledger.createdAt})`;
      return db
        .select({ userId: users.id, user: users.externalId, name: users.displayName, points })
        .from(ledger)
        .innerJoin(users, eq(ledger.userId, users.id))
        .where(
          and(
            eq(ledger.tenantId, query.tenantId),
            query.channelId === undefined ? undefined : eq(ledger.channelId, query.channelId),
            query.since === undefined ? undefined : gte(ledger.createdAt, query.since),
            query.until === undefined ? undefined : lt(ledger.createdAt, query.until),
            query.reasons === undefined ? undefined : inArray(ledger.reason, [...query.reasons]),
          ),
        )
        .groupBy(users.id)
        .having(sql`sum(${ledger.points}) > 0`)
        .orderBy(desc(points), asc(reachedAt), asc(users.id))
        .all();
    },
    pointsByReason(tenantId, userId) {
      const rows = db
        .select({ reason: ledger.reason, points: sql<number>`sum(${ledger.points})`.mapWith(Number) })
        .from(ledger)
        .where(and(eq(ledger.tenantId, tenantId), eq(ledger.userId, userId)))
        .groupBy(ledger.reason)
        .all();
      const out: Partial<Record<PointReason, number>> = {};
      for (const row of rows) out[row.reason] = row.points;
      return out;
    },
    member(tenantId, user) {
      return db
        .select({ userId: users.id, user: users.externalId, name: users.displayName })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.externalId, user)))
        .get();
    },
  };
}
