import { describe, expect, it } from 'vitest';
import { type PastPick, pickQuestion } from '../../src/core/daily/pick.js';

const pool = Array.from({ length: 12 }, (_, i) => `q-${String(i).padStart(2, '0')}`);

function run(days: number, seed: number, ids: readonly string[] = pool): PastPick[] {
  const history: PastPick[] = [];
  for (let day = 0; day < days; day++) {
    const pick = pickQuestion(ids, history, seed);
    if (!pick) throw new Error('no pick');
    history.push(pick);
  }
  return history;
}

describe('picking the daily question', () => {
  it('GIVEN a pool of 12 WHEN 12 days pass THEN every question comes once, none twice', () => {
    const picks = run(12, 1).map((pick) => pick.questionId);
    expect(new Set(picks).size).toBe(12);
    expect([...picks].sort()).toEqual(pool);
  });

  it('GIVEN the pool is used up THEN a second cycle covers it again in a different order', () => {
    const history = run(24, 1);
    const first = history.slice(0, 12).map((pick) => pick.questionId);
    const second = history.slice(12).map((pick) => pick.questionId);
    expect(history.slice(12).every((pick) => pick.cycle === 2)).toBe(true);
    expect(new Set(second).size).toBe(12);
    expect(second).not.toEqual(first);
    expect(second[0]).not.toBe(first[11]);
  });

  it('GIVEN the same seed THEN the same sequence; another seed THEN another one', () => {
    expect(run(12, 99)).toEqual(run(12, 99));
    expect(run(12, 99)).not.toEqual(run(12, 100));
  });

  it('GIVEN a question joins the pool mid-cycle THEN it is asked before the cycle ends, still without repeats', () => {
    const history = run(5, 3);
    const grown = [...pool, 'community:1'];
    for (let day = 0; day < 8; day++) {
      const pick = pickQuestion(grown, history, 3);
      if (!pick) throw new Error('no pick');
      history.push(pick);
    }
    const cycleOne = history.filter((pick) => pick.cycle === 1).map((pick) => pick.questionId);
    expect(cycleOne).toHaveLength(13);
    expect(new Set(cycleOne).size).toBe(13);
    expect(cycleOne).toContain('community:1');
  });

  it('GIVEN an empty pool THEN there is nothing to pick', () => {
    expect(pickQuestion([], [], 1)).toBeUndefined();
  });
});
