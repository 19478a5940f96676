/** Lowercase words without accents or punctuation; "Spark-SQL's" -> ["spark", "sql", "s"]. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}.]+|(?<!\d)\.|\.(?!\d)/u)
    .filter((word) => word.length > 0);
}

const MAX_WORD = 64;
const rowA = new Int32Array(MAX_WORD + 1);
const rowB = new Int32Array(MAX_WORD + 1);
const rowC = new Int32Array(MAX_WORD + 1);

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up above `max`.
 * Returns max + 1 when the distance is larger than max. Reuses three rows: no allocation per call.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  if (a.length > MAX_WORD || b.length > MAX_WORD) return max + 1;
  let prevPrev = rowA;
  let prev = rowB;
  let current = rowC;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(
        (prev[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (prev[j - 1] as number) + (ai === bj ? 0 : 1),
      );
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        value = Math.min(value, (prevPrev[j - 2] as number) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const spare = prevPrev;
    prevPrev = prev;
    prev = current;
    current = spare;
  }
  return prev[b.length] as number;
}

/** How many typos a word of this length may carry and still match. */
export function typoBudget(length: number): number {
  if (length <= 3) return 0;
  if (length <= 7) return 1;
  return 2;
}

/** Words that carry no topic: skipped when a query is matched word by word. */
export const STOP_WORDS = new Set(
  'a an and are as at be by can do does for from how i if in into is it its of on or the this that to what when where which who why with you your all have has know there their them they been about between'.split(
    ' ',
  ),
);

/** A crude English singular, enough for lookups: "topics" -> "topic", "queries" -> "query", "classes" -> "class". */
export function stem(word: string): string {
  if (word.length < 4 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Words of a name or query, singular, for comparing names: "Data Lakes" and "data lake" give the same key. */
export function lookupKey(text: string): string {
  return words(text).map(stem).join(' ');
}
