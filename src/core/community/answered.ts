import type { Deps } from '../deps.js';
import { type CatalogQuestion, catalogQuestion } from './catalog.js';
import type { CandidateRecord } from './ports.js';
import { type Standing, standingAnswer } from './standing.js';

/** A question with its standing community answer and the candidates that did not stand. */
export interface AnsweredQuestion {
  tenantId: number;
  question: CatalogQuestion;
  standing: Standing;
  others: CandidateRecord[];
}

function byQuestion(candidates: readonly CandidateRecord[]): Map<string, CandidateRecord[]> {
  const groups = new Map<string, CandidateRecord[]>();
  for (const candidate of candidates) {
    const key = `${candidate.tenantId}\u0000${candidate.questionId}`;
    groups.set(key, [...(groups.get(key) ?? []), candidate]);
  }
  return groups;
}

/** Every question with a standing community answer, in a tenant or in every tenant, in book order. */
export async function answeredQuestions(deps: Deps, tenantId?: number): Promise<AnsweredQuestion[]> {
  const answered: AnsweredQuestion[] = [];
  for (const candidates of byQuestion(await deps.store.community.all(tenantId)).values()) {
    const first = candidates[0];
    if (!first) continue;
    const question = await catalogQuestion(deps, first.tenantId, first.questionId);
    const standing = standingAnswer(candidates, question);
    if (!question || !standing) continue;
    answered.push({
      tenantId: first.tenantId,
      question,
      standing,
      others: candidates.filter((c) => c.id !== standing.answer.id),
    });
  }
  return answered.sort((a, b) => a.question.order - b.question.order || a.tenantId - b.tenantId);
}

/** The ids of a tenant's questions that have a community answer. */
export async function answeredIds(deps: Deps, tenantId: number): Promise<Set<string>> {
  return new Set((await answeredQuestions(deps, tenantId)).map((entry) => entry.question.id));
}
