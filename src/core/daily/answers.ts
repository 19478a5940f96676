import { formatCommandLine } from '../command-kit/command-line.js';
import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { requireRoleIn } from '../moderators/role-in.js';
import { bold, italic, paragraphs, type RichPart, type RichText, rich } from '../rich-text.js';
import { POINTS } from '../scores/ports.js';
import { plural, trimAtWord } from '../text.js';
import { type Action, type Message, reply, type View } from '../view.js';
import { dueAt, nextSlot } from './due.js';
import type { AnswerRecord, PostRecord } from './ports.js';
import {
  ANSWER_MAX_LENGTH,
  answerAction,
  answerThreadMessage,
  hintAction,
  quoteOf,
  topicLine,
  withContext,
} from './post-view.js';
import { resolveQuestion } from './questions.js';
import { skipReasonText } from './skips.js';
import { formatLocalDate, showInstant, showRelative } from './time.js';

/** Most upvotes that earn the author a point, per answer. */
const MAX_UPVOTE_POINTS = 3;

/** The ledger source of the n-th upvote point of an answer ("vote:12#2"). */
function upvoteSource(answerId: number, place: number): string {
  return `vote:${answerId}#${place}`;
}

function sameTenant(post: PostRecord, invocation: Invocation): boolean {
  return post.platform === invocation.platform && post.tenant === invocation.tenant;
}

/**
 * The post an answer, hint or vote is about: the one named by id, or else the newest question posted in the
 * invocation's channel.
 */
async function findPost(invocation: Invocation, deps: Deps, postId: number | undefined): Promise<PostRecord> {
  const { posts } = deps.store.daily;
  if (postId !== undefined) {
    const post = await posts.byId(postId);
    if (post?.status !== 'sent' || !sameTenant(post, invocation)) {
      throw new UserError('no-post', `There is no daily question number ${postId} here.`);
    }
    return post;
  }
  const channel = await deps.store.directory.findChannel(invocation.platform, invocation.tenant, invocation.channel);
  const latest = channel ? await posts.latestSent(channel.channelId) : undefined;
  if (!latest) {
    throw new UserError(
      'no-post',
      'There is no daily question in this channel yet.',
      'An admin can start one with /daily schedule.',
    );
  }
  return latest;
}

/** Taking answers and votes: sent, not closed, and its deadline (slot + answer window) not reached. */
function isOpen(post: PostRecord, now: Date): boolean {
  return post.status === 'sent' && post.closedAt === null && (post.closesAt === null || post.closesAt.getTime() > now.getTime());
}

/** The last moment answers were taken: the slot plus the answer window, never the time a late tick closed it. */
function deadlineOf(post: PostRecord): Date | undefined {
  return post.closesAt ?? post.closedAt ?? undefined;
}

/** "This question closed ... The next one comes ..." */
async function closedMessage(post: PostRecord, now: Date, deps: Deps): Promise<RichText> {
  const zone = (await deps.store.daily.schedules.ofChannel(post.channelId))?.timezone ?? 'UTC';
  const deadline = deadlineOf(post);
  const closed = rich('This question closed', deadline ? rich(' ', showInstant(deadline, zone)) : '', '.');
  return sentences([closed, ...(await whatHappenedSince(post, now, deps))]);
}

function sentences(parts: readonly RichPart[]): RichText {
  return rich(...parts.flatMap((part, index) => (index === 0 ? [part] : [' ', part])));
}

/** A skipped day after `post` in plain words, and when the next question comes. */
async function whatHappenedSince(post: PostRecord, now: Date, deps: Deps): Promise<RichPart[]> {
  const schedule = await deps.store.daily.schedules.ofChannel(post.channelId);
  const lines: RichPart[] = [];
  const skipped = (await deps.store.daily.posts.recent(post.channelId, 7))
    .filter((day) => day.status === 'skipped' && day.localDate > post.localDate)
    .at(-1);
  if (skipped) lines.push(`The question of ${formatLocalDate(skipped.localDate)} was skipped: ${skipReasonText(skipped)}.`);
  if (schedule?.status !== 'active') {
    lines.push('No next question is scheduled.');
    return lines;
  }
  const due = dueAt(schedule, now, schedule.updatedAt);
  if (due.kind === 'due' && !(await deps.store.daily.posts.forDate(schedule.channelId, due.slot.localDate))) {
    lines.push("Today's question is due and has not been posted yet; it comes with the bot's next check.");
    return lines;
  }
  const next = nextSlot(schedule, now);
  lines.push(
    next
      ? rich('The next one comes ', showInstant(next.at, schedule.timezone), ' (', showRelative(next.at, now), ').')
      : 'No next question is scheduled.',
  );
  return lines;
}

/** The post's question in quotes, shortened, for naming it in a sentence. */
export async function shortQuestion(post: PostRecord, deps: Deps): Promise<string> {
  const question = post.questionId
    ? await resolveQuestion(post.questionId, post.tenantId, deps.content, deps.store.daily.posts)
    : undefined;
  return question ? `'${trimAtWord(withContext(question), 90)}'` : `question ${post.id}`;
}

