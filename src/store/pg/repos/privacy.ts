import { and, eq, inArray, like } from 'drizzle-orm';
import type { ErasureSummary, HeldRecord, PrivacyPort } from '../../../core/privacy/ports.js';
import {
  answers,
  answerVotes,
  dailySchedules,
  ledger,
  moderationActions,
  quizRounds,
  reminderOptIns,
  remindersSent,
  streakRestores,
  streamLinks,
  streamSessions,
  submissions,
  submissionVotes,
  users,
} from '../schema.js';
import type { PgExecutor, PgSession } from '../session.js';

/** An upvote point of the old kind names its voter: "vote:<answer>:<voter>". */
const VOTER_NAMED = /^vote:(\d+):(\d+)$/;

/**
 * Points others earned from the person's votes stay, but their ledger source may not name the person: an old
 * "vote:<answer>:<voter>" source becomes the vote's place "vote:<answer>#<n>", the first place that author's points
 * for that answer do not use yet, so the upvote cap keeps counting it.
 */
async function unlinkVotesGiven(db: PgExecutor, userId: number): Promise<number> {
  const named = (
    await db
      .select({ id: ledger.id, userId: ledger.userId, source: ledger.source })
      .from(ledger)
      .where(and(eq(ledger.reason, 'upvote'), like(ledger.source, `vote:%:${userId}`)))
      .orderBy(ledger.id)
  ).filter((row) => VOTER_NAMED.exec(row.source)?.[2] === String(userId));
  for (const row of named) {
    const answerId = VOTER_NAMED.exec(row.source)?.[1] ?? '';
    const taken = new Set(
      (
        await db
          .select({ source: ledger.source })
          .from(ledger)
          .where(and(eq(ledger.userId, row.userId), eq(ledger.reason, 'upvote'), like(ledger.source, `vote:${answerId}#%`)))
      ).map((other) => other.source),
    );
    let place = 1;
    while (taken.has(`vote:${answerId}#${place}`)) place += 1;
    await db
      .update(ledger)
      .set({ source: `vote:${answerId}#${place}` })
      .where(eq(ledger.id, row.id));
  }
  return named.length;
}

/**
 * /mydata on PostgreSQL: the same records and the same erasure as src/store/repos/privacy.ts (whose ERASURE_POLICY
 * covers both schemas, held in lockstep), rows in the order they were stored. The erasure is one transaction.
 */
