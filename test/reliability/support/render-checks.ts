import type { APIEmbed } from 'discord.js';
import { renderMessage as renderConsole } from '../../../src/adapters/console/render.js';
import {
  LIMITS as DISCORD,
  renderView as renderDiscord,
  renderModal as renderDiscordModal,
} from '../../../src/adapters/discord/render.js';
import { LIMITS as SLACK } from '../../../src/adapters/slack/limits.js';
import { renderMessage as renderSlack, renderModal as renderSlackModal } from '../../../src/adapters/slack/render.js';
import type { Message, View } from '../../../src/core/view.js';

/** Characters that reorder, hide or corrupt text: controls, zero-width and bidirectional marks, BOM, lone surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A Markdown link whose target is the test corpus's hostile domain, i.e. a working masked link. */
const DISCORD_MASKED_LINK = /(?<!\\)\[[^\]]*(?<!\\)\]\(<?https?:\/\/evil\.example/;
/** Mention, channel, subteam and link syntax that Slack turns into a ping or a live link. */
const SLACK_LIVE_MARKUP = /<!(?:channel|here|everyone|subteam\^|date\^)|<#C|<(?:https?:\/\/evil\.example|mailto:)/i;
/** The date tokens the bot itself writes for times (a number, a known format, its own fallback): not user markup. */
const SLACK_BOT_DATE = /<!date\^\d{1,13}\^(?:\{date_short_pretty\} \{time\}|\{time\}|\{ago\})\|[\w ,:/+-]*>/g;
const SLACK_USER_MENTION = /<@([UW][A-Z0-9]+)/g;
/**
 * Live links and mention markup matter where other people read them. An ephemeral reply is seen only by the person
 * whose own input it may echo, and notifies no one, so only its limits and characters are checked.
 */
const seenByOthers = (view: View) => !view.ephemeral;

/** Keys whose strings are data handed back to the bot or plain input, never shown as formatted text. */
const SLACK_DATA = new Set(['value', 'action_id', 'block_id', 'callback_id', 'private_metadata', 'initial_value']);
const DISCORD_DATA = new Set(['custom_id']);

/** Every string a person can see anywhere inside a rendered value. */
function strings(value: unknown, data: Set<string>, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, data, out);
  else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) if (!data.has(key)) strings(item, data, out);
  }
  return out;
}

function textProblems(where: string, texts: string[]): string[] {
  const problems: string[] = [];
  for (const text of texts) {
    if (INVISIBLE.test(text)) problems.push(`${where}: invisible or control character in ${JSON.stringify(text.slice(0, 80))}`);
    if (LONE_SURROGATE.test(text)) problems.push(`${where}: lone surrogate in ${JSON.stringify(text.slice(0, 80))}`);
  }
  return problems;
}

function over(problems: string[], where: string, length: number | undefined, max: number): void {
  if (length !== undefined && length > max) problems.push(`${where}: ${length} > ${max}`);
}

function embedProblems(embed: APIEmbed, index: number, shared: boolean): string[] {
  const problems: string[] = [];
  const at = `discord embed ${index}`;
  over(problems, `${at} title`, embed.title?.length, DISCORD.title);
  over(problems, `${at} description`, embed.description?.length, DISCORD.description);
  over(problems, `${at} footer`, embed.footer?.text.length, DISCORD.footer);
  over(problems, `${at} fields`, embed.fields?.length, DISCORD.fields);
  for (const field of embed.fields ?? []) {
    over(problems, `${at} field name`, field.name.length, DISCORD.fieldName);
    over(problems, `${at} field value`, field.value.length, DISCORD.fieldValue);
    if (field.name.trim() === '' || field.value.trim() === '') problems.push(`${at}: empty field`);
  }
  for (const text of [embed.description ?? '', ...(embed.fields ?? []).map((field) => field.value)]) {
    if (shared && DISCORD_MASKED_LINK.test(text))
      problems.push(`${at}: live masked link in ${JSON.stringify(text.slice(0, 120))}`);
  }
  return problems;
}

