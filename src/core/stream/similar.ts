import type { Content } from '../content/content.js';
import type { Question } from '../content/types.js';
import { closestBookQuestion, closestCandidate } from './duplicates.js';
import type { MatchCandidate, StreamPort, Submission } from './ports.js';

/** What a moderator should know before keeping a question: the book or community question it resembles. */
export type Resemblance =
  | { kind: 'book'; question: Question; same: boolean }
  | { kind: 'community'; submission: Submission; same: boolean };

type Stream = Pick<StreamPort, 'matchCandidates' | 'submission'>;

/**
 * The closest question to `submission` among the book's and the community's (approved ones, and waiting ones of its
 * session), leaving itself out; a community question first, since two of those can be merged.
 */
async function resemblance(stream: Stream, content: Content, submission: Submission): Promise<Resemblance | undefined> {
  const community = closestCandidate(
    submission.text,
    await stream.matchCandidates(submission.tenantId, submission.sessionId),
    (candidate) => candidate.id !== submission.id && isLive(candidate),
  );
  if (community) {
    const other = await stream.submission(submission.tenantId, community.candidate.id);
    if (other) return { kind: 'community', submission: other, same: community.same };
  }
  const book = closestBookQuestion(submission.text, content);
  return book && { kind: 'book', question: book.question, same: book.same };
}

/** Like `resemblance`, but only against what is already in the list: the book and approved questions. */
export async function resemblanceToApproved(
  stream: Stream,
  content: Content,
  submission: Submission,
): Promise<Resemblance | undefined> {
  const book = closestBookQuestion(submission.text, content);
  if (book?.same) return { kind: 'book', question: book.question, same: true };
  const community = closestCandidate(
    submission.text,
    await stream.matchCandidates(submission.tenantId, submission.sessionId),
    (candidate) => candidate.id !== submission.id && candidate.status === 'approved',
  );
  const other = community && (await stream.submission(submission.tenantId, community.candidate.id));
  if (community && other && (community.same || !book)) return { kind: 'community', submission: other, same: community.same };
  return book && { kind: 'book', question: book.question, same: false };
}

const isLive = (candidate: MatchCandidate) => candidate.status === 'pending' || candidate.status === 'approved';

/** Resemblances of the questions on a queue page, by submission id. */
export async function resemblances(
  stream: Stream,
  content: Content,
  items: readonly Submission[],
): Promise<Map<number, Resemblance>> {
  const found = new Map<number, Resemblance>();
  for (const item of items) {
    const match = await resemblance(stream, content, item);
    if (match) found.set(item.id, match);
  }
  return found;
}
