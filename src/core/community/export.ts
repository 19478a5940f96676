import type { Content } from '../content/content.js';
import type { Deps } from '../deps.js';
import { type AnsweredQuestion, answeredQuestions } from './answered.js';
import { bookAnswerOf } from './book-answers.js';
import { blockMarkdown, inlineMarkdown } from './neutralise.js';
import { creditName, type Standing } from './standing.js';

export type AnswersFormat = 'markdown' | 'json';

export const ANSWERS_FORMATS: readonly AnswersFormat[] = ['markdown', 'json'];

export const ANSWERS_FILE: Record<AnswersFormat, { filename: string; contentType: string }> = {
  markdown: { filename: 'community-answers.md', contentType: 'text/markdown' },
  json: { filename: 'community-answers.json', contentType: 'application/json' },
};

const UNCATEGORISED = 'Other';
const BODY_INDENT = '     ';

/** One question of the export with every tenant's standing answer to it (one, when a tenant exports). */
interface ExportItem {
  entry: AnsweredQuestion;
  answers: Standing[];
}

function items(answered: readonly AnsweredQuestion[]): ExportItem[] {
  const byQuestion = new Map<string, ExportItem>();
  for (const entry of answered) {
    // Community questions belong to one tenant; book questions are the same everywhere.
    const key = entry.question.community ? `${entry.tenantId}\u0000${entry.question.id}` : entry.question.id;
    const item = byQuestion.get(key);
    if (item) item.answers.push(entry.standing);
    else byQuestion.set(key, { entry, answers: [entry.standing] });
  }
  return [...byQuestion.values()];
}

/** Category names in the book's order, then other categories alphabetically, then questions without one. */
function categoryOrder(content: Content): (a: string, b: string) => number {
  const book = content.categories.map((category) => category.name);
  const rank = (name: string) => (name === UNCATEGORISED ? 2 : book.includes(name) ? 0 : 1);
  return (a, b) => rank(a) - rank(b) || (rank(a) === 0 ? book.indexOf(a) - book.indexOf(b) : a.localeCompare(b));
}

function answerLines(standing: Standing): string[] {
  const body = blockMarkdown(standing.answer.text);
  const credit = `*Answer by ${inlineMarkdown(creditName(standing.answer))}.*`;
  const [first = '', ...rest] = body;
  const opensWithCode = /^(`{3}|~{3})/.test(first);
  const head = opensWithCode ? '   - **Answer**:' : `   - **Answer**: ${first}`;
  const lines = opensWithCode ? body : rest;
  return [head, ...lines.map((line) => (line === '' ? '' : `${BODY_INDENT}${line}`)), '', `${BODY_INDENT}${credit}`];
}

function itemLines(item: ExportItem, number: number): string[] {
  const lines = [`${number}. **${inlineMarkdown(item.entry.question.text)}**`];
  for (const standing of item.answers) lines.push(...answerLines(standing));
  const book = bookAnswerOf(item.entry.question.id);
  if (book) {
    lines.push(
      `   - **Already in the current edition**: ${inlineMarkdown(book.heading)}, question ${book.item} ("${inlineMarkdown(book.question)}"); compare before sending.`,
    );
  }
  return lines;
}

/** The current edition's layout: `### Category`, numbered bold questions, an indented `- **Answer**:` line. */
function answersMarkdown(answered: readonly AnsweredQuestion[], content: Content): string {
  const groups = new Map<string, ExportItem[]>();
  for (const item of items(answered)) {
    const category = item.entry.question.category ?? UNCATEGORISED;
    groups.set(category, [...(groups.get(category) ?? []), item]);
  }
  const sections = [...groups.keys()].sort(categoryOrder(content)).map((category) => {
    const list = (groups.get(category) ?? []).map((item, index) => itemLines(item, index + 1).join('\n'));
    return `### ${inlineMarkdown(category)}\n\n${list.join('\n\n')}\n`;
  });
  return sections.join('\n');
}

/** Everything a reviewer needs: ids, votes, dates, how each answer was picked and whom it credits. */
function answersJson(answered: readonly AnsweredQuestion[]): string {
  const rows = items(answered).map(({ entry, answers }) => {
    const book = bookAnswerOf(entry.question.id);
    return {
      question: {
        id: entry.question.id,
        ref: entry.question.ref,
        text: entry.question.text,
        category: entry.question.category ?? null,
        source: entry.question.community ? 'community' : 'book',
      },
      answeredInCurrentEdition: book ? { heading: book.heading, item: book.item, question: book.question } : null,
      answers: answers.map(({ answer, reason }) => ({
        id: answer.id,
        answerId: answer.answerId,
        dailyPostId: answer.postId,
        text: answer.text,
        votes: answer.votes,
        picked: reason,
        credit: creditName(answer),
        answeredAt: answer.answeredAt.toISOString(),
        keptAt: answer.keptAt.toISOString(),
        chosenAt: answer.chosenAt?.toISOString() ?? null,
      })),
    };
  });
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** The answered questions of a tenant (or of every tenant) as a file. */
export async function exportAnswers(
  deps: Deps,
  tenantId: number | undefined,
  format: AnswersFormat,
): Promise<{ count: number; content: string }> {
  const answered = await answeredQuestions(deps, tenantId);
  const content = format === 'markdown' ? answersMarkdown(answered, deps.content) : answersJson(answered);
  return { count: items(answered).length, content };
}
