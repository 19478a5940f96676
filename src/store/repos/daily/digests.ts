import { inArray } from 'drizzle-orm';
import { type DigestsPort, dayKey } from '../../../core/daily/ports.js';
import type { Db } from '../../open.js';
import { dailyDigests } from '../../schema.js';
import type { Synchronous } from '../../synchronous.js';

export function digestsRepo(db: Db): Synchronous<DigestsPort> {
  return {
    claim(channelId, weekStart, now) {
      const result = db.insert(dailyDigests).values({ channelId, weekStart, createdAt: now }).onConflictDoNothing().run();
      return result.changes === 1;
    },
    claimedWeeks(weekStarts) {
      if (weekStarts.length === 0) return new Set();
      const rows = db
        .select({ channelId: dailyDigests.channelId, weekStart: dailyDigests.weekStart })
        .from(dailyDigests)
        .where(inArray(dailyDigests.weekStart, weekStarts))
        .all();
      return new Set(rows.map((row) => dayKey(row.channelId, row.weekStart)));
    },
  };
}
