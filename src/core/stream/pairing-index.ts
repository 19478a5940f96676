import { cannotBeAlike, cannotBeSame, sameWord, wordsOf } from './similarity.js';

interface Entry<T> {
  item: T;
  tokens: readonly string[];
  context: ReadonlySet<string>;
}

/** Query words beyond this many are not tracked one by one; such a query is compared with every entry. */
const MAX_TRACKED_WORDS = 30;

/**
 * Finds, among many stored questions, the few that `compareWords` could find the same as or close to a new one,
 * without comparing the new one with each: every entry is filed under its words and under each two neighbouring
 * words written together, and a new question looks up its own words (and neighbours written together) among the
 * filed keys with the same first letter, allowing the typos `compareWords` allows. An entry stays a candidate only
 * when enough of the new question's words found it.
 */
export class PairingIndex<T> {
  private readonly entries: Entry<T>[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly typos = new Map<string, { keys: string[]; checked: number[] }>();
  /** Scratch space of `plausible`: which query words found each entry, as bits; all zero between calls. */
  private found = new Int32Array(64);
  /** Keys by first letter and length: the only ones that can be a typo of a word. */
  private readonly keysByShape = new Map<string, string[]>();

  get size(): number {
    return this.entries.length;
  }

  add(item: T, tokens: readonly string[], context: ReadonlySet<string>): void {
    const position = this.entries.push({ item, tokens, context }) - 1;
    const words = wordsOf(tokens);
    const keys = new Set(words);
    for (let i = 0; i + 1 < words.length; i++) keys.add(`${words[i]}${words[i + 1]}`);
    for (const key of keys) {
      let posting = this.postings.get(key);
      if (!posting) {
        posting = [];
        this.postings.set(key, posting);
        const shape = `${key[0]}${key.length}`;
        const bucket = this.keysByShape.get(shape);
        if (bucket) bucket.push(key);
        else this.keysByShape.set(shape, [key]);
      }
      posting.push(position);
    }
  }

  /**
   * The filed keys that are a typo of `text`. The words of a burst repeat, so each word's list is remembered and
   * only extended by keys filed since (the buckets only grow).
   */
  private typosOf(text: string): readonly string[] {
    let known = this.typos.get(text);
    if (!known) {
      if (this.typos.size >= MAX_REMEMBERED_TYPOS) this.typos.clear();
      known = { keys: [], checked: [0, 0, 0, 0, 0] };
      this.typos.set(text, known);
    }
    for (let offset = 0; offset < 5; offset++) {
      const bucket = this.keysByShape.get(`${text[0]}${text.length - 2 + offset}`);
      if (!bucket) continue;
      for (let i = known.checked[offset] as number; i < bucket.length; i++) {
        const key = bucket[i] as string;
        if (key !== text && sameWord(text, key)) known.keys.push(key);
      }
      known.checked[offset] = bucket.length;
    }
    return known.keys;
  }

  /**
   * The entries that may be the same as the question of `tokens` (or, with `close`, the same or close to it), in
   * the order they were added.
   */
  plausible(tokens: readonly string[], reach: 'same' | 'close'): Entry<T>[] {
    const words = wordsOf(tokens);
    if (words.length > MAX_TRACKED_WORDS) return [...this.entries];
    if (this.found.length < this.entries.length) this.found = new Int32Array(this.entries.length * 2);
    const found = this.found;
    const touched: number[] = [];
    const mark = (key: string, positions: number) => {
      for (const entry of this.postings.get(key) ?? []) {
        if (found[entry] === 0) touched.push(entry);
        found[entry] = (found[entry] as number) | positions;
      }
    };
    const probe = (text: string, positions: number) => {
      mark(text, positions);
      if (text.length < 4) return;
      for (const key of this.typosOf(text)) mark(key, positions);
    };
    for (let i = 0; i < words.length; i++) {
      probe(words[i] as string, 1 << i);
      if (i + 1 < words.length) probe(`${words[i]}${words[i + 1]}`, (1 << i) | (1 << (i + 1)));
    }
    const plausible: number[] = [];
    for (const position of touched) {
      const positions = found[position] as number;
      found[position] = 0;
      const entry = this.entries[position] as Entry<T>;
      const unlike =
        reach === 'same'
          ? cannotBeSame(tokens, entry.tokens, positions, entry.context)
          : cannotBeAlike(tokens, entry.tokens, bitCount(positions), entry.context);
      if (!unlike) plausible.push(position);
    }
    return plausible.sort((a, b) => a - b).map((position) => this.entries[position] as Entry<T>);
  }
}

/** Typo lists kept beyond this many are dropped and found again. */
const MAX_REMEMBERED_TYPOS = 50_000;

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}
