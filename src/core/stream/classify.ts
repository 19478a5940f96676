import type { Content } from '../content/content.js';
import { UserError } from '../errors.js';
import { command, rich } from '../rich-text.js';
import { cleanLine } from '../text.js';
import { ADDED_CATEGORIES } from './categories.js';
import { readWords } from './question-words.js';

export const CATEGORY_MAX = 60;

/** A book category keeps the book's spelling ("kafka" -> "Kafka"), as do the added ones; a new one is kept as written. */
export function canonicalCategory(raw: string | undefined, content: Content): string | undefined {
  if (raw === undefined) return undefined;
  const text = cleanLine(raw);
  if (text === '') return undefined;
  if (/[<>@]/.test(text)) throw new UserError('category-bad', 'A category is a plain name such as "Kafka" or "Apache Flink".');
  if (text.length < 2 || text.length > CATEGORY_MAX) {
    throw new UserError('category-length', `A category needs 2-${CATEGORY_MAX} characters.`);
  }
  const known = content.category(text) ?? content.categories.find((c) => c.name.toLowerCase() === text.toLowerCase());
  const added = ADDED_CATEGORIES.find((name) => name.toLowerCase() === text.toLowerCase());
  return known ? known.name : (added ?? text);
}

interface TopicPhrase {
  topic: number;
  words: string[];
}

interface TopicKeys {
  /** Content word -> phrases (topic names and aliases, as content words) containing it. */
  byWord: Map<string, TopicPhrase[]>;
  ids: string[];
}

/**
 * Words too common in questions to point to one chapter on their own ("process", "consumer", "cloud"); a name made
 * only of them suggests nothing.
 */
const GENERIC = new Set(
  (
    'how why when which who vs use not no way best data database process store storage display analytic analyse ' +
    'analyze ingest driver producer consumer volume velocity variety veracity planning security privacy hardware ' +
    'memory merge push pull switch router api rest lambda spring elastic course batch dataset zone bi ui ml ca san ' +
    'ing meta insta booking google amazon aws otto uber schedul replication cach container visualization dashboard ' +
    'notebook cod programm cloud interview tweet twitter fraud automotive hdf java scala python sql emr s3 redis ' +
    'dynamodb kibana grafana tableau server cpu ram gpu model train training pipeline monitor job schedule ' +
    'deployment deploy network firewall microservice sprint agile okr git branch commit fork linux shell bash ' +
    'terminal time series window link'
  ).split(' '),
);

/** Aliases that describe a wider field than their chapter ("OLAP database" is not a chapter on Druid). */
const TOO_BROAD = new Set(['olap database', 'analytics database', 'streaming data pipelines', 'data driven decisions']);

const topicKeysCache = new WeakMap<Content, TopicKeys>();

/** Topic names (id, title, aliases) as content-word phrases; case studies only by their company's names. */
function topicKeys(content: Content): TopicKeys {
  const cached = topicKeysCache.get(content);
  if (cached) return cached;
  const byWord = new Map<string, TopicPhrase[]>();
  content.topics.forEach((topic, index) => {
    const company = topic.id.startsWith('case-') ? topic.id.slice(5) : undefined;
    const names = [topic.id.replaceAll('-', ' '), topic.title, ...topic.aliases].filter((name) => !TOO_BROAD.has(name));
    const seen = new Set<string>();
    for (const name of names) {
      const words = readWords(name).words;
      if (words.length === 0 || words.every((word) => GENERIC.has(word))) continue;
      if (company !== undefined && !words.includes(company) && (words.length > 1 || GENERIC.has(words[0] ?? ''))) continue;
      const key = words.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const phrase = { topic: index, words };
      for (const word of new Set(words)) byWord.set(word, [...(byWord.get(word) ?? []), phrase]);
    }
  });
  const keys = { byWord, ids: content.topics.map((topic) => topic.id) };
  topicKeysCache.set(content, keys);
  return keys;
}

/**
 * The book topic a question is about, only when that is clear: a topic name or alias whose words all appear in the
 * question, the one with the longest name winning; several topics matching equally well (and none of them in the
 * question's category) mean no suggestion. A wrong topic sends readers to an unrelated chapter, so none is better.
 */
export function suggestTopic(text: string, category: string | undefined, content: Content): string | undefined {
  const { byWord, ids } = topicKeys(content);
  const words = new Set(readWords(text).words);
  const best = new Map<number, number>();
  for (const word of words) {
    for (const phrase of byWord.get(word) ?? []) {
      if (!phrase.words.every((w) => words.has(w))) continue;
      const strength = phrase.words.filter((w) => !GENERIC.has(w)).length * 10 + phrase.words.length;
      best.set(phrase.topic, Math.max(best.get(phrase.topic) ?? 0, strength));
    }
  }
  if (best.size === 0) return undefined;
  const ranked = [...best.entries()].sort((a, b) => b[1] - a[1]);
  const top = ranked.filter(([, strength]) => strength === ranked[0]?.[1]).map(([topic]) => ids[topic] as string);
  if (top.length === 1) return top[0];
  const categoryTopics = category ? (content.category(category)?.topics ?? []) : [];
  const inCategory = top.filter((id) => categoryTopics.includes(id));
  return inCategory.length === 1 ? inCategory[0] : undefined;
}

/** Resolves a topic typed by a moderator: an id, a title or an alias, through the search index. */
export function resolveTopic(raw: string, content: Content): string {
  const text = cleanLine(raw);
  const exact = content.topic(text.toLowerCase());
  if (exact) return exact.id;
  const hit = content.index.search(text, 1)[0];
  if (!hit)
    throw new UserError(
      'topic-unknown',
      rich(`There is no book topic like "${text}"; try `, command('topic'), ' to find its name.'),
    );
  return hit.topic.id;
}
