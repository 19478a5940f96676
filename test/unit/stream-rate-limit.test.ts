import { describe, expect, it } from 'vitest';
import { checkRate, rateRefusal } from '../../src/core/stream/rate-limit.js';

const limits = { perUserPerMinute: 3, perUserPerSession: 20 };
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 20, 0, seconds));

describe('submission rate limits', () => {
  it('GIVEN two submissions in the last minute THEN a third is allowed', () => {
    expect(checkRate([at(10), at(20)], limits, at(30))).toEqual({ allowed: true });
  });

  it('GIVEN three in the last minute THEN the fourth waits until the oldest of them is a minute old', () => {
    const decision = checkRate([at(30), at(10), at(20)], limits, at(40));
    expect(decision).toEqual({ allowed: false, limit: 'minute', max: 3, retryAt: at(70) });
    if (decision.allowed) return;
    expect(rateRefusal(decision, at(40))).toBe(
      'You can send at most 3 questions a minute; you can send the next one in 30 s (at 20:01:10 UTC).',
    );
  });

  it('GIVEN submissions older than a minute THEN they no longer count toward the minute', () => {
    expect(checkRate([at(0), at(1), at(2)], limits, new Date(at(2).getTime() + 60_001))).toEqual({ allowed: true });
  });

  it('GIVEN the session limit reached THEN it is named, whatever the minute', () => {
    const times = Array.from({ length: 20 }, (_, i) => new Date(at(0).getTime() - i * 120_000));
    const decision = checkRate(times, limits, at(0));
    expect(decision).toEqual({ allowed: false, limit: 'session', max: 20 });
    if (decision.allowed) return;
    expect(rateRefusal(decision, at(0))).toContain('You have sent 20 questions in this session');
  });

  it('GIVEN other limits THEN they apply', () => {
    expect(checkRate([at(1)], { perUserPerMinute: 1, perUserPerSession: 5 }, at(2)).allowed).toBe(false);
    expect(checkRate([], { perUserPerMinute: 1, perUserPerSession: 5 }, at(2)).allowed).toBe(true);
  });
});
