import type { Deps } from '../deps.js';
import type { Routed } from '../routed.js';
import type { PostMessage } from '../view.js';
import { explainFailure, failureCode, retryDelayMs } from './delivery-failure.js';
import { dueAt, effectiveGraceMinutes, latestSlot, type Slot } from './due.js';
import { pickQuestion } from './pick.js';
import { dayKey, type PostRecord, type ScheduleRecord } from './ports.js';
import { dailyPostMessage } from './post-view.js';
import { questionPool, resolveQuestion } from './questions.js';
import { skippedDayNotices } from './skipped-day.js';
import { offlineReason } from './skips.js';

const MINUTE = 60_000;

/**
 * Step one of a tick: claims the due slot of every active schedule. The claim is a row in daily_posts, unique per
 * (channel, local date), written in one immediate transaction with the pick; a slot past its grace window is
 * recorded as skipped with the reason, and notices about it are added to `notices`. A scheduled day before the due
 * one that has no row at all, in a channel that had questions before (the bot was offline through it), is recorded and
 * announced the same way.
 */
export async function claimDuePosts(now: Date, deps: Deps, notices: Routed[] = []): Promise<PostRecord[]> {
  const claimed: PostRecord[] = [];
  const dues = (await deps.store.daily.schedules.active()).flatMap((schedule) => {
    const due = dueAt(schedule, now, schedule.updatedAt);
    return due.kind === 'none' ? [] : [{ schedule, due }];
  });
  // Most of a tick's schedules had their day long ago: one query finds them, instead of one per channel.
  const taken = await deps.store.daily.posts.daysTaken(
    dues.map(({ schedule, due }) => ({ channelId: schedule.channelId, localDate: due.slot.localDate })),
  );
  for (const { schedule, due } of dues) {
    try {
      if (taken.has(dayKey(schedule.channelId, due.slot.localDate))) continue;
      if (due.kind === 'missed') {
        await recordOfflineSkip(schedule, due.slot, now, deps, notices, false);
        continue;
      }
      const previous = latestSlot(schedule, new Date(due.slot.at.getTime() - 1));
      const ranBefore = (await deps.store.daily.posts.recent(schedule.channelId, 1)).length > 0;
      if (previous && ranBefore && previous.at.getTime() >= schedule.updatedAt.getTime()) {
        await recordOfflineSkip(schedule, previous, now, deps, notices, true);
      }
      const post = await claimSlot(schedule, due.slot, now, deps);
      if (post) claimed.push(post);
    } catch (error) {
      deps.log.error({ err: error, scheduleId: schedule.id }, 'claiming the daily post failed');
    }
  }
  return claimed;
}

/** Records a slot nobody posted because no tick came in time, and says so once (the skip row is the guard). */
async function recordOfflineSkip(
  schedule: ScheduleRecord,
  slot: Slot,
  now: Date,
  deps: Deps,
  notices: Routed[],
  postingNow: boolean,
): Promise<void> {
  if (await deps.store.daily.posts.forDate(schedule.channelId, slot.localDate)) return;
  const lateMinutes = Math.floor((now.getTime() - slot.at.getTime()) / MINUTE);
  const reason = offlineReason(schedule.time, lateMinutes, effectiveGraceMinutes(schedule));
  if (!(await deps.store.daily.posts.recordSkip({ ...slotKey(schedule, slot), reason, now }))) return;
  deps.log.info({ channelId: schedule.channelId, localDate: slot.localDate, reason }, 'daily slot skipped');
  notices.push(...(await skippedDayNotices(schedule, { localDate: slot.localDate, reason }, now, deps, postingNow)));
}

function slotKey(schedule: ScheduleRecord, slot: Slot) {
  return { scheduleId: schedule.id, channelId: schedule.channelId, localDate: slot.localDate, slotAt: slot.at };
}

/** Picks the channel's next question and claims the slot with it; undefined when the day is already taken. */
export async function claimSlot(schedule: ScheduleRecord, slot: Slot, now: Date, deps: Deps): Promise<PostRecord | undefined> {
  const { posts } = deps.store.daily;
  return await deps.store.daily.atomically(async () => {
    const pool = questionPool(deps.content, await posts.communityQuestions(schedule.tenantId), schedule);
    const pick = pickQuestion(pool, await posts.history(schedule.channelId), schedule.seed);
    if (!pick) {
      await posts.recordSkip({
        ...slotKey(schedule, slot),
        reason: 'no question matches the schedule’s category and topic',
        now,
      });
      return undefined;
    }
    return await posts.claim({ ...slotKey(schedule, slot), ...pick, now });
  });
}

/**
 * Step two of a tick: hands every claimed post to its platform and marks it sent. A post claimed by a tick that
 * crashed before this step is sent here by the next tick, once: marking sent is a compare-and-set on "claimed".
 * A claim older than its grace window is abandoned (recorded as skipped) instead of posted late.
 */
