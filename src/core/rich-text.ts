import { trimAtWord } from './text.js';
import type { TimeStyle } from './view.js';

/**
 * Structured text for views: a plain discriminated union that every front end renders on its own terms (Discord
 * Markdown, Slack mrkdwn, the terminal, HTML). Text nodes are data: a renderer escapes them, so text a person wrote
 * can never become bold, a link, a list or a mention. A line break and the block nodes (list, quote) start new lines.
 */
export type RichNode =
  | { type: 'text'; text: string }
  | { type: 'bold'; children: RichText }
  | { type: 'italic'; children: RichText }
  | { type: 'code'; text: string }
  /** A moment shown in each reader's own clock where the platform can, else as `fallback`; `at` is in epoch seconds. */
  | { type: 'time'; at: number; style: TimeStyle; fallback: string }
  | { type: 'link'; url: string; children: RichText }
  /** A mention of a channel by its platform id: a link to it where the platform has one. */
  | { type: 'channel'; id: string }
  /**
   * A command for the reader to type, without the platform's prefix ("daily status", "stream vote id:3"): each front
   * end writes it the way its people type it ("/daily status", "/cookbook daily status"), as text or as code.
   */
  | { type: 'command'; line: string; look: 'text' | 'code' }
  | { type: 'list'; items: RichText[] }
  | { type: 'quote'; children: RichText }
  | { type: 'break' };

export type RichText = readonly RichNode[];

/** What the helpers take: a string is a text node, never markup. */
export type RichPart = string | RichNode | RichText;

export function rich(...parts: RichPart[]): RichText {
  const nodes: RichNode[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      if (part !== '') nodes.push({ type: 'text', text: part });
    } else if (isNodeList(part)) nodes.push(...part);
    else nodes.push(part);
  }
  return nodes;
}

function isNodeList(part: RichNode | RichText): part is RichText {
  return Array.isArray(part);
}

export function bold(...parts: RichPart[]): RichNode {
  return { type: 'bold', children: rich(...parts) };
}

export function italic(...parts: RichPart[]): RichNode {
  return { type: 'italic', children: rich(...parts) };
}

export function code(text: string): RichNode {
  return { type: 'code', text };
}

export function time(at: Date, style: TimeStyle, fallback: string): RichNode {
  return { type: 'time', at: Math.floor(at.getTime() / 1000), style, fallback };
}

/** A command to type, e.g. `command('daily status')`, shown with the reader's platform prefix. */
export function command(line: string, look: 'text' | 'code' = 'text'): RichNode {
  return { type: 'command', line, look };
}

export function channel(id: string): RichNode {
  return { type: 'channel', id };
}

/** A link to an http(s) address; any other address is shown as its label only. */
export function link(url: string, ...label: RichPart[]): RichNode {
  return { type: 'link', url, children: label.length === 0 ? rich(url) : rich(...label) };
}

export function list(items: readonly RichPart[]): RichNode {
  return { type: 'list', items: items.map((item) => rich(item)) };
}

export function quote(...parts: RichPart[]): RichNode {
  return { type: 'quote', children: rich(...parts) };
}

export const lineBreak: RichNode = { type: 'break' };

/** The parts one per line. */
export function lines(parts: readonly RichPart[]): RichText {
  return rich(...parts.flatMap((part, index) => (index === 0 ? [part] : [lineBreak, part])));
}

/** The parts with an empty line between each. */
export function paragraphs(parts: readonly RichPart[]): RichText {
  return rich(...parts.flatMap((part, index) => (index === 0 ? [part] : [lineBreak, lineBreak, part])));
}

/** Whether a link address may be shown as a link at all. */
function isWebAddress(url: string): boolean {
  return /^https?:\/\/[^\s<>|]+$/.test(url);
}

/**
 * The words of the text without any markup: links keep their label, lists their items on lines starting "- ",
 * commands the prefix people type them with.
 */
export function plainTextOf(text: RichText, commandPrefix = '/'): string {
  return text.map((node) => plainNode(node, commandPrefix)).join('');
}

function plainNode(node: RichNode, commandPrefix = '/'): string {
  switch (node.type) {
    case 'text':
    case 'code':
      return node.text;
    case 'command':
      return `${commandPrefix}${node.line}`;
    case 'time':
      return node.fallback;
    case 'channel':
      return `#${node.id}`;
    case 'bold':
    case 'italic':
    case 'link':
    case 'quote':
      return plainTextOf(node.children, commandPrefix);
    case 'list':
      return node.items.map((item) => `- ${plainTextOf(item, commandPrefix)}`).join('\n');
    case 'break':
      return '\n';
  }
}

