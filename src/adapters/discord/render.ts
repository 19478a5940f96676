import {
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APIModalInteractionResponseCallbackData,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from 'discord.js';
import type { Choice } from '../../core/command-kit/define.js';
import { type RichSyntax, type RichText, renderRich } from '../../core/rich-text.js';
import { trimAtWord } from '../../core/text.js';
import {
  type Action,
  type Attachment,
  type FormAction,
  type SelectAction,
  type TimeStyle,
  timesAsText,
  type View,
} from '../../core/view.js';
import { discordProfile } from './profile.js';

/** Discord's limits, as documented (characters are counted in UTF-16 units, which never undercounts). */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectText: 100,
  placeholder: 150,
  choices: 25,
  choiceText: 100,
  modalTitle: 45,
  modalInputs: 5,
  inputLabel: 45,
  inputPlaceholder: 100,
  inputValue: 4000,
  files: 10,
  threadName: 100,
  mentions: 100,
} as const;

/** A button whose custom id starts with this opens the form named by the rest instead of running a command. */
export const FORM_PREFIX = 'form:';
/** When a view had to be shortened, its whole text travels along in this file. */
export const FULL_TEXT_FILE = 'full-text.md';
export const SHORTENED_NOTE = `Shortened to fit Discord: the full text is in ${FULL_TEXT_FILE}.`;

const TONE_COLOR = { info: 0x5865f2, success: 0x57f287, warning: 0xfee75c, error: 0xed4245 } as const;
const BUTTON_STYLE = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
} as const;

type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

interface DiscordFile {
  attachment: Buffer;
  name: string;
}

/** A message body in the shape discord.js's send/reply/editReply take. */
export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ActionRow[];
  files: DiscordFile[];
  /** Nothing the bot sends pings anyone, except users a view names on purpose. */
  allowedMentions: { parse: []; users?: string[] };
  ephemeral: boolean;
}

/** Discord shows `<t:…>` in each reader's clock: date and time, time of day, or relative ("in 2 hours"). */
function discordTime(seconds: number, style: TimeStyle): string {
  return `<t:${seconds}:${{ datetime: 'f', time: 't', relative: 'R' }[style]}>`;
}

/**
 * Every character Discord's Markdown could read as markup, a mention or a timestamp, escaped with a backslash:
 * emphasis, code, spoiler, link and mention characters anywhere, heading, list and quote marks at the start of a line.
 */
