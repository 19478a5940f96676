import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import { topicBrief } from '../lookup/topic-brief.js';
import { topicView } from '../lookup/topic-view.js';
import { privateOrShared, shareAction } from '../share.js';
import { escapeMarkdown, trimAtWord } from '../text.js';
import { type Outcome, reply } from '../view.js';
import type { Choice } from './define.js';
import { defineCommand } from './define.js';

/** Ranked topic suggestions for autocomplete: names show the section, values are topic ids. */
export function topicChoices(partial: string, deps: Deps): Choice[] {
  const hits =
    partial.trim() === '' ? deps.content.topics.slice(0, 25).map((topic) => ({ topic })) : deps.content.index.search(partial, 25);
  return hits.map(({ topic }) => ({ name: trimAtWord(`${topic.title} (§${topic.sections[0] ?? ''})`, 100), value: topic.id }));
}

export const topicCommand = defineCommand({
  name: 'topic',
  description: 'Look up a part of the Data Engineering Cookbook',
  options: [
    {
      name: 'query',
      type: 'string',
      description: 'A topic, tool, alias or section number (e.g. kafka, 20.3)',
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
    const query = String(invocation.options.query ?? '');
    const hits = deps.content.index.search(query, 3);
    const best = hits[0];
    if (!best || !deps.content.index.isConfident(best)) {
      const closest = best ? hits.map((hit) => hit.topic) : deps.content.index.closest(query, 3);
      const names = closest.map((topic) => `**${topic.title}** (\`/topic ${topic.id}\`)`).join(', ');
      throw new UserError('no-topic', `No topic matches "${escapeMarkdown(trimAtWord(query, 60))}" well. Did you mean ${names}?`);
    }
    const full = topicView(best.topic, deps.content);
    const more = invocation.options.more === true;
    const view = more ? full : topicBrief(full, best.topic.id);
    const target = invocation.options.for;
    if (typeof target === 'string') {
      return reply({
        ...view,
        text: `${escapeMarkdown(invocation.user.name)} suggests this topic to you:\n\n${view.text ?? ''}`,
        actions: view.actions ?? [],
        mentions: [target],
        ephemeral: false,
      });
    }
    const share = shareAction(['topic'], { query: best.topic.id, ...(more ? { more: true } : {}) });
    return privateOrShared(view, invocation, share);
  },
});
