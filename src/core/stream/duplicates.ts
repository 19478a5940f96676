import type { Content } from '../content/content.js';
import type { Question } from '../content/types.js';
import type { MatchCandidate } from './ports.js';
import { compareWords, contentWords, contextWords } from './similarity.js';

export type DuplicateMatch =
  | { kind: 'own'; candidate: MatchCandidate }
  | { kind: 'book'; question: Question }
  | { kind: 'community'; candidate: MatchCandidate };

interface Prepared {
  words: string[];
  context: Set<string>;
}

const bookCache = new WeakMap<Content, { question: Question; prepared: Prepared }[]>();

function bookQuestions(content: Content) {
  let prepared = bookCache.get(content);
  if (!prepared) {
    prepared = content.questions.map((question) => ({
      question,
      prepared: { words: contentWords(question.text), context: new Set(contextWords(question.category)) },
    }));
    bookCache.set(content, prepared);
  }
  return prepared;
}

/**
 * The question a new submission repeats: one of the viewer's own in this session first, then the closest of the
 * book's questions and the community's (approved ones, and pending ones of this session).
 */
export function findDuplicate(
  text: string,
  userId: number,
  candidates: readonly MatchCandidate[],
  content: Content,
): DuplicateMatch | undefined {
  const words = contentWords(text);
  const best: { match?: DuplicateMatch; score: number } = { score: 0 };
  const consider = (match: DuplicateMatch, prepared: Prepared) => {
    const similarity = compareWords(words, prepared.words, prepared.context);
    if (similarity.duplicate && (!best.match || similarity.score > best.score)) {
      best.match = match;
      best.score = similarity.score;
    }
  };
  for (const candidate of candidates) {
    if (candidate.authorId !== userId) continue;
    consider({ kind: 'own', candidate }, prepareCandidate(candidate));
  }
  if (best.match) return best.match;
  for (const { question, prepared } of bookQuestions(content)) consider({ kind: 'book', question }, prepared);
  for (const candidate of candidates) {
    if (candidate.authorId === userId || (candidate.status !== 'pending' && candidate.status !== 'approved')) continue;
    consider({ kind: 'community', candidate }, prepareCandidate(candidate));
  }
  return best.match;
}

const contextCache = new Map<string, Set<string>>();

function categoryContext(category: string | undefined): Set<string> {
  const key = category ?? '';
  let context = contextCache.get(key);
  if (!context) {
    context = new Set(contextWords(category));
    if (contextCache.size > 1000) contextCache.clear();
    contextCache.set(key, context);
  }
  return context;
}

/** Stored keys split into words, kept across submissions: a burst compares each pending question many times. */
const wordsCache = new Map<string, string[]>();

function keyWords(normalized: string): string[] {
  let words = wordsCache.get(normalized);
  if (!words) {
    words = normalized === '' ? [] : normalized.split(' ');
    if (wordsCache.size >= 20_000) wordsCache.clear();
    wordsCache.set(normalized, words);
  }
  return words;
}

function prepareCandidate(candidate: MatchCandidate): Prepared {
  return { words: keyWords(candidate.normalized), context: categoryContext(candidate.category) };
}
