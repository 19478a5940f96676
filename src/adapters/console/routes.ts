import { type DispatchResult, dispatchLine } from '../../core/commands/dispatch.js';
import type { Deps } from '../../core/deps.js';
import type { Role } from '../../core/invocation.js';
import type { Message } from '../../core/view.js';

export const CONSOLE_TENANT = 'console';

export interface ConsoleIdentity {
  userId: string;
  name: string;
  role: Role;
  channel: string;
  /** The thread typed in, as the console names it (e.g. "daily_post:3"). */
  thread?: string;
}

/** Runs one typed line as the given person, then records where tracked posts "landed" in the console. */
export async function runConsoleLine(line: string, identity: ConsoleIdentity, deps: Deps, now: Date): Promise<DispatchResult> {
  const result = await dispatchLine(
    line,
    {
      platform: 'console',
      tenant: CONSOLE_TENANT,
      channel: identity.channel,
      ...(identity.thread ? { thread: identity.thread } : {}),
      user: { id: identity.userId, name: identity.name, role: identity.role },
      now,
    },
    deps,
  );
  recordConsoleDeliveries(result.messages, deps, now);
  return result;
}

/** The console has no message ids of its own: a tracked post is addressed by its entity. */
export function recordConsoleDeliveries(messages: Message[], deps: Deps, now: Date): void {
  for (const message of messages) {
    if (message.kind === 'post' && message.track) {
      const id = `${message.track.entity}:${message.track.id}`;
      deps.store.deliveries.record(
        message.track,
        { platform: 'console', channel: message.channel, messageId: id, threadId: id },
        now,
      );
    }
  }
}
