import type { Content } from '../content/content.js';
import { UserError } from '../errors.js';
import { cleanLine } from '../text.js';
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

/**
 * The book topic a question is most likely about: the search index scores the question's words; ties go to a
 * topic of the question's category. Undefined when nothing fits; moderators can set it with /stream edit.
 */
export function suggestTopic(text: string, category: string | undefined, content: Content): string | undefined {
  const categoryTopics = new Set(category ? (content.category(category)?.topics ?? []) : []);
  const scores = new Map<string, number>();
  const add = (id: string, score: number) => scores.set(id, (scores.get(id) ?? 0) + score);
  const words = contentWords(text).filter((word) => word.length >= 3 && !/^\d+$/.test(word));
  const phrases = [...words, ...words.slice(1).map((word, i) => `${words[i]} ${word}`)];
  for (const phrase of phrases) {
    for (const hit of content.index.search(phrase, 5)) add(hit.topic.id, hit.score * (phrase.includes(' ') ? 2 : 1));
  }
  for (const id of categoryTopics) if (scores.has(id)) add(id, 0.5);
  let best: string | undefined;
  let bestScore = 0;
  for (const [id, score] of scores) {
    if (score > bestScore) {
      best = id;
      bestScore = score;
    }
  }
  return best ?? [...categoryTopics][0];
}

/** Resolves a topic typed by a moderator: an id, a title or an alias, through the search index. */
export function resolveTopic(raw: string, content: Content): string {
  const text = cleanLine(raw);
  const exact = content.topic(text.toLowerCase());
  if (exact) return exact.id;
  const hit = content.index.search(text, 1)[0];
  if (!hit) throw new UserError('topic-unknown', `There is no book topic like "${text}"; try /topic to find its name.`);
  return hit.topic.id;
}
