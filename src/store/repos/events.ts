import { sql } from 'drizzle-orm';
import type { EventsPort } from '../../core/ports.js';
import type { Db } from '../open.js';
import { processedEvents } from '../schema.js';
import type { Synchronous } from '../synchronous.js';

export function eventsRepo(db: Db): Synchronous<EventsPort> {
  const insert = db
    .insert(processedEvents)
    .values({ platform: sql.placeholder('platform'), key: sql.placeholder('key'), processedAt: sql.placeholder('at') })
    .onConflictDoNothing()
    .prepare();
  const oldest = db.$client.prepare<[number, number]>(
    `DELETE FROM processed_events WHERE rowid IN
       (SELECT rowid FROM processed_events WHERE processed_at < ? ORDER BY processed_at LIMIT ?)`,
  );
  return {
    claim(platform, key, now) {
      return insert.run({ platform, key, at: now }).changes === 1;
    },
    prune(before, limit) {
      return oldest.run(before.getTime(), limit).changes;
    },
  };
}
