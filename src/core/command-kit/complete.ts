import type { Deps } from '../deps.js';
import type { Choice, StringOption } from './define.js';

/** Discord's longest option value; no option of ours reads more while it is being typed. */
export const AUTOCOMPLETE_INPUT_MAX = 100;
/** Discord and Slack show at most 25 suggestions. */
const AUTOCOMPLETE_CHOICES_MAX = 25;

/**
 * Suggestions for a partly typed option. Only the first characters up to the option's own length limit are read, so
 * a pasted novel costs no more than a word.
 */
export function completeOption(spec: StringOption, partial: string, deps: Deps): Choice[] {
  if (!spec.autocomplete) return [];
  const limit = Math.min(spec.maxLength ?? AUTOCOMPLETE_INPUT_MAX, AUTOCOMPLETE_INPUT_MAX);
  const bounded = Array.from(partial.slice(0, limit * 2))
    .slice(0, limit)
    .join('');
  return spec.autocomplete(bounded, deps).slice(0, AUTOCOMPLETE_CHOICES_MAX);
}
