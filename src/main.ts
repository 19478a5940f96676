import type { Adapter } from './adapters/adapter.js';
import { createConsoleAdapter } from './adapters/console/client.js';
import { type App, createApp } from './app.js';
import { type Config, loadConfig } from './config.js';
import type { Logger } from './core/logger.js';
import { createLogger, scrubSecrets } from './log.js';
import { type Scheduler, startScheduler } from './scheduler/scheduler.js';

async function platformAdapters(config: Config, app: App, log: Logger): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  if (config.discord) {
    const { createDiscordAdapter } = await import('./adapters/discord/client.js');
    adapters.push(createDiscordAdapter(app.deps, config.discord, log.child({ platform: 'discord' })));
  }
  if (config.slack) {
    const { createSlackAdapter } = await import('./adapters/slack/client.js');
    adapters.push(createSlackAdapter(app.deps, config.slack, log.child({ platform: 'slack' })));
  }
  return adapters;
}

/** Configured secrets, known once the configuration is read; every line about a failure is scrubbed of them. */
let secrets: string[] = [];

async function main(): Promise<void> {
  const config = loadConfig();
  const usesConsole = !config.discord && !config.slack;
  secrets = [config.discord?.token, config.slack?.botToken, config.slack?.appToken, config.slack?.signingSecret].filter(
    (secret): secret is string => Boolean(secret),
  );
  const log = createLogger(config.logLevel ?? (usesConsole ? 'warn' : 'info'), secrets);
  const app = await createApp(config, log);
  let scheduler: Scheduler | undefined;
  let adapters: Adapter[] = [];
  let stopping = false;
  let starting: Promise<void> = Promise.resolve();
  const startup = new AbortController();

  const shutdown = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown took too long, exiting');
      app.close();
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    // A start still waiting for its platform is abandoned; adapters that came up are stopped below.
    startup.abort();
    await starting.catch(() => undefined);
    await scheduler?.stop();
    await Promise.allSettled(adapters.map((adapter) => adapter.stop()));
    app.close();
    clearTimeout(timer);
    log.info({ reason }, 'stopped');
    process.exitCode = code;
  };

  // `on`, not `once`: a terminal's Ctrl-C reaches both npm and the bot, and npm forwards it again; a repeated signal
  // must not kill the bot half-way through its shutdown (the timeout above bounds the wait).
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const startAdapters = async () => {
    adapters = usesConsole
      ? [
          createConsoleAdapter(app.deps, {
            input: process.stdin,
            output: process.stdout,
            identity: { userId: 'console-user', name: process.env.USER ?? 'you', role: 'admin', channel: 'console' },
            onClose: () => void shutdown('end of input'),
          }),
        ]
      : await platformAdapters(config, app, log);
    for (const adapter of adapters) await adapter.start(startup.signal);
  };
  starting = startAdapters();
  try {
    await starting;
  } catch (error) {
    if (stopping) return;
    throw error;
  }
  if (stopping) return;
  scheduler = startScheduler(app.deps, adapters);
  log.info({ adapters: adapters.map((adapter) => adapter.platform), startupMs: Math.round(performance.now()) }, 'ready');
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Cannot start: ${scrubSecrets(message, secrets)}\n`);
  process.exit(1);
});
