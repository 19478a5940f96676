import { bold, code, italic, lineBreak, link, list, type RichNode, type RichText, rich } from '../rich-text.js';

/**
 * The book summaries are written in a small Markdown subset: **bold**, *italic*, `code`, [label](https://url),
 * paragraphs, and lines starting with "- " as a list. This reads that subset into rich text. Only text the project
 * ships goes through here; what people type is always a text node.
 */
export function contentMarkup(markdown: string): RichText {
  const nodes: RichNode[] = [];
  const lines = markdown.split('\n');
  let items: RichText[] = [];
  const flushList = () => {
    if (items.length > 0) nodes.push(list(items));
    items = [];
  };
  for (const [index, line] of lines.entries()) {
    const item = /^[-*] (.*)$/.exec(line);
    if (item && items.length > 0) {
      items.push(inlineMarkup(item[1] ?? ''));
      continue;
    }
    flushList();
    if (index > 0) nodes.push(lineBreak);
    if (item) items.push(inlineMarkup(item[1] ?? ''));
    else nodes.push(...inlineMarkup(line));
  }
  flushList();
  return nodes;
}

const INLINE = /\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])|`([^`\n]+)`|\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g;

/** One line of the subset: emphasis, code and links; everything else is text. */
export function inlineMarkup(line: string): RichText {
  const parts: (string | RichNode)[] = [];
  let at = 0;
  for (const match of line.matchAll(INLINE)) {
    parts.push(line.slice(at, match.index));
    const [, strong, emphasis, literal, label, url] = match;
    if (strong !== undefined) parts.push(bold(inlineMarkup(strong)));
    else if (emphasis !== undefined) parts.push(italic(inlineMarkup(emphasis)));
    else if (literal !== undefined) parts.push(code(literal));
    else if (label !== undefined && url !== undefined) parts.push(link(url, inlineMarkup(label)));
    at = match.index + match[0].length;
  }
  parts.push(line.slice(at));
  return rich(...parts);
}
