import type { EventsPort } from '../../core/ports.js';
import type { Db } from '../open.js';
import { processedEvents } from '../schema.js';

export function eventsRepo(db: Db): EventsPort {
  const oldest = db.$client.prepare<[number, number]>(
    `DELETE FROM processed_events WHERE rowid IN
       (SELECT rowid FROM processed_events WHERE processed_at < ? ORDER BY processed_at LIMIT ?)`,
  );
  return {
    claim(platform, key, now) {
      const result = db.insert(processedEvents).values({ platform, key, processedAt: now }).onConflictDoNothing().run();
      return result.changes === 1;
    },
    prune(before, limit) {
      return oldest.run(before.getTime(), limit).changes;
    },
  };
}
