import type { RichText } from './rich-text.js';

/** The neutral reply model every adapter renders. */
export interface View {
  /** Plain text, shown as written: no front end formats a title, a footer, a field name or a label. */
  title?: string;
  /** Rich text (`rich-text.ts`): no front end reads a text node as markup. */
  text?: RichText;
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
  value: RichText;
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

/** How a `time` node of rich text shows its moment: date and time, time of day, or relative ("in 2 hours"). */
export type TimeStyle = 'datetime' | 'time' | 'relative';

/** The markers of a time token, which text of earlier versions carried: `⁠<seconds><d|t|r>⁡<fallback>⁠`. */
const TIME_TOKEN = /\u2060\d{1,13}[dtr]\u2061([^\u2060\u2061]*)\u2060/g;
const STRAY_MARKER = /[\u2060\u2061]/g;

/** Text as shown: a time token, forged or left from stored text, shows only its fallback; stray markers go. */
export function timesAsText(text: string): string {
  return text.replace(TIME_TOKEN, '$1').replace(STRAY_MARKER, '');
}
