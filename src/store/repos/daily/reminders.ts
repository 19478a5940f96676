import { and, asc, eq, sql } from 'drizzle-orm';
import type { RemindersPort } from '../../../core/daily/ports.js';
import type { Db } from '../../open.js';
import { answers, dailyPosts, reminderOptIns, remindersSent, users } from '../../schema.js';
import type { Synchronous } from '../../synchronous.js';

export function remindersRepo(db: Db): Synchronous<RemindersPort> {
  return {
    set(userId, channelId, on, now) {
      if (on) {
        db.insert(reminderOptIns).values({ userId, channelId, createdAt: now }).onConflictDoNothing().run();
      } else {
        db.delete(reminderOptIns)
          .where(and(eq(reminderOptIns.userId, userId), eq(reminderOptIns.channelId, channelId)))
          .run();
      }
    },
    isOn(userId, channelId) {
      return (
        db
          .select({ userId: reminderOptIns.userId })
          .from(reminderOptIns)
          .where(and(eq(reminderOptIns.userId, userId), eq(reminderOptIns.channelId, channelId)))
          .get() !== undefined
      );
    },
    pending(postId) {
      return db
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
        .orderBy(asc(users.id))
        .all();
    },
    markSent(postId, userId, now) {
      const result = db.insert(remindersSent).values({ postId, userId, sentAt: now }).onConflictDoNothing().run();
      return result.changes === 1;
    },
  };
}