export function privacyRepoPg(session: PgSession): PrivacyPort {
  const db = () => session.executor();
  const held = (kind: string, rows: Record<string, unknown>[]): HeldRecord => ({ kind, count: rows.length, rows });

  return {
    async collect(userId) {
      const [profile] = await db().select().from(users).where(eq(users.id, userId));
      if (!profile) return undefined;
      const records = [
        held(
          'answers',
          await db()
            .select({
              id: answers.id,
              postId: answers.postId,
              text: answers.text,
              best: answers.best,
              createdAt: answers.createdAt,
            })
            .from(answers)
            .where(eq(answers.userId, userId))
            .orderBy(answers.id),
        ),
        held(
          'answer-votes',
          await db()
            .select({ answerId: answerVotes.answerId, createdAt: answerVotes.createdAt })
            .from(answerVotes)
            .where(eq(answerVotes.userId, userId))
            .orderBy(answerVotes.answerId),
        ),
        held(
          'points',
          await db()
            .select({ reason: ledger.reason, points: ledger.points, source: ledger.source, createdAt: ledger.createdAt })
            .from(ledger)
            .where(eq(ledger.userId, userId))
            .orderBy(ledger.id),
        ),
        held(
          'quiz-rounds',
          await db()
            .select({
              itemId: quizRounds.itemId,
              cycle: quizRounds.cycle,
              chosen: quizRounds.chosen,
              correct: quizRounds.correct,
              createdAt: quizRounds.createdAt,
            })
            .from(quizRounds)
            .where(eq(quizRounds.userId, userId))
            .orderBy(quizRounds.id),
        ),
        held(
          'submissions',
          await db()
            .select({
              id: submissions.id,
              sessionId: submissions.sessionId,
              text: submissions.text,
              status: submissions.status,
              anonymous: submissions.anonymous,
              createdAt: submissions.createdAt,
            })
            .from(submissions)
            .where(eq(submissions.userId, userId))
            .orderBy(submissions.id),
        ),
        held(
          'submission-votes',
          await db()
            .select({ submissionId: submissionVotes.submissionId, createdAt: submissionVotes.createdAt })
            .from(submissionVotes)
            .where(eq(submissionVotes.userId, userId))
            .orderBy(submissionVotes.submissionId),
        ),
        held(
          'reminder-opt-ins',
          await db()
            .select({ channelId: reminderOptIns.channelId, createdAt: reminderOptIns.createdAt })
            .from(reminderOptIns)
            .where(eq(reminderOptIns.userId, userId))
            .orderBy(reminderOptIns.channelId),
        ),
        held(
          'reminders-sent',
          await db()
            .select({ postId: remindersSent.postId, sentAt: remindersSent.sentAt })
            .from(remindersSent)
            .where(eq(remindersSent.userId, userId))
            .orderBy(remindersSent.postId),
        ),
        held(
          'moderation-actions',
          await db()
            .select({
              action: moderationActions.action,
              submissionId: moderationActions.submissionId,
              createdAt: moderationActions.createdAt,
            })
            .from(moderationActions)
            .where(eq(moderationActions.moderatorId, userId))
            .orderBy(moderationActions.id),
        ),
        held(
          'schedules-created',
          await db()
            .select({
              id: dailySchedules.id,
              channelId: dailySchedules.channelId,
              time: dailySchedules.time,
              timezone: dailySchedules.timezone,
            })
            .from(dailySchedules)
            .where(eq(dailySchedules.createdBy, userId))
            .orderBy(dailySchedules.id),
        ),
        held(
          'streak-restores',
          await db()
            .select({ postId: streakRestores.postId, createdAt: streakRestores.createdAt })
            .from(streakRestores)
            .where(eq(streakRestores.userId, userId))
            .orderBy(streakRestores.postId),
        ),
        held(
          'streaks-restored',
          await db()
            .select({ postId: streakRestores.postId, createdAt: streakRestores.createdAt })
            .from(streakRestores)
            .where(eq(streakRestores.restoredBy, userId))
            .orderBy(streakRestores.postId),
        ),
        held(
          'streams-started',
          await db()
            .select({ id: streamSessions.id, title: streamSessions.title, startedAt: streamSessions.startedAt })
            .from(streamSessions)
            .where(eq(streamSessions.startedBy, userId))
            .orderBy(streamSessions.id),
        ),
        held(
          'stream-links',
          await db()
            .select({
              sessionId: streamLinks.sessionId,
              kind: streamLinks.kind,
              createdAt: streamLinks.createdAt,
              revokedAt: streamLinks.revokedAt,
            })
            .from(streamLinks)
            .where(eq(streamLinks.createdBy, userId))
            .orderBy(streamLinks.id),
        ),
      ];
      return {
        profile: {
          externalId: profile.externalId,
          displayName: profile.displayName,
          grantedRole: profile.grantedRole,
          firstSeenAt: profile.firstSeenAt,
          lastSeenAt: profile.lastSeenAt,
        },
        records,
      };
    },

    erase(userId, now) {
      return session.transaction(async (): Promise<ErasureSummary> => {
        const changed = async (statement: PromiseLike<{ rowCount: number | null }>) => (await statement).rowCount ?? 0;
        const own = await db().select({ id: answers.id }).from(answers).where(eq(answers.userId, userId));
        const ownIds = own.map((row) => row.id);
        // Votes others gave to the erased answers must go with them.
        const votesOnAnswers =
          ownIds.length === 0 ? 0 : await changed(db().delete(answerVotes).where(inArray(answerVotes.answerId, ownIds)));
        const deleted = {
          'answer-votes': await changed(db().delete(answerVotes).where(eq(answerVotes.userId, userId))),
          answers: await changed(db().delete(answers).where(eq(answers.userId, userId))),
          'votes-on-answers': votesOnAnswers,
          points: await changed(db().delete(ledger).where(eq(ledger.userId, userId))),
          'quiz-rounds': await changed(db().delete(quizRounds).where(eq(quizRounds.userId, userId))),
          'submission-votes': await changed(db().delete(submissionVotes).where(eq(submissionVotes.userId, userId))),
          'reminder-opt-ins': await changed(db().delete(reminderOptIns).where(eq(reminderOptIns.userId, userId))),
          'reminders-sent': await changed(db().delete(remindersSent).where(eq(remindersSent.userId, userId))),
          'streak-restores': await changed(db().delete(streakRestores).where(eq(streakRestores.userId, userId))),
          // Screens that act as the person stop working with them.
          'stream-links': await changed(db().delete(streamLinks).where(eq(streamLinks.createdBy, userId))),
        };
        const anonymised = {
          submissions: await changed(
            db().update(submissions).set({ userId: null, anonymous: true, updatedAt: now }).where(eq(submissions.userId, userId)),
          ),
          'moderation-actions': await changed(
            db().update(moderationActions).set({ moderatorId: null }).where(eq(moderationActions.moderatorId, userId)),
          ),
          'schedules-created': await changed(
            db().update(dailySchedules).set({ createdBy: null }).where(eq(dailySchedules.createdBy, userId)),
          ),
          'streaks-restored': await changed(
            db().update(streakRestores).set({ restoredBy: null }).where(eq(streakRestores.restoredBy, userId)),
          ),
          'streams-started': await changed(
            db().update(streamSessions).set({ startedBy: null }).where(eq(streamSessions.startedBy, userId)),
          ),
          'points-from-your-votes': await unlinkVotesGiven(db(), userId),
        };
        // Last, once nothing refers to it: the row with the platform id, the name and the internal id.
        await db().delete(users).where(eq(users.id, userId));
        return { deleted, anonymised };
      });
    },
  };
}
