import { and, asc, eq } from 'drizzle-orm';
import type { ModeratorsPort } from '../../../core/moderators/ports.js';
import { tenants, users } from '../schema.js';
import type { PgSession } from '../session.js';

export function moderatorsRepoPg(session: PgSession): ModeratorsPort {
  const db = () => session.executor();
  return {
    list: (platform, tenant) =>
      db()
        .select({ id: users.externalId, name: users.displayName })
        .from(users)
        .innerJoin(tenants, eq(users.tenantId, tenants.id))
        .where(and(eq(tenants.platform, platform), eq(tenants.externalId, tenant), eq(users.grantedRole, 'moderator')))
        .orderBy(asc(users.displayName)),
    async knownName(platform, tenant, user) {
      const [row] = await db()
        .select({ name: users.displayName })
        .from(users)
        .innerJoin(tenants, eq(users.tenantId, tenants.id))
        .where(and(eq(tenants.platform, platform), eq(tenants.externalId, tenant), eq(users.externalId, user)));
      return row?.name;
    },
  };
}
