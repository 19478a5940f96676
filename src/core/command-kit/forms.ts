import type { Deps } from '../deps.js';
import type { FormAction, FormField } from '../view.js';
import { parseCommandLine } from './command-line.js';
import type { FormPlace, LeafCommand, OptionSpec } from './define.js';
import { coerceOptions } from './options.js';

/** A form holds at most this many inputs (Discord's limit for a modal, the strictest of the platforms). */
const FORM_FIELDS_MAX = 5;

/**
 * The form a button opens, from the command line in its action id alone: the command's own form when it defines
 * one (with values from the database), else one input per option the line does not fill. The same function builds
 * the form shown first and the one rebuilt after a restart, so both are alike.
 */
export async function formFor(line: string, where: FormPlace, deps: Deps): Promise<FormAction> {
  const parsed = parseCommandLine(line, deps.registry);
  const leaf = parsed.resolved.leaf;
  if (!leaf.form) return formFromOptions(line, leaf, Object.keys(parsed.options));
  // The line fills some options; the form asks for the rest, so only those given are checked here.
  const given = (leaf.options ?? []).filter((option) => option.name in parsed.options);
  return leaf.form(coerceOptions(parsed.resolved.path, given, parsed.options), where, deps);
}

function formFromOptions(line: string, leaf: LeafCommand, filled: string[]): FormAction {
  const fields = (leaf.options ?? [])
    .filter((option) => option.type !== 'user' && !filled.includes(option.name))
    .slice(0, FORM_FIELDS_MAX)
    .map(fieldOf);
  return { type: 'form', id: line, label: leaf.description, title: leaf.description, fields };
}

/** Numbers and yes/no options are typed as text (a form holds only text inputs); the command checks them as typed. */
function fieldOf(option: OptionSpec): FormField {
  const base = { name: option.name, required: option.required ?? false, placeholder: option.description.slice(0, 100) };
  if (option.type === 'integer' || option.type === 'number')
    return { ...base, label: humanize(option.name), style: 'short', maxLength: 12 };
  if (option.type === 'boolean') return { ...base, label: `${humanize(option.name)} (yes or no)`, style: 'short', maxLength: 5 };
  const maxLength = option.type === 'string' ? option.maxLength : undefined;
  const minLength = option.type === 'string' ? option.minLength : undefined;
  return {
    ...base,
    label: humanize(option.name),
    style: (maxLength ?? 2000) > 200 ? 'paragraph' : 'short',
    ...(maxLength !== undefined ? { maxLength } : {}),
    ...(minLength !== undefined ? { minLength } : {}),
  };
}

function humanize(name: string): string {
  const words = name.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
