import { editDistance, lookupKey, STOP_WORDS, stem, typoBudget, words } from './normalize.js';
import type { GlossaryTerm, Topic } from './types.js';

interface TopicHit {
  topic: Topic;
  score: number;
}

interface TermHit {
  term: GlossaryTerm;
  score: number;
}

export interface TopicIndex {
  /** Topics ranked best first: exact id or alias, title, section number, then words anywhere (typo-tolerant). */
  search(query: string, limit?: number): TopicHit[];
  /** True when a hit is strong enough to answer with it rather than with "did you mean". */
  isConfident(hit: TopicHit | undefined): boolean;
  /** The closest topics by spelling, for "did you mean" when nothing matches well. */
  closest(query: string, limit: number): Topic[];
}

export interface GlossaryIndex {
  search(query: string, limit?: number): TermHit[];
}

/** What the index needs to know of a topic or a glossary term. */
interface Document {
  id: string;
  title: string;
  aliases: string[];
  tags: string[];
  body: string;
  sections: string[];
}

interface Hit<T> {
  item: T;
  score: number;
}

const EXACT_ID = 1000;
const EXACT_ALIAS = 990;
const EXACT_TITLE = 980;
const SAME_WORDS = 950;
const SECTION = 800;
const FUZZY_KEY = 700;
const PREFIX_KEY = 600;
const CONFIDENT = 8;
const FIELD_WEIGHT = { key: 10, tag: 5, body: 1.5 } as const;
type Field = keyof typeof FIELD_WEIGHT;

/** A score this high means the query is one of the entry's own names, word for word. */
export function isExactName(score: number): boolean {
  return score >= SAME_WORDS;
}

export function isConfidentScore(score: number): boolean {
  return score >= CONFIDENT;
}

interface Entry<T> {
  item: T;
  doc: Document;
  id: string;
  title: string;
  aliases: string[];
  /** Each key's words sorted, so "architecture lambda" finds "lambda architecture". */
  sortedKeys: string[];
}

interface Posting {
  entry: number;
  weight: number;
}

/** Longer than any topic name or question about one; the rest of a longer query is not read. */
const QUERY_MAX = 200;

export function buildTopicIndex(topics: Topic[]): TopicIndex {
  const index = buildIndex(topics, (topic) => ({ ...topic, body: topic.summary }));
  return {
    search: (query, limit) => index.search(query, limit).map(({ item, score }) => ({ topic: item, score })),
    isConfident: (hit) => hit !== undefined && isConfidentScore(hit.score),
    closest: (query, limit) => index.closest(query, limit),
  };
}

export function buildGlossaryIndex(terms: GlossaryTerm[]): GlossaryIndex {
  const index = buildIndex(terms, (term) => ({
    id: term.id,
    title: term.term,
    aliases: term.aliases,
    tags: [term.area],
    // A definition's words count for less than a book summary's: the book should win on loose matches.
    body: '',
    sections: [],
  }));
  return { search: (query, limit) => index.search(query, limit).map(({ item, score }) => ({ term: item, score })) };
}

