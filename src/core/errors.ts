import { plainTextOf, type RichText } from './rich-text.js';

/**
 * An expected failure caused by the user's input or the state of things; its text is shown to the user. A RichText
 * keeps what the user typed a text node; a string is the earlier Markdown subset.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly text: RichText | string;
  constructor(
    readonly code: string,
    text: RichText | string,
    readonly hint?: string,
  ) {
    super(typeof text === 'string' ? text : plainTextOf(text));
    this.text = text;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
