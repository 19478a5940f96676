import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { command, rich } from '../rich-text.js';
import { plural } from '../text.js';
import type { Message, RefreshMessage } from '../view.js';
import { findSubmission } from './lookup.js';
import type { Submission } from './ports.js';
import { quotedText, voteButton } from './views.js';

/** The question a vote for `id` lands on: a merged question's votes go to the question it was merged into. */
async function voteTarget(deps: Deps, tenantId: number, id: number): Promise<Submission> {
  let submission = await findSubmission(deps, tenantId, id);
  for (let hops = 0; submission.status === 'merged' && submission.mergedInto !== undefined && hops < 10; hops++) {
    submission = await findSubmission(deps, tenantId, submission.mergedInto);
  }
  return submission;
}

/** An upvote for a waiting or approved question, one per person, never for one's own. */
export async function voteFor(invocation: Invocation, deps: Deps, id: number): Promise<Message[]> {
  return await deps.store.stream.atomically(async () => {
    const seen = await deps.store.directory.touch(invocation);
    const submission = await voteTarget(deps, seen.tenantId, id);
    if (submission.status === 'rejected') {
      throw new UserError('vote-rejected', `Question #${submission.id} was not accepted, so it takes no votes.`);
    }
    if (submission.author?.userId === seen.userId) {
      throw new UserError('vote-own', 'You cannot vote for your own question; your asking it already counts.');
    }
    if (!(await deps.store.stream.addVote(submission.id, seen.userId, invocation.now))) {
      throw new UserError(
        'vote-twice',
        rich(
          `You have already voted for question #${submission.id}; `,
          command(`stream unvote id:${submission.id}`),
          ' takes it back.',
        ),
      );
    }
    const votes = submission.votes + 1;
    const redirected = submission.id !== id ? ` (#${id} was merged into it)` : '';
    return [
      {
        kind: 'reply',
        view: {
          text: rich(`Your vote for ${quotedText(submission)}${redirected} is in: ${plural(votes, 'vote')} now.`),
          actions: [voteButton({ id: submission.id, votes })],
          tone: 'success',
          ephemeral: true,
        },
      },
      boardRefresh(submission.sessionId),
    ];
  });
}

/** Withdraws one's vote (from the question it landed on, after a merge). */
export async function withdrawVote(invocation: Invocation, deps: Deps, id: number): Promise<Message[]> {
  return await deps.store.stream.atomically(async () => {
    const seen = await deps.store.directory.touch(invocation);
    const submission = await voteTarget(deps, seen.tenantId, id);
    if (!(await deps.store.stream.removeVote(submission.id, seen.userId))) {
      throw new UserError('unvote-none', `You have no vote on question #${submission.id} to take back.`);
    }
    const votes = Math.max(0, submission.votes - 1);
    return [
      {
        kind: 'reply',
        view: {
          text: rich(`Your vote for ${quotedText(submission)} is withdrawn: ${plural(votes, 'vote')} now.`),
          tone: 'success',
          ephemeral: true,
        },
      },
      boardRefresh(submission.sessionId),
    ];
  });
}

/** Asks the adapters to bring the session's board up to date (coalesced with other changes). */
export function boardRefresh(sessionId: number): RefreshMessage {
  return { kind: 'refresh', target: { entity: 'stream_session', id: sessionId } };
}
