import { and, asc, eq, sql } from 'drizzle-orm';
import type { RemindersPort } from '../../../../core/daily/ports.js';
import { answers, dailyPosts, reminderOptIns, remindersSent, users } from '../../schema.js';
import type { PgSession } from '../../session.js';

export function remindersRepoPg(session: PgSession): RemindersPort {
  const db = () => session.executor();
  return {
    async set(userId, channelId, on, now) {
      if (on) await db().insert(reminderOptIns).values({ userId, channelId, createdAt: now }).onConflictDoNothing();
      else
        await db()
          .delete(reminderOptIns)
          .where(and(eq(reminderOptIns.userId, userId), eq(reminderOptIns.channelId, channelId)));
    },
    async isOn(userId, channelId) {
      const rows = await db()
        .select({ userId: reminderOptIns.userId })
        .from(reminderOptIns)
        .where(and(eq(reminderOptIns.userId, userId), eq(reminderOptIns.channelId, channelId)));
      return rows.length > 0;
    },
    pending: (postId) =>
      db()
        .select({ userId: users.id, user: users.externalId })
        .from(dailyPosts)
        .innerJoin(reminderOptIns, eq(reminderOptIns.channelId, dailyPosts.channelId))
        .innerJoin(users, eq(reminderOptIns.userId, users.id))
        .where(
          and(
            eq(dailyPosts.id, postId),
            sql`not exists (select 1 from ${answers} where ${answers.postId} = ${dailyPosts.id} and ${answers.userId} = ${users.id})`,
            sql`not exists (select 1 from ${remindersSent} where ${remindersSent.postId} = ${dailyPosts.id} and ${remindersSent.userId} = ${users.id})`,
          ),
        )
        .orderBy(asc(users.id)),
    async markSent(postId, userId, now) {
      const inserted = await db()
        .insert(remindersSent)
        .values({ postId, userId, sentAt: now })
        .onConflictDoNothing()
        .returning({ postId: remindersSent.postId });
      return inserted.length === 1;
    },
  };
}
