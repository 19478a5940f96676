import type { Adapter } from '../../../src/adapters/adapter.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/client.js';
import type { CommandDefinition } from '../../../src/core/command-kit/define.js';
import { Registry } from '../../../src/core/command-kit/registry.js';
import { allCommands } from '../../../src/core/commands/all.js';
import type { Deps } from '../../../src/core/deps.js';
import type { Logger } from '../../../src/core/logger.js';
import type { SqliteApp } from '../../support/app.js';
import { createTestApp } from '../../support/app.js';
import { type FakeDiscord, IDS, type StoredMessage } from './fake-discord.js';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string | undefined;
  data: object;
}

/** A logger that keeps every entry, so tests can check what the bot reported. */
export function recordingLogger(entries: LogEntry[] = []): Logger & { entries: LogEntry[] } {
  const at =
    (level: LogEntry['level']) =>
    (data: object, message?: string): void => {
      entries.push({ level, message, data });
    };
  const logger: Logger & { entries: LogEntry[] } = {
    entries,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

export interface Bot {
  app: SqliteApp;
  deps: Deps;
  adapter: Adapter;
  logs: LogEntry[];
  stop(): Promise<void>;
}

export interface BotOptions {
  /** Commands only these tests use, added to the bot's real ones. */
  extraCommands?: CommandDefinition[];
  /** A database file, to reopen the same data after a restart; in memory otherwise. */
  databasePath?: string;
  replyWithinMs?: number;
  /** Start against this app instead of a new one. */
  app?: SqliteApp;
  /** The gateway shards this bot runs, as SHARD_COUNT and SHARD_IDS set them. */
  sharding?: { ids: number[]; count: number };
}

/** The real app and the real discord.js client, connected to the fake Discord. */
export async function startBot(discord: FakeDiscord, options: BotOptions = {}): Promise<Bot> {
  const logger = recordingLogger();
  const app = options.app ?? (await createTestApp(options.databasePath ? { DATABASE_PATH: options.databasePath } : {}, logger));
  const deps: Deps = options.extraCommands
    ? { ...app.deps, registry: new Registry([...allCommands, ...options.extraCommands]) }
    : app.deps;
  const adapter = createDiscordAdapter(
    deps,
    {
      token: discord.token,
      applicationId: IDS.application,
      apiUrl: discord.apiUrl,
      ...(options.replyWithinMs !== undefined ? { replyWithinMs: options.replyWithinMs } : {}),
      sharding: options.sharding,
    },
    logger,
  );
  await adapter.start();
  return {
    app,
    deps,
    adapter,
    logs: logger.entries,
    async stop() {
      await adapter.stop();
      if (!options.app) await app.close();
    },
  };
}

/** Every custom id of a message's buttons and selects. */
export function componentsOf(
  message: StoredMessage,
): { type: number; custom_id: string; label?: string; options?: { value: string }[] }[] {
  return (
    message.components as { components: { type: number; custom_id: string; label?: string; options?: { value: string }[] }[] }[]
  ).flatMap((row) => row.components);
}

/** All visible text of a message: content, embed titles, descriptions, fields and footers. */
export function textOf(message: StoredMessage): string {
  const parts = [message.content];
  for (const embed of message.embeds as {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
    footer?: { text: string };
  }[]) {
    parts.push(embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '');
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  }
  return parts.filter((part) => part !== '').join('\n');
}

export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what = 'the condition',
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const APOLOGY = 'Sorry, something went wrong on our side';
