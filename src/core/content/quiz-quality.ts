import { contentWords } from '../stream/similarity.js';
import type { QuizItem } from './schema.js';

/** Limits a fair quiz keeps; the content test and `cli content --validate` hold the shipped items to them. */
export const QUIZ_LIMITS = {
  minItems: 300,
  /** Share of items whose right option is the longest (ties included); 25% is chance with four options. */
  maxRightLongest: 0.3,
  /** The same share within any one topic. */
  maxRightLongestPerTopic: 0.4,
  /** Share of items whose right option is the shortest (ties included), so shortening answers cannot be gamed either. */
  maxRightShortest: 0.35,
  /** Share of items whose right option is neither the longest nor the shortest, so "drop both ends" cannot be gamed. */
  maxRightMiddle: 0.6,
  /** Share of items whose right option sits at any one position in the file. */
  maxSamePosition: 0.35,
} as const;

/** Two items whose question-and-answer words overlap this much (Jaccard) ask the same thing. */
const DUPLICATE_OVERLAP = 0.4;

/** Options a quiz writer adds for a laugh; none of them could be right about data engineering. */
const JOKE_OPTIONS = [
  /\bcolou?rs? of (its|the|their) logs?\b/i,
  /\bbigger monitor\b/i,
  /\bprogramming font\b/i,
  /\bsensor colou?r\b/i,
  /\blogos? and marketing\b/i,
  /\b(horoscope|lottery|coin toss|pizza|coffee machine|astrology|luck)\b/i,
];

interface QuizFigures {
  items: number;
  /** Items whose section is not one the topics cite. */
  unknownSections: string[];
  rightLongest: number;
  rightShortest: number;
  rightMiddle: number;
  /** Topic with the highest share of right-longest items, and that share. */
  worstTopic: { topic: string; share: number; rightLongest: number; items: number } | undefined;
  /** Largest share of right options at one position. */
  samePosition: number;
  unlikeOptions: string[];
  jokeOptions: string[];
  nearDuplicates: [string, string][];
}

/**
 * Measures every item against the fairness rules; pure, so the CLI and the tests report the same figures.
 * `bookSections` are the section numbers the topics cite; an item must name one of them.
 */
export function measureQuiz(items: readonly QuizItem[], bookSections: ReadonlySet<string>): QuizFigures {
  const byTopic = new Map<string, { items: number; rightLongest: number }>();
  const positions = new Map<number, number>();
  let rightLongest = 0;
  let rightShortest = 0;
  let rightMiddle = 0;
  for (const item of items) {
    const longest = isRightLongest(item);
    const shortest = isRightShortest(item);
    if (longest) rightLongest++;
    if (shortest) rightShortest++;
    if (!longest && !shortest) rightMiddle++;
    const topic = byTopic.get(item.topic) ?? { items: 0, rightLongest: 0 };
    topic.items++;
    if (longest) topic.rightLongest++;
    byTopic.set(item.topic, topic);
    const position = item.choices.indexOf(item.answer);
    positions.set(position, (positions.get(position) ?? 0) + 1);
  }
  let worstTopic: QuizFigures['worstTopic'];
  for (const [topic, counts] of byTopic) {
    const share = counts.rightLongest / counts.items;
    if (!worstTopic || share > worstTopic.share) worstTopic = { topic, share, ...counts };
  }
  return {
    items: items.length,
    unknownSections: items.filter((item) => !bookSections.has(item.section)).map((item) => item.id),
    rightLongest,
    rightShortest,
    rightMiddle,
    worstTopic,
    samePosition: items.length === 0 ? 0 : Math.max(0, ...positions.values()) / items.length,
    unlikeOptions: items.filter((item) => !optionsAlike(item.choices)).map((item) => item.id),
    jokeOptions: items
      .filter((item) => item.choices.some((c) => JOKE_OPTIONS.some((joke) => joke.test(c))))
      .map((item) => item.id),
    nearDuplicates: findNearDuplicates(items),
  };
}

