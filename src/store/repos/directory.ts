import { and, eq } from 'drizzle-orm';
import type { DirectoryPort, Seen } from '../../core/ports.js';

/** How precisely users' last-seen time is kept; finer would cost a write on every command. */
const LAST_SEEN_RESOLUTION_MS = 60 * 60 * 1000;

import { type Db, writeTransaction } from '../open.js';
import { channels, tenants, users } from '../schema.js';

export function directoryRepo(db: Db): DirectoryPort {
  const tenantId = (platform: 'discord' | 'slack' | 'console', externalId: string, now: Date): number => {
    db.insert(tenants).values({ platform, externalId, createdAt: now }).onConflictDoNothing().run();
    const row = db
      .select({ id: tenants.id })
      .from(tenants)
      .where(and(eq(tenants.platform, platform), eq(tenants.externalId, externalId)))
      .get();
    if (!row) throw new Error('tenant row missing after insert');
    return row.id;
  };
  const channelId = (tenant: number, externalId: string, now: Date): number => {
    db.insert(channels).values({ tenantId: tenant, externalId, createdAt: now }).onConflictDoNothing().run();
    const row = db
      .select({ id: channels.id })
      .from(channels)
      .where(and(eq(channels.tenantId, tenant), eq(channels.externalId, externalId)))
      .get();
    if (!row) throw new Error('channel row missing after insert');
    return row.id;
  };
  const userId = (tenant: number, externalId: string, name: string, now: Date): number => {
    const row = db
      .insert(users)
      .values({ tenantId: tenant, externalId, displayName: name, firstSeenAt: now, lastSeenAt: now })
      .onConflictDoUpdate({ target: [users.tenantId, users.externalId], set: { displayName: name, lastSeenAt: now } })
      .returning({ id: users.id })
      .get();
    return row.id;
  };
  const lookup = db.$client.prepare<
    [string, string, string, string],
    { tenantId: number; channelId: number; userId: number; displayName: string; lastSeenAt: number }
  >(
    `SELECT t.id AS tenantId, c.id AS channelId, u.id AS userId, u.display_name AS displayName, u.last_seen_at AS lastSeenAt
       FROM tenants t
       JOIN channels c ON c.tenant_id = t.id AND c.external_id = ?
       JOIN users u ON u.tenant_id = t.id AND u.external_id = ?
      WHERE t.platform = ? AND t.external_id = ?`,
  );
  /** Ids of an already known tenant, channel and user, without a write (no commit, no fsync) when nothing changed. */
  const knownIds = (invocation: Parameters<DirectoryPort['touch']>[0]): Seen | undefined => {
    const row = lookup.get(invocation.channel, invocation.user.id, invocation.platform, invocation.tenant);
    if (!row) return undefined;
    const fresh = invocation.now.getTime() - row.lastSeenAt < LAST_SEEN_RESOLUTION_MS;
    if (row.displayName !== invocation.user.name.slice(0, 100) || !fresh) return undefined;
    return { tenantId: row.tenantId, channelId: row.channelId, userId: row.userId };
  };
  return {
    touch(invocation) {
      const known = knownIds(invocation);
      if (known) return known;
      return writeTransaction(db, () => {
        const tenant = tenantId(invocation.platform, invocation.tenant, invocation.now);
        return {
          tenantId: tenant,
          channelId: channelId(tenant, invocation.channel, invocation.now),
          userId: userId(tenant, invocation.user.id, invocation.user.name.slice(0, 100), invocation.now),
        };
      });
    },
    findChannel(platform, tenant, channel) {
      return db
        .select({ tenantId: tenants.id, channelId: channels.id })
        .from(channels)
        .innerJoin(tenants, eq(channels.tenantId, tenants.id))
        .where(and(eq(tenants.platform, platform), eq(tenants.externalId, tenant), eq(channels.externalId, channel)))
        .get();
    },
    grantedRole(platform, tenant, user) {
      const row = db
        .select({ role: users.grantedRole })
        .from(users)
        .innerJoin(tenants, eq(users.tenantId, tenants.id))
        .where(and(eq(tenants.platform, platform), eq(tenants.externalId, tenant), eq(users.externalId, user)))
        .get();
      return row?.role ?? undefined;
    },
    setGrantedRole(platform, tenant, user, name, role, now) {
      writeTransaction(db, () => {
        const id = userId(tenantId(platform, tenant, now), user, name, now);
        db.update(users).set({ grantedRole: role }).where(eq(users.id, id)).run();
      });
    },
  };
}
