import { type DispatchResult, dispatchLine } from '../../core/command-kit/dispatch.js';
import type { Deps } from '../../core/deps.js';
import type { Role } from '../../core/invocation.js';
import { resolveRefreshes } from '../../core/refresh/render-tracked.js';
import type { Message, RenderedMessage } from '../../core/view.js';

export const CONSOLE_TENANT = 'console';

export interface ConsoleIdentity {
  userId: string;
  name: string;
  role: Role;
  channel: string;
  /** The thread typed in, as the console names it (e.g. "daily_post:3"). */
  thread?: string;
}

/** Runs one typed line as the given person, renders live boards at once, and records where tracked posts "landed". */
interface ConsoleResult extends DispatchResult {
  messages: RenderedMessage[];
}

export async function runConsoleLine(line: string, identity: ConsoleIdentity, deps: Deps, now: Date): Promise<ConsoleResult> {
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
  const resolved = { ...result, messages: await resolveRefreshes(result.messages, deps) };
  await recordConsoleDeliveries(resolved.messages, deps, now);
  return resolved;
}

/**
 * The console has no message ids of its own: a tracked post is addressed by its entity. The command already
 * committed, so a failure here (a full disk) is logged and counted, never turned into a failed command.
 */
export async function recordConsoleDeliveries(messages: Message[], deps: Deps, now: Date): Promise<number> {
  let failed = 0;
  for (const message of messages) {
    if (message.kind === 'post' && message.track) {
      const id = `${message.track.entity}:${message.track.id}`;
      try {
        await deps.store.deliveries.record(
          message.track,
          { platform: 'console', channel: message.channel, messageId: id, threadId: id },
          now,
        );
      } catch (error) {
        failed += 1;
        deps.log.error({ err: error, entity: message.track.entity, id: message.track.id }, 'recording a console post failed');
      }
    }
  }
  return failed;
}
