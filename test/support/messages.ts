import type { Message, View } from '../../src/core/view.js';

/** The view of the first message that carries one (a board refresh carries none). */
export function firstView(result: { messages: Message[] }): View | undefined {
  for (const message of result.messages) if (message.kind !== 'refresh') return message.view;
  return undefined;
}
