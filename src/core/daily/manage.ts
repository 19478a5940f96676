import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { bold, command, lines, list, type RichPart, type RichText, rich } from '../rich-text.js';
import { plural } from '../text.js';
import { type Message, reply, type View } from '../view.js';
import { claimSlot, handOver, isConfirmed, resendUnconfirmed } from './deliver.js';
import { explainFailure } from './delivery-failure.js';
import { dueAt, effectiveGraceMinutes, nextSlot } from './due.js';
import type { PostRecord, ScheduleRecord, ScheduleStatus } from './ports.js';
import { questionPool } from './questions.js';
import { canonicalTimeZone, describeDays, EVERY_DAY, MAX_GRACE_MINUTES, parseDays, parseTime } from './schedule.js';
import { formatLocalDate, localTime, showInstant, showRelative, showTimeOfDay } from './time.js';

interface ScheduleRequest {
  time: string;
  timezone: string;
  days?: string;
  category?: string;
  topic?: string;
  graceMinutes?: number;
}

/** Validates and saves the channel's schedule (replacing an earlier one, keeping its history and scores). */
export async function setSchedule(invocation: Invocation, deps: Deps, request: ScheduleRequest): Promise<View> {
  const time = parseTime(request.time);
  const timezone = canonicalTimeZone(request.timezone);
  const days = request.days === undefined ? EVERY_DAY : parseDays(request.days);
  const category = request.category === undefined ? null : findCategory(deps, request.category);
  const topic = request.topic === undefined ? null : findTopic(deps, request.topic);
  const seen = await deps.store.directory.touch(invocation);
  const pool = questionPool(deps.content, await deps.store.daily.posts.communityQuestions(seen.tenantId), { category, topic });
  if (pool.length === 0) {
    throw new UserError(
      'empty-pool',
      'No question belongs to that category and topic together. Choose one of them, or another pair.',
    );
  }
  const existing = await deps.store.daily.schedules.ofChannel(seen.channelId);
  const schedule = await deps.store.daily.schedules.save({
    channelId: seen.channelId,
    time,
    timezone,
    days,
    category,
    topic,
    graceMinutes: Math.min(request.graceMinutes ?? deps.settings.daily.graceMinutes, MAX_GRACE_MINUTES),
    answerMinutes: deps.settings.daily.answerMinutes,
    seed: Math.floor(deps.random() * 2 ** 31),
    createdBy: seen.userId,
    now: invocation.now,
  });
  const due = dueAt(schedule, invocation.now, schedule.updatedAt);
  const catchUp =
    due.kind === 'due' && !(await deps.store.daily.posts.forDate(schedule.channelId, due.slot.localDate)) ? due.slot : undefined;
  const next = nextSlot(schedule, invocation.now);
  return reply({
    title: existing ? 'Daily question rescheduled' : 'Daily question scheduled',
    text: lines([
      `${describeRule(schedule)}.`,
      `Questions to draw from: ${pool.length}.`,
      ...(catchUp
        ? [
            `The ${schedule.time} question of ${formatLocalDate(catchUp.localDate)} is still within its ${effectiveGraceMinutes(schedule)}-minute catch-up window, so the next tick (within a minute) posts it.`,
          ]
        : []),
      ...(next
        ? [rich('Next question: ', showInstant(next.at, timezone), ' (', showRelative(next.at, invocation.now), ').')]
        : []),
    ]),
    tone: 'success',
  });
}

function findCategory(deps: Deps, value: string): string {
  const category = deps.content.category(value.trim());
  if (!category) {
    const names = deps.content.categories.map((c) => c.id).join(', ');
    throw new UserError('bad-category', rich(`There is no question category "${value}". Categories: ${names}.`));
  }
  return category.id;
}

function findTopic(deps: Deps, value: string): string {
  const wanted = value.trim().toLowerCase();
  const topic = deps.content.topic(wanted) ?? deps.content.index.search(wanted, 1).find((hit) => hit.score >= 3)?.topic;
  if (!topic)
    throw new UserError('bad-topic', rich(`There is no topic "${value}". Try `, command('topic'), ' to find its name.'));
  if (topic.questionIds.length === 0) {
    throw new UserError('bad-topic', rich(`The topic ${topic.title} has no interview questions of its own yet.`));
  }
  return topic.id;
}

function describeRule(schedule: ScheduleRecord): string {
  const filters = [schedule.category ? `category ${schedule.category}` : '', schedule.topic ? `topic ${schedule.topic}` : '']
    .filter(Boolean)
    .join(', ');
  return `${schedule.time} ${schedule.timezone}, ${describeDays(schedule.days)}${filters ? ` (${filters})` : ''}`;
}

async function channelSchedule(invocation: Invocation, deps: Deps): Promise<ScheduleRecord> {
  const channel = await deps.store.directory.findChannel(invocation.platform, invocation.tenant, invocation.channel);
  const schedule = channel ? await deps.store.daily.schedules.ofChannel(channel.channelId) : undefined;
  if (!schedule) {
    throw new UserError(
      'no-schedule',
      'This channel has no daily question schedule.',
      'An admin can set one with /daily schedule.',
    );
  }
  return schedule;
}

const STATUS_WORDS: Record<ScheduleStatus, string> = { active: 'active', paused: 'paused', stopped: 'stopped' };

