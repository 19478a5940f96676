import { lineBreak, type RichText, renderRich, rich } from './rich-text.js';
import { escapeMarkdown } from './text.js';
import { type TimeStyle, timeToken, type ViewText } from './view.js';

const MARKDOWN = {
  text: escapeMarkdown,
  time: (seconds: number, style: TimeStyle, fallback: string) => timeToken(new Date(seconds * 1000), style, fallback),
  bold: (inner: string) => `**${inner}**`,
  italic: (inner: string) => `*${inner}*`,
  code: (text: string) => `\`${text.replaceAll('`', 'ˋ')}\``,
  link: (url: string, label: string) => `[${label}](${url.replaceAll('(', '%28').replaceAll(')', '%29')})`,
  listItem: (item: string, depth: number) => `${'  '.repeat(depth)}- ${item}`,
  quoteLine: (line: string) => `> ${line}`,
};

/** View text in the earlier Markdown subset, for code that still composes such strings; text nodes are escaped. */
export function markdownOf(text: ViewText): string {
  return typeof text === 'string' ? text : renderRich(text, MARKDOWN);
}

/**
 * Joins view texts with `breaks` line breaks between them: a RichText when every part is one, otherwise the Markdown
 * subset.
 */
export function joinViewText(parts: readonly ViewText[], breaks: number): ViewText {
  const trees = parts.filter((part): part is RichText => typeof part !== 'string');
  if (trees.length === parts.length) {
    const gap = Array.from({ length: breaks }, () => lineBreak);
    return rich(...trees.flatMap((part, index) => (index === 0 ? [part] : [...gap, part])));
  }
  return parts.map(markdownOf).join('\n'.repeat(breaks));
}
