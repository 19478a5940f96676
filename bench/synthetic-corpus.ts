import { words } from '../src/core/content/normalize.js';
import type { Topic } from '../src/core/content/types.js';
import { seededRandom } from '../src/core/random.js';

const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';

/**
 * The real topics plus (factor - 1) synthetic copies of each, generated deterministically: a made-up name joined
 * to a word of the source summary, two of its tags, and a summary of the same length drawn from its words.
 * Synthetic topics compete for body and tag matches like a bigger book would, without copying any real title.
 */
export function scaleTopics(real: readonly Topic[], factor: number, seed = 20_260_101): Topic[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const realWords = new Set(
    real.flatMap((topic) => words(`${topic.id} ${topic.title} ${topic.aliases.join(' ')} ${topic.summary}`)),
  );
  const usedNames = new Set<string>();
  const madeUpWord = (): string => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const syllables = 2 + Math.floor(random() * 2);
      let word = '';
      for (let i = 0; i < syllables; i++) word += pick([...CONSONANTS]) + pick([...VOWELS]);
      if (!realWords.has(word) && !usedNames.has(word)) {
        usedNames.add(word);
        return word;
      }
    }
    throw new Error('ran out of made-up words');
  };

  const out: Topic[] = [...real];
  for (let copy = 1; copy < factor; copy++) {
    real.forEach((source, i) => {
      const summaryWords = source.summary.split(/\s+/).filter(Boolean);
      const contentWords = summaryWords.map((word) => word.replace(/[^\p{L}\p{N}]/gu, '')).filter((word) => word.length > 3);
      const name = madeUpWord();
      const title = `${capitalize(name)} ${capitalize(pick(contentWords).toLowerCase())}`;
      const summary = Array.from({ length: summaryWords.length }, () => pick(summaryWords)).join(' ');
      out.push({
        id: `${words(title).join('-')}-${copy}`,
        title,
        sections: [`${100 + copy}.${i + 1}`],
        part: source.part,
        aliases: [`${name} ${copy}`],
        tags: source.tags.length > 0 ? [...new Set([pick(source.tags), pick(source.tags)])] : [],
        episodes: [],
        links: [],
        related: [],
        thin: false,
        since: [],
        summary,
        words: summaryWords.length,
        questionIds: [],
      });
    });
  }
  return out;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
