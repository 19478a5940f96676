import { asc, eq } from 'drizzle-orm';
import type { ScheduleRecord, SchedulesPort } from '../../../../core/daily/ports.js';
import type { Platform } from '../../../../core/invocation.js';
import { channels, dailySchedules, tenants, users } from '../../schema.js';
import type { PgSession } from '../../session.js';

type Row = { schedule: typeof dailySchedules.$inferSelect } & {
  tenantId: number;
  platform: Platform;
  tenant: string;
  channel: string;
  creator: string | null;
};

const toRecord = ({ schedule, creator, ...where }: Row): ScheduleRecord => ({
  id: schedule.id,
  channelId: schedule.channelId,
  ...where,
  time: schedule.time,
  timezone: schedule.timezone,
  days: schedule.days,
  category: schedule.category,
  topic: schedule.topic,
  graceMinutes: schedule.graceMinutes,
  answerMinutes: schedule.answerMinutes,
  status: schedule.status,
  seed: schedule.seed,
  updatedAt: schedule.updatedAt,
  createdBy: creator,
});

/** Schedules on PostgreSQL: one per channel (unique key); saving is one upsert, whoever saves last wins. */
export function schedulesRepoPg(session: PgSession): SchedulesPort {
  const db = () => session.executor();
  const select = () =>
    db()
      .select({
        schedule: dailySchedules,
        tenantId: tenants.id,
        platform: tenants.platform,
        tenant: tenants.externalId,
        channel: channels.externalId,
        creator: users.externalId,
      })
      .from(dailySchedules)
      .innerJoin(channels, eq(dailySchedules.channelId, channels.id))
      .innerJoin(tenants, eq(channels.tenantId, tenants.id))
      .leftJoin(users, eq(dailySchedules.createdBy, users.id));
  const ofChannel = async (channelId: number) => {
    const [row] = await select().where(eq(dailySchedules.channelId, channelId));
    return row ? toRecord(row) : undefined;
  };
  return {
    async save(input) {
      const fields = {
        time: input.time,
        timezone: input.timezone,
        days: input.days,
        category: input.category,
        topic: input.topic,
        graceMinutes: input.graceMinutes,
        answerMinutes: input.answerMinutes,
        status: 'active' as const,
        updatedAt: input.now,
      };
      await db()
        .insert(dailySchedules)
        .values({ channelId: input.channelId, seed: input.seed, createdBy: input.createdBy, createdAt: input.now, ...fields })
        .onConflictDoUpdate({ target: dailySchedules.channelId, set: fields });
      const saved = await ofChannel(input.channelId);
      if (!saved) throw new Error('schedule row missing after save');
      return saved;
    },
    ofChannel,
    async setStatus(channelId, status, now) {
      const changed = await db()
        .update(dailySchedules)
        .set({ status, updatedAt: now })
        .where(eq(dailySchedules.channelId, channelId))
        .returning({ id: dailySchedules.id });
      return changed.length === 1;
    },
    async active() {
      const rows = await select().where(eq(dailySchedules.status, 'active')).orderBy(asc(dailySchedules.id));
      return rows.map(toRecord);
    },
  };
}
