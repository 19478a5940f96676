import type { Content } from '../content/content.js';
import { lookupKey, STOP_WORDS } from '../content/normalize.js';
import { isConfidentScore, isExactName } from '../content/search.js';
import type { GlossaryTerm, Topic } from '../content/types.js';
import { parseQuery } from './query.js';

export type LookupEntry = { kind: 'topic'; topic: Topic } | { kind: 'term'; term: GlossaryTerm };

export type LookupAnswer =
  | {
      kind: 'found';
      entry: LookupEntry;
      /** For "X vs Y": the other side, when it is a different entry. */
      compare?: LookupEntry;
    }
  | { kind: 'none'; subject: string; nearest: Topic[] };

interface Scored {
  entry: LookupEntry;
  score: number;
}

/**
 * The best entry for one subject: a book topic wins where the book names the term, a glossary entry where it does
 * not; a loose match on a book topic only wins over a glossary entry that matches no better.
 */
function bestFor(subject: string, content: Content): Scored | undefined {
  const topic = content.index.search(subject, 1)[0];
  const term = content.glossaryIndex.search(subject, 1)[0];
  const candidates: Scored[] = [];
  if (topic) candidates.push({ entry: { kind: 'topic', topic: topic.topic }, score: topic.score });
  if (term) candidates.push({ entry: { kind: 'term', term: term.term }, score: term.score });
  const exact = candidates.find((candidate) => isExactName(candidate.score));
  if (exact) return exact;
  const best = candidates.sort((a, b) => b.score - a.score || (a.entry.kind === 'topic' ? -1 : 1))[0];
  return best && isConfidentScore(best.score) ? best : undefined;
}

/** A comparison entry such as "Batch vs Stream Processing" answers "batch vs stream" when it names both sides. */
function comparesBoth(entry: LookupEntry, left: string, right: string): boolean {
  const names = entry.kind === 'topic' ? [entry.topic.title, ...entry.topic.aliases] : [entry.term.term, ...entry.term.aliases];
  const words = new Set(lookupKey(names.join(' ')).split(' '));
  if (!words.has('vs')) return false;
  const named = (side: string) =>
    lookupKey(side)
      .split(' ')
      .some((word) => !STOP_WORDS.has(word) && words.has(word));
  return named(left) && named(right);
}

function sameEntry(a: LookupEntry, b: LookupEntry): boolean {
  if (a.kind === 'topic' && b.kind === 'topic') return a.topic.id === b.topic.id;
  if (a.kind === 'term' && b.kind === 'term') return a.term.id === b.term.id;
  return false;
}

/** Answers a learner's query with a book topic, a glossary entry, or an honest "not covered" and the nearest topics. */
export function lookup(query: string, content: Content): LookupAnswer {
  // A query that is itself a name ("explain plan") is not phrasing to strip.
  const asTyped = bestFor(query, content);
  if (asTyped && isExactName(asTyped.score)) return { kind: 'found', entry: asTyped.entry };
  const parsed = parseQuery(query);
  const [first, second] = parsed.subjects;
  if (first !== undefined && second !== undefined) return lookupComparison(parsed.whole, first, second, content);
  const subject = first ?? '';
  const found = bestFor(subject, content) ?? (subject === query.trim() ? undefined : bestFor(query, content));
  if (found && isExactName(found.score)) return { kind: 'found', entry: found.entry };
  // Names inside the query beat a loose match on its words.
  const named = namedWithin(subject, content);
  const specific = mostSpecific(named);
  if (specific) return { kind: 'found', entry: specific };
  if (found) return { kind: 'found', entry: found.entry };
  const namedTopics = named.flatMap((entry) => (entry.kind === 'topic' ? [entry.topic] : []));
  return { kind: 'none', subject, nearest: namedTopics.length > 0 ? namedTopics.slice(0, 3) : nearestTopics(subject, content) };
}

/** "X vs Y": a topic that compares both sides, else X with a pointer to Y, else whichever side is known. */
function lookupComparison(whole: string, left: string, right: string, content: Content): LookupAnswer {
  const both = bestFor(whole, content);
  if (both && (isExactName(both.score) || comparesBoth(both.entry, left, right))) return { kind: 'found', entry: both.entry };
  const x = bestFor(left, content);
  const y = bestFor(right, content);
  if (x && y) {
    return sameEntry(x.entry, y.entry) ? { kind: 'found', entry: x.entry } : { kind: 'found', entry: x.entry, compare: y.entry };
  }
  const one = x ?? y ?? both;
  if (one) return { kind: 'found', entry: one.entry };
  return { kind: 'none', subject: whole, nearest: nearestTopics(whole, content) };
}

/** Entries named exactly by one word or two adjacent words of a longer query ("ensure fifo in kafka": fifo, kafka). */
function namedWithin(subject: string, content: Content): LookupEntry[] {
  const words = lookupKey(subject)
    .split(' ')
    .filter((word) => word !== '' && !STOP_WORDS.has(word));
  if (words.length < 2 || words.length > 6) return [];
  const phrases = [...words.slice(1).map((word, i) => [words[i] as string, word]), ...words.map((word) => [word])];
  const entries: LookupEntry[] = [];
  const covered = new Set<string>();
  for (const phrase of phrases) {
    const hit = bestFor(phrase.join(' '), content);
    if (!hit || !isExactName(hit.score)) continue;
    for (const word of phrase) covered.add(word);
    if (!entries.some((entry) => sameEntry(entry, hit.entry))) entries.push(hit.entry);
  }
  // One name among many other words ("quantum computing with spark") is not what the query is about.
  return covered.size * 2 >= new Set(words).size ? entries : [];
}

/**
 * The one entry a query names, or a glossary term that belongs to another named topic ("fifo" within "kafka");
 * undefined when the names point different ways, so that the answer is "not covered" rather than a guess.
 */
function mostSpecific(entries: LookupEntry[]): LookupEntry | undefined {
  if (entries.length === 1) return entries[0];
  const topicIds = new Set(entries.flatMap((entry) => (entry.kind === 'topic' ? [entry.topic.id] : [])));
  const within = entries.filter((entry) => entry.kind === 'term' && entry.term.topics.some((id) => topicIds.has(id)));
  return within.length === 1 ? within[0] : undefined;
}

/** Topics that share words with the subject, else the closest by spelling. */
function nearestTopics(subject: string, content: Content): Topic[] {
  const byWords = content.index.search(subject, 3).map((hit) => hit.topic);
  if (byWords.length >= 3) return byWords;
  const more = content.index.closest(subject, 3).filter((topic) => !byWords.includes(topic));
  return [...byWords, ...more].slice(0, 3);
}
