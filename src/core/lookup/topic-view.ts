import { formatCommandLine } from '../command-kit/command-line.js';
import type { Content } from '../content/content.js';
import type { Topic } from '../content/types.js';
import { trimAtWord } from '../text.js';
import type { Action, View, ViewField } from '../view.js';

export const BOOK_CREDIT = 'From The Data Engineering Cookbook by Andreas Kretz (Apache-2.0).';
const FIELD_BUDGET = 1000;

/** Joins lines until the budget is used, then points to where the rest is. */
export function listWithin(lines: string[], budget: number, rest: (hidden: number) => string): string {
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const tail = rest(lines.length - i);
    if (used + line.length + 1 + (i < lines.length - 1 ? tail.length + 1 : 0) > budget) {
      kept.push(tail);
      break;
    }
    kept.push(line);
    used += line.length + 1;
  }
  return kept.join('\n');
}

export function episodeLine(episode: Topic['episodes'][number]): string {
  const label = episode.number === undefined ? episode.title : `#${String(episode.number).padStart(3, '0')} ${episode.title}`;
  return episode.url ? `- [${label}](${episode.url})` : `- ${label} (no link in the book)`;
}

export const SINCE_FIELD = 'Since this edition (v2.2, 2019)';

/** A dated note on what changed since the book, with its source. */
export function sinceLine(note: Topic['since'][number]): string {
  return `- ${note.date}: ${note.note} ([source](${note.source}))`;
}

function linkLine(link: Topic['links'][number]): string {
  return link.broken ? `- ${link.label} (the book marks this link as broken)` : `- [${link.label}](${link.url})`;
}

export function topicView(topic: Topic, content: Content): View {
  const fields: ViewField[] = [{ name: 'Book section', value: topic.sections.map((s) => `§${s}`).join(', '), inline: true }];
  if (topic.episodes.length > 0) {
    fields.push({
      name: 'Podcast episodes',
      value: listWithin(topic.episodes.map(episodeLine), FIELD_BUDGET, (n) => `…and ${n} more in the book.`),
    });
  }
  if (topic.since.length > 0) {
    fields.push({ name: SINCE_FIELD, value: topic.since.map(sinceLine).join('\n') });
  }
  if (topic.links.length > 0) {
    fields.push({
      name: 'Links',
      value: listWithin(topic.links.map(linkLine), FIELD_BUDGET, (n) => `…and ${n} more in the book.`),
    });
  }
  const terms = content.glossary.filter((term) => term.topics[0] === topic.id);
  if (terms.length > 0) {
    fields.push({
      name: 'In the glossary (not from the book)',
      value: trimAtWord(terms.map((term) => `${term.term} (\`/topic ${term.id}\`)`).join(', '), FIELD_BUDGET),
    });
  }
  const related = topic.related.map((id) => content.topic(id)).filter((t): t is Topic => t !== undefined);
  if (related.length > 0) {
    fields.push({ name: 'Related topics', value: related.map((t) => t.title).join(', ') });
  }
  const questions = topic.questionIds.map((id) => content.question(id)).filter((q) => q !== undefined);
  if (questions.length > 0) {
    fields.push({
      name: `Interview questions (${questions.length})`,
      value: listWithin(
        questions.map((q) => `- ${q.text}`),
        FIELD_BUDGET,
        (n) => `…and ${n} more: /questions list topic:${topic.id}`,
      ),
    });
  }
  const actions: Action[] = related.slice(0, 4).map((t) => ({
    type: 'button',
    id: formatCommandLine(['topic'], { query: t.id }),
    label: t.title,
    style: 'secondary',
  }));
  if (content.quiz.some((item) => item.topic === topic.id)) {
    actions.push({
      type: 'button',
      id: formatCommandLine(['quiz', 'start'], { topic: topic.id }),
      label: 'Quiz me',
      style: 'primary',
    });
  }
  return {
    title: topic.title,
    text: topic.thin ? `${topic.summary}\n\n*The book itself is thin here: mostly headings and pointers.*` : topic.summary,
    fields,
    actions,
    footer: BOOK_CREDIT,
    ephemeral: false,
  };
}
