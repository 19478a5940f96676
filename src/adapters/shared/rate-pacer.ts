import { setTimeout as sleep } from 'node:timers/promises';

/** At most `limit` requests in any `windowMs`. */
interface WindowLimit {
  limit: number;
  windowMs: number;
  /** Replaces the rules' margin for this window. */
  marginMs?: number;
}

export interface PacerRules {
  /** Per key (a channel, a DM): requests to one key go out in order. */
  perKey: WindowLimit;
  /** Over all keys together. */
  global?: WindowLimit;
  /** Added to every window, for the time a request takes to reach the platform. */
  marginMs?: number;
}

/** Recent start times of one window: a ring of `limit` entries. */
class Window {
  private readonly starts: number[] = [];

  constructor(private readonly rule: WindowLimit) {}

  /** How long to wait before `weight` more requests fit; 0 when they fit now. */
  waitFor(now: number, weight: number, marginMs: number): number {
    const overflow = this.starts.length + weight - this.rule.limit;
    if (overflow <= 0) return 0;
    const oldestToLeave = this.starts[Math.min(overflow, this.starts.length) - 1] ?? now;
    return Math.max(0, oldestToLeave + this.rule.windowMs + marginMs - now);
  }

  record(now: number, weight: number): void {
    for (let i = 0; i < weight; i++) this.starts.push(now);
    while (this.starts.length > this.rule.limit) this.starts.shift();
  }

  /** True once nothing recorded can hold a request back any more. */
  idleAt(now: number, marginMs: number): boolean {
    const newest = this.starts[this.starts.length - 1];
    return newest === undefined || newest + this.rule.windowMs + marginMs <= now;
  }
}

/** Windows of keys beyond this many are swept when idle. */
const SWEEP_ABOVE = 1_000;

const MAX_WAITS = 10_000;

/**
 * Keeps what an adapter sends inside a platform's rate limits before the platform has to refuse it: requests to one
 * key run one after another, in order, and both the key's window and the global window are respected.
 */
export class RatePacer {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly windows = new Map<string, Window>();
  private readonly global: Window | undefined;
  private readonly marginMs: number;

  constructor(
    private readonly rules: PacerRules,
    private readonly now: () => number = Date.now,
  ) {
    this.global = rules.global ? new Window(rules.global) : undefined;
    this.marginMs = rules.marginMs ?? 0;
  }

  /** Runs `send` when it fits; `weight` is how many requests it makes. */
  run<T>(key: string, send: () => Promise<T>, weight = 1): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(async () => {
      await this.admit(key, weight);
      return send();
    });
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Waits for room in both windows, then takes it (the check and the take happen in one turn of the event loop). */
  private async admit(key: string, requests: number): Promise<void> {
    const own = this.windowOf(key);
    const weight = Math.min(requests, this.rules.perKey.limit, this.rules.global?.limit ?? requests);
    for (let waits = 0; waits < MAX_WAITS; waits++) {
      const now = this.now();
      const wait = Math.max(
        own.waitFor(now, weight, this.rules.perKey.marginMs ?? this.marginMs),
        this.global?.waitFor(now, weight, this.rules.global?.marginMs ?? this.marginMs) ?? 0,
      );
      if (wait <= 0) {
        own.record(now, weight);
        this.global?.record(now, weight);
        return;
      }
      await sleep(wait);
    }
    throw new Error(`rate pacer: no room for ${key} after ${MAX_WAITS} waits`);
  }

  private windowOf(key: string): Window {
    let window = this.windows.get(key);
    if (!window) {
      if (this.windows.size >= SWEEP_ABOVE) this.sweep();
      window = new Window(this.rules.perKey);
      this.windows.set(key, window);
    }
    return window;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) {
      if (!this.tails.has(key) && window.idleAt(now, this.rules.perKey.marginMs ?? this.marginMs)) this.windows.delete(key);
    }
  }
}