function buildIndex<T>(items: T[], toDocument: (item: T) => Document) {
  const entries: Entry<T>[] = items.map((item) => {
    const doc = toDocument(item);
    return {
      item,
      doc,
      id: lookupKey(doc.id.replaceAll('-', ' ')),
      title: lookupKey(doc.title),
      aliases: doc.aliases.map(lookupKey),
      sortedKeys: [doc.id.replaceAll('-', ' '), doc.title, ...doc.aliases].map(sortedWords),
    };
  });
  // word -> (entry index -> best field weight)
  const postingMaps = new Map<string, Map<number, number>>();
  const fuzzyVocabulary = new Set<string>();
  const add = (word: string, entry: number, field: Field) => {
    let byEntry = postingMaps.get(word);
    if (!byEntry) {
      byEntry = new Map();
      postingMaps.set(word, byEntry);
    }
    byEntry.set(entry, Math.max(byEntry.get(entry) ?? 0, FIELD_WEIGHT[field]));
    if (field !== 'body') fuzzyVocabulary.add(word);
  };
  entries.forEach(({ doc }, i) => {
    for (const word of stemmedWords([doc.id.replaceAll('-', ' '), doc.title, ...doc.aliases].join(' '))) add(word, i, 'key');
    for (const word of stemmedWords(doc.tags.join(' '))) add(word, i, 'tag');
    for (const word of stemmedWords(doc.body)) if (word.length > 2) add(word, i, 'body');
  });
  const postings = new Map<string, Posting[]>(
    [...postingMaps].map(([word, byEntry]) => [word, [...byEntry].map(([entry, weight]) => ({ entry, weight }))]),
  );
  const sortedVocabulary = [...postings.keys()].sort();
  const fuzzyByLength = new Map<number, string[]>();
  for (const word of fuzzyVocabulary) fuzzyByLength.set(word.length, [...(fuzzyByLength.get(word.length) ?? []), word]);

  /** Vocabulary words starting with `prefix`, found by binary search in the sorted list. */
  const withPrefix = (prefix: string): string[] => {
    let low = 0;
    let high = sortedVocabulary.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((sortedVocabulary[mid] as string) < prefix) low = mid + 1;
      else high = mid;
    }
    const out: string[] = [];
    for (let i = low; i < sortedVocabulary.length && (sortedVocabulary[i] as string).startsWith(prefix); i++)
      out.push(sortedVocabulary[i] as string);
    return out;
  };

  const structuralScore = (entry: Entry<T>, query: string): number => {
    if (entry.id === query) return EXACT_ID;
    if (entry.aliases.includes(query)) return EXACT_ALIAS;
    if (entry.title === query) return EXACT_TITLE;
    if (query.includes(' ') && entry.sortedKeys.includes(sortedWords(query))) return SAME_WORDS;
    if (/^\d+(\.\d+)*$/.test(query)) {
      if (entry.doc.sections.includes(query)) return SECTION - entry.doc.sections.indexOf(query);
      if (entry.doc.sections.some((section) => section.startsWith(`${query}.`))) return SECTION / 2;
      return 0;
    }
    const keys = [entry.id, entry.title, ...entry.aliases];
    let best = 0;
    const budget = typoBudget(query.length);
    for (const key of keys) {
      if (key.startsWith(query)) best = Math.max(best, PREFIX_KEY + (100 * query.length) / key.length);
      if (budget > 0) {
        const distance = editDistance(query, key, budget);
        if (distance <= budget) best = Math.max(best, FUZZY_KEY - 50 * distance);
      }
    }
    return best;
  };

  const wordScores = (query: string): number[] => {
    const all = words(query).map(stem);
    const meaningful = all.filter((word) => !STOP_WORDS.has(word));
    const queryWords = meaningful.length > 0 ? meaningful : all;
    const totals = new Array<number>(entries.length).fill(0);
    const matched = new Array<number>(entries.length).fill(0);
    queryWords.forEach((queryWord, position) => {
      const isLast = position === queryWords.length - 1 && all.at(-1) === queryWord;
      const best = new Map<number, number>();
      const credit = (word: string, factor: number) => {
        for (const posting of postings.get(word) ?? []) {
          const value = posting.weight * factor;
          if (value > (best.get(posting.entry) ?? 0)) best.set(posting.entry, value);
        }
      };
      credit(queryWord, 1);
      if (isLast && queryWord.length >= 2) for (const word of withPrefix(queryWord)) if (word !== queryWord) credit(word, 0.8);
      const budget = typoBudget(queryWord.length);
      for (let length = queryWord.length - budget; budget > 0 && length <= queryWord.length + budget; length++) {
        for (const word of fuzzyByLength.get(length) ?? []) {
          if (word === queryWord) continue;
          const distance = editDistance(queryWord, word, budget);
          if (distance <= budget) credit(word, distance === 1 ? 0.7 : 0.5);
        }
      }
      for (const [entry, value] of best) {
        totals[entry] = (totals[entry] as number) + value;
        matched[entry] = (matched[entry] as number) + 1;
      }
    });
    return totals.map((total, i) => {
      const coverage = (matched[i] as number) / Math.max(1, queryWords.length);
      return total * coverage * coverage;
    });
  };

  return {
    search(query: string, limit = 10): Hit<T>[] {
      const normalized = lookupKey(query.slice(0, QUERY_MAX));
      if (normalized === '') return [];
      const byWords = wordScores(normalized);
      return entries
        .map((entry, i) => ({ entry, score: structuralScore(entry, normalized) + (byWords[i] as number) }))
        .filter((hit) => hit.score > 0)
        .sort(
          (a, b) =>
            b.score - a.score ||
            a.entry.doc.title.length - b.entry.doc.title.length ||
            b.entry.doc.body.length - a.entry.doc.body.length,
        )
        .slice(0, limit)
        .map(({ entry, score }) => ({ item: entry.item, score }));
    },
    closest(query: string, limit: number): T[] {
      const grams = trigrams(lookupKey(query.slice(0, QUERY_MAX)));
      return entries
        .map((entry) => ({
          item: entry.item,
          score: Math.max(...[entry.id, entry.title, ...entry.aliases].map((key) => dice(grams, trigrams(key)))),
        }))
        .sort((a, b) => b.score - a.score)
        .slice(0, limit)
        .map((hit) => hit.item);
    },
  };
}

function stemmedWords(text: string): string[] {
  return words(text).map(stem);
}

function sortedWords(text: string): string {
  return stemmedWords(text).sort().join(' ');
}

function trigrams(text: string): Set<string> {
  const padded = `  ${text} `;
  const grams = new Set<string>();
  for (let i = 0; i < padded.length - 2; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

function dice(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size || 1);
}
