/** At most `limit` actions per link in any `windowMs`: a stuck key or a leaked link cannot flood the queue. */
export class ActionLimit {
  private readonly times = new Map<number, number[]>();

  constructor(
    private readonly limit = 30,
    private readonly windowMs = 10_000,
  ) {}

  /** True when the action may go ahead (and counts it). */
  take(linkId: number, now: number): boolean {
    const recent = (this.times.get(linkId) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.times.set(linkId, recent);
      return false;
    }
    recent.push(now);
    this.times.set(linkId, recent);
    return true;
  }
}
