import { and, eq, inArray, like } from 'drizzle-orm';
import type { ErasureSummary, HeldRecord, PrivacyPort } from '../../core/privacy/ports.js';
import { type Db, writeTransaction } from '../open.js';
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
import type { Synchronous } from '../synchronous.js';

/**
 * What an erasure does to every column that refers to a person, keyed "table.column".
 * A test fails when the schema gains a user column that is missing here.
 */
export const ERASURE_POLICY: Record<string, 'deleted' | 'anonymised'> = {
  'users.id': 'deleted',
  'answers.user_id': 'deleted',
  'answer_votes.user_id': 'deleted',
  'reminder_opt_ins.user_id': 'deleted',
  'reminders_sent.user_id': 'deleted',
  'ledger.user_id': 'deleted',
  'quiz_rounds.user_id': 'deleted',
  'submission_votes.user_id': 'deleted',
  'submissions.user_id': 'anonymised',
  'moderation_actions.moderator_id': 'anonymised',
  'daily_schedules.created_by': 'anonymised',
  'stream_sessions.started_by': 'anonymised',
  'streak_restores.user_id': 'deleted',
  'streak_restores.restored_by': 'anonymised',
  'stream_links.created_by': 'deleted',
  // Erased through the community repo (src/store/repos/community.ts), called by /mydata delete.
  'community_answers.user_id': 'deleted',
  'answer_credits.user_id': 'deleted',
};

/** An upvote point of the old kind names its voter: "vote:<answer>:<voter>". */
const VOTER_NAMED = /^vote:(\d+):(\d+)$/;

/**
 * Points others earned from the person's votes stay, but their ledger source may not name the person: an old
 * "vote:<answer>:<voter>" source becomes the vote's place "vote:<answer>#<n>", the first place that author's points
 * for that answer do not use yet, so the upvote cap keeps counting it.
 */
function unlinkVotesGiven(db: Db, userId: number): number {
  const named = db
    .select({ id: ledger.id, userId: ledger.userId, source: ledger.source })
    .from(ledger)
    .where(and(eq(ledger.reason, 'upvote'), like(ledger.source, `vote:%:${userId}`)))
    .all()
    .filter((row) => VOTER_NAMED.exec(row.source)?.[2] === String(userId));
  for (const row of named) {
    const answerId = VOTER_NAMED.exec(row.source)?.[1] as string;
    const taken = new Set(
      db
        .select({ source: ledger.source })
        .from(ledger)
        .where(and(eq(ledger.userId, row.userId), eq(ledger.reason, 'upvote'), like(ledger.source, `vote:${answerId}#%`)))
        .all()
        .map((other) => other.source),
    );
    let place = 1;
    while (taken.has(`vote:${answerId}#${place}`)) place += 1;
    db.update(ledger)
      .set({ source: `vote:${answerId}#${place}` })
      .where(eq(ledger.id, row.id))
      .run();
  }
  return named.length;
}

