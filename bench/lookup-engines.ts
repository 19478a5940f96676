import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { Topic } from '../src/core/content/types.js';

/** A search engine under test: ranked topic ids for a query. */
export interface Engine {
  name: string;
  buildMs: number;
  search(query: string, limit: number): string[];
}

/** The same field weights for both baselines: names first, then tags, then the summary. */
const WEIGHTS = { title: 4, aliases: 4, id: 3, tags: 2, summary: 1 } as const;
type Field = keyof typeof WEIGHTS;
const FIELDS = Object.keys(WEIGHTS) as Field[];

interface Doc {
  id: string;
  title: string;
  aliases: string[];
  tags: string[];
  summary: string;
}

function docs(topics: readonly Topic[]): Doc[] {
  return topics.map((topic) => ({
    id: topic.id,
    title: topic.title,
    aliases: topic.aliases,
    tags: topic.tags,
    summary: topic.summary,
  }));
}

function timed<T>(build: () => T): { value: T; buildMs: number } {
  const started = performance.now();
  const value = build();
  return { value, buildMs: performance.now() - started };
}

/**
 * Fuse.js with weighted keys; `ignoreLocation` because a match anywhere in a summary counts, and a threshold of 0.4
 * (slightly stricter than the default 0.6, so long summaries do not match everything).
 */
export function fuseEngine(topics: readonly Topic[]): Engine {
  const { value: fuse, buildMs } = timed(
    () =>
      new Fuse(docs(topics), {
        keys: FIELDS.map((name) => ({ name, weight: WEIGHTS[name] })),
        threshold: 0.4,
        ignoreLocation: true,
      }),
  );
  return { name: 'Fuse.js', buildMs, search: (query, limit) => fuse.search(query, { limit }).map((result) => result.item.id) };
}

/** MiniSearch with the same weights as boosts, prefix search and fuzziness 0.2 (its documented search-as-you-type setup). */
export function miniSearchEngine(topics: readonly Topic[]): Engine {
  const { value: mini, buildMs } = timed(() => {
    const index = new MiniSearch<Doc>({
      fields: FIELDS,
      extractField: (doc, field) => {
        const value = doc[field as Field];
        return Array.isArray(value) ? value.join(' ') : value;
      },
      searchOptions: { boost: { ...WEIGHTS }, prefix: true, fuzzy: 0.2 },
    });
    index.addAll(docs(topics));
    return index;
  });
  return {
    name: 'MiniSearch',
    buildMs,
    search: (query, limit) =>
      mini
        .search(query)
        .slice(0, limit)
        .map((result) => String(result.id)),
  };
}
