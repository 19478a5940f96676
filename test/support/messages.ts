import type { Message, View, ViewText } from '../../src/core/view.js';
import { markdownOf } from '../../src/core/view-text.js';

/** The view of the first message that carries one (a board refresh carries none). */
export function firstView(result: { messages: Message[] }): View | undefined {
  for (const message of result.messages) if (message.kind !== 'refresh') return message.view;
  return undefined;
}

/** The number of the question a person was told was stored ("Thanks! Your question is #12: …"). */
export function askedId(result: { status: string; messages: Message[] }): number | undefined {
  const told = /Your question is #(\d+)/.exec(md(firstView(result)?.text))?.[1];
  return result.status === 'ok' && told !== undefined ? Number(told) : undefined;
}

/** View text in the Markdown subset (a RichText rendered with its text escaped), empty when there is none. */
export function md(text: ViewText | undefined): string {
  return text === undefined ? '' : markdownOf(text);
}
