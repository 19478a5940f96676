import type { Platform } from './invocation.js';
import type { Message } from './view.js';

/** A message produced by scheduled work, addressed to the platform and tenant it belongs to. */
export interface Routed {
  platform: Platform;
  tenant: string;
  message: Message;
  /**
   * Records that the message is being handed over (e.g. a daily post marked sent); run right before it goes to the
   * platform, so a crash loses at most the one message in flight. False: someone else sent it, skip it.
   */
  commit?: () => Promise<boolean>;
  /** Told when the platform refused the message after `commit`, so the work can be retried later. */
  failed?: (error: unknown) => Promise<void>;
  /** When the message was due: a message due later is handed over only after every one due earlier. */
  dueAt?: Date;
}
