import type { Deps } from '../deps.js';
import { currentBoardView } from '../stream/board.js';
import type { EditMessage, Message, RenderedMessage, Tracked, View } from '../view.js';

/** The current content of a tracked message whose state lives in the database (a live board). */
export async function renderTracked(target: Tracked, deps: Deps): Promise<View | undefined> {
  if (target.entity === 'stream_session') return await currentBoardView(deps, target.id);
  return undefined;
}

export const trackedKey = (target: Tracked): string => `${target.entity}:${target.id}`;

/**
 * Turns each refresh into an edit rendered now, once per target, where the last refresh of it stood. For front ends
 * without rate limits (console, CLI); platform adapters coalesce with `EditCoalescer` instead.
 */
export async function resolveRefreshes(messages: Message[], deps: Deps): Promise<RenderedMessage[]> {
  const last = new Map<string, number>();
  messages.forEach((message, index) => {
    if (message.kind === 'refresh') last.set(trackedKey(message.target), index);
  });
  const rendered = await Promise.all(
    messages.map(async (message, index): Promise<RenderedMessage[]> => {
      if (message.kind !== 'refresh') return [message];
      if (last.get(trackedKey(message.target)) !== index) return [];
      const view = await renderTracked(message.target, deps);
      const edit: EditMessage = { kind: 'edit', target: message.target, view: view ?? { ephemeral: false } };
      return view ? [edit] : [];
    }),
  );
  return rendered.flat();
}
