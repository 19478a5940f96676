import type { EventsPort } from '../../core/ports.js';
import type { Db } from '../open.js';
import { processedEvents } from '../schema.js';

export function eventsRepo(db: Db): EventsPort {
  return {
    claim(platform, key, now) {
      const result = db.insert(processedEvents).values({ platform, key, processedAt: now }).onConflictDoNothing().run();
      return result.changes === 1;
    },
  };
}
