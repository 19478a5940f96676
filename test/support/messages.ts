import { type RichSyntax, type RichText, renderRich } from '../../src/core/rich-text.js';
import { type Message, timesAsText, type View } from '../../src/core/view.js';

/** The view of the first message that carries one (a board refresh carries none). */
export function firstView(result: { messages: Message[] }): View | undefined {
  for (const message of result.messages) if (message.kind !== 'refresh') return message.view;
  return undefined;
}

/** The number of the question a person was told was stored ("Thanks! Your question is #12: …"). */
export function askedId(result: { status: string; messages: Message[] }): number | undefined {
  const told = /Your question is #(\d+)/.exec(md(firstView(result)?.text))?.[1];
  return result.status === 'ok' && told !== undefined ? Number(told) : undefined;
}

/** Markdown marks around text shown as written, so that a test reads the text and where the formatting is. */
const READABLE: RichSyntax = {
  commandPrefix: '/',
  text: timesAsText,
  time: (_seconds, _style, fallback) => fallback,
  bold: (inner) => `**${inner}**`,
  italic: (inner) => `*${inner}*`,
  code: (text) => `\`${text}\``,
  link: (url, label) => `[${label}](${url})`,
  channel: (id) => `<#${id}>`,
  listItem: (item, depth) => `${'  '.repeat(depth)}- ${item}`,
  quoteLine: (line) => `> ${line}`,
};

/**
 * Text for assertions: a RichText as Markdown marks around unescaped text, a string (a title, a footer, rendered
 * output) as it is; empty when there is none.
 */
export function md(text: RichText | string | undefined): string {
  if (text === undefined) return '';
  return typeof text === 'string' ? text : renderRich(text, READABLE);
}
