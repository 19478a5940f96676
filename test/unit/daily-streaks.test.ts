import { describe, expect, it } from 'vitest';
import { computeStreaks, type StreakDay } from '../../src/core/daily/streaks.js';
import { rankBoard } from '../../src/core/scores/leaderboard.js';

/** One character per day from 1 December: "x" answered, "." missed, "o" still open. */
function days(pattern: string): StreakDay[] {
  return [...pattern].map((mark, i) => ({
    localDate: `2026-12-${String(i + 1).padStart(2, '0')}`,
    answered: mark === 'x',
    open: mark === 'o',
  }));
}

describe('streaks', () => {
  it('GIVEN five answered days in a row THEN current and longest are 5', () => {
    expect(computeStreaks(days('xxxxx'))).toEqual({ current: 5, longest: 5 });
  });

  it('GIVEN one missed day in a week THEN it is forgiven and the streak goes on', () => {
    expect(computeStreaks(days('xxx.xxx'))).toEqual({ current: 6, longest: 6 });
  });

  it('GIVEN two missed days within a week THEN the second one breaks the streak', () => {
    expect(computeStreaks(days('xx.x.xx'))).toEqual({ current: 2, longest: 3 });
  });

  it('GIVEN misses a week apart THEN the freeze is not back yet and the second miss breaks the streak', () => {
    expect(computeStreaks(days('x.xxxxxx.x'))).toEqual({ current: 1, longest: 7 });
  });

  it('GIVEN misses 14 days apart THEN the freeze is used by itself each time', () => {
    expect(computeStreaks(days('x.xxxxxxxxxxxxx.x'))).toEqual({ current: 15, longest: 15 });
  });

  it("GIVEN today's question is still open and unanswered THEN the streak is not broken yet", () => {
    expect(computeStreaks(days('xxxo'))).toEqual({ current: 3, longest: 3 });
  });

  it('GIVEN nothing answered THEN both are 0', () => {
    expect(computeStreaks(days('....'))).toEqual({ current: 0, longest: 0 });
  });
});

describe('leaderboard ranks', () => {
  it('GIVEN equal points THEN they share a rank and the next rank skips', () => {
    const row = (user: string, points: number) => ({ userId: 0, user, name: user, points });
    const ranked = rankBoard([row('a', 5), row('b', 3), row('c', 3), row('d', 1)]);
    expect(ranked.map((entry) => entry.rank)).toEqual([1, 2, 2, 4]);
  });
});