export async function sendClaimedPosts(now: Date, deps: Deps): Promise<Routed[]> {
  const routed: Routed[] = [];
  for (const post of await deps.store.daily.posts.claimed()) {
    try {
      if (post.retryAt && post.retryAt > now && !(await pastGrace(post, now, deps))) continue;
      const prepared = await prepareHandOver(post, now, deps);
      if (prepared)
        routed.push({
          platform: post.platform,
          tenant: post.tenant,
          message: prepared.message,
          commit: prepared.commit,
          failed: async (error) => await recordFailure(post, error, now, deps),
          dueAt: post.slotAt,
        });
    } catch (error) {
      deps.log.error({ err: error, postId: post.id }, 'sending the daily post failed');
    }
  }
  return routed.sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0));
}

async function pastGrace(post: PostRecord, now: Date, deps: Deps): Promise<boolean> {
  const schedule = await deps.store.daily.schedules.ofChannel(post.channelId);
  return !schedule || (now.getTime() - post.slotAt.getTime()) / MINUTE > effectiveGraceMinutes(schedule);
}

/**
 * The platform refused a post it was handed: it goes back to "claimed" with the refusal and waits before the next
 * attempt, so a later tick inside the grace window sends the same post (same id and nonce) again.
 */
async function recordFailure(post: PostRecord, error: unknown, now: Date, deps: Deps): Promise<void> {
  const code = failureCode(error);
  if (code === 'unknown') return; // It may have reached the platform: /daily status flags it as never confirmed.
  const retryAt = new Date(now.getTime() + retryDelayMs(post.failedAttempts + 1));
  const recorded = await deps.store.daily.posts.markFailed(post.id, code, retryAt);
  deps.log.warn(
    { err: error, postId: post.id, channelId: post.channelId, code, attempts: post.failedAttempts + 1, retryAt, recorded },
    'daily post refused by the platform; it is retried',
  );
}

/**
 * Builds the post's message and the step that marks it sent, to be run right before it goes to the platform;
 * undefined when the post was abandoned.
 */
async function prepareHandOver(
  post: PostRecord,
  now: Date,
  deps: Deps,
): Promise<{ message: PostMessage; commit: () => Promise<boolean> } | undefined> {
  const { posts, schedules } = deps.store.daily;
  const schedule = await schedules.ofChannel(post.channelId);
  if (!schedule || schedule.status === 'stopped') {
    await posts.abandon(post.id, 'the schedule was stopped before the post went out');
    return undefined;
  }
  const lateMinutes = (now.getTime() - post.slotAt.getTime()) / MINUTE;
  if (lateMinutes > effectiveGraceMinutes(schedule)) {
    const reason = post.failureCode
      ? `the platform refused it ${post.failedAttempts === 1 ? 'once' : `${post.failedAttempts} times`} within the ${effectiveGraceMinutes(schedule)}-minute grace window: ${explainFailure(post.failureCode).problem}`
      : `claimed but not handed to the platform within the ${effectiveGraceMinutes(schedule)}-minute grace window`;
    await posts.abandon(post.id, reason);
    return undefined;
  }
  const question = post.questionId ? await resolveQuestion(post.questionId, post.tenantId, deps.content, posts) : undefined;
  if (!question) {
    await posts.abandon(post.id, 'its question no longer exists');
    return undefined;
  }
  // The deadline belongs to the slot, not to the moment a (possibly late) tick hands the post over.
  const closesAt = new Date(post.slotAt.getTime() + schedule.answerMinutes * MINUTE);
  const message = dailyPostMessage(post, question, schedule.timezone, closesAt);
  return { message, commit: () => posts.markSent(post.id, now, closesAt) };
}

/** Builds the post's message and marks it sent; undefined when it was abandoned or another tick sent it. */
export async function handOver(post: PostRecord, now: Date, deps: Deps): Promise<PostMessage | undefined> {
  const prepared = await prepareHandOver(post, now, deps);
  return prepared && (await prepared.commit()) ? prepared.message : undefined;
}

/** True when the platform's adapter recorded where the post landed. */
export async function isConfirmed(post: PostRecord, deps: Deps): Promise<boolean> {
  return (await deps.store.deliveries.find({ entity: 'daily_post', id: post.id })) !== undefined;
}

/**
 * The same post again (same id and nonce) for a sent post the platform never confirmed; an admin's deliberate
 * recovery after an adapter failure, never done automatically.
 */
export async function resendUnconfirmed(post: PostRecord, deps: Deps): Promise<PostMessage | undefined> {
  const schedule = await deps.store.daily.schedules.ofChannel(post.channelId);
  if (post.status !== 'sent' || !post.closesAt || !schedule || post.closedAt || (await isConfirmed(post, deps))) return undefined;
  const question = post.questionId
    ? await resolveQuestion(post.questionId, post.tenantId, deps.content, deps.store.daily.posts)
    : undefined;
  return question ? dailyPostMessage(post, question, schedule.timezone, post.closesAt) : undefined;
}
