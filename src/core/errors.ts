import { plainTextOf, type RichText, rich } from './rich-text.js';

/**
 * An expected failure caused by the user's input or the state of things; its text is shown to the user. A string is
 * one text node, shown as written.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly text: RichText;
  constructor(
    readonly code: string,
    text: RichText | string,
    readonly hint?: string,
  ) {
    super(typeof text === 'string' ? text : plainTextOf(text));
    this.text = rich(text);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
