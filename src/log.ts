import { type DestinationStream, pino } from 'pino';
import type { Logger } from './core/logger.js';

/** Paths whose values never reach a log line: tokens, secrets, interaction tokens, response URLs. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  '*.*.token',
  'botToken',
  'appToken',
  'signingSecret',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'response_url',
  '*.response_url',
  '*.*.response_url',
  'responseUrl',
  '*.responseUrl',
  'interactionToken',
  '*.interactionToken',
];

const SECRET_PATTERNS: [RegExp, string][] = [
  [/xox[abposr]-[A-Za-z0-9-]+/g, 'xox?-[redacted]'],
  [/xapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]'],
  [/https:\/\/hooks\.slack\.com\/[^\s"']+/g, 'https://hooks.slack.com/[redacted]'],
  [/\/interactions\/(\d+)\/[^/\s"']+/g, '/interactions/$1/[redacted]'],
  [/\/webhooks\/(\d+)\/[^/\s"']+/g, '/webhooks/$1/[redacted]'],
  [/Bot [A-Za-z0-9._-]{20,}/g, 'Bot [redacted]'],
];

/** Removes secret-looking substrings from free text such as error messages. */
export function scrubSecrets(text: string, extra: string[] = []): string {
  let out = text;
  for (const secret of extra) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

export function createLogger(level: string, secrets: string[] = [], destination?: DestinationStream): Logger {
  const scrub = (value: unknown): unknown => (typeof value === 'string' ? scrubSecrets(value, secrets) : value);
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: {
        log(object) {
          const out: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(object)) out[key] = scrub(value);
          return out;
        },
      },
      serializers: {
        err: (error: unknown) => {
          const serialized = pino.stdSerializers.err(error as Error);
          return {
            ...serialized,
            message: scrubSecrets(serialized.message, secrets),
            stack: scrubSecrets(serialized.stack ?? '', secrets),
          };
        },
      },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args;
          method.apply(this, [first, ...rest.map((part) => scrub(part))] as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination(2),
  );
}
