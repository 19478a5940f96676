import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START_ARGS } from '../support/entry.js';
import { type Child, killChild, startChild } from './support/child.js';

const PASSWORD = 'pa55-w0rd-in-url';

/** A loopback port that accepts connections and never answers: a Slack API that hangs. */
let silent: Server;
const held = new Set<Socket>();
let silentPort = 0;
/** A loopback port nobody listens on: a Slack API that refuses connections. */
let closedPort = 0;

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));

beforeAll(async () => {
  silent = createServer((socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket));
  });
  silentPort = await listen(silent);
  const probe = createServer();
  closedPort = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

function startSlackBot(apiUrl: string): Child {
  return startChild(process.execPath, START_ARGS, {
    DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'slack-start-')), 'bot.db'),
    DISCORD_TOKEN: '',
    SLACK_BOT_TOKEN: 'xoxb-1-startup-check',
    SLACK_APP_TOKEN: '',
    SLACK_SIGNING_SECRET: 'startup-check-signing-secret',
    SLACK_API_URL: apiUrl,
    PORT: '0',
    LOG_LEVEL: 'info',
  });
}

const exitOf = (child: Child, withinMs: number) =>
  Promise.race([child.closed, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), withinMs))]);

describe('Slack start-up against an API that does not answer', () => {
  it('GIVEN an API that refuses connections THEN start-up ends with one "Cannot start" line, exit 1, and no password of the URL', async () => {
    const child = startSlackBot(`http://bot:${PASSWORD}@127.0.0.1:${closedPort}/api/`);
    try {
      const exit = await exitOf(child, 40_000);
      expect(exit, child.stderr()).toEqual({ code: 1, signal: null });
      const lines = child
        .stderr()
        .split('\n')
        .filter((line) => line.startsWith('Cannot start'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('Slack is not reachable at');
      expect(child.stdout() + child.stderr()).not.toContain(PASSWORD);
    } finally {
      killChild(child);
    }
  }, 60_000);

  it('GIVEN an API that never answers THEN start-up gives up on its own with one "Cannot start" line', async () => {
    const child = startSlackBot(`http://127.0.0.1:${silentPort}/api/`);
    try {
      const exit = await exitOf(child, 45_000);
      expect(exit, child.stderr()).toEqual({ code: 1, signal: null });
      expect(child.stderr()).toMatch(/^Cannot start: Slack is not reachable at .*no answer within 12 s$/m);
    } finally {
      killChild(child);
    }
  }, 60_000);

  it('GIVEN a start-up waiting for Slack WHEN SIGTERM arrives THEN the bot stops at once with exit 0 instead of waiting', async () => {
    const child = startSlackBot(`http://127.0.0.1:${silentPort}/api/`);
    try {
      const before = held.size;
      await new Promise<void>((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`no request reached the API; ${child.stderr()}`)), 30_000);
        const poll = setInterval(() => {
          if (held.size > before) {
            clearInterval(poll);
            clearTimeout(deadline);
            resolve();
          }
        }, 50);
      });
      child.process.kill('SIGTERM');
      const exit = await exitOf(child, 8_000);
      expect(exit, child.stderr()).toEqual({ code: 0, signal: null });
      expect(child.stderr()).not.toContain('Cannot start');
    } finally {
      killChild(child);
    }
  }, 60_000);
});
