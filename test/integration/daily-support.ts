import { terminalText } from '../../src/adapters/console/render.js';
import { type ConsoleIdentity, recordConsoleDeliveries, runConsoleLine } from '../../src/adapters/console/routes.js';
import type { DispatchResult } from '../../src/core/command-kit/dispatch.js';
import type { Role } from '../../src/core/invocation.js';
import { runJobs } from '../../src/core/jobs.js';
import type { Message, PostMessage, View } from '../../src/core/view.js';
import type { SqliteApp } from '../support/app.js';
import { createTestApp } from '../support/app.js';

export interface Speaker {
  user?: string;
  role?: Role;
  channel?: string;
  thread?: string;
  now?: string;
}

/** The real app on :memory:, driven like the console: typed lines and scheduler ticks at chosen instants. */
export async function dailyHarness(env: Record<string, string> = {}, given?: SqliteApp) {
  const app = given ?? (await createTestApp(env));
  const say = async (line: string, who: Speaker = {}): Promise<DispatchResult> => {
    const identity: ConsoleIdentity = {
      userId: who.user ?? 'ana',
      name: who.user ?? 'ana',
      role: who.role ?? 'everyone',
      channel: who.channel ?? 'general',
      ...(who.thread ? { thread: who.thread } : {}),
    };
    return await runConsoleLine(line, identity, app.deps, new Date(who.now ?? '2026-11-27T12:00:00Z'));
  };
  const tick = async (iso: string) => {
    const now = new Date(iso);
    const routed = await runJobs(now, app.deps);
    await recordConsoleDeliveries(
      routed.map((r) => r.message),
      app.deps,
      now,
    );
    return routed.map((r) => r.message);
  };
  return { app, deps: app.deps, say, tick, close: () => app.close() };
}

export function dailyPosts(messages: Message[]): PostMessage[] {
  return messages.filter((m): m is PostMessage => m.kind === 'post' && m.track?.entity === 'daily_post');
}

/** The first reply as the person reads it (Markdown escapes removed), with the dispatch status. */
export function replyOf(result: DispatchResult): ReadableView {
  const message = result.messages.find((m) => m.kind === 'reply');
  if (!message) throw new Error(`no reply in ${JSON.stringify(result)}`);
  return readable(message.view, result.status);
}

/** A view as a terminal shows its text. */
export type ReadableView = Omit<View, 'text'> & { text?: string; status: string };

export function readable(view: View, status = 'ok'): ReadableView {
  const { text, ...rest } = view;
  return { ...rest, ...(text === undefined ? {} : { text: terminalText(text) }), status };
}

export const ADMIN: Speaker = { user: 'admin', role: 'admin' };
