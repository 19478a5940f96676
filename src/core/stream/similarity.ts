import { editDistance } from '../content/normalize.js';
import { readWords } from './question-words.js';

/**
 * How close two short questions are. A question becomes its content words (filler dropped, light stemming,
 * synonyms folded) and its form: a comparison ("X vs Y", "X or Y?"), a "why" or a "when" question, and how many
 * questions it asks at once. Two questions are the same when their forms agree and their content words pair up,
 * allowing for word order, small typos, words written together or apart, and words that do not change the question
 * ("exactly", "data", "job"). A content word on one side only makes them different questions, though they can still
 * be close: sharing most of their words, or all of them in another form.
 */

type Verdict = 'same' | 'close' | 'different';

export interface Similarity {
  verdict: Verdict;
  /** Same as `verdict === 'same'`. */
  duplicate: boolean;
  /** Share of content words paired up, 0-1, for ranking several matches. */
  score: number;
}

/** Words that may appear on one side only without making it another question. */
const WEAK_WORDS = new Set(
  (
    'data database system process need example exactly simple simply briefly main concept idea term different various ' +
    'good best way thing approach common typical usually generally event record job write nowadays today modern classic ' +
    'general overall exact usual typical simp basical'
  ).split(' '),
);

const FORM_PREFIX = '~';

/** Content words, form markers (`~vs`, `~why`, `~when`) and, for several questions at once, `~2` and so on. */
export function contentWords(text: string): string[] {
  // A submission is read for its judgement and again for its stored key: the last reading is kept.
  if (text === lastRead.text) return [...lastRead.words];
  const words = readContentWords(text);
  lastRead = { text, words };
  return [...words];
}

let lastRead: { text: string; words: readonly string[] } = { text: '', words: [] };

function readContentWords(text: string): string[] {
  const read = readWords(text);
  const forms = read.forms.map((form) => `${FORM_PREFIX}${form}`);
  if (read.clauses > 1) forms.push(`${FORM_PREFIX}${read.clauses}`);
  return [...read.words, ...forms];
}

/** The stored matching key of a question: its content words and form markers joined by spaces. */
export function matchingKey(text: string): string {
  return contentWords(text).join(' ');
}

interface Shape {
  words: string[];
  forms: string[];
  /** Distinct words that are not weak. */
  strong: Set<string>;
}

/** Shapes of token lists already seen: stored keys and book questions are compared again and again. */
const shapes = new WeakMap<readonly string[], Shape>();

function shapeOf(tokens: readonly string[]): Shape {
  const known = shapes.get(tokens);
  if (known) return known;
  const words: string[] = [];
  const forms: string[] = [];
  for (const token of tokens) (token.startsWith(FORM_PREFIX) ? forms : words).push(token);
  const shape = { words, forms: forms.sort(), strong: new Set(words.filter((word) => !WEAK_WORDS.has(word))) };
  shapes.set(tokens, shape);
  return shape;
}

/** Typo budget for a pair of words: none for short ones, where one changed letter makes another word. */
function typoBudget(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  const longer = Math.max(a.length, b.length);
  return shorter >= 9 ? 2 : shorter >= 5 || (shorter === 4 && longer >= 5) ? 1 : 0;
}

/** The content words of a matching key's tokens, without its form markers. */
export function wordsOf(tokens: readonly string[]): readonly string[] {
  return shapeOf(tokens).words;
}

/** Same word up to a small typo; the first letter must agree (typos there are rare, and "batch"/"patch" differ). */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a[0] !== b[0] || /\d/.test(a) || /\d/.test(b)) return false;
  const budget = typoBudget(a, b);
  return budget > 0 && editDistance(a, b, budget) <= budget;
}

const DIFFERENT: Similarity = { verdict: 'different', duplicate: false, score: 0 };

/**
 * Compares two questions given as their matching keys split into tokens. `context` holds words that may be left
 * out without changing the question (the candidate's category, e.g. "kafka" for the book's Kafka questions).
 */
