import { and, asc, eq } from 'drizzle-orm';
import type { ModeratorsPort } from '../../core/moderators/ports.js';
import type { Db } from '../open.js';
import { tenants, users } from '../schema.js';
import type { Synchronous } from '../synchronous.js';

export function moderatorsRepo(db: Db): Synchronous<ModeratorsPort> {
  return {
    list(platform, tenant) {
      return db
        .select({ id: users.externalId, name: users.displayName })
        .from(users)
        .innerJoin(tenants, eq(users.tenantId, tenants.id))
        .where(and(eq(tenants.platform, platform), eq(tenants.externalId, tenant), eq(users.grantedRole, 'moderator')))
        .orderBy(asc(users.displayName))
        .all();
    },
    knownName(platform, tenant, user) {
      return db
        .select({ name: users.displayName })
        .from(users)
        .innerJoin(tenants, eq(users.tenantId, tenants.id))
        .where(and(eq(tenants.platform, platform), eq(tenants.externalId, tenant), eq(users.externalId, user)))
        .get()?.name;
    },
  };
}
