import { cleanText } from '../text.js';

const FENCE = /^\s{0,3}(`{3,}|~{3,})(.*)$/;

/** Text for one line of a Markdown file that shows as written: no emphasis, code, link or HTML from it. */
export function inlineMarkdown(text: string): string {
  return cleanText(text)
    .replace(/\s+/g, ' ')
    .replace(/([\\`*_[\]])/g, '\\$1')
    .replace(/</g, '&lt;');
}

function blockLine(line: string): string {
  const text = line.trimStart().replace(/</g, '&lt;');
  // Headings, setext underlines, thematic breaks and link reference definitions would leave the list item.
  if (/^(#|\[|=+\s*$)/.test(text) || /^([-*_])(\s*\1){2,}\s*$/.test(text)) return `\\${text}`;
  return text;
}

/**
 * User text as the lines of a list item's body: code blocks kept as written (an unclosed one is closed),
 * everything else unable to start a heading, HTML or anything else that would end the list.
 */
export function blockMarkdown(text: string): string[] {
  const lines: string[] = [];
  let open: string | undefined;
  for (const line of cleanText(text).split('\n')) {
    const fence = FENCE.exec(line);
    if (open !== undefined) {
      const marker = fence?.[1];
      if (marker && marker[0] === open[0] && marker.length >= open.length && fence?.[2]?.trim() === '') {
        lines.push(marker);
        open = undefined;
      } else {
        lines.push(line);
      }
      continue;
    }
    const marker = fence?.[1];
    if (marker && !(marker[0] === '`' && fence?.[2]?.includes('`'))) {
      open = marker;
      lines.push(`${marker}${fence?.[2] ?? ''}`.trimEnd());
      continue;
    }
    lines.push(line.trim() === '' ? '' : blockLine(line));
  }
  if (open !== undefined) lines.push(open);
  return lines;
}
