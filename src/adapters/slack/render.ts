import type { types } from '@slack/bolt';
import type { RichText } from '../../core/rich-text.js';
import { type Action, type FormAction, timesAsText, type View, type ViewField } from '../../core/view.js';
import { buttonActionId, encodeForm, FORM_CALLBACK_ID, formActionId, selectActionId } from './action-ids.js';
import { LIMITS } from './limits.js';
import { fitPlainText, fitSlackText, footerMrkdwn, literalMrkdwn, splitSlackText, toMrkdwn, toPlainText } from './mrkdwn.js';

type Block = types.KnownBlock;
type ActionElement = types.Button | types.StaticSelect;

export interface SlackMessage {
  /** The notification and accessibility text; blocks carry what is shown. */
  text: string;
  blocks: Block[];
}

const TONE_EMOJI = { info: '', success: ':white_check_mark: ', warning: ':warning: ', error: ':x: ' } as const;
const SHORTENED = '_The rest did not fit in one Slack message._';
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/** A View as a Slack message within every Block Kit limit. */
export function renderMessage(view: View, maxBlocks: number = LIMITS.messageBlocks): SlackMessage {
  return { text: fallbackText(view), blocks: renderBlocks(view, maxBlocks) };
}

/**
 * A View as at most `maxBlocks` blocks: header, text, fields, actions, footer. When everything does not fit, text and
 * fields are cut and a note says so; the actions and the footer are always kept.
 */
export function renderBlocks(view: View, maxBlocks: number): Block[] {
  const tone = TONE_EMOJI[view.tone ?? 'info'];
  const head: Block[] = [];
  const body: Block[] = [];
  const tail: Block[] = [];
  const mentions = (view.mentions ?? []).filter((id) => SLACK_USER_ID.test(id));
  if (view.title) head.push(header(`${tone}${view.title}`));
  if (mentions.length > 0) body.push(section(mentions.map((id) => `<@${id}>`).join(' ')));
  const text = view.text ? toMrkdwn(view.text) : '';
  const textPrefix = view.title ? '' : tone;
  if (text.trim() !== '') {
    for (const piece of splitSlackText(`${textPrefix}${text}`, LIMITS.sectionText)) body.push(section(piece));
  }
  body.push(...fieldBlocks(view.fields ?? []));
  tail.push(...actionBlocks(view.actions ?? []));
  if (view.footer) tail.push(context(footerMrkdwn(view.footer)));
  if (head.length === 0 && body.length === 0 && tail.length === 0) body.push(section(`${textPrefix}…`));

  const room = maxBlocks - head.length - tail.length;
  if (body.length <= room) return [...head, ...body, ...tail];
  const kept = body.slice(0, Math.max(0, room - 1));
  return [...head, ...kept, context(SHORTENED), ...tail].slice(0, maxBlocks);
}

function fallbackText(view: View): string {
  const mentions = (view.mentions ?? []).filter((id) => SLACK_USER_ID.test(id)).map((id) => `<@${id}>`);
  const parts = [view.title, view.text, view.fields?.[0]?.name]
    .filter((part) => part !== undefined)
    .map((part) => toPlainText(part))
    .filter((part) => part !== '');
  const text = [...mentions, parts.slice(0, 2).join('\n')].join(' ').trim();
  return fitSlackText(text || 'Cookbook', LIMITS.fallbackText);
}

function header(title: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: fitPlainText(timesAsText(title), LIMITS.headerText), emoji: true } };
}

function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: fitSlackText(mrkdwn, LIMITS.sectionText), verbatim: true } };
}

function context(mrkdwn: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: fitSlackText(mrkdwn, LIMITS.contextText), verbatim: true }] };
}

