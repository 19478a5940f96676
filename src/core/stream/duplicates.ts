import type { Content } from '../content/content.js';
import type { Question } from '../content/types.js';
import type { MatchCandidate } from './ports.js';
import { compareWords, contentWords, contextWords, type Similarity } from './similarity.js';

export type DuplicateMatch =
  | { kind: 'own'; candidate: MatchCandidate }
  | { kind: 'book'; question: Question }
  | { kind: 'community'; candidate: MatchCandidate };

/** A question a new one resembles without asking the same thing: shown to moderators, never acted on. */
export type SimilarQuestion = { kind: 'book'; question: Question } | { kind: 'community'; candidate: MatchCandidate };

/** What becomes of a submission: refused as the book's, a vote for an earlier one, or a new question. */
export type Judgement =
  | DuplicateMatch
  | {
      kind: 'new';
      /** The closest book or community question, when one is close. */
      similar: SimilarQuestion | undefined;
    };

interface Prepared {
  /** A book question can be read several ways (its core without asides, its first part); a stored one has one. */
  variants: string[][];
  context: Set<string>;
}

const bookCache = new WeakMap<Content, { question: Question; prepared: Prepared }[]>();

/**
 * The ways a book question can be asked: without its asides in parentheses or after " / " or a full stop
 * ("What is the cap theorem / explain it (What factors ...)"), and its first part when it joins two questions
 * ("What is a surrogate key and why use them?"). Words of the asides may be left out ("airflow" for a DAG).
 */
export function bookVariants(text: string): { variants: string[]; aside: string } {
  const asides: string[] = [];
  let core = text.replace(/\(([^)]*)\)/g, (_, inner: string) => {
    asides.push(inner);
    return ' ';
  });
  core = core.split(/ \/ |(?<!\bvs)\. | - with /)[0] ?? core;
  const variants = [core];
  const joined = /^(.+?)\s+and\s+(?:why|what|how|when)\b/i.exec(core);
  if (joined?.[1]) variants.push(joined[1]);
  return { variants, aside: asides.join(' ') };
}

function bookQuestions(content: Content) {
  let prepared = bookCache.get(content);
  if (!prepared) {
    prepared = content.questions.map((question) => {
      const { variants, aside } = bookVariants(question.text);
      const asideWords = aside === '' ? [] : contentWords(aside).filter((word) => !word.startsWith('~'));
      return {
        question,
        prepared: {
          variants: variants.map(contentWords),
          context: new Set([...contextWords(question.category), ...asideWords]),
        },
      };
    });
    bookCache.set(content, prepared);
  }
  return prepared;
}

function compare(words: string[], prepared: Prepared): Similarity {
  let best: Similarity | undefined;
  for (const variant of prepared.variants) {
    const similarity = compareWords(words, variant, prepared.context);
    if (!best || rank(similarity) > rank(best)) best = similarity;
  }
  return best ?? { verdict: 'different', duplicate: false, score: 0 };
}

const rank = (similarity: Similarity) =>
  (similarity.verdict === 'same' ? 2 : similarity.verdict === 'close' ? 1 : 0) + similarity.score / 2;

/**
 * Judges a new submission: the same as one of the viewer's own in this session; else the same as a book question
 * (refused); else the same as a community question (approved ones, and pending ones of this session: a vote);
 * else new, with the closest similar question if any. "Same" is a high bar; anything less keeps the question.
 */
export function judgeSubmission(
  text: string,
  userId: number,
  candidates: readonly MatchCandidate[],
  content: Content,
): Judgement {
  const words = contentWords(text);
  const found: { same?: { match: DuplicateMatch; score: number }; similar?: { match: SimilarQuestion; score: number } } = {};
  const consider = (match: DuplicateMatch, prepared: Prepared) => {
    const similarity = compare(words, prepared);
    if (similarity.verdict === 'same' && (!found.same || similarity.score > found.same.score)) {
      found.same = { match, score: similarity.score };
    }
    if (similarity.verdict === 'close' && match.kind !== 'own' && (!found.similar || similarity.score > found.similar.score)) {
      found.similar = { match, score: similarity.score };
    }
  };
  for (const candidate of candidates) {
    if (candidate.authorId !== userId || !isLive(candidate)) continue;
    consider({ kind: 'own', candidate }, prepareCandidate(candidate));
  }
  // `consider` fills `found` from inside a closure, which type narrowing cannot see.
  const sameSoFar = (): DuplicateMatch | undefined => found.same?.match;
  const own = sameSoFar();
  if (own) return own;
  for (const { question, prepared } of bookQuestions(content)) consider({ kind: 'book', question }, prepared);
  const book = sameSoFar();
  if (book) return book;
  for (const candidate of candidates) {
    if (candidate.authorId === userId || !isLive(candidate)) continue;
    consider({ kind: 'community', candidate }, prepareCandidate(candidate));
  }
  return sameSoFar() ?? { kind: 'new', similar: (found.similar as { match: SimilarQuestion } | undefined)?.match };
}

const isLive = (candidate: MatchCandidate) => candidate.status === 'pending' || candidate.status === 'approved';

/** The question a new submission repeats, if any (see `judgeSubmission`). */
export function findDuplicate(
  text: string,
  userId: number,
  candidates: readonly MatchCandidate[],
  content: Content,
): DuplicateMatch | undefined {
  const judgement = judgeSubmission(text, userId, candidates, content);
  return judgement.kind === 'new' ? undefined : judgement;
}

/** The book question a text asks or comes close to, with how close. */
export function closestBookQuestion(text: string, content: Content): { question: Question; same: boolean } | undefined {
  const words = contentWords(text);
  let best: { question: Question; similarity: Similarity } | undefined;
  for (const { question, prepared } of bookQuestions(content)) {
    const similarity = compare(words, prepared);
    if (similarity.verdict !== 'different' && (!best || rank(similarity) > rank(best.similarity))) {
      best = { question, similarity };
    }
  }
  return best && { question: best.question, same: best.similarity.verdict === 'same' };
}

/** Compares a text with stored questions; the closest one that is the same or close, best first. */
export function closestCandidate(
  text: string,
  candidates: readonly MatchCandidate[],
): { candidate: MatchCandidate; same: boolean } | undefined {
  const words = contentWords(text);
  let best: { candidate: MatchCandidate; similarity: Similarity } | undefined;
  for (const candidate of candidates) {
    const similarity = compare(words, prepareCandidate(candidate));
    if (similarity.verdict !== 'different' && (!best || rank(similarity) > rank(best.similarity))) {
      best = { candidate, similarity };
    }
  }
  return best && { candidate: best.candidate, same: best.similarity.verdict === 'same' };
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
  return { variants: [keyWords(candidate.normalized)], context: categoryContext(candidate.category) };
}
