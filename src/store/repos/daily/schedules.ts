import { asc, eq, sql } from 'drizzle-orm';
import type { ScheduleRecord, SchedulesPort } from '../../../core/daily/ports.js';
import type { Platform } from '../../../core/invocation.js';
import { type Db, writeTransaction } from '../../open.js';
import { channels, dailySchedules, tenants, users } from '../../schema.js';
import type { Synchronous } from '../../synchronous.js';
import { address } from './address.js';

export function schedulesRepo(db: Db): Synchronous<SchedulesPort> {
  const select = () =>
    db
      .select({ schedule: dailySchedules, ...address, creator: users.externalId })
      .from(dailySchedules)
      .innerJoin(channels, eq(dailySchedules.channelId, channels.id))
      .innerJoin(tenants, eq(channels.tenantId, tenants.id))
      .leftJoin(users, eq(dailySchedules.createdBy, users.id));
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
  // Read on every command that shows a time in the channel's zone: prepared once.
  const ofChannelQuery = select()
    .where(eq(dailySchedules.channelId, sql.placeholder('channelId')))
    .prepare();
  const ofChannel = (channelId: number) => {
    const row = ofChannelQuery.get({ channelId });
    return row ? toRecord(row) : undefined;
  };
  return {
    save(input) {
      return writeTransaction(db, () => {
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
        db.insert(dailySchedules)
          .values({ channelId: input.channelId, seed: input.seed, createdBy: input.createdBy, createdAt: input.now, ...fields })
          .onConflictDoUpdate({ target: dailySchedules.channelId, set: fields })
          .run();
        const saved = ofChannel(input.channelId);
        if (!saved) throw new Error('schedule row missing after save');
        return saved;
      });
    },
    ofChannel,
    setStatus(channelId, status, now) {
      const result = db
        .update(dailySchedules)
        .set({ status, updatedAt: now })
        .where(eq(dailySchedules.channelId, channelId))
        .run();
      return result.changes === 1;
    },
    active() {
      return select().where(eq(dailySchedules.status, 'active')).orderBy(asc(dailySchedules.id)).all().map(toRecord);
    },
  };
}
