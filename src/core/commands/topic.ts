import type { Choice } from '../command-kit/define.js';
import { defineCommand } from '../command-kit/define.js';
import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import { type LookupEntry, lookup } from '../lookup/lookup.js';
import { termView } from '../lookup/term-view.js';
import { topicBrief } from '../lookup/topic-brief.js';
import { topicView } from '../lookup/topic-view.js';
import { bold, command, paragraphs, rich } from '../rich-text.js';
import { privateOrShared, shareAction } from '../share.js';
import { trimAtWord } from '../text.js';
import { type Outcome, reply, type View } from '../view.js';

/** Ranked suggestions for autocomplete: book topics (with their section) and glossary terms, values are ids. */
export function topicChoices(partial: string, deps: Deps): Choice[] {
  if (partial.trim() === '') {
    return deps.content.topics
      .slice(0, 25)
      .map((topic) => ({ name: topicChoiceName(topic.title, topic.sections[0]), value: topic.id }));
  }
  const topics = deps.content.index.search(partial, 25).map((hit) => ({
    score: hit.score,
    choice: { name: topicChoiceName(hit.topic.title, hit.topic.sections[0]), value: hit.topic.id },
  }));
  // A glossary term ranks just below a book topic that matches as well.
  const terms = deps.content.glossaryIndex.search(partial, 25).map((hit) => ({
    score: hit.score - 0.5,
    choice: { name: trimAtWord(`${hit.term.term} (glossary)`, 100), value: hit.term.id },
  }));
  return [...topics, ...terms]
    .sort((a, b) => b.score - a.score)
    .slice(0, 25)
    .map((ranked) => ranked.choice);
}

function topicChoiceName(title: string, section: string | undefined): string {
  return trimAtWord(`${title} (§${section ?? ''})`, 100);
}

function entryView(entry: LookupEntry, deps: Deps): View {
  return entry.kind === 'topic' ? topicView(entry.topic, deps.content) : termView(entry.term, deps.content);
}

function entryName(entry: LookupEntry): { title: string; id: string } {
  return entry.kind === 'topic'
    ? { title: entry.topic.title, id: entry.topic.id }
    : { title: entry.term.term, id: entry.term.id };
}

export const topicCommand = defineCommand({
  name: 'topic',
  description: 'Look up a part of the Data Engineering Cookbook or a glossary term',
  options: [
    {
      name: 'query',
      type: 'string',
      description: 'A topic, term, question or section number (e.g. kafka, what is CAP theorem, 20.3)',
      required: true,
      maxLength: 100,
      autocomplete: topicChoices,
    },
    { name: 'more', type: 'boolean', description: 'The whole answer: summary, episodes, links and questions' },
    { name: 'share', type: 'boolean', description: 'Post the answer in the channel for everyone' },
    { name: 'private', type: 'boolean', description: 'Only you see the answer (the default)' },
    { name: 'for', type: 'user', description: 'Suggest the topic to someone' },
  ],
  run: (invocation, deps): Outcome => {
    const answer = lookup(invocation.options.query, deps.content);
    if (answer.kind === 'none') {
      const names = answer.nearest.flatMap((topic, index) => [
        ...(index === 0 ? [] : [', ']),
        bold(topic.title),
        ' (',
        command(`topic ${topic.id}`, 'code'),
        ')',
      ]);
      throw new UserError(
        'no-topic',
        rich(`The Cookbook doesn't cover "${trimAtWord(answer.subject, 60)}". Nearest topics: `, ...names, '.'),
      );
    }
    let view = entryView(answer.entry, deps);
    if (answer.compare) {
      const other = entryName(answer.compare);
      view = {
        ...view,
        fields: [
          ...(view.fields ?? []),
          { name: 'Compare with', value: rich(`${other.title}: `, command(`topic ${other.id}`, 'code')) },
        ],
      };
    }
    const id = entryName(answer.entry).id;
    const more = invocation.options.more === true;
    const full = view;
    // A glossary entry is short already; a book topic's first answer is its brief, with Read more.
    view = more || answer.entry.kind !== 'topic' ? full : topicBrief(full, id);
    const target = invocation.options.for;
    if (target !== undefined) {
      return reply({
        ...view,
        text: paragraphs([`${invocation.user.name} suggests this topic to you:`, view.text ?? rich()]),
        actions: view.actions ?? [],
        mentions: [target],
        ephemeral: false,
      });
    }
    const share = shareAction(['topic'], { query: id, ...(more ? { more: true } : {}) });
    return privateOrShared(view, invocation, share);
  },
});
