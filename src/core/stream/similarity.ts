import { editDistance } from '../content/normalize.js';

/**
 * Near-duplicate detection for short questions. A question becomes its list of content words (no filler, light
 * stemming, a few synonyms folded); two questions are duplicates when their content words pair up, allowing for
 * word order, small typos, words written together or apart, and at most a word or two more on one side only.
 * A word that differs on both sides ("data lake" / "data warehouse") always makes them different questions.
 */

const STOP_WORDS = new Set(
  (
    'a an the is are was were be been being am do does did have has had what whats explain describe define ' +
    'tell me us about please can could would should will shall may might must you your yours i im my we our it its ' +
    'they them their this that these those there here of in on at to for from by with into onto as and or if so ' +
    'than then also some any each etc eg ie e g really actually basically fully completely entirely mean means ' +
    'know whether give s'
  ).split(' '),
);

const SYNONYMS: Record<string, string> = {
  versus: 'vs',
  difference: 'vs',
  differences: 'vs',
  different: 'vs',
  differ: 'vs',
  diff: 'vs',
  compare: 'vs',
  compared: 'vs',
  comparison: 'vs',
  between: 'vs',
  used: 'use',
  uses: 'use',
  using: 'use',
  usage: 'use',
  purpose: 'use',
  db: 'database',
  dbs: 'database',
  databases: 'database',
  k8s: 'kubernetes',
  postgresql: 'postgres',
  props: 'property',
  properties: 'property',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
};

const WORD = /[\p{L}\p{N}]+[+#]*/gu;

/** The content words of a question, in order, each once. Falls back to every word when all are filler. */
export function contentWords(text: string): string[] {
  const words = (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/['’`]s\b/g, '')
      .replace(/['’`]/g, '')
      .match(WORD) ?? []
  ).map((word) => stem(SYNONYMS[word] ?? word));
  const content = words.filter((word) => !STOP_WORDS.has(word));
  return [...new Set(content.length > 0 ? content : words)];
}

/** The stored matching key of a question: its content words joined by spaces. */
export function matchingKey(text: string): string {
  return contentWords(text).join(' ');
}

function stem(word: string): string {
  if (/\d/.test(word)) return word;
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 6 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 5 && w.endsWith('ed')) w = w.slice(0, -2);
  return w;
}

/** Typo budget for a pair of words: none for short ones, where one changed letter makes another word. */
function typoBudget(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  return shorter >= 9 ? 2 : shorter >= 5 ? 1 : 0;
}

/** Same word up to a small typo; the first letter must agree (typos there are rare, and "batch"/"patch" differ). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a[0] !== b[0] || /\d/.test(a) || /\d/.test(b)) return false;
  const budget = typoBudget(a, b);
  return budget > 0 && editDistance(a, b, budget) <= budget;
}

export interface Similarity {
  duplicate: boolean;
  /** Share of words paired up, 0-1, for ranking several matches. */
  score: number;
}

const NOT_SIMILAR: Similarity = { duplicate: false, score: 0 };

/**
 * Compares two questions given as content words. `context` holds words that may be left out without changing
 * the question (the candidate's category, e.g. "kafka" for the book's Kafka questions).
 */
export function compareWords(a: readonly string[], b: readonly string[], context: ReadonlySet<string> = new Set()): Similarity {
  if (a.length === 0 || b.length === 0) return NOT_SIMILAR;
  if (!couldPair(a, b, context)) return NOT_SIMILAR;
  const restA = new Set(a);
  const restB = new Set(b);
  let paired = 0;
  for (const word of a) {
    if (restB.has(word)) {
      restA.delete(word);
      restB.delete(word);
      paired++;
    }
  }
  paired += pairCompounds(restA, restB, b) + pairCompounds(restB, restA, a);
  for (const word of [...restA]) {
    const match = [...restB].find((other) => sameWord(word, other));
    if (match !== undefined) {
      restA.delete(word);
      restB.delete(match);
      paired++;
    }
  }
  let extraA = [...restA];
  let extraB = [...restB];
  if (extraB.length === 0) extraA = extraA.filter((word) => !context.has(word));
  if (extraA.length === 0) extraB = extraB.filter((word) => !context.has(word));
  const score = (2 * paired) / (a.length + b.length);
  if (paired === 0) return { duplicate: false, score };
  const oneSided = extraA.length === 0 || extraB.length === 0;
  const extra = extraA.length + extraB.length;
  return { duplicate: oneSided && extra <= allowedExtraWords(paired), score };
}

/**
 * A quick necessary condition, without edit distances: a word can only pair with a word of the other side that
 * starts with the same letter (exact, typo and compound pairs all do). Words with no such partner are extra for
 * sure; extra words on both sides, or more than two on one, rule a duplicate out.
 */
function couldPair(a: readonly string[], b: readonly string[], context: ReadonlySet<string>): boolean {
  const extraA = surelyExtra(a, b, context);
  if (extraA > 2) return false;
  const extraB = surelyExtra(b, a, context);
  return extraB <= 2 && (extraA === 0 || extraB === 0);
}

function surelyExtra(words: readonly string[], others: readonly string[], context: ReadonlySet<string>): number {
  let extra = 0;
  for (const word of words) {
    if (context.has(word)) continue;
    const first = word.charCodeAt(0);
    let partner = false;
    for (const other of others) {
      if (other.charCodeAt(0) === first) {
        partner = true;
        break;
      }
    }
    if (!partner) extra++;
  }
  return extra;
}

/** A longer question may carry a word or two more than a shorter one and still ask the same thing. */
function allowedExtraWords(paired: number): number {
  return paired >= 6 ? 2 : paired >= 3 ? 1 : 0;
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
export function isNearDuplicate(text: string, candidate: string, contextText = ''): boolean {
  return compareWords(contentWords(text), contentWords(candidate), new Set(contextWords(contextText))).duplicate;
}

/**
 * Words of a category name that a question may leave out ("Apache Flink" -> apache, flink). Only for names of one
 * thing: in "Data Warehouse & Data Lake" each word tells questions apart.
 */
export function contextWords(category: string | undefined): string[] {
  if (!category) return [];
  const words = contentWords(category).filter((word) => word.length >= 3);
  return words.length <= 2 ? words : [];
}