/** The post of the thread the command was typed in, when it is a daily question's thread. */
async function threadPost(invocation: Invocation, deps: Deps): Promise<PostRecord | undefined> {
  if (!invocation.thread) return undefined;
  const tracked = await deps.store.deliveries.findByThread(invocation.platform, invocation.thread);
  const post = tracked?.entity === 'daily_post' ? await deps.store.daily.posts.byId(tracked.id) : undefined;
  return post && sameTenant(post, invocation) ? post : undefined;
}

/** Which question an answer is for: the one named, the thread's, or the channel's only open one. */
async function answerTarget(invocation: Invocation, deps: Deps, postId: number | undefined): Promise<PostRecord | PostRecord[]> {
  if (postId !== undefined) return await findPost(invocation, deps, postId);
  const inThread = await threadPost(invocation, deps);
  if (inThread) return inThread;
  const latest = await findPost(invocation, deps, undefined);
  const open = await deps.store.daily.posts.openIn(latest.channelId, invocation.now);
  if (open.length === 0) {
    const deadline = deadlineOf(latest);
    const zone = (await deps.store.daily.schedules.ofChannel(latest.channelId))?.timezone ?? 'UTC';
    const closed = rich(
      `${await shortQuestion(latest, deps)} closed`,
      deadline ? rich(' ', showInstant(deadline, zone)) : '',
      ', so it takes no more answers.',
    );
    throw new UserError('closed', sentences([closed, ...(await whatHappenedSince(latest, invocation.now, deps))]));
  }
  return open.length === 1 ? (open[0] as PostRecord) : open;
}

/** The answer form of `post` under another id and label, with the member's text already filled in. */
function answerForm(post: PostRecord, id: string, label: string, text: string): Action {
  const form = answerAction(post.id);
  const fields = form.fields.map((field) => ({ ...field, value: text.slice(0, ANSWER_MAX_LENGTH) }));
  return { ...form, id, label: trimAtWord(label, 80), fields };
}

/** Two questions are open here: the member picks which one the answer is for. */
async function chooseQuestion(open: PostRecord[], deps: Deps, text: string): Promise<View> {
  return reply({
    title: 'Which question is your answer for?',
    text: rich(
      `${plural(open.length, 'daily question is', 'daily questions are')} open here. Choose the one you are answering; your text is kept in the form.`,
    ),
    actions: await Promise.all(
      open
        .slice(0, 5)
        .map(async (post) =>
          answerForm(
            post,
            formatCommandLine(['answer'], { post: post.id }),
            `${post.localDate}: ${await shortQuestion(post, deps)}`,
            text,
          ),
        ),
    ),
    ephemeral: true,
  });
}

/** Saves the caller's answer to the question they mean, gives the answer point once, and shows it in the thread. */
export async function submitAnswer(
  invocation: Invocation,
  deps: Deps,
  text: string,
  postId: number | undefined,
  confirmedReplace = false,
): Promise<Message[]> {
  const target = await answerTarget(invocation, deps, postId);
  if (Array.isArray(target)) return [{ kind: 'reply', view: await chooseQuestion(target, deps, text) }];
  const post = target;
  if (!isOpen(post, invocation.now)) throw new UserError('closed', await closedMessage(post, invocation.now, deps));
  const seen = await deps.store.directory.touch(invocation);
  const named = await shortQuestion(post, deps);
  const earlier = await deps.store.daily.answers.ofUser(post.id, seen.userId);
  if (earlier && earlier.votes > 0 && earlier.text !== text && !confirmedReplace) {
    return [
      {
        kind: 'reply',
        view: reply({
          title: 'Replace your upvoted answer?',
          text: rich(
            `Your answer to ${named} has ${plural(earlier.votes, 'upvote')}. Votes belong to the text people voted for, so replacing it clears them (the points they gave you stay). Nothing was changed yet.`,
          ),
          actions: [answerForm(post, formatCommandLine(['answer'], { post: post.id, replace: true }), 'Replace it', text)],
          tone: 'warning',
          ephemeral: true,
        }),
      },
    ];
  }
  const { answer, replaced, awarded, cleared } = await deps.store.daily.atomically(async () => {
    const before = await deps.store.daily.answers.ofUser(post.id, seen.userId);
    const saved = await deps.store.daily.answers.save(post.id, seen.userId, text, invocation.now);
    const clearVotes = before !== undefined && before.votes > 0 && before.text !== text;
    if (clearVotes) await deps.store.daily.answers.clearVotes(saved.answer.id);
    const gotPoint = await deps.store.scores.award({
      tenantId: post.tenantId,
      userId: seen.userId,
      channelId: post.channelId,
      reason: 'answer',
      source: `answer:${saved.answer.id}`,
      at: invocation.now,
    });
    return {
      ...saved,
      answer: { ...saved.answer, votes: clearVotes ? 0 : saved.answer.votes },
      awarded: gotPoint,
      cleared: clearVotes ? (before?.votes ?? 0) : 0,
    };
  });
  const confirmation = replaced
    ? `Replaced your answer to ${named}.${cleared > 0 ? ` Its ${plural(cleared, 'upvote')} for the earlier text ${cleared === 1 ? 'was' : 'were'} cleared.` : ''}`
    : `Saved your answer to ${named}${awarded ? ` (+${plural(POINTS.answer, 'point')})` : ''}.`;
  return [
    { kind: 'reply', view: reply({ text: rich(confirmation), tone: 'success', ephemeral: true }) },
    answerThreadMessage(post, answer, replaced),
  ];
}

