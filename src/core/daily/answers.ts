import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { POINTS } from '../scores/ports.js';
import { escapeMarkdown, plural } from '../text.js';
import { type Message, reply, type View } from '../view.js';
import { nextSlot } from './due.js';
import type { AnswerRecord, PostRecord } from './ports.js';
import { answerAction, answerThreadMessage, hintAction, questionText, topicLine } from './post-view.js';
import { resolveQuestion } from './questions.js';
import { formatInstant } from './time.js';

/** Most upvotes that earn the author a point, per answer. */
export const MAX_UPVOTE_POINTS = 3;

/** The ledger source of the n-th upvote point of an answer ("vote:12#2"). */
export function upvoteSource(answerId: number, place: number): string {
  return `vote:${answerId}#${place}`;
}

function sameTenant(post: PostRecord, invocation: Invocation): boolean {
  return post.platform === invocation.platform && post.tenant === invocation.tenant;
}

/**
 * The post an answer, hint or vote is about: the one named by id, or else the newest question posted in the
 * invocation's channel.
 */
export function findPost(invocation: Invocation, deps: Deps, postId: number | undefined): PostRecord {
  const { posts } = deps.store.daily;
  if (postId !== undefined) {
    const post = posts.byId(postId);
    if (post?.status !== 'sent' || !sameTenant(post, invocation)) {
      throw new UserError('no-post', `There is no daily question number ${postId} here.`);
    }
    return post;
  }
  const channel = deps.store.directory.findChannel(invocation.platform, invocation.tenant, invocation.channel);
  const latest = channel ? posts.latestSent(channel.channelId) : undefined;
  if (!latest) {
    throw new UserError(
      'no-post',
      'There is no daily question in this channel yet.',
      'An admin can start one with /daily schedule.',
    );
  }
  return latest;
}

function isOpen(post: PostRecord): boolean {
  return post.status === 'sent' && post.closedAt === null;
}

/** "This question closed ... The next one comes ..." */
export function closedMessage(post: PostRecord, now: Date, deps: Deps): string {
  const schedule = deps.store.daily.schedules.ofChannel(post.channelId);
  const zone = schedule?.timezone ?? 'UTC';
  const closed = post.closedAt ?? post.closesAt;
  const when = closed ? ` on ${formatInstant(closed, zone)}` : '';
  const next = schedule && schedule.status === 'active' ? nextSlot(schedule, now) : undefined;
  const upcoming = next ? `The next one comes ${formatInstant(next.at, zone)}.` : 'No next question is scheduled.';
  return `This question closed${when}. ${upcoming}`;
}

/** Saves (or replaces) the caller's answer, gives the answer point once, and shows the answer in the thread. */
export function submitAnswer(invocation: Invocation, deps: Deps, text: string, postId: number | undefined): Message[] {
  const post = findPost(invocation, deps, postId);
  if (!isOpen(post)) throw new UserError('closed', closedMessage(post, invocation.now, deps));
  const seen = deps.store.directory.touch(invocation);
  const { answer, replaced, awarded } = deps.store.daily.atomically(() => {
    const saved = deps.store.daily.answers.save(post.id, seen.userId, text, invocation.now);
    const gotPoint = deps.store.scores.award({
      tenantId: post.tenantId,
      userId: seen.userId,
      channelId: post.channelId,
      reason: 'answer',
      source: `answer:${saved.answer.id}`,
      at: invocation.now,
    });
    return { ...saved, awarded: gotPoint };
  });
  const confirmation = replaced
    ? 'Your new answer replaced your earlier one.'
    : `Your answer is saved${awarded ? ` (+${plural(POINTS.answer, 'point')})` : ''}.`;
  return [
    { kind: 'reply', view: reply({ text: confirmation, tone: 'success', ephemeral: true }) },
    answerThreadMessage(post, answer, replaced),
  ];
}