export function escapeDiscord(text: string): string {
  return text
    .replace(/([\\*_`~|[\]()<])/g, '\\$1')
    .replace(/(^|\n)(\s*)([#>-])/g, '$1$2\\$3')
    .replace(/(^|\n)(\s*\d+)\./g, '$1$2\\.');
}

const DISCORD_MARKDOWN: RichSyntax = {
  commandPrefix: discordProfile.commandPrefix,
  text: (text) => escapeDiscord(timesAsText(text)),
  time: discordTime,
  bold: (inner) => (inner.trim() === '' ? inner : `**${inner}**`),
  italic: (inner) => (inner.trim() === '' ? inner : `*${inner}*`),
  code: (text) => (text === '' ? '' : `\`${text.replaceAll('`', 'ˋ')}\``),
  link: (url, label) => `[${label}](${url.replaceAll('(', '%28').replaceAll(')', '%29')})`,
  channel: (id) => (/^\d{1,20}$/.test(id) ? `<#${id}>` : escapeDiscord(`#${id}`)),
  listItem: (item, depth) => `${'  '.repeat(depth)}- ${item}`,
  quoteLine: (line) => `> ${line}`,
};

/** Rich text as Discord Markdown. */
export function discordMarkdown(text: RichText): string {
  return renderRich(text, DISCORD_MARKDOWN);
}

/** A view whose text is Discord Markdown already, and whose title, footer and field names are plain text. */
type MarkdownView = Omit<View, 'text' | 'fields'> & {
  text?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
};

/** Text as Discord Markdown; in the plain parts (title, footer, field names) times show as text. */
function asMarkdown(view: View): MarkdownView {
  const { text, fields, ...rest } = view;
  return {
    ...rest,
    ...(view.title === undefined ? {} : { title: timesAsText(view.title) }),
    ...(text === undefined ? {} : { text: discordMarkdown(text) }),
    ...(view.footer === undefined ? {} : { footer: timesAsText(view.footer) }),
    ...(fields === undefined
      ? {}
      : { fields: fields.map((field) => ({ ...field, name: timesAsText(field.name), value: discordMarkdown(field.value) })) }),
  };
}

/** Renders a view as one Discord message within every limit, shortening at word boundaries. */
export function renderView(input: View): RenderedMessage {
  const view = asMarkdown(input);
  const mentions = [...new Set(view.mentions ?? [])].filter((id) => /^\d{1,20}$/.test(id)).slice(0, LIMITS.mentions);
  const mentionLine = mentions.map((id) => `<@${id}>`).join(' ');
  const files = (view.attachments ?? []).slice(0, LIMITS.files).map(toFile);
  const components = renderActions(view.actions ?? []);
  const text = view.text ?? '';
  const plainOnly = !view.title?.trim() && (view.fields ?? []).length === 0 && !view.footer?.trim();
  const asContent = [mentionLine, text.trim() === '' ? '' : text].filter((part) => part !== '').join('\n');

  let content: string | undefined;
  const embeds: APIEmbed[] = [];
  if (plainOnly && asContent.length <= LIMITS.content) {
    content = asContent;
  } else {
    content = mentionLine;
    const embed = renderEmbed(view);
    embeds.push(embed.embed);
    if (embed.shortened && files.length < LIMITS.files) files.push(fullTextFile(view));
  }
  if (content.trim() === '' && embeds.length === 0 && files.length === 0) {
    content = components.length > 0 ? 'Choose below.' : 'Done.';
  }
  return {
    ...(content ? { content } : {}),
    embeds,
    components,
    files,
    allowedMentions: mentions.length > 0 ? { parse: [], users: mentions } : { parse: [] },
    ephemeral: view.ephemeral,
  };
}

interface EmbedResult {
  embed: APIEmbed;
  shortened: boolean;
}

/** One embed; when anything must be shortened, a second pass makes room for a note pointing to the full text. */
function renderEmbed(view: MarkdownView): EmbedResult {
  const first = layoutEmbed(view, false);
  return first.shortened ? { embed: layoutEmbed(view, true).embed, shortened: true } : first;
}

function layoutEmbed(view: MarkdownView, withNote: boolean): EmbedResult {
  let shortened = false;
  const limit = (input: string, max: number): string => {
    if (input.length <= max) return input;
    shortened = true;
    return max <= 0 ? '' : trimAtWord(input, max);
  };
  let room = LIMITS.embedTotal;
  const embed: APIEmbed = { color: TONE_COLOR[view.tone ?? 'info'] };

  const title = view.title ? plain(view.title) : '';
  if (title !== '') {
    embed.title = limit(title, LIMITS.title);
    room -= embed.title.length;
  }
  const note = withNote ? SHORTENED_NOTE : '';
  const ownFooter = view.footer ? plain(view.footer) : '';
  if (ownFooter !== '' || note !== '') {
    const separator = ownFooter !== '' && note !== '' ? ' · ' : '';
    const text = `${limit(ownFooter, LIMITS.footer - note.length - separator.length)}${separator}${note}`;
    embed.footer = { text };
    room -= text.length;
  }
  if (view.text && view.text.trim() !== '') {
    const description = limit(view.text, Math.min(LIMITS.description, room));
    if (description !== '') embed.description = description;
    room -= description.length;
  }
  const fields: APIEmbedField[] = [];
  const wanted = view.fields ?? [];
  if (wanted.length > LIMITS.fields) shortened = true;
  for (const field of wanted.slice(0, LIMITS.fields)) {
    const name = limit(nonEmpty(plain(field.name)), LIMITS.fieldName);
    const valueRoom = Math.min(LIMITS.fieldValue, room - name.length);
    if (valueRoom < Math.min(20, field.value.length)) {
      shortened = true;
      break;
    }
    const value = limit(nonEmpty(field.value), valueRoom);
    fields.push({ name, value, ...(field.inline ? { inline: true } : {}) });
    room -= name.length + value.length;
  }
  if (fields.length < Math.min(wanted.length, LIMITS.fields)) shortened = true;
  if (fields.length > 0) embed.fields = fields;
  return { embed, shortened };
}

/** Action rows: buttons five to a row, each select on a row of its own, at most five rows; unusable actions are left out. */
export function renderActions(actions: Action[]): ActionRow[] {
  const rows: ActionRow[] = [];
  const seen = new Set<string>();
  let buttons: APIButtonComponentWithCustomId[] | undefined;
  for (const action of actions) {
    const customId = action.type === 'form' ? `${FORM_PREFIX}${action.id}` : action.id;
    if (customId.length > LIMITS.customId || customId === '' || seen.has(customId)) continue;
    if (action.type === 'select') {
      const select = renderSelect(action);
      if (!select) continue;
      seen.add(customId);
      rows.push({ type: ComponentType.ActionRow, components: [select] });
      buttons = undefined;
      continue;
    }
    seen.add(customId);
    const button: APIButtonComponentWithCustomId = {
      type: ComponentType.Button,
      custom_id: customId,
      label: shorten(nonEmpty(plain(action.label)), LIMITS.buttonLabel),
      style: action.type === 'form' ? ButtonStyle.Primary : BUTTON_STYLE[action.style ?? 'secondary'],
    };
    if (!buttons || buttons.length === LIMITS.buttonsPerRow) {
      buttons = [];
      rows.push({ type: ComponentType.ActionRow, components: buttons });
    }
    buttons.push(button);
  }
  return rows.slice(0, LIMITS.rows);
}

function renderSelect(action: SelectAction): APIStringSelectComponent | undefined {
  const values = new Set<string>();
  const options = [];
  for (const choice of action.choices) {
    if (choice.value === '' || choice.value.length > LIMITS.selectText || values.has(choice.value)) continue;
    values.add(choice.value);
    options.push({
      label: shorten(nonEmpty(plain(choice.label)), LIMITS.selectText),
      value: choice.value,
      ...(choice.description ? { description: shorten(plain(choice.description), LIMITS.selectText) } : {}),
    });
    if (options.length === LIMITS.selectOptions) break;
  }
  if (options.length === 0) return undefined;
  return {
    type: ComponentType.StringSelect,
    custom_id: action.id,
    placeholder: shorten(plain(action.placeholder), LIMITS.placeholder),
    min_values: 1,
    max_values: 1,
    options,
  };
}

/** The popup for a form; its custom id is the form id, each input's custom id the option it fills. */
export function renderModal(form: FormAction): APIModalInteractionResponseCallbackData {
  return {
    custom_id: form.id.slice(0, LIMITS.customId),
    title: shorten(nonEmpty(plain(form.title)), LIMITS.modalTitle),
    components: form.fields.slice(0, LIMITS.modalInputs).map((field) => {
      const max = Math.min(field.maxLength ?? LIMITS.inputValue, LIMITS.inputValue);
      const min = Math.min(field.minLength ?? 0, max);
      return {
        type: ComponentType.Label,
        label: shorten(nonEmpty(plain(field.label)), LIMITS.inputLabel),
        component: {
          type: ComponentType.TextInput,
          custom_id: field.name,
          style: field.style === 'paragraph' ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: field.required,
          max_length: max,
          ...(min > 0 ? { min_length: min } : {}),
          ...(field.placeholder ? { placeholder: shorten(plain(field.placeholder), LIMITS.inputPlaceholder) } : {}),
          ...(field.value ? { value: field.value.slice(0, max) } : {}),
        },
      };
    }),
  };
}

/** Autocomplete answers: at most 25, names shortened, values that cannot be sent whole left out. */
export function renderChoices(choices: Choice[]): APIApplicationCommandOptionChoice<string>[] {
  return choices
    .filter((choice) => choice.value !== '' && choice.value.length <= LIMITS.choiceText)
    .slice(0, LIMITS.choices)
    .map((choice) => ({ name: shorten(nonEmpty(plain(choice.name)), LIMITS.choiceText), value: choice.value }));
}

export function threadName(name: string): string {
  return shorten(nonEmpty(plain(name)), LIMITS.threadName);
}

/** Plain text on one line, for places where Discord shows no Markdown (titles, labels, names). */
function plain(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : trimAtWord(text, max);
}

function nonEmpty(text: string): string {
  return text.trim() === '' ? '\u200b' : text;
}

function toFile(attachment: Attachment): DiscordFile {
  return { attachment: Buffer.from(attachment.content, 'utf8'), name: attachment.filename };
}

function fullTextFile(view: MarkdownView): DiscordFile {
  const parts: string[] = [];
  if (view.title) parts.push(`# ${view.title}`);
  if (view.text) parts.push(view.text);
  for (const field of view.fields ?? []) parts.push(`## ${field.name}\n${field.value}`);
  if (view.footer) parts.push(view.footer);
  return { attachment: Buffer.from(`${parts.join('\n\n')}\n`, 'utf8'), name: FULL_TEXT_FILE };
}
