import type { Message, View } from '../../src/core/view.js';

/** The view of the first message that carries one (a board refresh carries none). */
export function firstView(result: { messages: Message[] }): View | undefined {
  for (const message of result.messages) if (message.kind !== 'refresh') return message.view;
  return undefined;
}

/** The number of the question a person was told was stored ("Thanks! Your question is #12: …"). */
export function askedId(result: { status: string; messages: Message[] }): number | undefined {
  const told = /Your question is #(\d+)/.exec(firstView(result)?.text ?? '')?.[1];
  return result.status === 'ok' && told !== undefined ? Number(told) : undefined;
}
