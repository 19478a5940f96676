import { inArray } from 'drizzle-orm';
import { type DigestsPort, dayKey } from '../../../../core/daily/ports.js';
import { dailyDigests } from '../../schema.js';
import type { PgSession } from '../../session.js';

export function digestsRepoPg(session: PgSession): DigestsPort {
  return {
    async claim(channelId, weekStart, now) {
      const inserted = await session
        .executor()
        .insert(dailyDigests)
        .values({ channelId, weekStart, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: dailyDigests.id });
      return inserted.length === 1;
    },
    async claimedWeeks(weekStarts) {
      if (weekStarts.length === 0) return new Set();
      const rows = await session
        .executor()
        .select({ channelId: dailyDigests.channelId, weekStart: dailyDigests.weekStart })
        .from(dailyDigests)
        .where(inArray(dailyDigests.weekStart, weekStarts));
      return new Set(rows.map((row) => dayKey(row.channelId, row.weekStart)));
    },
  };
}
