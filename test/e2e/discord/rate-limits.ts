/** At most `limit` requests per window, counted from the first request of the window (Discord's buckets). */
export interface BucketRule {
  limit: number;
  windowMs: number;
}

export interface DiscordLimits {
  /** Message creates and edits in one channel (also DMs), thread creation and pins: about 5 per 5 s each. */
  perChannel: BucketRule;
  /** Every authenticated request of the bot, interaction endpoints excepted: 50 a second. */
  global: BucketRule;
}

export const DISCORD_LIMITS: DiscordLimits = {
  perChannel: { limit: 5, windowMs: 5_000 },
  global: { limit: 50, windowMs: 1_000 },
};

export interface Throttled {
  method: string;
  path: string;
  global: boolean;
  retryAfterMs: number;
  at: number;
}

export type Verdict =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; headers: Record<string, string>; body: Record<string, unknown> };

interface Window {
  startedAt: number;
  used: number;
}

/** The route bucket a request counts against, as Discord groups them; undefined when only the global limit applies. */
function bucketOf(method: string, path: string): string | undefined {
  const messages = /^\/channels\/(\d+)\/messages(?:\/(\d+))?$/.exec(path);
  if (messages && (method === 'POST' || method === 'PATCH')) return `messages:${messages[1]}`;
  const thread = /^\/channels\/(\d+)\/messages\/\d+\/threads$/.exec(path);
  if (thread && method === 'POST') return `threads:${thread[1]}`;
  const pin = /^\/channels\/(\d+)\/messages\/pins\/\d+$/.exec(path);
  if (pin) return `pins:${pin[1]}`;
  return undefined;
}

/** Interaction callbacks and their webhooks are not bound to the bot's global limit. */
function isInteractionRoute(path: string): boolean {
  return path.startsWith('/interactions/') || path.startsWith('/webhooks/');
}

/**
 * Discord's rate limits as a client meets them: each bucket reports X-RateLimit-Limit, -Remaining, -Reset,
 * -Reset-After and -Bucket, and a request over a limit gets 429 with `retry_after` (seconds) and Retry-After.
 */
export class DiscordRateLimiter {
  readonly throttled: Throttled[] = [];
  private readonly buckets = new Map<string, Window>();
  private global: Window = { startedAt: Number.NEGATIVE_INFINITY, used: 0 };

  constructor(
    private readonly limits: DiscordLimits = DISCORD_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  check(method: string, path: string): Verdict {
    if (isInteractionRoute(path)) return { allowed: true, headers: {} };
    const now = this.now();
    if (now - this.global.startedAt >= this.limits.global.windowMs) this.global = { startedAt: now, used: 0 };
    if (this.global.used >= this.limits.global.limit) {
      const retryAfterMs = this.global.startedAt + this.limits.global.windowMs - now;
      return this.refuse(method, path, true, retryAfterMs, { 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' });
    }
    const key = bucketOf(method, path);
    if (key === undefined) {
      this.global.used += 1;
      return { allowed: true, headers: {} };
    }
    const rule = this.limits.perChannel;
    let bucket = this.buckets.get(key);
    if (!bucket || now - bucket.startedAt >= rule.windowMs) {
      bucket = { startedAt: now, used: 0 };
      this.buckets.set(key, bucket);
    }
    const resetAfterMs = bucket.startedAt + rule.windowMs - now;
    const headers = (remaining: number): Record<string, string> => ({
      'x-ratelimit-limit': String(rule.limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': ((now + resetAfterMs) / 1000).toFixed(3),
      'x-ratelimit-reset-after': (resetAfterMs / 1000).toFixed(3),
      'x-ratelimit-bucket': key.split(':')[0] ?? key,
    });
    if (bucket.used >= rule.limit) {
      return this.refuse(method, path, false, resetAfterMs, { ...headers(0), 'x-ratelimit-scope': 'user' });
    }
    bucket.used += 1;
    this.global.used += 1;
    return { allowed: true, headers: headers(rule.limit - bucket.used) };
  }

  private refuse(method: string, path: string, global: boolean, retryAfterMs: number, headers: Record<string, string>): Verdict {
    this.throttled.push({ method, path, global, retryAfterMs, at: this.now() });
    const seconds = Math.max(0.001, retryAfterMs / 1000);
    return {
      allowed: false,
      headers: { ...headers, 'retry-after': String(Math.ceil(seconds)) },
      body: { message: 'You are being rate limited.', retry_after: Number(seconds.toFixed(3)), global },
    };
  }
}
