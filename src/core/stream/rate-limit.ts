import { showClockTime } from '../daily/time.js';
import { type RichText, rich, time } from '../rich-text.js';
import type { StreamLimits } from './ports.js';

const MINUTE_MS = 60_000;

type RateDecision =
  | { allowed: true }
  | { allowed: false; limit: 'minute'; max: number; retryAt: Date }
  | { allowed: false; limit: 'session'; max: number };

/** Whether one more submission fits, given the times of the viewer's earlier ones in the session (any order). */
export function checkRate(times: readonly Date[], limits: StreamLimits, now: Date): RateDecision {
  if (times.length >= limits.perUserPerSession) return { allowed: false, limit: 'session', max: limits.perUserPerSession };
  const windowStart = now.getTime() - MINUTE_MS;
  const recent = times
    .map((time) => time.getTime())
    .filter((time) => time > windowStart)
    .sort((a, b) => b - a);
  if (recent.length < limits.perUserPerMinute) return { allowed: true };
  // The window frees a slot when the oldest of the last `perUserPerMinute` submissions turns a minute old.
  const oldestCounted = recent[limits.perUserPerMinute - 1] ?? now.getTime();
  return { allowed: false, limit: 'minute', max: limits.perUserPerMinute, retryAt: new Date(oldestCounted + MINUTE_MS) };
}

/** One sentence naming the limit and when the viewer can submit again, in the reader's clock (`zone` on the console). */
export function rateRefusal(decision: Exclude<RateDecision, { allowed: true }>, now: Date, zone: string): RichText {
  if (decision.limit === 'session') {
    return rich(
      `You have sent ${decision.max} questions in this session, the most one person can send; vote for others' questions instead.`,
    );
  }
  const seconds = Math.max(1, Math.ceil((decision.retryAt.getTime() - now.getTime()) / 1000));
  const wait = time(decision.retryAt, 'relative', `in ${seconds} s`);
  const at = showClockTime(decision.retryAt, zone);
  return rich(`You can send at most ${decision.max} questions a minute; you can send the next one `, wait, ' (at ', at, ').');
}
