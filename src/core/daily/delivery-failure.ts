import { command, type RichPart, rich } from '../rich-text.js';

/** What a platform's refusal of a scheduled post means, in plain words, and what a moderator can do about it. */
interface FailureExplanation {
  problem: string;
  fix: RichPart;
}

const KNOWN: Record<string, FailureExplanation> = {
  not_in_channel: { problem: 'the bot is not a member of the channel', fix: 'invite the bot to the channel (/invite @the bot)' },
  channel_not_found: {
    problem: 'the channel was not found',
    fix: 'check the channel still exists and the bot can see it, or set the schedule in another channel',
  },
  is_archived: {
    problem: 'the channel is archived',
    fix: rich('unarchive the channel, or stop the schedule with ', command('daily stop')),
  },
  '50013': {
    problem: 'the bot lacks a permission in the channel',
    fix: 'grant the bot Send Messages, Embed Links and Create Public Threads there',
  },
  '50001': { problem: 'the bot cannot see the channel', fix: 'grant the bot View Channel there' },
  '50007': {
    problem: 'the member does not accept direct messages from the bot',
    fix: rich(
      'the member allows direct messages from server members, then turns reminders on again with ',
      command('daily remind'),
    ),
  },
  '10003': {
    problem: 'the channel no longer exists',
    fix: rich('set the schedule in another channel, or stop it with ', command('daily stop')),
  },
  network: {
    problem: 'the platform could not be reached',
    fix: 'nothing to do if it passes; check the bot host’s network if it lasts',
  },
};

const UNKNOWN: FailureExplanation = {
  problem: 'the platform refused the post',
  fix: 'check the bot’s logs for the platform’s error',
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** The refusal code in an adapter's error: a Discord API code, a Slack error code, "network", or "unknown". */
export function failureCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof Error || typeof current === 'object') {
      const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
      if (typeof code === 'number' && String(code) in KNOWN) return String(code);
      if (typeof code === 'string' && NETWORK_CODES.has(code)) return 'network';
      if (typeof code === 'string' && code in KNOWN) return code;
      const named = typeof message === 'string' ? /\(([a-z_]+)\)/.exec(message)?.[1] : undefined;
      if (named && named in KNOWN) return named;
      if (typeof message === 'string' && /fetch failed|socket hang up|network/i.test(message)) return 'network';
      current = cause;
    } else break;
  }
  return 'unknown';
}

export function explainFailure(code: string): FailureExplanation {
  return KNOWN[code] ?? UNKNOWN;
}

const MINUTE = 60_000;

/** Waits 1, 2, 4 ... minutes between attempts, at most 30. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(2 ** Math.max(0, failedAttempts - 1), 30) * MINUTE;
}
