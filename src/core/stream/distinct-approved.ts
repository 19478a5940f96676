import type { Content } from '../content/content.js';
import { closestBookQuestion } from './duplicates.js';
import { compareWords, contentWords } from './similarity.js';

/**
 * Approved community questions counted once each: one that asks a book question, or the same as a question approved
 * before it, adds nothing to the list (moderators can approve such a question anyway, e.g. for its votes).
 */
export function countDistinct(texts: readonly string[], content: Content): { distinct: number; repeats: number } {
  const counted: string[][] = [];
  const byWord = new Map<string, number[]>();
  let repeats = 0;
  for (const text of texts) {
    const words = contentWords(text);
    if (closestBookQuestion(text, content)?.same || repeatsEarlier(words, counted, byWord)) {
      repeats++;
      continue;
    }
    const index = counted.push(words) - 1;
    for (const word of words) byWord.set(word, [...(byWord.get(word) ?? []), index]);
  }
  return { distinct: counted.length, repeats };
}

/** Only questions sharing a word can be the same, so only those are compared. */
function repeatsEarlier(words: string[], counted: string[][], byWord: Map<string, number[]>): boolean {
  const sharing = new Set(words.flatMap((word) => byWord.get(word) ?? []));
  for (const index of sharing) {
    if (compareWords(words, counted[index] as string[]).duplicate) return true;
  }
  return false;
}
