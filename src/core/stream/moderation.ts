import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { requireRoleIn } from '../moderators/role-in.js';
import type { Seen } from '../ports.js';
import { command, quote, type RichPart, rich } from '../rich-text.js';
import { plural } from '../text.js';
import type { Message } from '../view.js';
import { approvalWarning } from './approve-warning.js';
import { canonicalCategory, resolveTopic } from './classify.js';
import { findSubmission } from './lookup.js';
import type { ModerationRecord, Submission, SubmissionPatch } from './ports.js';
import { checkQuestionText } from './question-text.js';
import { matchingKey } from './similarity.js';
import { quotedText } from './views.js';
import { boardRefresh } from './vote.js';

export const REASON_MAX = 300;

/** A topic left empty or given as "none" removes the question's topic. */
const NO_TOPIC = /^\s*(?:-|none|no topic)?\s*$/i;

interface Context {
  invocation: Invocation;
  deps: Deps;
  seen: Seen;
  submission: Submission;
}

/** Loads the submission, runs one moderation step and records it, all in one transaction; the board follows. */
async function moderate(
  invocation: Invocation,
  deps: Deps,
  id: number,
  step: (context: Context) => Promise<Message[]>,
): Promise<Message[]> {
  return await deps.store.stream.atomically(async () => {
    const seen = await deps.store.directory.touch(invocation);
    const submission = await findSubmission(deps, seen.tenantId, id);
    const session = await deps.store.stream.session(seen.tenantId, submission.sessionId);
    if (session) requireRoleIn(invocation, session.channel, 'moderator');
    return [...(await step({ invocation, deps, seen, submission })), boardRefresh(submission.sessionId)];
  });
}

/** A question posted on its own by an earlier version of the bot: once rejected or merged, its post says so. */
async function retireOwnPost(deps: Deps, submission: Submission, why: string): Promise<Message[]> {
  const target = { entity: 'submission' as const, id: submission.id };
  if (!(await deps.store.deliveries.find(target))) return [];
  return [{ kind: 'edit', target, view: { title: `Question #${submission.id}`, text: rich(why), ephemeral: false } }];
}

async function record(context: Context, action: ModerationRecord['action'], detail: Record<string, unknown>): Promise<void> {
  await context.deps.store.stream.recordAction({
    tenantId: context.seen.tenantId,
    submissionId: context.submission.id,
    moderatorId: context.seen.userId,
    action,
    detail,
    at: context.invocation.now,
  });
}

async function update(context: Context, patch: SubmissionPatch): Promise<void> {
  await context.deps.store.stream.updateSubmission(context.submission.id, patch, context.invocation.now);
}

/** A plain sentence (a text node) as a private success reply. */
const done = (...text: RichPart[]): Message => ({
  kind: 'reply',
  view: { text: rich(...text), tone: 'success', ephemeral: true },
});

function refuseUnless(submission: Submission, allowed: Submission['status'][], action: string): void {
  if (allowed.includes(submission.status)) return;
  const state =
    submission.status === 'merged' && submission.mergedInto !== undefined
      ? `merged into #${submission.mergedInto}`
      : submission.status;
  throw new UserError('wrong-state', `Question #${submission.id} is ${state}, so it cannot be ${action}.`);
}

function authorName(submission: Submission): string {
  return submission.author ? submission.author.name : 'its former author';
}

/** Approves a question; +2 points for its author (once, however often it is approved). */
async function approveStep(context: Context): Promise<string> {
  const { submission, invocation, deps, seen } = context;
  await update(context, { status: 'approved', approvedAt: invocation.now, rejectReason: null });
  await record(context, 'approve', { from: submission.status });
  if (submission.author) {
    await deps.store.scores.award({
      tenantId: seen.tenantId,
      userId: submission.author.userId,
      reason: 'submission-approved',
      source: `submission:${submission.id}`,
      at: invocation.now,
    });
  }
  return `Approved ${quotedText(submission)}; +2 points for ${authorName(submission)}.`;
}

/** Approves a question; one close to a book or approved question needs `anyway` after a warning. */
export async function approve(invocation: Invocation, deps: Deps, id: number, anyway = false): Promise<Message[]> {
  return await moderate(invocation, deps, id, async (context) => {
    refuseUnless(context.submission, ['pending', 'rejected'], 'approved');
    const warning = anyway ? undefined : await approvalWarning(deps.store.stream, deps.content, context.submission);
    if (warning) return [warning];
    return [done(await approveStep(context))];
  });
}

export async function reject(invocation: Invocation, deps: Deps, id: number, reason: string | undefined): Promise<Message[]> {
  const cleanReason = reason?.replace(/\s+/g, ' ').trim() || undefined;
  if (cleanReason && cleanReason.length > REASON_MAX) {
    throw new UserError('reason-long', `A reason can have at most ${REASON_MAX} characters.`);
  }
  return await moderate(invocation, deps, id, async (context) => {
    const { submission } = context;
    refuseUnless(submission, ['pending', 'approved'], 'rejected');
    await update(context, { status: 'rejected', rejectReason: cleanReason ?? null, approvedAt: null });
    await record(context, 'reject', { from: submission.status, ...(cleanReason ? { reason: cleanReason } : {}) });
    if (submission.status === 'approved' && submission.author) {
      await deps.store.scores.revoke(submission.author.userId, 'submission-approved', `submission:${submission.id}`);
    }
    const notify = cleanReason !== undefined && submission.author !== undefined;
    const messages: Message[] = [
      done(`Rejected ${quotedText(submission)}.${notify ? ' The reason was sent privately to its author.' : ''}`),
      ...(await retireOwnPost(deps, submission, 'The moderators removed this question.')),
    ];
    if (notify && submission.author) {
      messages.push({
        kind: 'dm',
        user: submission.author.externalId,
        view: {
          title: 'About your question',
          text: rich(`Your question ${quotedText(submission)} was not added to the list.`, quote(cleanReason ?? '')),
          footer: 'Thank you for asking; you are welcome to send another one.',
          ephemeral: false,
        },
      });
    }
    return messages;
  });
}

