import { describe, expect, it } from 'vitest';
import { renderView } from '../../src/adapters/discord/render.js';
import { checkRate, rateRefusal } from '../../src/core/stream/rate-limit.js';
import { md } from '../support/messages.js';

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
    expect(md(rateRefusal(decision, at(40), 'Europe/Berlin'))).toBe(
      'You can send at most 3 questions a minute; you can send the next one in 30 s (at 21:01:10 Europe/Berlin).',
    );
  });

  it('GIVEN the refusal on Discord THEN the wait and the time are timestamps each reader sees in their own clock', () => {
    const decision = checkRate([at(30), at(10), at(20)], limits, at(40));
    if (decision.allowed) throw new Error('expected a refusal');
    const retry = Math.floor(at(70).getTime() / 1000);
    const shown = renderView({ text: rateRefusal(decision, at(40), 'UTC'), ephemeral: true }).content ?? '';
    // Parentheses in text are escaped on Discord, so they never close a link.
    expect(shown).toContain(`you can send the next one <t:${retry}:R> \\(at <t:${retry}:t>\\).`);
    expect(shown).not.toContain('UTC');
  });

  it('GIVEN submissions older than a minute THEN they no longer count toward the minute', () => {
    expect(checkRate([at(0), at(1), at(2)], limits, new Date(at(2).getTime() + 60_001))).toEqual({ allowed: true });
  });

  it('GIVEN the session limit reached THEN it is named, whatever the minute', () => {
    const times = Array.from({ length: 20 }, (_, i) => new Date(at(0).getTime() - i * 120_000));
    const decision = checkRate(times, limits, at(0));
    expect(decision).toEqual({ allowed: false, limit: 'session', max: 20 });
    if (decision.allowed) return;
    expect(md(rateRefusal(decision, at(0), 'UTC'))).toContain('You have sent 20 questions in this session');
  });

  it('GIVEN other limits THEN they apply', () => {
    expect(checkRate([at(1)], { perUserPerMinute: 1, perUserPerSession: 5 }, at(2)).allowed).toBe(false);
    expect(checkRate([], { perUserPerMinute: 1, perUserPerSession: 5 }, at(2)).allowed).toBe(true);
  });
});
