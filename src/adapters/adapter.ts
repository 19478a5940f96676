import type { Platform, Role } from '../core/invocation.js';
import type { Message } from '../core/view.js';

/** What main.ts and the scheduler need from every platform adapter. */
export interface Adapter {
  platform: Platform;
  /** Connects; `signal` aborts a start that is still waiting for the platform. */
  start(signal?: AbortSignal): Promise<void>;
  stop(): Promise<void>;
  /** Sends messages that no interaction is waiting for (scheduled posts, recaps, reminders). */
  deliver(tenant: string, messages: Message[]): Promise<void>;
  /** A person's role in a channel as the platform says now (for the host screen); undefined when it cannot tell. */
  roleOf?(tenant: string, channel: string, userId: string): Promise<Role | undefined>;
}