/** Every limit the figures break, as sentences; empty when the quiz is fair. */
export function quizProblems(figures: QuizFigures): string[] {
  const problems: string[] = [];
  const share = (n: number) => (figures.items === 0 ? 0 : n / figures.items);
  const percent = (x: number) => `${Math.round(x * 100)}%`;
  if (figures.items < QUIZ_LIMITS.minItems) problems.push(`${figures.items} items, ${QUIZ_LIMITS.minItems} expected`);
  if (figures.unknownSections.length > 0) {
    problems.push(`sections no topic cites: ${figures.unknownSections.join(', ')}`);
  }
  if (share(figures.rightLongest) > QUIZ_LIMITS.maxRightLongest) {
    problems.push(`right option is the longest in ${percent(share(figures.rightLongest))} of items`);
  }
  if (figures.worstTopic && figures.worstTopic.share > QUIZ_LIMITS.maxRightLongestPerTopic) {
    const { topic, rightLongest, items } = figures.worstTopic;
    problems.push(`right option is the longest in ${rightLongest} of ${items} items of topic ${topic}`);
  }
  if (share(figures.rightShortest) > QUIZ_LIMITS.maxRightShortest) {
    problems.push(`right option is the shortest in ${percent(share(figures.rightShortest))} of items`);
  }
  if (share(figures.rightMiddle) > QUIZ_LIMITS.maxRightMiddle) {
    problems.push(`right option is neither the longest nor the shortest in ${percent(share(figures.rightMiddle))} of items`);
  }
  if (figures.samePosition > QUIZ_LIMITS.maxSamePosition) {
    problems.push(`${percent(figures.samePosition)} of right options sit at the same position`);
  }
  if (figures.unlikeOptions.length > 0) problems.push(`options unlike in length or form: ${figures.unlikeOptions.join(', ')}`);
  if (figures.jokeOptions.length > 0) problems.push(`joke options: ${figures.jokeOptions.join(', ')}`);
  for (const [a, b] of figures.nearDuplicates) problems.push(`near-duplicate items: ${a} and ${b}`);
  return problems;
}

export function isRightLongest(item: QuizItem): boolean {
  return item.choices.every((choice) => choice.length <= item.answer.length);
}

function isRightShortest(item: QuizItem): boolean {
  return item.choices.every((choice) => choice.length >= item.answer.length);
}

/**
 * Options look alike when the shortest is at least half as long as the longest (or they differ by a few
 * characters), all start with the same kind of character and either all or none end with a full stop.
 */
export function optionsAlike(choices: readonly string[]): boolean {
  const lengths = choices.map((choice) => choice.length);
  const shortest = Math.min(...lengths);
  const longest = Math.max(...lengths);
  if (shortest * 2 < longest && longest - shortest > 10) return false;
  const starts = new Set(choices.map(startKind));
  starts.delete('other');
  if (starts.size > 1) return false;
  const stops = new Set(choices.map((choice) => choice.endsWith('.')));
  return stops.size === 1;
}

function startKind(choice: string): 'upper' | 'lower' | 'other' {
  const first = choice.charAt(0);
  if (first !== first.toLowerCase()) return 'upper';
  if (first !== first.toUpperCase()) return 'lower';
  return 'other';
}

/** Pairs of items whose question and right answer share most of their content words. */
export function findNearDuplicates(items: readonly QuizItem[]): [string, string][] {
  const words = items.map((item) => new Set(contentWords(`${item.question} ${item.answer}`)));
  const pairs: [string, string][] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (overlap(words[i] as Set<string>, words[j] as Set<string>) >= DUPLICATE_OVERLAP) {
        pairs.push([(items[i] as QuizItem).id, (items[j] as QuizItem).id]);
      }
    }
  }
  return pairs;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** The quiz figures in one line, for `cli content --validate`. */
export function describeQuizFigures(figures: QuizFigures): string {
  const percent = (n: number) => `${figures.items === 0 ? 0 : Math.round((n / figures.items) * 100)}%`;
  const worst = figures.worstTopic ? `, at most ${Math.round(figures.worstTopic.share * 100)}% in one topic` : '';
  return (
    `${figures.items} quiz items (right option the longest in ${percent(figures.rightLongest)}${worst}, ` +
    `the shortest in ${percent(figures.rightShortest)}; ${figures.nearDuplicates.length} near-duplicates)`
  );
}
