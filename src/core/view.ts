import type { RichText } from './rich-text.js';

/** Text of a view: rich text (`rich-text.ts`), whose text nodes no front end reads as markup. */
export type ViewText = RichText;

/** The neutral reply model every adapter renders. */
export interface View {
  title?: string;
  text?: ViewText;
  fields?: ViewField[];
  actions?: Action[];
  footer?: string;
  tone?: 'info' | 'success' | 'warning' | 'error';
  attachments?: Attachment[];
  /** User ids the bot deliberately notifies (e.g. the person a suggestion is for); nothing else ever pings. */
  mentions?: string[];
  /** Only the person who invoked the command sees it. */
  ephemeral: boolean;
}

export interface ViewField {
  name: string;
  value: ViewText;
  inline?: boolean;
}

export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * Action ids are command lines in compact form (see `commands/action-id.ts`): clicking a button runs that
 * command, a select runs it with the chosen value in option `value`, a form runs it with the fields as options.
 */
export type Action = ButtonAction | SelectAction | FormAction;

export interface ButtonAction {
  type: 'button';
  id: string;
  label: string;
  style?: 'primary' | 'secondary' | 'success' | 'danger';
}

export interface SelectAction {
  type: 'select';
  id: string;
  placeholder: string;
  choices: { label: string; value: string; description?: string }[];
}

export interface FormAction {
  type: 'form';
  id: string;
  label: string;
  title: string;
  fields: FormField[];
}

export interface FormField {
  name: string;
  label: string;
  style: 'short' | 'paragraph';
  required: boolean;
  minLength?: number;
  maxLength?: number;
  placeholder?: string;
  value?: string;
}

/** Something the bot hands to the platform, resulting from a command or a scheduled job. */
export type Message = ReplyMessage | PostMessage | ThreadMessage | DirectMessage | EditMessage | RefreshMessage;

/** The answer to the invocation itself. */
export interface ReplyMessage {
  kind: 'reply';
  view: View;
}

/** A new message in a channel; `track` asks the adapter to record where it landed, `thread` to open a thread on it. */
export interface PostMessage {
  kind: 'post';
  channel: string;
  view: View;
  track?: Tracked;
  thread?: { name: string };
  pin?: boolean;
  /** Stable key for de-duplicating a retried send (Discord nonce). */
  nonce?: string;
}

/** A message inside the thread of a tracked post (falls back to the channel when no thread exists). */
export interface ThreadMessage {
  kind: 'thread';
  channel: string;
  parent: Tracked;
  view: View;
}

export interface DirectMessage {
  kind: 'dm';
  user: string;
  view: View;
}

/** Replaces the content of a tracked post (e.g. a vote count); dropped when the post is not known. */
export interface EditMessage {
  kind: 'edit';
  target: Tracked;
  view: View;
}

/**
 * The state behind a tracked message changed (a live board): the adapter re-renders it from the database and edits
 * it, coalescing many changes into few edits (see `refresh.ts`).
 */
export interface RefreshMessage {
  kind: 'refresh';
  target: Tracked;
}

/** What reaches a front end that renders boards at once instead of coalescing their refreshes. */
export type RenderedMessage = Exclude<Message, RefreshMessage>;

export interface Tracked {
  entity: 'daily_post' | 'stream_session' | 'submission' | 'recap';
  id: number;
}

export type Outcome = View | Message[];

export function toMessages(outcome: Outcome): Message[] {
  return Array.isArray(outcome) ? outcome : [{ kind: 'reply', view: outcome }];
}

export function reply(view: Omit<View, 'ephemeral'> & { ephemeral?: boolean }): View {
  return { ...view, ephemeral: view.ephemeral ?? false };
}

/**
 * A moment in time inside view text, shown in each reader's own clock where the platform can (Discord `<t:…>`,
 * Slack `<!date^…>`) and as `fallback` elsewhere (the console, titles, notifications). The marker characters are
 * stripped from user text (cleanText) and shown as text inside a text node; a view shows a moment as a `time` node.
 */
export type TimeStyle = 'datetime' | 'time' | 'relative';

const OPEN = '\u2060';
const SEPARATOR = '\u2061';
const TIME_TOKEN = /\u2060(\d{1,13})([dtr])\u2061([^\u2060\u2061]*)\u2060/g;
const STYLE_LETTER: Record<TimeStyle, string> = { datetime: 'd', time: 't', relative: 'r' };
const LETTER_STYLE: Record<string, TimeStyle> = { d: 'datetime', t: 'time', r: 'relative' };
const STRAY_MARKER = /[\u2060\u2061]/g;

export function timeToken(at: Date, style: TimeStyle, fallback: string): string {
  const seconds = Math.floor(at.getTime() / 1000);
  return `${OPEN}${seconds}${STYLE_LETTER[style]}${SEPARATOR}${fallback.replace(STRAY_MARKER, '')}${OPEN}`;
}

/** Rewrites every time token of `text`; marker characters left by cut text are removed. */
export function replaceTimes(text: string, render: (seconds: number, style: TimeStyle, fallback: string) => string): string {
  return text
    .replace(TIME_TOKEN, (_, seconds: string, style: string, fallback: string) =>
      render(Number(seconds), LETTER_STYLE[style] ?? 'datetime', fallback),
    )
    .replace(STRAY_MARKER, '');
}

/** Time tokens as their fallback text. */
export function timesAsText(text: string): string {
  return replaceTimes(text, (_seconds, _style, fallback) => fallback);
}