/** The text up to its first empty line. */
export function firstParagraph(text: RichText): RichText {
  const end = text.findIndex((node, index) => node.type === 'break' && text[index + 1]?.type === 'break');
  return end === -1 ? text : text.slice(0, end);
}

/** The text shortened to at most `max` characters of words, cut at a word boundary and ending with an ellipsis. */
export function trimRich(text: RichText, max: number): RichText {
  if (plainTextOf(text).length <= max) return text;
  return rich(cutTo(text, max - 1).nodes, '…');
}

function cutTo(text: RichText, room: number): { nodes: RichNode[]; left: number; full: boolean } {
  const nodes: RichNode[] = [];
  let left = room;
  for (const node of text) {
    const length = plainNode(node).length;
    if (length <= left) {
      nodes.push(node);
      left -= length;
      continue;
    }
    const part = cutNode(node, left);
    if (part) nodes.push(part);
    return { nodes, left: 0, full: false };
  }
  return { nodes, left, full: true };
}

/** The part of a node that fits in `room`, cut between words; undefined when nothing of it does. */
function cutNode(node: RichNode, room: number): RichNode | undefined {
  switch (node.type) {
    case 'text': {
      const words = trimAtWord(node.text, room, '').trimEnd();
      return words === '' ? undefined : { type: 'text', text: words };
    }
    case 'bold':
    case 'italic':
    case 'link':
    case 'quote': {
      const children = cutTo(node.children, room).nodes;
      return children.length === 0 ? undefined : { ...node, children };
    }
    case 'list': {
      const items: RichText[] = [];
      let left = room;
      for (const item of node.items) {
        const part = cutTo(item, left - 3);
        if (part.nodes.length > 0) items.push(part.nodes);
        if (!part.full) break;
        left = part.left;
      }
      return items.length === 0 ? undefined : { type: 'list', items };
    }
    default:
      return undefined;
  }
}

/** How one front end writes each kind of node; `renderRich` puts the pieces together and keeps blocks on their own lines. */
export interface RichSyntax {
  /** What people type before a command's name here: "/" or "/cookbook ". */
  commandPrefix: string;
  /** A text node as shown: escaped so that it formats nothing. */
  text(text: string): string;
  time(seconds: number, style: TimeStyle, fallback: string): string;
  bold(inner: string): string;
  italic(inner: string): string;
  code(text: string): string;
  /** `label` is already rendered; `url` is a web address (others are shown as their label). */
  link(url: string, label: string): string;
  /** A channel mention; `id` is as the platform gave it. */
  channel(id: string): string;
  /** One line of a list; `depth` is 0 for a top-level list. */
  listItem(item: string, depth: number): string;
  quoteLine(line: string): string;
}

export function renderRich(text: RichText, syntax: RichSyntax, depth = 0): string {
  let out = '';
  let afterBlock = false;
  for (const node of text) {
    if (node.type === 'list' || node.type === 'quote') {
      const block =
        node.type === 'list'
          ? node.items.map((item) => syntax.listItem(renderRich(item, syntax, depth + 1), depth)).join('\n')
          : renderRich(node.children, syntax, depth).split('\n').map(syntax.quoteLine).join('\n');
      if (out !== '' && !out.endsWith('\n')) out += '\n';
      out += block;
      afterBlock = true;
      continue;
    }
    if (afterBlock) {
      out += '\n';
      afterBlock = false;
      if (node.type === 'break') continue;
    }
    out += renderInline(node, syntax, depth);
  }
  return out;
}

function renderInline(node: Exclude<RichNode, { type: 'list' | 'quote' }>, syntax: RichSyntax, depth: number): string {
  switch (node.type) {
    case 'text':
      return syntax.text(node.text);
    case 'bold':
      return syntax.bold(renderRich(node.children, syntax, depth));
    case 'italic':
      return syntax.italic(renderRich(node.children, syntax, depth));
    case 'code':
      return syntax.code(node.text);
    case 'command': {
      const typed = `${syntax.commandPrefix}${node.line}`;
      return node.look === 'code' ? syntax.code(typed) : syntax.text(typed);
    }
    case 'time':
      return syntax.time(node.at, node.style, node.fallback);
    case 'channel':
      return syntax.channel(node.id);
    case 'link': {
      const label = renderRich(node.children, syntax, depth);
      return isWebAddress(node.url) ? syntax.link(node.url, label) : label;
    }
    case 'break':
      return '\n';
  }
}
