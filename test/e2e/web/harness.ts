import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Adapter } from '../../../src/adapters/adapter.js';
import { createConsoleAdapter } from '../../../src/adapters/console/client.js';
import { type ConsoleIdentity, runConsoleLine } from '../../../src/adapters/console/routes.js';
import { startWebServer, type WebServer } from '../../../src/adapters/web/server.js';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { type Logger, silentLogger } from '../../../src/core/logger.js';
import { onSqlite, PROJECT_ROOT, type SqliteApp } from '../../support/app.js';
import { firstView, md } from '../../support/messages.js';

export const HOST: ConsoleIdentity = { userId: 'host-1', name: 'Hana Host', role: 'moderator', channel: 'live' };

export function viewer(n: number, name = `Viewer ${n}`): ConsoleIdentity {
  return { userId: `viewer-${n}`, name, role: 'everyone', channel: 'live' };
}

/** The bot as `npm start` builds it, on a SQLite file, with the console as its chat and the web server beside it. */
export interface Bot {
  app: SqliteApp;
  web: WebServer;
  console: Adapter;
  say(line: string, who?: ConsoleIdentity): Promise<string>;
  stop(): Promise<void>;
}

export function databaseFile(): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'web-e2e-db-'));
  return { path: join(dir, 'bot.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startBot(databasePath: string, port = 0, undoMs = 1000, log: Logger = silentLogger): Promise<Bot> {
  const config = loadConfig({
    DATABASE_PATH: databasePath,
    CONTENT_DIR: resolve(PROJECT_ROOT, 'content'),
    RANDOM_SEED: '42',
    STREAM_PER_USER_PER_MINUTE: '1000',
    STREAM_PER_USER_PER_SESSION: '1000',
    WEB_PORT: String(port),
  });
  const app = onSqlite(await createApp(config, log));
  const output = new PassThrough();
  output.resume();
  const consoleAdapter = createConsoleAdapter(app.deps, {
    input: new PassThrough(),
    output,
    identity: HOST,
    onClose: () => undefined,
  });
  const web = await startWebServer(
    app.deps,
    { host: '127.0.0.1', port },
    {
      undoMs,
      keepAliveMs: 15_000,
      roleOf: async (owner, channel) =>
        consoleAdapter.roleOf ? consoleAdapter.roleOf(owner.tenant, channel, owner.userId) : undefined,
      deliver: (owner, messages) => consoleAdapter.deliver(owner.tenant, messages),
    },
  );
  // Links are handed out for the address the server really listens on.
  app.deps.settings.publicUrl = web.url;
  return {
    app,
    web,
    console: consoleAdapter,
    async say(line, who = HOST) {
      const result = await runConsoleLine(line, who, app.deps, new Date());
      const view = firstView(result);
      return [view?.title, md(view?.text)].filter(Boolean).join('\n');
    },
    async stop() {
      await web.stop();
      await app.close();
    },
  };
}

/** The two links `/stream overlay` answered with. */
export function linksIn(reply: string): { overlay: string; host: string } {
  const overlay = /(http:\/\/\S+\/overlay\/[A-Za-z0-9_-]+)/.exec(reply)?.[1];
  const host = /(http:\/\/\S+\/host\/[A-Za-z0-9_-]+)/.exec(reply)?.[1];
  if (!overlay || !host) throw new Error(`No links in: ${reply}`);
  return { overlay, host };
}
