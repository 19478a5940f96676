import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs sends to one channel one after another, at least `spacingMs` apart (Slack allows about one message per
 * second per channel); different channels do not wait for each other.
 */
export class ChannelPacer {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly lastSentAt = new Map<string, number>();

  constructor(private readonly spacingMs: number) {}

  run<T>(channel: string, send: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(channel) ?? Promise.resolve();
    const result = previous.then(async () => {
      const wait = (this.lastSentAt.get(channel) ?? Number.NEGATIVE_INFINITY) + this.spacingMs - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        return await send();
      } finally {
        this.lastSentAt.set(channel, Date.now());
      }
    });
    const tail = result.catch(() => undefined);
    this.tails.set(channel, tail);
    void tail.then(() => {
      if (this.tails.get(channel) === tail) this.tails.delete(channel);
    });
    return result;
  }
}
