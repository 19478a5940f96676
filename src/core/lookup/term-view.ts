import { formatCommandLine } from '../command-kit/command-line.js';
import type { Content } from '../content/content.js';
import type { GlossaryTerm, Topic } from '../content/types.js';
import { command, italic, list, paragraphs, type RichText, rich } from '../rich-text.js';
import type { Action, View, ViewField } from '../view.js';
import { listWithin } from './topic-view.js';

const GLOSSARY_MARK = 'Glossary entry written for this bot, not from the Cookbook.';
const FIELD_BUDGET = 1000;

function nearestTopicLine(topic: Topic): RichText {
  return rich(`${topic.title} (§${topic.sections[0] ?? ''}): `, command(`topic ${topic.id}`, 'code'));
}

/** A glossary entry: our own definition, clearly marked as not the book's, with the nearest book topics. */
export function termView(term: GlossaryTerm, content: Content): View {
  const topics = term.topics.map((id) => content.topic(id)).filter((topic): topic is Topic => topic !== undefined);
  const fields: ViewField[] = [{ name: 'Glossary', value: rich(term.area), inline: true }];
  if (topics.length > 0) fields.push({ name: 'Nearest book topics', value: rich(list(topics.map(nearestTopicLine))) });
  const questions = term.questions.map((id) => content.question(id)).filter((question) => question !== undefined);
  if (questions.length > 0) {
    fields.push({
      name: `Interview questions (${questions.length})`,
      value: listWithin(
        questions.map((question) => question.text),
        FIELD_BUDGET,
        (n) => `…and ${n} more.`,
      ),
    });
  }
  const actions: Action[] = topics.slice(0, 4).map((topic) => ({
    type: 'button',
    id: formatCommandLine(['topic'], { query: topic.id }),
    label: topic.title,
    style: 'secondary',
  }));
  return {
    title: `${term.term} (glossary)`,
    text: paragraphs([term.definition, italic(GLOSSARY_MARK)]),
    fields,
    actions,
    footer: 'Book topics linked here: The Data Engineering Cookbook by Andreas Kretz (Apache-2.0).',
    ephemeral: false,
  };
}
