import { type DestinationStream, pino } from 'pino';
import type { Logger } from './core/logger.js';

/** Paths whose values never reach a log line: tokens, secrets, interaction tokens, response URLs. */
const REDACTED_PATHS = [
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
  // The password of a URL such as http://user:password@host/ (a configured API or database URL).
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@"'<>]*):[^\s/@"'<>]*@/gi, '$1:[redacted]@'],
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

/** Keys whose values never reach a log line, at any depth and in any case. */
const SECRET_KEY = /token|secret|password|authorization|cookie|response_?url/i;
const MAX_DEPTH = 8;

/** Copies a value for logging: secret-named keys censored, secret-looking text scrubbed, errors serialized. */
function scrubDeep(value: unknown, secrets: string[] = [], depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubSecrets(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH || seen.has(value)) return '[…]';
  seen.add(value);
  const next = (inner: unknown) => scrubDeep(inner, secrets, depth + 1, seen);
  if (value instanceof Error) return next(pino.stdSerializers.err(value));
  if (Array.isArray(value)) return value.map(next);
  if ('toJSON' in value && typeof value.toJSON === 'function') return next(value.toJSON());
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? '[redacted]' : next(inner);
  return out;
}

export function createLogger(level: string, secrets: string[] = [], destination?: DestinationStream): Logger {
  const logger = pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: {
        log(object) {
          const out: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(object)) {
            // The error key keeps its Error for the serializer below, which knows its type and causes.
            out[key] =
              key === 'err' && value instanceof Error ? value : SECRET_KEY.test(key) ? '[redacted]' : scrubDeep(value, secrets);
          }
          return out;
        },
      },
      serializers: {
        err: (error: unknown) => scrubDeep(pino.stdSerializers.err(error as Error), secrets),
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((part) => (typeof part === 'string' ? scrubSecrets(part, secrets) : part)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination ?? pino.destination(2),
  );
  // pino applies its bindings formatter to the root only: child bindings are scrubbed on their way in.
  const child = logger.child;
  logger.child = function scrubbedChild(this: typeof logger, bindings, options) {
    return child.call(this, scrubDeep(bindings, secrets) as typeof bindings, options);
  } as typeof child;
  return logger;
}
