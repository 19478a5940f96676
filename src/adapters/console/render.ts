import { type RichSyntax, type RichText, renderRich } from '../../core/rich-text.js';
import { type Action, type Message, timesAsText, type View } from '../../core/view.js';
import { consoleProfile } from './profile.js';

/** A terminal shows text as it is: emphasis goes, links show their address, lists and quotes keep their marks. */
const TERMINAL: RichSyntax = {
  commandPrefix: consoleProfile.commandPrefix,
  text: timesAsText,
  time: (_seconds, _style, fallback) => fallback,
  bold: (inner) => inner,
  italic: (inner) => inner,
  code: (text) => text,
  link: (url, label) => (label === url ? url : `${label} <${url}>`),
  channel: (id) => `#${id}`,
  listItem: (item, depth) => `${'  '.repeat(depth)}- ${item}`,
  quoteLine: (line) => `> ${line}`,
};

/** Rich text for a terminal. */
export function terminalText(text: RichText): string {
  return renderRich(text, TERMINAL);
}

/** Plain text (a title, a footer, a label) for a terminal: times as their text. */
function plainText(text: string): string {
  return timesAsText(text);
}

/** The command a person types in the console to do what an action does. */
function actionCommand(action: Action): string {
  if (action.type === 'button') return action.id;
  if (action.type === 'select') return `${action.id} value:<${action.choices.map((c) => c.value).join('|')}>`;
  return `${action.id} ${action.fields.map((field) => `${field.name}:"..."`).join(' ')}`;
}

export function renderView(view: View): string {
  const lines: string[] = [];
  if (view.mentions && view.mentions.length > 0) lines.push(view.mentions.map((user) => `@${user}`).join(' '));
  if (view.title) lines.push(`== ${plainText(view.title)} ==`);
  if (view.text) lines.push(terminalText(view.text));
  for (const field of view.fields ?? []) {
    const value = terminalText(field.value);
    lines.push(value.includes('\n') ? `${plainText(field.name)}:\n${value}` : `${plainText(field.name)}: ${value}`);
  }
  for (const action of view.actions ?? []) {
    const label = action.type === 'select' ? action.placeholder : action.label;
    lines.push(`  [${plainText(label)}]  ${actionCommand(action)}`);
  }
  for (const attachment of view.attachments ?? []) lines.push(`--- ${attachment.filename} ---\n${attachment.content}`);
  if (view.footer) lines.push(plainText(view.footer));
  if (view.ephemeral) lines.push('(only you can see this)');
  return lines.join('\n');
}

export function renderMessage(message: Message): string {
  switch (message.kind) {
    case 'reply':
      return renderView(message.view);
    case 'post':
      return `[new post in #${message.channel}]\n${renderView(message.view)}`;
    case 'thread':
      return `[in the thread of ${message.parent.entity} ${message.parent.id}]\n${renderView(message.view)}`;
    case 'edit':
      return `[updated ${message.target.entity} ${message.target.id}]\n${renderView(message.view)}`;
    case 'dm':
      return `[direct message to ${message.user}]\n${renderView(message.view)}`;
    case 'refresh':
      return `[${message.target.entity} ${message.target.id} changed]`;
  }
}