/** The schedule, the next post time in the reader's clock, and the last days with skipped slots explained. */
export async function showStatus(invocation: Invocation, deps: Deps): Promise<View> {
  const schedule = await channelSchedule(invocation, deps);
  const parts: RichPart[] = [rich(bold('Schedule'), `: ${describeRule(schedule)}, ${STATUS_WORDS[schedule.status]}.`)];
  if (schedule.status === 'active') {
    const due = dueAt(schedule, invocation.now, schedule.updatedAt);
    const pendingToday =
      due.kind === 'due' && !(await deps.store.daily.posts.forDate(schedule.channelId, due.slot.localDate))
        ? due.slot
        : undefined;
    const next = pendingToday ?? nextSlot(schedule, invocation.now);
    if (next) {
      const when = pendingToday ? 'due now' : showRelative(next.at, invocation.now);
      parts.push(rich(bold('Next question'), ': ', showInstant(next.at, schedule.timezone), ' (', when, ').'));
    }
  } else {
    parts.push(`No questions are posted while the schedule is ${STATUS_WORDS[schedule.status]}.`);
  }
  parts.push(
    rich(
      bold('Catch-up window'),
      `: ${plural(effectiveGraceMinutes(schedule), 'minute')} · `,
      bold('answers open'),
      `: ${plural(Math.round(schedule.answerMinutes / 60), 'hour')}.`,
    ),
  );
  const recent = await deps.store.daily.posts.recent(schedule.channelId, 7);
  if (recent.length > 0) {
    const days = await Promise.all(recent.map((post) => describePost(post, schedule, deps)));
    parts.push('', rich(bold('Recent days'), list(days)));
  }
  return reply({ title: 'Daily question', text: lines(parts), ephemeral: true });
}

async function describePost(post: PostRecord, schedule: ScheduleRecord, deps: Deps): Promise<RichText> {
  const day = formatLocalDate(post.localDate);
  const fix = post.failureCode ? rich(' Fix: ', explainFailure(post.failureCode).fix, '.') : '';
  if (post.status === 'skipped') return rich(`${day}: skipped, ${post.skipReason ?? 'no reason recorded'}.`, fix);
  if (post.status === 'claimed' && post.failureCode) {
    const retry = post.retryAt ? rich(' Next try at ', showTimeOfDay(post.retryAt, schedule.timezone), '.') : '';
    return rich(
      `${day}: delivery failed ${plural(post.failedAttempts, 'time')}, ${explainFailure(post.failureCode).problem}.`,
      fix,
      retry,
    );
  }
  if (post.status === 'claimed') return rich(`${day}: claimed, waiting to be handed to the platform.`);
  const answers = (await deps.store.daily.answers.ofPost(post.id)).length;
  const sent = post.sentAt ? rich('at ', showTimeOfDay(post.sentAt, schedule.timezone)) : 'at an unknown time';
  const unconfirmed = (await isConfirmed(post, deps))
    ? ''
    : rich(' (the platform never confirmed it; ', command('daily now'), ' sends it again)');
  return rich(`${day}: posted `, sent, unconfirmed, `, ${plural(answers, 'answer')}${post.closedAt ? ', closed' : ', open'}.`);
}

/** Pause, resume or stop; resuming owes nothing for the days it was paused. */
export async function changeStatus(invocation: Invocation, deps: Deps, status: ScheduleStatus): Promise<View> {
  const schedule = await channelSchedule(invocation, deps);
  if (schedule.status === status) {
    throw new UserError('same-status', `The daily question is already ${STATUS_WORDS[status]} here.`);
  }
  await deps.store.daily.schedules.setStatus(schedule.channelId, status, invocation.now);
  const text = {
    active: (() => {
      const next = nextSlot(schedule, invocation.now);
      return rich(
        'The daily question is back on. Next: ',
        next ? rich(showInstant(next.at, schedule.timezone), ' (', showRelative(next.at, invocation.now), ')') : 'not scheduled',
        '.',
      );
    })(),
    paused: rich('The daily question is paused. Resume it with ', command('daily resume'), '.'),
    stopped: rich(
      'The daily question is stopped. Its past questions, answers and points are kept; ',
      command('daily schedule'),
      ' starts it again.',
    ),
  }[status];
  return reply({ text, tone: 'success' });
}

/** Posts today's question at once, unless today's was already posted. */
export async function postNow(invocation: Invocation, deps: Deps): Promise<Message[]> {
  const schedule = await channelSchedule(invocation, deps);
  if (schedule.status === 'stopped') {
    throw new UserError(
      'stopped',
      rich('The daily question is stopped here; set a schedule with ', command('daily schedule'), ' first.'),
    );
  }
  const today = localTime(invocation.now, schedule.timezone).date;
  const existing = await deps.store.daily.posts.forDate(schedule.channelId, today);
  const unconfirmed = existing ? await resendUnconfirmed(existing, deps) : undefined;
  if (unconfirmed) {
    const text = rich("Today's question was handed over but the platform never confirmed it; it is sent again.");
    return [{ kind: 'reply', view: reply({ text, tone: 'warning', ephemeral: true }) }, unconfirmed];
  }
  if (existing?.status === 'sent') {
    const when = existing.sentAt ? rich(' at ', showTimeOfDay(existing.sentAt, schedule.timezone)) : '';
    throw new UserError('already-posted', rich("Today's question was already posted", when, '.'));
  }
  const claimToday = async () => await claimSlot(schedule, { localDate: today, at: invocation.now }, invocation.now, deps);
  let message = existing?.status === 'claimed' ? await handOver(existing, invocation.now, deps) : undefined;
  if (!message) {
    // A stale claim is abandoned by handOver (it becomes a skipped day), and a skipped day can be claimed again.
    const post = await claimToday();
    message = post ? await handOver(post, invocation.now, deps) : undefined;
  }
  if (!message) {
    throw new UserError('not-posted', rich("Today's question could not be posted; ", command('daily status'), ' shows why.'));
  }
  return [
    { kind: 'reply', view: reply({ text: rich("Posting today's question now."), tone: 'success', ephemeral: true }) },
    message,
  ];
}
