import type { Adapter } from './adapters/adapter.js';
import { createConsoleAdapter } from './adapters/console/client.js';
import { type App, createApp } from './app.js';
import { type Config, configSecrets, loadConfig } from './config.js';
import type { Logger } from './core/logger.js';
import type { LinkOwner } from './core/stream/link-ports.js';
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

/** The overlay and host screen, loaded only when they start; a port already taken leaves the chat running. */
async function startWeb(
  config: Config,
  app: App,
  adapters: Adapter[],
  log: Logger,
): Promise<{ stop(): Promise<void> } | undefined> {
  if (!config.web) return undefined;
  const adapterOf = (owner: LinkOwner) => adapters.find((adapter) => adapter.platform === owner.platform);
  try {
    const { startWebServer } = await import('./adapters/web/server.js');
    const server = await startWebServer(
      app.deps,
      { host: config.web.host, port: config.web.port },
      {
        undoMs: config.web.undoMs,
        keepAliveMs: 15_000,
        roleOf: async (owner, channel) => adapterOf(owner)?.roleOf?.(owner.tenant, channel, owner.userId),
        deliver: async (owner, messages) => adapterOf(owner)?.deliver(owner.tenant, messages),
      },
    );
    log.info({ url: server.url }, 'web pages listening');
    return server;
  } catch (error) {
    log.error({ err: error, host: config.web.host, port: config.web.port }, 'the web pages could not start');
    return undefined;
  }
}

/** Configured secrets, known once the configuration is read; every line about a failure is scrubbed of them. */
let secrets: string[] = [];

async function main(): Promise<void> {
  const config = loadConfig();
  const usesConsole = !config.discord && !config.slack;
  secrets = configSecrets(config);
  const log = createLogger(config.logLevel ?? (usesConsole ? 'warn' : 'info'), secrets);
  const app = await createApp(config, log);
  let scheduler: Scheduler | undefined;
  let adapters: Adapter[] = [];
  let web: { stop(): Promise<void> } | undefined;
  let stopping = false;
  let starting: Promise<void> = Promise.resolve();
  const startup = new AbortController();

  const shutdown = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown took too long, exiting');
      void app.close();
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    // A start still waiting for its platform is abandoned; adapters that came up are stopped below.
    startup.abort();
    await starting.catch(() => undefined);
    await scheduler?.stop();
    await web?.stop();
    await Promise.allSettled(adapters.map((adapter) => adapter.stop()));
    await app.close().catch((error: unknown) => log.error({ err: error }, 'the database did not close cleanly'));
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
  // After "ready": the pages are loaded only now, so they add nothing to the time until the bot answers.
  web = await startWeb(config, app, adapters, log);
  if (stopping) await web?.stop();
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Cannot start: ${scrubSecrets(message, secrets)}\n`);
  process.exit(1);
});
