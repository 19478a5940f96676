import type { FormAction } from '../../core/view.js';
import { LIMITS } from './limits.js';

/**
 * How a View's actions travel through Slack. Every action id of ours starts with `cookbook:`:
 * - a button `cookbook:run:<n>` carries its command line in `value`;
 * - a select `cookbook:pick:<n>:<command line>` runs the line with `value:<chosen option>`;
 * - a form button `cookbook:form:<n>` carries the form (command line, title, fields) as JSON in `value`.
 * `<n>` keeps ids unique within a message, as Slack requires.
 */
export const ACTION_ID = /^cookbook:(run|pick|form):\d+(?::(.*))?$/s;

export const FORM_CALLBACK_ID = 'cookbook:form';
export const SUBMIT_QUESTION_CALLBACK_ID = 'cookbook:submit-question';

type DecodedAction =
  | { kind: 'run'; line: string }
  | { kind: 'pick'; line: string; value: string }
  | { kind: 'form'; form: FormAction };

export function buttonActionId(index: number): string {
  return `cookbook:run:${index}`;
}

export function formActionId(index: number): string {
  return `cookbook:form:${index}`;
}

/** The select's action id, or undefined when its command line is too long for Slack's 255 characters. */
export function selectActionId(index: number, line: string): string | undefined {
  const id = `cookbook:pick:${index}:${line}`;
  return id.length <= LIMITS.actionId ? id : undefined;
}

/** The form as a button value, or undefined when it cannot fit in Slack's 2,000 characters even without hints. */
export function encodeForm(form: FormAction): string | undefined {
  const full = JSON.stringify(form);
  if (full.length <= LIMITS.buttonValue) return full;
  const lean = JSON.stringify({
    ...form,
    fields: form.fields.map(({ placeholder: _placeholder, value: _value, ...field }) => field),
  });
  return lean.length <= LIMITS.buttonValue ? lean : undefined;
}

/** Reads an element's action id and value back; undefined for anything that is not ours. */
export function decodeAction(actionId: string, value: string | undefined): DecodedAction | undefined {
  const match = ACTION_ID.exec(actionId);
  if (!match || value === undefined) return undefined;
  switch (match[1]) {
    case 'run':
      return { kind: 'run', line: value };
    case 'pick':
      return match[2] ? { kind: 'pick', line: match[2], value } : undefined;
    default:
      return decodeForm(value);
  }
}

function decodeForm(value: string): DecodedAction | undefined {
  try {
    const form = JSON.parse(value) as FormAction;
    if (form.type !== 'form' || typeof form.id !== 'string' || !Array.isArray(form.fields)) return undefined;
    return { kind: 'form', form };
  } catch {
    return undefined;
  }
}
