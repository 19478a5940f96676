import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { rich } from '../rich-text.js';
import { reply, type View } from '../view.js';
import { catalogQuestion, questionRef } from './catalog.js';
import { creditName, standingAnswer } from './standing.js';

/** A moderator lets one kept answer stand as its question's community answer, whatever its length or votes. */
export async function pickAnswer(invocation: Invocation, deps: Deps, candidateId: number): Promise<View> {
  const seen = await deps.store.directory.touch(invocation);
  const candidate = await deps.store.community.byId(candidateId);
  if (!candidate || candidate.tenantId !== seen.tenantId) {
    throw new UserError('no-candidate', `There is no kept answer number ${candidateId} here.`);
  }
  const question = await catalogQuestion(deps, seen.tenantId, candidate.questionId);
  const ref = questionRef(deps.content, candidate.questionId);
  const current = standingAnswer(await deps.store.community.ofQuestion(seen.tenantId, candidate.questionId), question);
  if (current?.answer.id === candidate.id && current.reason === 'chosen') {
    throw new UserError('already-standing', `Answer #${candidate.id} already stands for question #${ref}.`);
  }
  await deps.store.community.choose(candidate.id, invocation.now);
  return reply({
    text: rich(`Answer #${candidate.id} by ${creditName(candidate)} now stands as the community answer to question #${ref}.`),
    tone: 'success',
    ephemeral: true,
  });
}
