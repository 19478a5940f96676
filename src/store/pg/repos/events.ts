import { sql } from 'drizzle-orm';
import type { EventsPort } from '../../../core/ports.js';
import { processedEvents } from '../schema.js';
import type { PgSession } from '../session.js';

export function eventsRepoPg(session: PgSession): EventsPort {
  return {
    async claim(platform, key, now) {
      const claimed = await session
        .executor()
        .insert(processedEvents)
        .values({ platform, key, processedAt: now })
        .onConflictDoNothing()
        .returning({ key: processedEvents.key });
      return claimed.length === 1;
    },
    async prune(before, limit) {
      // SKIP LOCKED: two processes pruning at once take different rows instead of waiting on each other.
      const gone = await session.executor().execute(sql`
        DELETE FROM processed_events WHERE (platform, key) IN (
          SELECT platform, key FROM processed_events WHERE processed_at < ${before}
          ORDER BY processed_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
        )`);
      return gone.rowCount ?? 0;
    },
  };
}
