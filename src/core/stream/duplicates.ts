import type { Content } from '../content/content.js';
import type { Question } from '../content/types.js';
import { PairingIndex } from './pairing-index.js';
import type { MatchCandidate } from './ports.js';
import { compareWords, contentWords, contextWords, type Similarity } from './similarity.js';

type DuplicateMatch =
  | { kind: 'own'; candidate: MatchCandidate }
  | { kind: 'book'; question: Question }
  | { kind: 'community'; candidate: MatchCandidate };

/** What becomes of a submission: refused as the book's, a vote for an earlier one, or a new question. */
type Judgement = DuplicateMatch | { kind: 'new' };

const bookIndexes = new WeakMap<Content, PairingIndex<Question>>();

/**
 * The ways a book question can be asked: without its asides in parentheses or after " / " or a full stop
 * ("What is the cap theorem / explain it (What factors ...)"), and its first part when it joins two questions
 * ("What is a surrogate key and why use them?"). Words of the asides may be left out ("airflow" for a DAG).
 */
function bookVariants(text: string): { variants: string[]; aside: string } {
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

/** Every way of asking each book question, filed for `plausibleBookQuestions`. */
function bookIndex(content: Content): PairingIndex<Question> {
  let index = bookIndexes.get(content);
  if (!index) {
    index = new PairingIndex<Question>();
    for (const question of content.questions) {
      const { variants, aside } = bookVariants(question.text);
      const asideWords = aside === '' ? [] : contentWords(aside).filter((word) => !word.startsWith('~'));
      const context = new Set([...contextWords(question.category), ...asideWords]);
      for (const variant of variants) index.add(question, contentWords(variant), context);
    }
    bookIndexes.set(content, index);
  }
  return index;
}

/** The book questions that may be the same as or close to `words`, each with its best reading, in book order. */
function plausibleBookQuestions(
  words: string[],
  content: Content,
  reach: 'same' | 'close',
): { question: Question; similarity: Similarity }[] {
  const found: { question: Question; similarity: Similarity }[] = [];
  for (const entry of bookIndex(content).plausible(words, reach)) {
    const similarity = compareWords(words, entry.tokens, entry.context);
    const last = found[found.length - 1];
    if (last?.question !== entry.item) found.push({ question: entry.item, similarity });
    else if (rank(similarity) > rank(last.similarity)) last.similarity = similarity;
  }
  return found;
}

const candidateIndexes = new WeakMap<readonly MatchCandidate[], PairingIndex<MatchCandidate>>();

/** The stored questions that may be the same as or close to `words`; the index follows a list that grows. */
function plausibleCandidates(words: string[], candidates: readonly MatchCandidate[], reach: 'same' | 'close'): MatchCandidate[] {
  let index = candidateIndexes.get(candidates);
  if (!index) {
    index = new PairingIndex<MatchCandidate>();
    candidateIndexes.set(candidates, index);
  }
  for (let i = index.size; i < candidates.length; i++) {
    const candidate = candidates[i] as MatchCandidate;
    index.add(candidate, tokensOf(candidate), categoryContext(candidate.category));
  }
  return index.plausible(words, reach).map((entry) => entry.item);
}

const rank = (similarity: Similarity) =>
  (similarity.verdict === 'same' ? 2 : similarity.verdict === 'close' ? 1 : 0) + similarity.score / 2;

/**
 * Judges a new submission: the same as one of the viewer's own in this session; else the same as a book question
 * (refused); else the same as a community question (approved ones, and pending ones of this session: a vote);
 * else new. "Same" is a high bar; anything less keeps the question.
 */
export function judgeSubmission(
  text: string,
  userId: number,
  candidates: readonly MatchCandidate[],
  content: Content,
): Judgement {
  const words = contentWords(text);
  const best = <T>(found: readonly { match: T; similarity: Similarity }[]): T | undefined => {
    let same: { match: T; score: number } | undefined;
    for (const { match, similarity } of found) {
      if (similarity.verdict === 'same' && (!same || similarity.score > same.score)) same = { match, score: similarity.score };
    }
    return same?.match;
  };
  const community = plausibleCandidates(words, candidates, 'same')
    .filter(isLive)
    .map((candidate) => ({ candidate, similarity: compareCandidate(words, candidate) }));
  const own = best(
    community
      .filter(({ candidate }) => candidate.authorId === userId)
      .map(({ candidate, similarity }) => ({ match: { kind: 'own' as const, candidate }, similarity })),
  );
  if (own) return own;
  const book = best(
    plausibleBookQuestions(words, content, 'same').map(({ question, similarity }) => ({
      match: { kind: 'book' as const, question },
      similarity,
    })),
  );
  if (book) return book;
  const other = best(
    community
      .filter(({ candidate }) => candidate.authorId !== userId)
      .map(({ candidate, similarity }) => ({ match: { kind: 'community' as const, candidate }, similarity })),
  );
  return other ?? { kind: 'new' };
}

const isLive = (candidate: MatchCandidate) => candidate.status === 'pending' || candidate.status === 'approved';

/** The book question a text asks or comes close to, with how close. */
export function closestBookQuestion(text: string, content: Content): { question: Question; same: boolean } | undefined {
  let best: { question: Question; similarity: Similarity } | undefined;
  for (const found of plausibleBookQuestions(contentWords(text), content, 'close')) {
    if (found.similarity.verdict !== 'different' && (!best || rank(found.similarity) > rank(best.similarity))) best = found;
  }
  return best && { question: best.question, same: best.similarity.verdict === 'same' };
}

/** Compares a text with stored questions (those `accept` lets through); the closest that is the same or close. */
export function closestCandidate(
  text: string,
  candidates: readonly MatchCandidate[],
  accept: (candidate: MatchCandidate) => boolean = () => true,
): { candidate: MatchCandidate; same: boolean } | undefined {
  const words = contentWords(text);
  let best: { candidate: MatchCandidate; similarity: Similarity } | undefined;
  for (const candidate of plausibleCandidates(words, candidates, 'close')) {
    if (!accept(candidate)) continue;
    const similarity = compareCandidate(words, candidate);
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

/** A stored matching key as tokens, made once per stored question (its shape is cached by the tokens' identity). */
const keyTokens = new WeakMap<MatchCandidate, string[]>();

function tokensOf(candidate: MatchCandidate): string[] {
  let tokens = keyTokens.get(candidate);
  if (!tokens) {
    tokens = candidate.normalized === '' ? [] : candidate.normalized.split(' ');
    keyTokens.set(candidate, tokens);
  }
  return tokens;
}

function compareCandidate(words: string[], candidate: MatchCandidate): Similarity {
  return compareWords(words, tokensOf(candidate), categoryContext(candidate.category));
}
