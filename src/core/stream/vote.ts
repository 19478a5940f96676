import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { plural } from '../text.js';
import type { Message } from '../view.js';
import { findSubmission } from './lookup.js';
import type { Submission } from './ports.js';
import { quoted, submissionPostView, voteButton } from './views.js';

/** An upvote for a waiting or approved question; a vote for a merged one goes to the question it was merged into. */
export function voteFor(invocation: Invocation, deps: Deps, id: number): Message[] {
  return deps.store.stream.atomically(() => {
    const seen = deps.store.directory.touch(invocation);
    let submission = findSubmission(deps, seen.tenantId, id);
    for (let hops = 0; submission.status === 'merged' && submission.mergedInto !== undefined && hops < 10; hops++) {
      submission = findSubmission(deps, seen.tenantId, submission.mergedInto);
    }
    if (submission.status === 'rejected') {
      throw new UserError('vote-rejected', `Question #${submission.id} was not accepted, so it takes no votes.`);
    }
    if (submission.author?.userId === seen.userId) {
      throw new UserError('vote-own', 'You cannot vote for your own question; your asking it already counts.');
    }
    if (!deps.store.stream.addVote(submission.id, seen.userId, invocation.now)) {
      throw new UserError('vote-twice', `You have already voted for question #${submission.id}.`);
    }
    const votes = submission.votes + 1;
    const redirected = submission.id !== id ? ` (#${id} was merged into it)` : '';
    return [
      ...recountMessage(deps, seen.tenantId, { ...submission, votes }),
      {
        kind: 'reply',
        view: {
          text: `Your vote for ${quoted(submission)}${redirected} is in: ${plural(votes, 'vote')} now.`,
          actions: [voteButton({ id: submission.id, votes })],
          tone: 'success',
          ephemeral: true,
        },
      },
    ];
  });
}

/** The submission's channel post with its new vote count. */
export function recountMessage(deps: Deps, tenantId: number, submission: Submission): Message[] {
  const session = deps.store.stream.session(tenantId, submission.sessionId);
  if (!session) return [];
  return [{ kind: 'edit', target: { entity: 'submission', id: submission.id }, view: submissionPostView(submission, session) }];
}
