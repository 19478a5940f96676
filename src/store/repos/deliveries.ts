import { and, desc, eq, or } from 'drizzle-orm';
import type { Platform } from '../../core/invocation.js';
import type { DeliveriesPort } from '../../core/ports.js';
import type { Tracked } from '../../core/view.js';
import type { Db } from '../open.js';
import { deliveries } from '../schema.js';
import type { Synchronous } from '../synchronous.js';

export function deliveriesRepo(db: Db): Synchronous<DeliveriesPort> {
  return {
    record(tracked, delivery, now) {
      db.insert(deliveries)
        .values({
          entity: tracked.entity,
          entityId: tracked.id,
          platform: delivery.platform,
          channel: delivery.channel,
          messageId: delivery.messageId,
          threadId: delivery.threadId ?? null,
          createdAt: now,
        })
        .onConflictDoUpdate({
          target: [deliveries.entity, deliveries.entityId],
          set: { messageId: delivery.messageId, threadId: delivery.threadId ?? null, channel: delivery.channel },
        })
        .run();
    },
    findByThread(platform, thread) {
      const row = db
        .select({ entity: deliveries.entity, id: deliveries.entityId })
        .from(deliveries)
        .where(and(eq(deliveries.platform, platform), or(eq(deliveries.threadId, thread), eq(deliveries.messageId, thread))))
        .orderBy(desc(deliveries.id))
        .get();
      return row ? { entity: row.entity as Tracked['entity'], id: row.id } : undefined;
    },
    find(tracked) {
      const row = db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.entity, tracked.entity), eq(deliveries.entityId, tracked.id)))
        .get();
      if (!row) return undefined;
      return {
        platform: row.platform as Platform,
        channel: row.channel,
        messageId: row.messageId,
        ...(row.threadId ? { threadId: row.threadId } : {}),
      };
    },
  };
}
