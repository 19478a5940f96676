import type { Content } from '../content/content.js';
import { suggestCategory } from './categories.js';
import type { ApprovedQuestion, StreamPort } from './ports.js';

export type ExportFormat = 'markdown' | 'csv' | 'json';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['markdown', 'csv', 'json'];

const UNCATEGORISED = 'Other';

export const EXPORT_FILE: Record<ExportFormat, { extension: string; contentType: string }> = {
  markdown: { extension: 'md', contentType: 'text/markdown' },
  csv: { extension: 'csv', contentType: 'text/csv' },
  json: { extension: 'json', contentType: 'application/json' },
};

/**
 * The category a question is filed under: the one it was given (the book's spelling for a book category), else the
 * one its words clearly point to, else "Other".
 */
function exportCategory(question: Pick<ApprovedQuestion, 'category' | 'text'>, content: Content): string {
  if (question.category) return content.category(question.category)?.name ?? question.category;
  return suggestCategory(question.text, content) ?? UNCATEGORISED;
}

function formatExport(format: ExportFormat, questions: readonly ApprovedQuestion[], content: Content): string {
  switch (format) {
    case 'markdown':
      return toMarkdown(questions, content);
    case 'csv':
      return toCsv(questions, content);
    case 'json':
      return toJson(questions, content);
  }
}

/**
 * The layout of the Cookbook's InterviewQuestions.md: a `### Category` heading per category (the book's own
 * categories in the book's order, then new ones alphabetically) and one `-   question` item per line.
 */
export function toMarkdown(questions: readonly ApprovedQuestion[], content: Content): string {
  const groups = new Map<string, string[]>();
  for (const question of questions) {
    const category = exportCategory(question, content);
    groups.set(category, [...(groups.get(category) ?? []), question.text.replace(/\s+/g, ' ').trim()]);
  }
  const bookOrder = content.categories.map((category) => category.name);
  const names = [...groups.keys()].sort((a, b) => {
    const rank = (name: string) => (name === UNCATEGORISED ? 2 : bookOrder.includes(name) ? 0 : 1);
    return rank(a) - rank(b) || (rank(a) === 0 ? bookOrder.indexOf(a) - bookOrder.indexOf(b) : a.localeCompare(b));
  });
  return names.map((name) => `### ${name}\n\n${(groups.get(name) ?? []).map((text) => `-   ${text}`).join('\n')}\n`).join('\n');
}

const CSV_COLUMNS = [
  'id',
  'session_id',
  'session_title',
  'category',
  'topic',
  'question',
  'votes',
  'credit',
  'submitted_at',
  'approved_at',
  'answered_at',
] as const;

function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  // A spreadsheet would run a cell starting with these as a formula.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function credit(question: ApprovedQuestion): string | undefined {
  return question.anonymous ? undefined : question.author?.name;
}

export function toCsv(questions: readonly ApprovedQuestion[], content: Content): string {
  const rows = questions.map((q) =>
    [
      q.id,
      q.sessionId,
      q.sessionTitle,
      exportCategory(q, content),
      q.topic,
      q.text,
      q.votes,
      credit(q),
      q.createdAt.toISOString(),
      q.approvedAt?.toISOString(),
      q.answeredAt?.toISOString(),
    ]
      .map(csvCell)
      .join(','),
  );
  // LF line ends: every CSV reader accepts them, and a carriage return is a control character to the renderers.
  return `${[CSV_COLUMNS.join(','), ...rows].join('\n')}\n`;
}

export function toJson(questions: readonly ApprovedQuestion[], content: Content): string {
  const items = questions.map((q) => ({
    id: q.id,
    session: { id: q.sessionId, title: q.sessionTitle },
    category: exportCategory(q, content),
    topic: q.topic ?? null,
    question: q.text,
    votes: q.votes,
    credit: credit(q) ?? null,
    submittedAt: q.createdAt.toISOString(),
    approvedAt: q.approvedAt?.toISOString() ?? null,
    answeredAt: q.answeredAt?.toISOString() ?? null,
  }));
  return `${JSON.stringify(items, null, 2)}\n`;
}

/** Approved questions as a file, for a tenant or a session (or the whole database when neither is given). */
export async function exportApproved(
  deps: { store: { stream: Pick<StreamPort, 'approvedQuestions'> }; content: Content },
  filter: { tenantId?: number; sessionId?: number },
  format: ExportFormat,
): Promise<{ count: number; content: string }> {
  const questions = await deps.store.stream.approvedQuestions(filter);
  return { count: questions.length, content: formatExport(format, questions, deps.content) };
}
