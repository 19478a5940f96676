import { and, eq, sql } from 'drizzle-orm';
import type { DirectoryPort } from '../../../core/ports.js';
import { LAST_SEEN_RESOLUTION_MS } from '../../repos/directory.js';
import { channels, tenants, users } from '../schema.js';
import type { PgSession } from '../session.js';

type PlatformName = (typeof tenants.$inferInsert)['platform'];

/**
 * Tenants, channels and people on PostgreSQL. Several processes may see a new one at the same moment: each inserts
 * with ON CONFLICT DO NOTHING and reads the row back, so all of them get the one row the unique key let in.
 */
export function directoryRepoPg(session: PgSession): DirectoryPort {
  const db = () => session.executor();
  const tenantId = async (platform: PlatformName, externalId: string, now: Date): Promise<number> => {
    await db().insert(tenants).values({ platform, externalId, createdAt: now }).onConflictDoNothing();
    const [row] = await db()
      .select({ id: tenants.id })
      .from(tenants)
      .where(and(eq(tenants.platform, platform), eq(tenants.externalId, externalId)));
    if (!row) throw new Error('tenant row missing after insert');
    return row.id;
  };
  const channelId = async (tenant: number, externalId: string, now: Date): Promise<number> => {
    await db().insert(channels).values({ tenantId: tenant, externalId, createdAt: now }).onConflictDoNothing();
    const [row] = await db()
      .select({ id: channels.id })
      .from(channels)
      .where(and(eq(channels.tenantId, tenant), eq(channels.externalId, externalId)));
    if (!row) throw new Error('channel row missing after insert');
    return row.id;
  };
  /** The person's id; the name and last-seen time are written when they changed (last seen: by the hour, as on SQLite). */
  const userId = async (tenant: number, externalId: string, name: string, now: Date, always = false): Promise<number> => {
    const stale = new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS);
    const [row] = await db()
      .insert(users)
      .values({ tenantId: tenant, externalId, displayName: name, firstSeenAt: now, lastSeenAt: now })
      .onConflictDoUpdate({
        target: [users.tenantId, users.externalId],
        set: { displayName: sql`excluded.display_name`, lastSeenAt: sql`excluded.last_seen_at` },
        setWhere: always ? sql`true` : sql`${users.displayName} <> ${name} OR ${users.lastSeenAt} <= ${stale}`,
      })
      .returning({ id: users.id });
    if (row) return row.id;
    const [known] = await db()
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenant), eq(users.externalId, externalId)));
    if (!known) throw new Error('user row missing after upsert');
    return known.id;
  };
  /** What is known of the invocation's tenant, channel and person, in one round trip. */
  const lookUp = async (invocation: Parameters<DirectoryPort['touch']>[0]) => {
    const [row] = await db()
      .select({
        tenantId: tenants.id,
        channelId: channels.id,
        userId: users.id,
        name: users.displayName,
        lastSeenAt: users.lastSeenAt,
      })
      .from(tenants)
      .leftJoin(channels, and(eq(channels.tenantId, tenants.id), eq(channels.externalId, invocation.channel)))
      .leftJoin(users, and(eq(users.tenantId, tenants.id), eq(users.externalId, invocation.user.id)))
      .where(and(eq(tenants.platform, invocation.platform), eq(tenants.externalId, invocation.tenant)));
    return row;
  };
  return {
    // Most commands find everything known and nothing to write: one round trip. A newcomer in a known channel (a
    // viewer's first question during a stream) writes only their own row.
    async touch(invocation) {
      const row = await lookUp(invocation);
      const name = invocation.user.name.slice(0, 100);
      const fresh = row?.lastSeenAt && row.lastSeenAt.getTime() > invocation.now.getTime() - LAST_SEEN_RESOLUTION_MS;
      if (row?.channelId && row.userId && fresh && row.name === name) {
        return { tenantId: row.tenantId, channelId: row.channelId, userId: row.userId };
      }
      const tenant = row?.tenantId ?? (await tenantId(invocation.platform, invocation.tenant, invocation.now));
      return {
        tenantId: tenant,
        channelId: row?.channelId ?? (await channelId(tenant, invocation.channel, invocation.now)),
        userId: await userId(tenant, invocation.user.id, name, invocation.now),
      };
    },
    async findChannel(platform, tenant, channel) {
      const [row] = await db()
        .select({ tenantId: tenants.id, channelId: channels.id })
        .from(channels)
        .innerJoin(tenants, eq(channels.tenantId, tenants.id))
        .where(and(eq(tenants.platform, platform), eq(tenants.externalId, tenant), eq(channels.externalId, channel)));
      return row;
    },
    async grantedRole(platform, tenant, user) {
      const [row] = await db()
        .select({ role: users.grantedRole })
        .from(users)
        .innerJoin(tenants, eq(users.tenantId, tenants.id))
        .where(and(eq(tenants.platform, platform), eq(tenants.externalId, tenant), eq(users.externalId, user)));
      return row?.role ?? undefined;
    },
    async setGrantedRole(platform, tenant, user, name, role, now) {
      const id = await userId(await tenantId(platform, tenant, now), user, name, now, true);
      await db().update(users).set({ grantedRole: role }).where(eq(users.id, id));
    },
  };
}
