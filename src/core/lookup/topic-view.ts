import { formatCommandLine } from '../command-kit/command-line.js';
import type { Content } from '../content/content.js';
import { contentMarkup } from '../content/markup.js';
import type { Topic } from '../content/types.js';
import { command, italic, link, list, paragraphs, plainTextOf, type RichPart, type RichText, rich } from '../rich-text.js';
import type { Action, View, ViewField } from '../view.js';

const BOOK_CREDIT = 'From The Data Engineering Cookbook by Andreas Kretz (Apache-2.0).';
const FIELD_BUDGET = 1000;

/** A list of the items until the budget is used, then a line pointing to where the rest is. */
export function listWithin(items: readonly RichPart[], budget: number, rest: (hidden: number) => RichPart): RichText {
  const kept: RichText[] = [];
  let used = 0;
  for (const [i, part] of items.entries()) {
    const item = rich(part);
    const length = plainTextOf(item).length + 3;
    const tail = rich(rest(items.length - i));
    if (used + length + (i < items.length - 1 ? plainTextOf(tail).length + 1 : 0) > budget) {
      return rich(list(kept), tail);
    }
    kept.push(item);
    used += length;
  }
  return rich(list(kept));
}

function episodeLine(episode: Topic['episodes'][number]): RichText {
  const label = episode.number === undefined ? episode.title : `#${String(episode.number).padStart(3, '0')} ${episode.title}`;
  return episode.url ? rich(link(episode.url, label)) : rich(`${label} (no link in the book)`);
}

const SINCE_FIELD = 'Since this edition (v2.2, 2019)';

/** A dated note on what changed since the book, with its source. */
function sinceLine(note: Topic['since'][number]): RichText {
  return rich(`${note.date}: ${note.note} (`, link(note.source, 'source'), ')');
}

function linkLine(entry: Topic['links'][number]): RichText {
  return entry.broken ? rich(`${entry.label} (the book marks this link as broken)`) : rich(link(entry.url, entry.label));
}

export function topicView(topic: Topic, content: Content): View {
  const fields: ViewField[] = [
    { name: 'Book section', value: rich(topic.sections.map((s) => `§${s}`).join(', ')), inline: true },
  ];
  if (topic.episodes.length > 0) {
    fields.push({
      name: 'Podcast episodes',
      value: listWithin(topic.episodes.map(episodeLine), FIELD_BUDGET, (n) => `…and ${n} more in the book.`),
    });
  }
  if (topic.since.length > 0) {
    fields.push({ name: SINCE_FIELD, value: rich(list(topic.since.map(sinceLine))) });
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
      value: termsWithin(terms, FIELD_BUDGET),
    });
  }
  const related = topic.related.map((id) => content.topic(id)).filter((t): t is Topic => t !== undefined);
  if (related.length > 0) {
    fields.push({ name: 'Related topics', value: rich(related.map((t) => t.title).join(', ')) });
  }
  const questions = topic.questionIds.map((id) => content.question(id)).filter((q) => q !== undefined);
  if (questions.length > 0) {
    fields.push({
      name: `Interview questions (${questions.length})`,
      value: listWithin(
        questions.map((q) => q.text),
        FIELD_BUDGET,
        (n) => rich(`…and ${n} more: `, command(`questions list topic:${topic.id}`)),
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
    text: topic.thin
      ? paragraphs([contentMarkup(topic.summary), italic('The book itself is thin here: mostly headings and pointers.')])
      : contentMarkup(topic.summary),
    fields,
    actions,
    footer: BOOK_CREDIT,
    ephemeral: false,
  };
}

/** Glossary terms with the command that shows each, as many as fit the budget. */
function termsWithin(terms: readonly { term: string; id: string }[], budget: number): RichText {
  const parts: RichPart[] = [];
  let used = 0;
  for (const [i, term] of terms.entries()) {
    const line = `topic ${term.id}`;
    const length = term.term.length + line.length + 6;
    if (used + length > budget - 1) {
      parts.push('…');
      break;
    }
    parts.push(i === 0 ? '' : ', ', `${term.term} (`, command(line, 'code'), ')');
    used += length;
  }
  return rich(...parts);
}