export function privacyRepo(db: Db): Synchronous<PrivacyPort> {
  const held = (kind: string, rows: Record<string, unknown>[]): HeldRecord => ({ kind, count: rows.length, rows });

  return {
    collect(userId) {
      const profile = db.select().from(users).where(eq(users.id, userId)).get();
      if (!profile) return undefined;
      const records = [
        held(
          'answers',
          db
            .select({
              id: answers.id,
              postId: answers.postId,
              text: answers.text,
              best: answers.best,
              createdAt: answers.createdAt,
            })
            .from(answers)
            .where(eq(answers.userId, userId))
            .all(),
        ),
        held(
          'answer-votes',
          db
            .select({ answerId: answerVotes.answerId, createdAt: answerVotes.createdAt })
            .from(answerVotes)
            .where(eq(answerVotes.userId, userId))
            .all(),
        ),
        held(
          'points',
          db
            .select({ reason: ledger.reason, points: ledger.points, source: ledger.source, createdAt: ledger.createdAt })
            .from(ledger)
            .where(eq(ledger.userId, userId))
            .all(),
        ),
        held(
          'quiz-rounds',
          db
            .select({
              itemId: quizRounds.itemId,
              cycle: quizRounds.cycle,
              chosen: quizRounds.chosen,
              correct: quizRounds.correct,
              createdAt: quizRounds.createdAt,
            })
            .from(quizRounds)
            .where(eq(quizRounds.userId, userId))
            .all(),
        ),
        held(
          'submissions',
          db
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
            .all(),
        ),
        held(
          'submission-votes',
          db
            .select({ submissionId: submissionVotes.submissionId, createdAt: submissionVotes.createdAt })
            .from(submissionVotes)
            .where(eq(submissionVotes.userId, userId))
            .all(),
        ),
        held(
          'reminder-opt-ins',
          db
            .select({ channelId: reminderOptIns.channelId, createdAt: reminderOptIns.createdAt })
            .from(reminderOptIns)
            .where(eq(reminderOptIns.userId, userId))
            .all(),
        ),
        held(
          'reminders-sent',
          db
            .select({ postId: remindersSent.postId, sentAt: remindersSent.sentAt })
            .from(remindersSent)
            .where(eq(remindersSent.userId, userId))
            .all(),
        ),
        held(
          'moderation-actions',
          db
            .select({
              action: moderationActions.action,
              submissionId: moderationActions.submissionId,
              createdAt: moderationActions.createdAt,
            })
            .from(moderationActions)
            .where(eq(moderationActions.moderatorId, userId))
            .all(),
        ),
        held(
          'schedules-created',
          db
            .select({
              id: dailySchedules.id,
              channelId: dailySchedules.channelId,
              time: dailySchedules.time,
              timezone: dailySchedules.timezone,
            })
            .from(dailySchedules)
            .where(eq(dailySchedules.createdBy, userId))
            .all(),
        ),
        held(
          'streak-restores',
          db
            .select({ postId: streakRestores.postId, createdAt: streakRestores.createdAt })
            .from(streakRestores)
            .where(eq(streakRestores.userId, userId))
            .all(),
        ),
        held(
          'streaks-restored',
          db
            .select({ postId: streakRestores.postId, createdAt: streakRestores.createdAt })
            .from(streakRestores)
            .where(eq(streakRestores.restoredBy, userId))
            .all(),
        ),
        held(
          'streams-started',
          db
            .select({ id: streamSessions.id, title: streamSessions.title, startedAt: streamSessions.startedAt })
            .from(streamSessions)
            .where(eq(streamSessions.startedBy, userId))
            .all(),
        ),
        held(
          'stream-links',
          db
            .select({
              sessionId: streamLinks.sessionId,
              kind: streamLinks.kind,
              createdAt: streamLinks.createdAt,
              revokedAt: streamLinks.revokedAt,
            })
            .from(streamLinks)
            .where(eq(streamLinks.createdBy, userId))
            .all(),
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
      return writeTransaction(db, (): ErasureSummary => {
        const own = db.select({ id: answers.id }).from(answers).where(eq(answers.userId, userId)).all();
        const ownIds = own.map((row) => row.id);
        // Votes others gave to the erased answers must go with them.
        const votesOnAnswers =
          ownIds.length === 0 ? 0 : db.delete(answerVotes).where(inArray(answerVotes.answerId, ownIds)).run().changes;
        const deleted = {
          'answer-votes': db.delete(answerVotes).where(eq(answerVotes.userId, userId)).run().changes,
          answers: db.delete(answers).where(eq(answers.userId, userId)).run().changes,
          'votes-on-answers': votesOnAnswers,
          points: db.delete(ledger).where(eq(ledger.userId, userId)).run().changes,
          'quiz-rounds': db.delete(quizRounds).where(eq(quizRounds.userId, userId)).run().changes,
          'submission-votes': db.delete(submissionVotes).where(eq(submissionVotes.userId, userId)).run().changes,
          'reminder-opt-ins': db.delete(reminderOptIns).where(eq(reminderOptIns.userId, userId)).run().changes,
          'reminders-sent': db.delete(remindersSent).where(eq(remindersSent.userId, userId)).run().changes,
          'streak-restores': db.delete(streakRestores).where(eq(streakRestores.userId, userId)).run().changes,
          // Screens that act as the person stop working with them.
          'stream-links': db.delete(streamLinks).where(eq(streamLinks.createdBy, userId)).run().changes,
        };
        const anonymised = {
          submissions: db
            .update(submissions)
            .set({ userId: null, anonymous: true, updatedAt: now })
            .where(eq(submissions.userId, userId))
            .run().changes,
          'moderation-actions': db
            .update(moderationActions)
            .set({ moderatorId: null })
            .where(eq(moderationActions.moderatorId, userId))
            .run().changes,
          'schedules-created': db
            .update(dailySchedules)
            .set({ createdBy: null })
            .where(eq(dailySchedules.createdBy, userId))
            .run().changes,
          'streaks-restored': db
            .update(streakRestores)
            .set({ restoredBy: null })
            .where(eq(streakRestores.restoredBy, userId))
            .run().changes,
          'streams-started': db.update(streamSessions).set({ startedBy: null }).where(eq(streamSessions.startedBy, userId)).run()
            .changes,
          'points-from-your-votes': unlinkVotesGiven(db, userId),
        };
        // Last, once nothing refers to it: the row with the platform id, the name and the internal id.
        db.delete(users).where(eq(users.id, userId)).run();
        return { deleted, anonymised };
      });
    },
  };
}
