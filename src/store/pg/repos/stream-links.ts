import { and, eq, isNull } from 'drizzle-orm';
import type { StreamLinksPort } from '../../../core/stream/link-ports.js';
import { toStreamLink } from '../../stream-records.js';
import { streamLinks, tenants, users } from '../schema.js';
import type { PgSession } from '../session.js';

/** Overlay and host-screen links on PostgreSQL: a token hash is unique; revoking is one conditional UPDATE. */
export function streamLinksRepoPg(session: PgSession): StreamLinksPort {
  const db = () => session.executor();
  return {
    async add(link) {
      await db().insert(streamLinks).values({
        tenantId: link.tenantId,
        sessionId: link.sessionId,
        kind: link.kind,
        tokenHash: link.tokenHash,
        createdBy: link.createdBy,
        createdAt: link.now,
      });
    },
    async byTokenHash(tokenHash) {
      const [row] = await db().select().from(streamLinks).where(eq(streamLinks.tokenHash, tokenHash));
      return row ? toStreamLink(row) : undefined;
    },
    async revokeSession(sessionId, now) {
      const revoked = await db()
        .update(streamLinks)
        .set({ revokedAt: now })
        .where(and(eq(streamLinks.sessionId, sessionId), isNull(streamLinks.revokedAt)));
      return revoked.rowCount ?? 0;
    },
    async owner(link) {
      const [row] = await db()
        .select({ platform: tenants.platform, tenant: tenants.externalId, userId: users.externalId, name: users.displayName })
        .from(users)
        .innerJoin(tenants, eq(users.tenantId, tenants.id))
        .where(and(eq(users.id, link.createdBy), eq(users.tenantId, link.tenantId)));
      return row;
    },
  };
}