/** Problems of a view rendered for Discord: any ping, any limit broken, any invisible or broken character. */
export function discordProblems(view: View): string[] {
  const rendered = renderDiscord(view);
  const problems: string[] = [];
  if (rendered.allowedMentions.parse.length !== 0) problems.push('discord: allowed_mentions.parse is not empty');
  for (const user of rendered.allowedMentions.users ?? []) {
    if (!view.mentions?.includes(user)) problems.push(`discord: pings ${user}, who the view does not name`);
  }
  over(problems, 'discord content', rendered.content?.length, DISCORD.content);
  if (seenByOthers(view) && rendered.content && DISCORD_MASKED_LINK.test(rendered.content))
    problems.push('discord content: live masked link');
  over(problems, 'discord embeds', rendered.embeds.length, 10);
  const total = rendered.embeds.reduce(
    (sum, embed) =>
      sum +
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.fields ?? []).reduce((n, field) => n + field.name.length + field.value.length, 0),
    0,
  );
  over(problems, 'discord characters over all embeds', total, DISCORD.embedTotal);
  rendered.embeds.forEach((embed, index) => {
    problems.push(...embedProblems(embed, index, seenByOthers(view)));
  });
  over(problems, 'discord action rows', rendered.components.length, DISCORD.rows);
  for (const row of rendered.components) {
    over(problems, 'discord components in a row', row.components.length, DISCORD.buttonsPerRow);
    for (const component of row.components) {
      if ('label' in component) over(problems, 'discord button label', component.label?.length, DISCORD.buttonLabel);
      if ('custom_id' in component) over(problems, 'discord custom id', component.custom_id.length, DISCORD.customId);
      if ('options' in component) over(problems, 'discord select options', component.options.length, DISCORD.selectOptions);
    }
  }
  for (const action of view.actions ?? []) {
    if (action.type !== 'form') continue;
    const modal = renderDiscordModal(action);
    over(problems, 'discord modal title', modal.title.length, DISCORD.modalTitle);
    over(problems, 'discord modal inputs', modal.components.length, DISCORD.modalInputs);
    problems.push(...textProblems('discord modal', strings(modal, DISCORD_DATA)));
  }
  const { files: _files, ...visible } = rendered;
  problems.push(...textProblems('discord', strings(visible, DISCORD_DATA)));
  return problems;
}

/** Problems of a view rendered for Slack: live mention or link markup, any limit broken, invisible characters. */
export function slackProblems(view: View): string[] {
  const rendered = renderSlack(view);
  const problems: string[] = [];
  const texts = strings(rendered, SLACK_DATA);
  for (const text of seenByOthers(view) ? texts : []) {
    if (SLACK_LIVE_MARKUP.test(text.replace(SLACK_BOT_DATE, '')))
      problems.push(`slack: live markup in ${JSON.stringify(text.slice(0, 120))}`);
    for (const [, user] of text.matchAll(SLACK_USER_MENTION)) {
      if (!view.mentions?.includes(user ?? '')) problems.push(`slack: mentions ${user}, who the view does not name`);
    }
  }
  over(problems, 'slack blocks', rendered.blocks.length, SLACK.messageBlocks);
  over(problems, 'slack text', rendered.text.length, 40_000);
  for (const block of rendered.blocks) {
    if (block.type === 'header') over(problems, 'slack header', block.text.text.length, SLACK.headerText);
    if (block.type === 'section') {
      over(problems, 'slack section', block.text?.text.length, SLACK.sectionText);
      over(problems, 'slack section fields', block.fields?.length, SLACK.sectionFields);
      for (const field of block.fields ?? []) over(problems, 'slack field', field.text.length, SLACK.fieldText);
      if (block.text && block.text.text.trim() === '') problems.push('slack: empty section');
    }
    if (block.type === 'context') {
      for (const element of block.elements)
        if ('text' in element) over(problems, 'slack context', element.text.length, SLACK.contextText);
    }
    if (block.type === 'actions') {
      over(problems, 'slack action elements', block.elements.length, SLACK.actionsElements);
      for (const element of block.elements) {
        if (element.type === 'button') {
          over(problems, 'slack button text', element.text.text.length, SLACK.buttonText);
          over(problems, 'slack button value', element.value?.length, SLACK.buttonValue);
          over(problems, 'slack action id', element.action_id?.length, SLACK.actionId);
        }
      }
    }
  }
  for (const action of view.actions ?? []) {
    if (action.type !== 'form') continue;
    const modal = renderSlackModal(action, '');
    over(problems, 'slack modal title', modal.title.text.length, SLACK.modalTitle);
    problems.push(...textProblems('slack modal', strings(modal, SLACK_DATA)));
  }
  problems.push(...textProblems('slack', texts));
  return problems;
}

export function consoleProblems(message: Message): string[] {
  return textProblems('console', [renderConsole(message)]);
}

/** Every problem of one message on every platform. */
export function renderProblems(message: Message): string[] {
  if (message.kind === 'refresh') return [];
  return [...consoleProblems(message), ...discordProblems(message.view), ...slackProblems(message.view)];
}
