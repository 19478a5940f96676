import { allCommands } from '../../core/commands/all.js';
import { plainTextOf, type RichSyntax, type RichText, renderRich } from '../../core/rich-text.js';
import { trimAtWord } from '../../core/text.js';
import { type TimeStyle, timesAsText } from '../../core/view.js';
import { slackProfile } from './profile.js';

const COMMAND_REFERENCE = new RegExp(`(^|[\\s(\`"'])/(${allCommands.map((c) => c.name).join('|')})(?![\\w/-])`, 'g');

/**
 * On Slack every command lives under /cookbook. Rich text names commands as command nodes; a footer is a plain string
 * of the bot's own words, where "Ask with /ask" is rewritten to read "Ask with /cookbook ask".
 */
function slackCommandReferences(text: string): string {
  return text.replace(COMMAND_REFERENCE, '$1/cookbook $2');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/**
 * Slack mrkdwn has no escape for its formatting characters. A literal one that could open or close bold, italics or
 * strike-through (next to a space or punctuation) is shown as a look-alike; inside a word (snake_case, 2*3) it cannot
 * and stays itself. A backtick can always start code, so it is always replaced.
 */
const LOOK_ALIKES: Record<string, string> = { '*': '\u2217', _: '\u02CD', '~': '\u223C', '`': '\u02CB' };
const WORD_CHAR = /[\p{L}\p{N}]/u;

function literalFormatting(char: string, before: string | undefined, after: string | undefined): string {
  const insideWord =
    char !== '`' && before !== undefined && after !== undefined && WORD_CHAR.test(before) && WORD_CHAR.test(after);
  return insideWord ? char : (LOOK_ALIKES[char] as string);
}

/** Slack's three control characters as entities: text shown as written, never a mention, link or command. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text a person or the book wrote, as Slack shows it literally: entities for & < >, look-alikes for formatting marks. */
function literalText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    out += char in LOOK_ALIKES ? literalFormatting(char, text[i - 1], text[i + 1]) : (ENTITIES[char] ?? char);
  }
  return out;
}

/** Slack formats a span only when its marks touch the text, so spaces at the edges go outside them. */
function span(mark: string, inner: string): string {
  const edges = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
  const core = edges?.[2] ?? '';
  return core === '' ? inner : `${edges?.[1] ?? ''}${mark}${core}${mark}${edges?.[3] ?? ''}`;
}

const MRKDWN: RichSyntax = {
  commandPrefix: slackProfile.commandPrefix,
  text: (text) => literalText(timesAsText(text)),
  time: slackDate,
  bold: (inner) => span('*', inner),
  italic: (inner) => span('_', inner),
  code: (text) => `\`${escapeSlack(text).replaceAll('`', LOOK_ALIKES['`'] as string)}\``,
  link: (url, label) => `<${escapeUrl(url)}|${label.replaceAll('|', '¦')}>`,
  channel: (id) => (/^[A-Z0-9]{2,20}$/.test(id) ? `<#${id}>` : literalText(`#${id}`)),
  listItem: (item, depth) => `${' '.repeat(Math.min(3, depth) * 4)}${depth === 0 ? '•' : '◦'} ${item}`,
  quoteLine: (line) => `>${line}`,
};

/** Rich text as Slack mrkdwn. */
export function toMrkdwn(text: RichText): string {
  return renderRich(text, MRKDWN);
}

/** Plain text (a title, a label) as mrkdwn that shows it as written. */
export function literalMrkdwn(text: string): string {
  return MRKDWN.text(text);
}

/** A footer as mrkdwn: shown as written, with the commands it names as they are typed on Slack. */
export function footerMrkdwn(text: string): string {
  return MRKDWN.text(slackCommandReferences(text));
}

/** Slack shows `<!date^…>` in each reader's clock; the text after "|" is for clients that cannot. */
function slackDate(seconds: number, style: TimeStyle, fallback: string): string {
  const format = { datetime: '{date_short_pretty} {time}', time: '{time}', relative: '{ago}' }[style];
  return `<!date^${seconds}^${format}|${escapeSlack(fallback)}>`;
}

/** Text as plain text (for plain_text objects), escaped for Slack. */
export function toPlainText(text: RichText | string): string {
  const plain = typeof text === 'string' ? text : plainTextOf(text, slackProfile.commandPrefix);
  return escapeSlack(timesAsText(plain));
}

/** A URL inside `<url|label>`: the characters that would end or split the link are percent-encoded. */
function escapeUrl(url: string): string {
  return url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
}

/**
 * Shortens escaped Slack text to at most `max` characters, never cutting inside an entity (`&amp;`) or a link
 * (`<url|label>`), ending with an ellipsis.
 */
export function fitSlackText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = trimAtWord(text, max - 1, '');
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  cut = cut.replace(/&[a-z]*$/, '').trimEnd();
  return `${cut}…`;
}

/** Plain text for a plain_text object of at most `max` characters, escaped after shortening. */
export function fitPlainText(text: string, max: number): string {
  return fitSlackText(toPlainText(text), max);
}

/**
 * Splits mrkdwn into pieces of at most `max` characters, at line breaks where possible, otherwise at spaces; a piece
 * never ends inside an entity or a link.
 */
export function splitSlackText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let at = rest.lastIndexOf('\n', max);
    if (at < max / 2) at = rest.lastIndexOf(' ', max);
    if (at < max / 2) at = max;
    const open = rest.lastIndexOf('<', at - 1);
    if (open > rest.lastIndexOf('>', at - 1) && open > 0) at = open;
    const amp = rest.lastIndexOf('&', at - 1);
    if (amp > at - 6 && amp > 0 && !rest.slice(amp, at).includes(';')) at = amp;
    pieces.push(rest.slice(0, at).trimEnd());
    const separator = rest[at];
    rest = rest.slice(separator === '\n' || separator === ' ' ? at + 1 : at);
  }
  if (rest.trim() !== '') pieces.push(rest);
  return pieces.filter((piece) => piece.trim() !== '');
}
