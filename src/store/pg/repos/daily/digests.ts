import type { DigestsPort } from '../../../../core/daily/ports.js';
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
  };
}
