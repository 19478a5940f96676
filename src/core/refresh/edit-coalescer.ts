import type { Logger } from '../logger.js';
import type { EditMessage, Tracked, View } from '../view.js';
import { trackedKey } from './render-tracked.js';

interface EditCoalescerOptions {
  /** Least time between two edits of one message. */
  intervalMs: number;
  /** The message's content as it is now; undefined drops the refresh. */
  render: (target: Tracked) => Promise<View | undefined>;
  send: (edit: EditMessage) => Promise<void>;
  log: Logger;
  now?: () => number;
}

interface Pending {
  timer: NodeJS.Timeout;
  /** Settles when the scheduled edit was sent or called off. */
  done: Promise<void>;
  settle: () => void;
}

interface Slot {
  target: Tracked;
  lastSentAt: number;
  pending: Pending | undefined;
  sending: Promise<void> | undefined;
}

const SETTLE_ROUNDS = 100;
/** Slots beyond this many are swept: a slot idle for a whole interval holds nothing an edit still needs. */
const SWEEP_ABOVE = 1_000;

/**
 * Turns a stream of "this message changed" signals into edits: at most one per message per interval, the first one
 * at once, and always one after the last change, no later than an interval after it. Each edit renders the state
 * at the moment it is sent, so many changes cost one edit.
 */
export class EditCoalescer {
  private readonly slots = new Map<string, Slot>();
  private readonly now: () => number;
  private stopped = false;

  constructor(private readonly options: EditCoalescerOptions) {
    this.now = options.now ?? Date.now;
  }

  changed(target: Tracked): void {
    if (this.stopped) return;
    const slot = this.slot(target);
    if (slot.pending) return;
    const wait = Math.max(0, slot.lastSentAt + this.options.intervalMs - this.now());
    let settle = () => {};
    const done = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const timer = setTimeout(() => {
      slot.pending = undefined;
      void this.send(slot).finally(settle);
    }, wait);
    slot.pending = { timer, done, settle };
  }

  /** An edit of the target went out by another way (e.g. the final summary): the next one waits a full interval. */
  sentElsewhere(target: Tracked): void {
    const slot = this.slot(target);
    this.callOff(slot);
    slot.lastSentAt = this.now();
  }

  /** Resolves once every change so far has reached an edit (waiting for the intervals, not skipping them). */
  async settled(): Promise<void> {
    for (let round = 0; round < SETTLE_ROUNDS; round++) {
      const busy = [...this.slots.values()].flatMap((slot) => [slot.pending?.done, slot.sending]).filter(Boolean);
      if (busy.length === 0) return;
      await Promise.all(busy);
    }
  }

  /** Sends every pending edit now, then takes no more changes. */
  async stop(): Promise<void> {
    this.stopped = true;
    const pending = [...this.slots.values()].filter((slot) => slot.pending !== undefined);
    for (const slot of pending) this.callOff(slot);
    await Promise.all(pending.map((slot) => this.send(slot)));
    await Promise.all([...this.slots.values()].map((slot) => slot.sending));
  }

  private callOff(slot: Slot): void {
    if (!slot.pending) return;
    clearTimeout(slot.pending.timer);
    slot.pending.settle();
    slot.pending = undefined;
  }

  private slot(target: Tracked): Slot {
    const key = trackedKey(target);
    let slot = this.slots.get(key);
    if (!slot) {
      if (this.slots.size >= SWEEP_ABOVE) this.sweep();
      slot = { target, lastSentAt: Number.NEGATIVE_INFINITY, pending: undefined, sending: undefined };
      this.slots.set(key, slot);
    }
    return slot;
  }

  private sweep(): void {
    const idleSince = this.now() - this.options.intervalMs;
    for (const [key, slot] of this.slots) {
      if (!slot.pending && !slot.sending && slot.lastSentAt <= idleSince) this.slots.delete(key);
    }
  }

  private async send(slot: Slot): Promise<void> {
    await slot.sending;
    slot.lastSentAt = this.now();
    const sending = this.sendCurrent(slot.target);
    slot.sending = sending;
    await sending;
    if (slot.sending === sending) slot.sending = undefined;
  }

  private async sendCurrent(target: Tracked): Promise<void> {
    try {
      const view = await this.options.render(target);
      if (view) await this.options.send({ kind: 'edit', target, view });
    } catch (error) {
      this.options.log.warn({ err: error, target: trackedKey(target) }, 'could not update a live message');
    }
  }
}
