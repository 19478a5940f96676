import type { Content } from '../content/content.js';
import { UserError } from '../errors.js';
import { cleanLine, escapeMarkdown } from '../text.js';
import { contentWords } from './similarity.js';

export const CATEGORY_MAX = 60;

/** A book category keeps the book's spelling ("kafka" -> "Kafka"); a new one is kept as written. */
export function canonicalCategory(raw: string | undefined, content: Content): string | undefined {
  if (raw === undefined) return undefined;
  const text = cleanLine(raw);
  if (text === '') return undefined;
  if (/[<>@]/.test(text)) throw new UserError('category-bad', 'A category is a plain name such as "Kafka" or "Apache Flink".');
  if (text.length < 2 || text.length > CATEGORY_MAX) {
    throw new UserError('category-length', `A category needs 2-${CATEGORY_MAX} characters.`);
  }
  const known = content.category(text) ?? content.categories.find((c) => c.name.toLowerCase() === text.toLowerCase());
  return known ? known.name : text;
}

interface TopicKeys {
  /** Per topic, its names (id, title, aliases) as content-word lists. */
  phrases: string[][][];
  /** Content word -> topics whose names or tags contain it. */
  byWord: Map<string, Set<number>>;
  ids: string[];
}

/** Question words that say nothing about the topic. */
const NOT_TOPICAL = new Set(['how', 'why', 'when', 'where', 'which', 'who', 'vs', 'use', 'not', 'no', 'way', 'best']);

const topicKeysCache = new WeakMap<Content, TopicKeys>();

/** The names the search index is built from (topic ids, titles, aliases, tags), as content words. */
function topicKeys(content: Content): TopicKeys {
  const cached = topicKeysCache.get(content);
  if (cached) return cached;
  const byWord = new Map<string, Set<number>>();
  const phrases = content.topics.map((topic, i) => {
    const names = [topic.id.replaceAll('-', ' '), topic.title, ...topic.aliases].map((name) =>
      contentWords(name).filter((word) => !NOT_TOPICAL.has(word)),
    );
    for (const word of [...names.flat(), ...contentWords(topic.tags.join(' '))]) {
      byWord.set(word, (byWord.get(word) ?? new Set()).add(i));
    }
    return names.filter((words) => words.length > 0);
  });
  const keys = { phrases, byWord, ids: content.topics.map((topic) => topic.id) };
  topicKeysCache.set(content, keys);
  return keys;
}

/**
 * The book topic a question is most likely about: the topic with the longest name (id, title or alias) whose
 * words all appear in the question, then the one sharing the rarest words, a topic of the question's category
 * breaking ties. Falls back to the category's first topic, else undefined; moderators can change it.
 */
export function suggestTopic(text: string, category: string | undefined, content: Content): string | undefined {
  const { phrases, byWord, ids } = topicKeys(content);
  const categoryTopics = category ? (content.category(category)?.topics ?? []) : [];
  const words = new Set(contentWords(text).filter((word) => !NOT_TOPICAL.has(word)));
  const score = new Map<number, number>();
  for (const word of words) {
    const topics = byWord.get(word);
    if (!topics) continue;
    for (const topic of topics) score.set(topic, (score.get(topic) ?? 0) + 1 / topics.size);
  }
  let best: number | undefined;
  let bestScore = 0;
  for (const [topic, shared] of score) {
    let longestName = 0;
    for (const phrase of phrases[topic] ?? []) {
      if (phrase.length > longestName && phrase.every((word) => words.has(word))) longestName = phrase.length;
    }
    const inCategory = categoryTopics.includes(ids[topic] ?? '') ? 0.5 : 0;
    const total = longestName * 10 + shared + inCategory;
    if (total > bestScore) {
      best = topic;
      bestScore = total;
    }
  }
  return best === undefined ? categoryTopics[0] : ids[best];
}

/** Resolves a topic typed by a moderator: an id, a title or an alias, through the search index. */
export function resolveTopic(raw: string, content: Content): string {
  const text = cleanLine(raw);
  const exact = content.topic(text.toLowerCase());
  if (exact) return exact.id;
  const hit = content.index.search(text, 1)[0];
  if (!hit)
    throw new UserError('topic-unknown', `There is no book topic like "${escapeMarkdown(text)}"; try /topic to find its name.`);
  return hit.topic.id;
}
