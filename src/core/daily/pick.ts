import { seededRandom, shuffled } from '../random.js';

/** A question the channel has already been given, and in which cycle through its pool. */
export interface PastPick {
  questionId: string;
  cycle: number;
}

interface Pick {
  questionId: string;
  cycle: number;
}

/**
 * The next question of a channel: the first of this cycle's order that has not been posted in this cycle. When the
 * whole pool has been used, a new cycle starts in a new order (never opening with the question posted last).
 * The order depends only on the schedule's seed, the cycle and the pool, so a pick is repeatable.
 */
export function pickQuestion(pool: readonly string[], history: readonly PastPick[], seed: number): Pick | undefined {
  if (pool.length === 0) return undefined;
  const ids = [...new Set(pool)].sort();
  const current = history.reduce((max, past) => Math.max(max, past.cycle), 1);
  const used = new Set(history.filter((past) => past.cycle === current).map((past) => past.questionId));
  if (ids.some((id) => !used.has(id))) {
    const next = orderOf(ids, seed, current).find((id) => !used.has(id));
    return next === undefined ? undefined : { questionId: next, cycle: current };
  }
  const cycle = current + 1;
  const order = orderOf(ids, seed, cycle);
  const last = history.at(-1)?.questionId;
  const first = order.find((id) => id !== last) ?? order[0];
  return first === undefined ? undefined : { questionId: first, cycle };
}

function orderOf(ids: string[], seed: number, cycle: number): string[] {
  return shuffled(ids, seededRandom((seed ^ Math.imul(cycle, 0x9e3779b1)) >>> 0));
}
