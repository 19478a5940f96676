import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../core/platform.js';
import type { DirectoryPort, Seen } from '../../core/ports.js';

/** How precisely users' last-seen time is kept; finer would cost a write on every command. */
export const LAST_SEEN_RESOLUTION_MS = 60 * 60 * 1000;

import { type Db, writeTransaction } from '../open.js';
import { channels, tenants, users } from '../schema.js';
import type { Synchronous } from '../synchronous.js';

export function directoryRepo(db: Db): Synchronous<DirectoryPort> {
  // A first command of a person or in a channel writes here: prepared once, like the lookup below.
  const insertTenant = db.$client.prepare(
    'INSERT INTO tenants (platform, external_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const tenantOf = db.$client.prepare('SELECT id FROM tenants WHERE platform = ? AND external_id = ?').pluck();
  const insertChannel = db.$client.prepare(
    'INSERT INTO channels (tenant_id, external_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const channelOf = db.$client.prepare('SELECT id FROM channels WHERE tenant_id = ? AND external_id = ?').pluck();
  const upsertUser = db.$client
    .prepare(
      `INSERT INTO users (tenant_id, external_id, display_name, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, external_id) DO UPDATE SET display_name = excluded.display_name, last_seen_at = excluded.last_seen_at
       RETURNING id`,
    )
    .pluck();

  const tenantId = (platform: Platform, externalId: string, now: Date): number => {
    insertTenant.run(platform, externalId, now.getTime());
    const id = tenantOf.get(platform, externalId) as number | undefined;
    if (id === undefined) throw new Error('tenant row missing after insert');
    return id;
  };
  const channelId = (tenant: number, externalId: string, now: Date): number => {
    insertChannel.run(tenant, externalId, now.getTime());
    const id = channelOf.get(tenant, externalId) as number | undefined;
    if (id === undefined) throw new Error('channel row missing after insert');
    return id;
  };
  const userId = (tenant: number, externalId: string, name: string, now: Date): number =>
    upsertUser.get(tenant, externalId, name, now.getTime(), now.getTime()) as number;
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