export async function edit(
  invocation: Invocation,
  deps: Deps,
  id: number,
  changes: { text?: string; category?: string; topic?: string },
): Promise<Message[]> {
  if (changes.text === undefined && changes.category === undefined && changes.topic === undefined) {
    throw new UserError('edit-nothing', 'Say what to change: text, category or topic.');
  }
  const text = changes.text === undefined ? undefined : checkQuestionText(changes.text);
  const category = changes.category === undefined ? undefined : (canonicalCategory(changes.category, deps.content) ?? null);
  const topic =
    changes.topic === undefined ? undefined : NO_TOPIC.test(changes.topic) ? null : resolveTopic(changes.topic, deps.content);
  return await moderate(invocation, deps, id, async (context) => {
    const { submission } = context;
    refuseUnless(submission, ['pending', 'approved', 'rejected'], 'edited');
    const patch: SubmissionPatch = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (text !== undefined && text !== submission.text) {
      patch.text = text;
      patch.normalized = matchingKey(text);
      before.text = submission.text;
      after.text = text;
    }
    if (category !== undefined && category !== (submission.category ?? null)) {
      patch.category = category;
      before.category = submission.category ?? null;
      after.category = category;
    }
    if (topic !== undefined && topic !== (submission.topic ?? null)) {
      patch.topic = topic;
      before.topic = submission.topic ?? null;
      after.topic = topic;
    }
    if (Object.keys(patch).length === 0) return [done(`Question #${submission.id} already reads like that; nothing changed.`)];
    await update(context, patch);
    await record(context, 'edit', { before, after });
    return [done(`Edited question #${submission.id}: ${Object.keys(after).join(', ')} changed.`)];
  });
}

export async function merge(invocation: Invocation, deps: Deps, id: number, into: number): Promise<Message[]> {
  if (id === into) throw new UserError('merge-self', 'A question cannot be merged into itself.');
  return await moderate(invocation, deps, id, async (context) => {
    const { submission, seen } = context;
    refuseUnless(submission, ['pending', 'approved'], 'merged');
    const target = await findSubmission(deps, seen.tenantId, into);
    if (target.status !== 'pending' && target.status !== 'approved') {
      throw new UserError('merge-target', `Question #${into} is ${target.status}; merge into a waiting or approved question.`);
    }
    await update(context, { status: 'merged', mergedInto: into });
    const votes = await deps.store.stream.moveVotes(submission.id, into, invocation.now);
    await record(context, 'merge', { into, from: submission.status });
    if (submission.status === 'approved' && submission.author) {
      await deps.store.scores.revoke(submission.author.userId, 'submission-approved', `submission:${submission.id}`);
    }
    const session = await deps.store.stream.session(seen.tenantId, submission.sessionId);
    if (session?.highlightedId === submission.id) await deps.store.stream.setHighlight(session.id, into);
    return [
      done(`Merged #${submission.id} into ${quotedText(target)}, which now has ${plural(votes, 'vote')}.`),
      ...(await retireOwnPost(deps, submission, `This question was merged into #${into}; its votes went along.`)),
    ];
  });
}

/** Marks a question answered on stream: approved if it was still waiting, +1 point for its author. */
export async function markAnswered(invocation: Invocation, deps: Deps, id: number): Promise<Message[]> {
  return await moderate(invocation, deps, id, async (context) => {
    const { submission, seen } = context;
    refuseUnless(submission, ['pending', 'approved'], 'marked answered');
    if (submission.answeredAt) throw new UserError('already-answered', `Question #${submission.id} is already answered.`);
    const notes: string[] = [];
    if (submission.status === 'pending') notes.push(await approveStep(context));
    await update(context, { answeredAt: invocation.now });
    await record(context, 'answered', {});
    if (submission.author) {
      await deps.store.scores.award({
        tenantId: seen.tenantId,
        userId: submission.author.userId,
        reason: 'submission-answered',
        source: `submission:${submission.id}`,
        at: invocation.now,
      });
    }
    const session = await deps.store.stream.session(seen.tenantId, submission.sessionId);
    if (session?.highlightedId === submission.id) await deps.store.stream.setHighlight(session.id, null);
    notes.push(`Marked ${quotedText(submission)} answered on stream; +1 point for ${authorName(submission)}.`);
    return [done(notes.join(' '))];
  });
}

export async function highlight(invocation: Invocation, deps: Deps, id: number): Promise<Message[]> {
  return await moderate(invocation, deps, id, async (context) => {
    const { submission, seen } = context;
    refuseUnless(submission, ['pending', 'approved'], 'highlighted');
    const session = await deps.store.stream.session(seen.tenantId, submission.sessionId);
    if (session?.status !== 'open') {
      throw new UserError('session-closed', `The session of question #${submission.id} has ended, so nothing is on stream.`);
    }
    await deps.store.stream.setHighlight(session.id, submission.id);
    await record(context, 'highlight', { sessionId: session.id, previous: session.highlightedId ?? null });
    return [
      done(
        `Highlighted ${quotedText(submission)}; the board shows it as on stream now, and so do `,
        command('stream queue'),
        ' and ',
        command('stream status'),
        '.',
      ),
    ];
  });
}