async function findAnswer(
  invocation: Invocation,
  deps: Deps,
  answerId: number,
): Promise<{ answer: AnswerRecord; post: PostRecord }> {
  const answer = await deps.store.daily.answers.byId(answerId);
  const post = answer ? await deps.store.daily.posts.byId(answer.postId) : undefined;
  if (!answer || !post || !sameTenant(post, invocation)) {
    throw new UserError('no-answer', `There is no answer number ${answerId} here.`);
  }
  return { answer, post };
}

/** One upvote per member per answer, never for one's own; the author earns a point for each of the first three. */
export async function voteFor(invocation: Invocation, deps: Deps, answerId: number): Promise<View> {
  const { answer, post } = await findAnswer(invocation, deps, answerId);
  const seen = await deps.store.directory.touch(invocation);
  if (answer.userId === seen.userId) throw new UserError('own-answer', 'You cannot upvote your own answer.');
  if (!isOpen(post, invocation.now)) throw new UserError('closed', 'This question is closed, so votes no longer count.');
  const counted = await deps.store.daily.atomically(async () => {
    if (!(await deps.store.daily.answers.vote(answer.id, seen.userId, invocation.now))) return undefined;
    const votes = (await deps.store.daily.answers.byId(answer.id))?.votes ?? 0;
    if (votes > MAX_UPVOTE_POINTS) return false;
    // The source names the vote's place, not the voter: the cap holds by the ledger's unique key and an erased
    // voter leaves nothing behind in the author's points.
    return await deps.store.scores.award({
      tenantId: post.tenantId,
      userId: answer.userId,
      channelId: post.channelId,
      reason: 'upvote',
      source: upvoteSource(answer.id, votes),
      at: invocation.now,
    });
  });
  if (counted === undefined) throw new UserError('already-voted', 'You already upvoted this answer; one vote per answer.');
  const author = answer.authorName;
  return reply({
    text: rich(
      counted
        ? `Your upvote for ${author}'s answer is counted (+1 point for ${author}).`
        : `Your upvote for ${author}'s answer is counted. It already earned the most points upvotes can give.`,
    ),
    tone: 'success',
    ephemeral: true,
  });
}

/**
 * A moderator marks someone else's answer best (+3 points to its author, who is told); several answers may be best.
 * One marked after the recap shows in the channel's next recap.
 */
export async function markBest(invocation: Invocation, deps: Deps, answerId: number): Promise<Message[]> {
  const { answer, post } = await findAnswer(invocation, deps, answerId);
  requireRoleIn(invocation, post.channel, 'moderator');
  if (answer.authorId === invocation.user.id) {
    throw new UserError('own-answer', 'You cannot mark your own answer best; another moderator can.');
  }
  const awarded = await deps.store.daily.atomically(async () => {
    if (!(await deps.store.daily.answers.markBest(answer.id, invocation.now))) return false;
    await deps.store.scores.award({
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
  const points = plural(POINTS['best-answer'], 'point');
  const later = post.closedAt ? ' It will be in the next recap.' : '';
  return [
    {
      kind: 'reply',
      view: reply({
        text: rich(bold(invocation.user.name), ' marked ', bold(answer.authorName), `'s answer as best (+${points}).${later}`),
        tone: 'success',
      }),
    },
    {
      kind: 'dm',
      user: answer.authorId,
      view: reply({
        title: 'Your answer was marked best',
        text: rich(
          bold(invocation.user.name),
          ` marked your answer to ${await shortQuestion(post, deps)} as best: +${points}.`,
          quoteOf(answer.text),
        ),
        tone: 'success',
      }),
    },
  ];
}

/** Shows hint `number` of the post's question, with a button for the next one. */
export async function showHint(invocation: Invocation, deps: Deps, postId: number | undefined, number: number): Promise<View> {
  const post = await findPost(invocation, deps, postId);
  const question = post.questionId
    ? await resolveQuestion(post.questionId, post.tenantId, deps.content, deps.store.daily.posts)
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
    return reply({ text: rich(text), ephemeral: true });
  }
  const actions = number < question.hints.length ? [hintAction(post.id, number + 1)] : [];
  if (isOpen(post, invocation.now)) actions.push(answerAction(post.id));
  return reply({
    title: `Hint ${number} of ${question.hints.length}`,
    text: paragraphs([hint, italic(withContext(question))]),
    ...(actions.length > 0 ? { actions } : {}),
    ...(topics ? { footer: `Read: ${topics}` } : {}),
    ephemeral: true,
  });
}
