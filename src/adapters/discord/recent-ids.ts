/**
 * Interaction ids this process has already taken, the most recent `capacity` of them: a redelivered interaction
 * is dropped at once, before it could be deferred or answered a second time. The database claim stays the guard
 * across processes and restarts.
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  /** True the first time `id` is offered (while it is among the recent ones). */
  take(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }
}
