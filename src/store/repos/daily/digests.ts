import type { DigestsPort } from '../../../core/daily/ports.js';
import type { Db } from '../../open.js';
import { dailyDigests } from '../../schema.js';
import type { Synchronous } from '../../synchronous.js';

export function digestsRepo(db: Db): Synchronous<DigestsPort> {
  return {
    claim(channelId, weekStart, now) {
      const result = db.insert(dailyDigests).values({ channelId, weekStart, createdAt: now }).onConflictDoNothing().run();
      return result.changes === 1;
    },
  };
}