/** Inline fields side by side (10 per section), the others each as a section of its own. */
function fieldBlocks(fields: ViewField[]): Block[] {
  const blocks: Block[] = [];
  let row: types.MrkdwnElement[] = [];
  const flush = () => {
    if (row.length > 0) blocks.push({ type: 'section', fields: row });
    row = [];
  };
  for (const field of fields) {
    const name = fitSlackText(`*${literalMrkdwn(field.name)}*`, 300);
    if (field.inline) {
      row.push({ type: 'mrkdwn', text: fitSlackText(`${name}\n${toMrkdwn(field.value)}`, LIMITS.fieldText), verbatim: true });
      if (row.length === LIMITS.sectionFields) flush();
    } else {
      flush();
      blocks.push(section(`${name}\n${toMrkdwn(field.value)}`));
    }
  }
  flush();
  return blocks;
}

function actionBlocks(actions: Action[]): Block[] {
  const elements = actions
    .map((action, index) => actionElement(action, index))
    .filter((element): element is ActionElement => element !== undefined);
  const blocks: Block[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.actionsElements) {
    blocks.push({ type: 'actions', elements: elements.slice(i, i + LIMITS.actionsElements) });
  }
  return blocks;
}

function actionElement(action: Action, index: number): ActionElement | undefined {
  if (action.type === 'select') {
    const actionId = selectActionId(index, action.id);
    const options = action.choices
      .filter((choice) => choice.value.length <= LIMITS.optionValue)
      .slice(0, LIMITS.selectOptions)
      .map((choice) => {
        const option: types.PlainTextOption = {
          text: { type: 'plain_text', text: fitPlainText(choice.label, LIMITS.optionText) },
          value: choice.value,
        };
        if (choice.description) {
          option.description = { type: 'plain_text', text: fitPlainText(choice.description, LIMITS.optionDescription) };
        }
        return option;
      });
    if (!actionId || options.length === 0) return undefined;
    return {
      type: 'static_select',
      action_id: actionId,
      placeholder: { type: 'plain_text', text: fitPlainText(action.placeholder, LIMITS.placeholder) },
      options,
    };
  }
  const value = action.type === 'form' ? encodeForm(action) : action.id;
  if (value === undefined || value.length > LIMITS.buttonValue) return undefined;
  const button: types.Button = {
    type: 'button',
    action_id: action.type === 'form' ? formActionId(index) : buttonActionId(index),
    text: { type: 'plain_text', text: fitPlainText(action.label, LIMITS.buttonText), emoji: true },
    value,
  };
  const style = action.type === 'button' ? action.style : undefined;
  if (style === 'primary' || style === 'success') button.style = 'primary';
  if (style === 'danger') button.style = 'danger';
  return button;
}

/** A form as a modal; `metadata` (at most 3,000 characters) comes back with the submission. */
export function renderModal(form: FormAction, metadata: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: metadata,
    title: { type: 'plain_text', text: fitPlainText(form.title, LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: fitPlainText(form.label || 'Submit', LIMITS.modalButton) },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: form.fields.slice(0, LIMITS.surfaceBlocks).map((field) => {
      const maxLength = Math.min(field.maxLength ?? LIMITS.inputLength, LIMITS.inputLength);
      const element: types.PlainTextInput = {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: field.style === 'paragraph',
        max_length: maxLength,
      };
      if (field.minLength !== undefined) element.min_length = Math.min(field.minLength, maxLength);
      if (field.value) element.initial_value = field.value.slice(0, maxLength);
      if (field.placeholder) {
        element.placeholder = { type: 'plain_text', text: fitPlainText(field.placeholder, LIMITS.placeholder) };
      }
      return {
        type: 'input',
        block_id: field.name,
        optional: !field.required,
        label: { type: 'plain_text', text: fitPlainText(field.label, LIMITS.inputLabel) },
        element,
      } satisfies types.InputBlock;
    }),
  };
}

/** The App Home tab: a heading, then each view in turn, within the tab's 100 blocks. */
export function renderHome(views: View[], intro: RichText): types.HomeView {
  const blocks: Block[] = [header('The Data Engineering Cookbook'), context(toMrkdwn(intro))];
  for (const view of views) {
    const room = LIMITS.surfaceBlocks - blocks.length - 1;
    if (room < 2) break;
    blocks.push({ type: 'divider' }, ...renderBlocks(view, room));
  }
  return { type: 'home', blocks };
}
