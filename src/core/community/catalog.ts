import type { Content } from '../content/content.js';
import { communityId, type DailyQuestion, resolveQuestion } from '../daily/questions.js';
import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import { command, rich } from '../rich-text.js';

const COMMUNITY_REF = /^(?:c|community:)(\d+)$/i;

/** A question with the short reference people type: "34" for the book's 34th, "c7" for community question 7. */
export interface CatalogQuestion extends DailyQuestion {
  ref: string;
  /** Position for sorting: book order first, then community questions by id. */
  order: number;
}

const COMMUNITY_ORDER_BASE = 1_000_000;

/** The number a book question has in the book-wide list (1-based), or undefined for other ids. */
function bookNumber(content: Content, questionId: string): number | undefined {
  const index = content.questions.findIndex((question) => question.id === questionId);
  return index === -1 ? undefined : index + 1;
}

function submissionNumber(questionId: string): number | undefined {
  const match = /^community:(\d+)$/.exec(questionId);
  return match ? Number(match[1]) : undefined;
}

/** The reference shown and typed for a stored question id. */
export function questionRef(content: Content, questionId: string): string {
  const number = bookNumber(content, questionId);
  if (number !== undefined) return String(number);
  const submission = submissionNumber(questionId);
  return submission === undefined ? questionId : `c${submission}`;
}

/** The question behind a stored id in a tenant, with its reference; undefined when it no longer exists. */
export async function catalogQuestion(deps: Deps, tenantId: number, questionId: string): Promise<CatalogQuestion | undefined> {
  const question = await resolveQuestion(questionId, tenantId, deps.content, deps.store.daily.posts);
  if (!question) return undefined;
  const number = bookNumber(deps.content, questionId);
  const order = number ?? COMMUNITY_ORDER_BASE + (submissionNumber(questionId) ?? 0);
  return { ...question, ref: questionRef(deps.content, questionId), order };
}

/** Every question a tenant can answer: the book's, then its approved community questions. */
export async function tenantQuestions(deps: Deps, tenantId: number): Promise<CatalogQuestion[]> {
  const ids = [
    ...deps.content.questions.map((question) => question.id),
    ...(await deps.store.daily.posts.communityQuestions(tenantId)).map((question) => communityId(question.id)),
  ];
  const questions = await Promise.all(ids.map((id) => catalogQuestion(deps, tenantId, id)));
  return questions.filter((q): q is CatalogQuestion => q !== undefined);
}

/** Finds a question by what a person typed: its number, c<n> for a community question, or its id. */
export async function findQuestion(deps: Deps, tenantId: number, typed: string): Promise<CatalogQuestion> {
  const wanted = typed.trim();
  let questionId: string | undefined;
  if (/^\d+$/.test(wanted)) questionId = deps.content.questions[Number(wanted) - 1]?.id;
  else {
    const community = COMMUNITY_REF.exec(wanted);
    questionId = community ? communityId(Number(community[1])) : deps.content.question(wanted)?.id;
  }
  const question = questionId === undefined ? undefined : await catalogQuestion(deps, tenantId, questionId);
  if (!question) {
    throw new UserError(
      'unknown-question',
      rich(
        `There is no question "${wanted}". Use the number `,
        command('questions list'),
        ' shows, such as 12, or c3 for community question 3.',
      ),
    );
  }
  return question;
}
