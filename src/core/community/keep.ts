import type { PostRecord } from '../daily/ports.js';
import type { Deps } from '../deps.js';
import { catalogQuestion } from './catalog.js';
import { type Standing, standingAnswer } from './standing.js';

/** What closing a post did to its question's community answer. */
export interface KeptAnswers {
  questionId: string;
  ref: string;
  kept: number;
  standing: Standing | undefined;
  /** True when the standing answer comes from this post. */
  fromThisPost: boolean;
}

/**
 * Keeps every answer of a post that is closing as a candidate for its question's community answer. Safe to run
 * twice for the same post. Undefined when the post had no question.
 */
export async function keepCommunityAnswers(post: PostRecord, now: Date, deps: Deps): Promise<KeptAnswers | undefined> {
  if (post.questionId === null) return undefined;
  const questionId = post.questionId;
  const kept = await deps.store.community.keep(
    (await deps.store.daily.answers.ofPost(post.id)).map((answer) => ({
      tenantId: post.tenantId,
      questionId,
      answerId: answer.id,
      postId: post.id,
      userId: answer.userId,
      text: answer.text,
      votes: answer.votes,
      markedBest: answer.best,
      answeredAt: answer.updatedAt,
    })),
    now,
  );
  const question = await catalogQuestion(deps, post.tenantId, questionId);
  const standing = standingAnswer(await deps.store.community.ofQuestion(post.tenantId, questionId), question);
  return {
    questionId,
    ref: question?.ref ?? questionId,
    kept,
    standing,
    fromThisPost: standing?.answer.postId === post.id,
  };
}