function findAnswer(invocation: Invocation, deps: Deps, answerId: number): { answer: AnswerRecord; post: PostRecord } {
  const answer = deps.store.daily.answers.byId(answerId);
  const post = answer ? deps.store.daily.posts.byId(answer.postId) : undefined;
  if (!answer || !post || !sameTenant(post, invocation)) {
    throw new UserError('no-answer', `There is no answer number ${answerId} here.`);
  }
  return { answer, post };
}

/** One upvote per member per answer, never for one's own; the author earns a point for each of the first three. */
export function voteFor(invocation: Invocation, deps: Deps, answerId: number): View {
  const { answer, post } = findAnswer(invocation, deps, answerId);
  const seen = deps.store.directory.touch(invocation);
  if (answer.userId === seen.userId) throw new UserError('own-answer', 'You cannot upvote your own answer.');
  if (!isOpen(post)) throw new UserError('closed', 'This question is closed, so votes no longer count.');
  const counted = deps.store.daily.atomically(() => {
    if (!deps.store.daily.answers.vote(answer.id, seen.userId, invocation.now)) return undefined;
    const votes = deps.store.daily.answers.byId(answer.id)?.votes ?? 0;
    if (votes > MAX_UPVOTE_POINTS) return false;
    // The source names the vote's place, not the voter: the cap holds by the ledger's unique key and an erased
    // voter leaves nothing behind in the author's points.
    return deps.store.scores.award({
      tenantId: post.tenantId,
      userId: answer.userId,
      channelId: post.channelId,
      reason: 'upvote',
      source: upvoteSource(answer.id, votes),
      at: invocation.now,
    });
  });
  if (counted === undefined) throw new UserError('already-voted', 'You already upvoted this answer; one vote per answer.');
  const author = escapeMarkdown(answer.authorName);
  return reply({
    text: counted
      ? `Your upvote for ${author}'s answer is counted (+1 point for ${author}).`
      : `Your upvote for ${author}'s answer is counted. It already earned the most points upvotes can give.`,
    tone: 'success',
    ephemeral: true,
  });
}

/** A moderator marks an answer best (+3 points to its author); several answers may be best. */
export function markBest(invocation: Invocation, deps: Deps, answerId: number): View {
  const { answer, post } = findAnswer(invocation, deps, answerId);
  const awarded = deps.store.daily.atomically(() => {
    if (!deps.store.daily.answers.markBest(answer.id)) return false;
    deps.store.scores.award({
      tenantId: post.tenantId,
      userId: answer.userId,
      channelId: post.channelId,
      reason: 'best-answer',
      source: `best:${answer.id}`,
      at: invocation.now,
    });
    return true;
  });
  if (!awarded) throw new UserError('already-best', 'This answer is already marked best.');
  return reply({
    text: `**${escapeMarkdown(invocation.user.name)}** marked **${escapeMarkdown(answer.authorName)}**'s answer as best (+${plural(POINTS['best-answer'], 'point')}).`,
    tone: 'success',
  });
}

/** Shows hint `number` of the post's question, with a button for the next one. */
export function showHint(invocation: Invocation, deps: Deps, postId: number | undefined, number: number): View {
  const post = findPost(invocation, deps, postId);
  const question = post.questionId
    ? resolveQuestion(post.questionId, post.tenantId, deps.content, deps.store.daily.posts)
    : undefined;
  if (!question) throw new UserError('no-question', 'The question of this post no longer exists.');
  const topics = topicLine(question);
  const hint = question.hints[number - 1];
  if (!hint) {
    const read = topics ? ` The part of the book to read: ${topics}.` : '';
    const text =
      question.hints.length === 0
        ? `This question has no hints.${read}`
        : `This question has ${plural(question.hints.length, 'hint')}.${read}`;
    return reply({ text, ephemeral: true });
  }
  const actions = number < question.hints.length ? [hintAction(post.id, number + 1)] : [];
  if (isOpen(post)) actions.push(answerAction(post.id));
  return reply({
    title: `Hint ${number} of ${question.hints.length}`,
    text: `${escapeMarkdown(hint)}\n\n*${questionText(question)}*`,
    ...(actions.length > 0 ? { actions } : {}),
    ...(topics ? { footer: `Read: ${topics}` } : {}),
    ephemeral: true,
  });
}
