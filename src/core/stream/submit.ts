import { channelZone } from '../daily/zone.js';
import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { type RichPart, rich } from '../rich-text.js';
import { plural } from '../text.js';
import type { Message } from '../view.js';
import { bookRefusal } from './book-refusal.js';
import { suggestCategory } from './categories.js';
import { canonicalCategory, suggestTopic } from './classify.js';
import { judgeSubmission } from './duplicates.js';
import { findSubmission, openSessionOrFail } from './lookup.js';
import { checkQuestionText } from './question-text.js';
import { checkRate, rateRefusal } from './rate-limit.js';
import { matchingKey } from './similarity.js';
import { quotedText } from './views.js';
import { boardRefresh } from './vote.js';

interface SubmitRequest {
  question: string;
  category?: string | undefined;
  anonymous: boolean;
}

const reply = (text: RichPart): Message => ({ kind: 'reply', view: { text: rich(text), tone: 'success', ephemeral: true } });

/**
 * Takes a viewer's question during a session: checks it, applies the rate limits and judges it against the book and
 * the questions asked before (the book's question is refused with its wording; a repeat becomes a vote for the
 * earlier one; anything else is kept), stores it with a topic and category when they are clear, all in one
 * transaction. The asker hears its number and where it stands; the session's board is refreshed (no channel post
 * per question).
 */
export async function submitQuestion(invocation: Invocation, deps: Deps, request: SubmitRequest): Promise<Message[]> {
  const stream = deps.store.stream;
  return await stream.atomically(async () => {
    const seen = await deps.store.directory.touch(invocation);
    const session = await openSessionOrFail(deps, seen);
    const text = checkQuestionText(request.question);
    const category = canonicalCategory(request.category, deps.content);

    const times = await stream.submissionTimes(session.id, seen.userId);
    const rate = checkRate(times, session.limits, invocation.now);
    if (!rate.allowed)
      throw new UserError(`rate-${rate.limit}`, rateRefusal(rate, invocation.now, await channelZone(deps, seen.channelId)));

    const match = judgeSubmission(text, seen.userId, await stream.matchCandidates(seen.tenantId, session.id), deps.content);
    if (match.kind === 'own') {
      const earlier = await findSubmission(deps, seen.tenantId, match.candidate.id);
      throw new UserError(
        'own-duplicate',
        `You already sent this question as ${quotedText(earlier)}; one is enough, and votes from others will lift it.`,
      );
    }
    if (match.kind === 'book') return [reply(bookRefusal(match.question))];
    if (match.kind === 'community') {
      const added = await stream.addVote(match.candidate.id, seen.userId, invocation.now);
      const target = await findSubmission(deps, seen.tenantId, match.candidate.id);
      return [
        reply(
          added
            ? `This matches question ${quotedText(target)}, so your vote went to it instead (now ${plural(target.votes, 'vote')}).`
            : `This matches question ${quotedText(target)}, which you have already voted for (${plural(target.votes, 'vote')}).`,
        ),
        ...(added ? [boardRefresh(session.id)] : []),
      ];
    }

    const id = await stream.addSubmission({
      tenantId: seen.tenantId,
      sessionId: session.id,
      userId: seen.userId,
      text,
      normalized: matchingKey(text),
      category: category ?? suggestCategory(text, deps.content),
      topic: suggestTopic(text, category, deps.content),
      anonymous: request.anonymous,
      idempotencyKey: invocation.idempotencyKey,
      now: invocation.now,
    });
    const remaining = session.limits.perUserPerSession - times.length - 1;
    const note = remaining <= 3 ? ` You can send ${plural(remaining, 'more question')} in this session.` : '';
    const standing =
      session.moderation === 'post'
        ? 'it is listed on the board now; votes from others lift it into the top 10.'
        : waitingNote(await stream.pendingBefore(session.id, id));
    return [reply(`Thanks! Your question is #${id}: ${standing}${note}`), boardRefresh(session.id)];
  });
}

function waitingNote(ahead: number): string {
  const queue =
    ahead === 0
      ? 'it is next in the review queue'
      : `${plural(ahead, 'question')} ${ahead === 1 ? 'is' : 'are'} ahead of it in the review queue`;
  return `moderators review it before it is listed on the board; ${queue}.`;
}
