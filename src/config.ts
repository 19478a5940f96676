import { z } from 'zod';
import type { Settings } from './core/deps.js';

const optionalSecret = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const count = (fallback: number) => z.coerce.number().int().min(1).max(100_000).default(fallback);

const envSchema = z.object({
  DATABASE_PATH: z.string().trim().min(1).default('data/bot.db'),
  DATABASE_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .trim()
      .refine((value) => /^postgres(ql)?:\/\/./.test(value) && URL.canParse(value), 'must be a postgres:// URL')
      .optional(),
  ),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  CONTENT_DIR: z.string().trim().min(1).default('content'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  RANDOM_SEED: z.coerce.number().int().optional(),
  DISCORD_TOKEN: optionalSecret,
  DISCORD_APPLICATION_ID: optionalSecret,
  DISCORD_API_URL: z.url().optional(),
  SHARD_COUNT: z.coerce.number().int().min(1).max(10_000).optional(),
  SHARD_IDS: z
    .string()
    .trim()
    .regex(/^\d+(\s*,\s*\d+)*$/, 'must be shard numbers separated by commas, such as 0,1')
    .optional(),
  SLACK_BOT_TOKEN: optionalSecret,
  SLACK_APP_TOKEN: optionalSecret,
  SLACK_SIGNING_SECRET: optionalSecret,
  SLACK_API_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  STREAM_PER_USER_PER_MINUTE: count(3),
  STREAM_PER_USER_PER_SESSION: count(20),
  DAILY_GRACE_MINUTES: count(180),
  DAILY_ANSWER_MINUTES: count(1440),
  SHUTDOWN_TIMEOUT_MS: count(10_000),
  WEB_HOST: z.string().trim().min(1).default('127.0.0.1'),
  WEB_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65_535)]).default(8787),
  PUBLIC_URL: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
  WEB_UNDO_SECONDS: z.coerce.number().int().min(0).max(60).default(10),
});

/** SQLite in this process (the default), or PostgreSQL shared by several processes. */
export type DatabaseConfig = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string; poolSize: number };

/** Which gateway shards this process runs: all of them (discord.js decides) or the listed ones of `count`. */
type Sharding = { ids: number[]; count: number } | undefined;

export interface Config {
  database: DatabaseConfig;
  contentDir: string;
  logLevel: string | undefined;
  seed: number | undefined;
  discord: { token: string; applicationId: string; apiUrl: string | undefined; sharding: Sharding } | undefined;
  slack:
    | {
        botToken: string;
        appToken: string | undefined;
        signingSecret: string | undefined;
        apiUrl: string | undefined;
        port: number;
      }
    | undefined;
  settings: Settings;
  shutdownTimeoutMs: number;
  /** The overlay and host screen's server; undefined with WEB_PORT=off. */
  web: { host: string; port: number; undoMs: number } | undefined;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the environment once; an error names the variable and what is wrong with it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `Environment variable ${String(issue?.path[0] ?? '?')} is not valid: ${issue?.message ?? 'unknown problem'}.`,
    );
  }
  const e = parsed.data;
  if (e.DISCORD_TOKEN && !e.DISCORD_APPLICATION_ID) {
    throw new ConfigError('Environment variable DISCORD_APPLICATION_ID is required when DISCORD_TOKEN is set.');
  }
  if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'Environment variable SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP) is required when SLACK_BOT_TOKEN is set.',
    );
  }
  const sharding = shardingOf(e.SHARD_COUNT, e.SHARD_IDS);
  return {
    database: e.DATABASE_URL
      ? { dialect: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { dialect: 'sqlite', path: e.DATABASE_PATH },
    contentDir: e.CONTENT_DIR,
    logLevel: e.LOG_LEVEL,
    seed: e.RANDOM_SEED,
    discord:
      e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID
        ? { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, apiUrl: e.DISCORD_API_URL, sharding }
        : undefined,
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          appToken: e.SLACK_APP_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          apiUrl: e.SLACK_API_URL,
          port: e.PORT,
        }
      : undefined,
    settings: {
      stream: { perUserPerMinute: e.STREAM_PER_USER_PER_MINUTE, perUserPerSession: e.STREAM_PER_USER_PER_SESSION },
      daily: { graceMinutes: e.DAILY_GRACE_MINUTES, answerMinutes: e.DAILY_ANSWER_MINUTES },
      publicUrl: e.PUBLIC_URL ?? (e.WEB_PORT === 'off' ? undefined : `http://${hostInUrl(e.WEB_HOST)}:${e.WEB_PORT}`),
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    web: e.WEB_PORT === 'off' ? undefined : { host: e.WEB_HOST, port: e.WEB_PORT, undoMs: e.WEB_UNDO_SECONDS * 1000 },
  };
}

/** Every secret the configuration holds, so that no log line or error repeats one. */
export function configSecrets(config: Config): string[] {
  const databasePassword =
    config.database.dialect === 'postgres' ? decodeURIComponent(new URL(config.database.url).password) : undefined;
  return [
    config.discord?.token,
    config.slack?.botToken,
    config.slack?.appToken,
    config.slack?.signingSecret,
    databasePassword,
  ].filter((secret): secret is string => Boolean(secret));
}

function shardingOf(count: number | undefined, list: string | undefined): Sharding {
  if (count === undefined) {
    if (list !== undefined) throw new ConfigError('Environment variable SHARD_COUNT is required when SHARD_IDS is set.');
    return undefined;
  }
  const ids = list === undefined ? [...Array(count).keys()] : [...new Set(list.split(',').map((id) => Number(id.trim())))];
  const outside = ids.find((id) => id >= count);
  if (outside !== undefined) {
    throw new ConfigError(`Environment variable SHARD_IDS is not valid: shard ${outside} is not below SHARD_COUNT (${count}).`);
  }
  return { ids: ids.sort((a, b) => a - b), count };
}

function hostInUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
