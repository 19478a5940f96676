/** Summary of a set of timings in milliseconds. */
export interface Timing {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
}

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    samples: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    meanMs: round(sorted.length > 0 ? sum / sorted.length : Number.NaN),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
  };
}

/** Rounds to `digits` significant decimals, keeping small figures readable. */
export function round(value: number, digits = 4): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 100) return Math.round(value * 10) / 10;
  return Number(value.toPrecision(digits));
}

/** a / b, rounded; undefined when either side is missing or b is zero. */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return undefined;
  return round(a / b, 3);
}

export function rssMb(): number {
  return round(process.memoryUsage().rss / 1024 / 1024, 3);
}

export interface Budget {
  /** Items run once, untimed, before timing starts (JIT and caches). */
  warmUp: number;
  budgetMs: number;
  minPasses: number;
  maxPasses: number;
}

/**
 * Times `run` once per item, in passes over all items, until `budgetMs` has passed or `maxPasses` are done
 * (at least `minPasses`). Returns every sample and the results of the first timed pass.
 */
export function timeCalls<T, R>(items: readonly T[], run: (item: T) => R, budget: Budget): { samples: number[]; results: R[] } {
  for (const item of items.slice(0, budget.warmUp)) run(item);
  const samples: number[] = [];
  const results: R[] = [];
  const started = performance.now();
  for (let pass = 0; pass < budget.maxPasses; pass++) {
    if (pass >= budget.minPasses && performance.now() - started > budget.budgetMs) break;
    for (const item of items) {
      const before = performance.now();
      const result = run(item);
      samples.push(performance.now() - before);
      if (pass === 0) results.push(result);
    }
  }
  return { samples, results };
}
