// Control characters except tab and newline, zero-width characters, bidirectional controls, BOM.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Makes user text safe to store: normalised, without invisible or control characters, trimmed. */
export function cleanText(input: string): string {
  return input.replace(LONE_SURROGATE, '\uFFFD').normalize('NFC').replace(/\r\n?/g, '\n').replace(UNSAFE, '').trim();
}

/** Same as cleanText, and folds every run of whitespace into one space (for one-line values). */
export function cleanLine(input: string): string {
  return cleanText(input).replace(/\s+/g, ' ');
}

/**
 * Shortens text to at most `max` characters at a word boundary, ending with `suffix` (an ellipsis or a pointer
 * to the rest). Never cuts inside a word, an escape sequence or a surrogate pair.
 */
export function trimAtWord(input: string, max: number, suffix = '…'): string {
  if (input.length <= max) return input;
  const room = Math.max(0, max - suffix.length);
  let cut = input.slice(0, room);
  const lastSpace = cut.search(/\s\S*$/);
  if (lastSpace > room * 0.5) cut = cut.slice(0, lastSpace);
  else if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/\\+$/, (slashes) => (slashes.length % 2 === 1 ? slashes.slice(1) : slashes));
  return `${cut.trimEnd()}${suffix}`.slice(0, max);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
