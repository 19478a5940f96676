import { and, eq, isNull } from 'drizzle-orm';
import type { StreamLinksPort } from '../../core/stream/link-ports.js';
import type { Db } from '../open.js';
import { streamLinks, tenants, users } from '../schema.js';
import { toStreamLink } from '../stream-records.js';
import type { Synchronous } from '../synchronous.js';

export function streamLinksRepo(db: Db): Synchronous<StreamLinksPort> {
  return {
    add(link) {
      db.insert(streamLinks)
        .values({
          tenantId: link.tenantId,
          sessionId: link.sessionId,
          kind: link.kind,
          tokenHash: link.tokenHash,
          createdBy: link.createdBy,
          createdAt: link.now,
        })
        .run();
    },
    byTokenHash(tokenHash) {
      const row = db.select().from(streamLinks).where(eq(streamLinks.tokenHash, tokenHash)).get();
      return row ? toStreamLink(row) : undefined;
    },
    revokeSession(sessionId, now) {
      return db
        .update(streamLinks)
        .set({ revokedAt: now })
        .where(and(eq(streamLinks.sessionId, sessionId), isNull(streamLinks.revokedAt)))
        .run().changes;
    },
    owner(link) {
      const row = db
        .select({ platform: tenants.platform, tenant: tenants.externalId, userId: users.externalId, name: users.displayName })
        .from(users)
        .innerJoin(tenants, eq(users.tenantId, tenants.id))
        .where(and(eq(users.id, link.createdBy), eq(users.tenantId, link.tenantId)))
        .get();
      return row ?? undefined;
    },
  };
}
