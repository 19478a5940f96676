/** A token bucket: `burst` requests at once, refilled at `perMinute`. */
export interface BucketRule {
  burst: number;
  perMinute: number;
}

export interface SlackLimits {
  /** chat.postMessage per channel: about one a second, short bursts tolerated. */
  postMessagePerChannel: BucketRule;
  /** Tier 3 (chat.update) and Tier 4 (chat.postEphemeral, views.*) methods, per workspace and method. */
  tier3: BucketRule;
  tier4: BucketRule;
}

export const SLACK_LIMITS: SlackLimits = {
  postMessagePerChannel: { burst: 2, perMinute: 60 },
  tier3: { burst: 50, perMinute: 50 },
  tier4: { burst: 100, perMinute: 100 },
};

const TIER3 = new Set(['chat.update', 'pins.add', 'files.getUploadURLExternal', 'files.completeUploadExternal']);
const TIER4 = new Set(['chat.postEphemeral', 'views.open', 'views.publish', 'views.update', 'users.info']);

export interface Throttled {
  method: string;
  key: string;
  retryAfterSeconds: number;
  at: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Slack's Web API rate limits: a call over its limit gets HTTP 429, `Retry-After: seconds`, `error: ratelimited`. */
export class SlackRateLimiter {
  readonly throttled: Throttled[] = [];
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: SlackLimits = SLACK_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Undefined when the call may go through, else the seconds to put in Retry-After. */
  check(method: string, params: Record<string, unknown>): number | undefined {
    const rule = this.ruleOf(method);
    if (!rule) return undefined;
    const key = method === 'chat.postMessage' ? `${method}:${String(params.channel ?? '')}` : method;
    const now = this.now();
    const perMs = rule.perMinute / 60_000;
    const previous = this.buckets.get(key) ?? { tokens: rule.burst, at: now };
    const tokens = Math.min(rule.burst, previous.tokens + (now - previous.at) * perMs);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      return undefined;
    }
    this.buckets.set(key, { tokens, at: now });
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
    this.throttled.push({ method, key, retryAfterSeconds, at: now });
    return retryAfterSeconds;
  }

  private ruleOf(method: string): BucketRule | undefined {
    if (method === 'chat.postMessage') return this.limits.postMessagePerChannel;
    if (TIER3.has(method)) return this.limits.tier3;
    if (TIER4.has(method)) return this.limits.tier4;
    return undefined;
  }
}