export function compareWords(a: readonly string[], b: readonly string[], context: ReadonlySet<string> = new Set()): Similarity {
  const left = shapeOf(a);
  const right = shapeOf(b);
  if (left.words.length === 0 || right.words.length === 0) return DIFFERENT;
  if (!couldPair(left.words, right.words)) return DIFFERENT;
  const restA = new Set(left.words);
  const restB = new Set(right.words);
  let paired = 0;
  for (const word of left.words) {
    if (restB.has(word)) {
      restA.delete(word);
      restB.delete(word);
      paired++;
    }
  }
  paired += pairCompounds(restA, restB, right.words) + pairCompounds(restB, restA, left.words);
  for (const word of [...restA]) {
    const match = [...restB].find((other) => sameWord(word, other));
    if (match !== undefined) {
      restA.delete(word);
      restB.delete(match);
      paired++;
    }
  }
  const strongA = [...restA].filter((word) => !WEAK_WORDS.has(word));
  const strongB = [...restB].filter((word) => !WEAK_WORDS.has(word));
  // Context words are implied by the candidate's category, so only the new question may leave them unpaired.
  const extraA = strongB.length === 0 ? strongA.filter((word) => !context.has(word)) : strongA;
  const extraB = strongB;
  const score = (2 * paired) / (left.words.length + right.words.length);
  if (paired === 0) return { verdict: 'different', duplicate: false, score };
  const sameForm = left.forms.join(' ') === right.forms.join(' ');
  if (sameForm && extraA.length === 0 && extraB.length === 0 && pairedStrongWord(left.words, restA)) {
    return { verdict: 'same', duplicate: true, score };
  }
  const unpaired = extraA.length + extraB.length;
  const strongPaired = left.words.filter((word) => !restA.has(word) && !WEAK_WORDS.has(word)).length;
  const close = unpaired === 0 || (strongPaired >= 2 && score >= 0.5 && unpaired <= Math.max(2, strongPaired));
  return { verdict: close ? 'close' : 'different', duplicate: false, score };
}

/**
 * True when `compareWords(a, b, context)` is sure to answer "different" given that at most `bound` words of `a`
 * can pair with words of `b`: strong words must then stay unpaired (a pair uses up at most two words of a side)
 * and the score cannot reach 0.5.
 */
export function cannotBeAlike(a: readonly string[], b: readonly string[], bound: number, context: ReadonlySet<string>): boolean {
  if (bound === 0) return true;
  const left = shapeOf(a);
  const right = shapeOf(b);
  if (4 * bound >= left.words.length + right.words.length) return false;
  if (right.strong.size > 2 * bound) return true;
  let strongLeft = 0;
  for (const word of left.strong) if (!context.has(word)) strongLeft++;
  return strongLeft > 2 * bound;
}

/**
 * True when `compareWords(a, b, context)` cannot answer "same" given which content words of `a` could pair with a
 * word of `b` (bit i of `pairable` for the i-th): a strong word of `a` without a partner, or more strong words in
 * `b` than the pairs could use up (two at most each), makes them different questions.
 */
export function cannotBeSame(
  a: readonly string[],
  b: readonly string[],
  pairable: number,
  context: ReadonlySet<string>,
): boolean {
  const left = shapeOf(a);
  let bound = 0;
  for (let i = 0; i < left.words.length; i++) {
    const word = left.words[i] as string;
    if (pairable & (1 << i)) bound++;
    else if (!WEAK_WORDS.has(word) && !context.has(word)) return true;
  }
  return bound === 0 || shapeOf(b).strong.size > 2 * bound;
}

/** At least one paired word must carry meaning: two questions sharing only "data" are not the same. */
function pairedStrongWord(words: readonly string[], unpaired: ReadonlySet<string>): boolean {
  return words.some((word) => !unpaired.has(word) && !WEAK_WORDS.has(word));
}

/**
 * A quick necessary condition, without edit distances: some word must have a partner on the other side, the same
 * word, one that could be a typo of it (same first letter, similar length) or part of it written apart.
 */
function couldPair(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) {
    for (const y of b) {
      if (x === y) return true;
      if (x[0] !== y[0]) continue;
      if (Math.abs(x.length - y.length) <= 2 && Math.min(x.length, y.length) >= 4) return true;
      if (x.startsWith(y) || y.startsWith(x)) return true;
    }
  }
  return false;
}

/** Pairs a word on one side with two neighbouring words on the other ("namenode" / "name node"). */
function pairCompounds(single: Set<string>, split: Set<string>, splitOrder: readonly string[]): number {
  let paired = 0;
  for (let i = 0; i + 1 < splitOrder.length; i++) {
    const first = splitOrder[i] as string;
    const second = splitOrder[i + 1] as string;
    if (!split.has(first) || !split.has(second)) continue;
    const joined = first + second;
    const match = [...single].find((word) => sameWord(word, joined));
    if (match !== undefined) {
      single.delete(match);
      split.delete(first);
      split.delete(second);
      paired++;
    }
  }
  return paired;
}

/** Convenience for two texts; `contextText` is the candidate's category name. */
export function compareTexts(text: string, candidate: string, contextText = ''): Similarity {
  return compareWords(contentWords(text), contentWords(candidate), new Set(contextWords(contextText)));
}

export function isNearDuplicate(text: string, candidate: string, contextText = ''): boolean {
  return compareTexts(text, candidate, contextText).duplicate;
}

/**
 * Words of a category name that a question may leave out ("Apache Flink" -> flink). Only for names of one or two
 * things: in "Data Warehouse & Data Lake" each word tells questions apart.
 */
export function contextWords(category: string | undefined): string[] {
  if (!category) return [];
  const words = readWords(category).words.filter((word) => word.length >= 3);
  return words.length <= 2 ? words : [];
}
