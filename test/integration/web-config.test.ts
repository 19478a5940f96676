import { describe, expect, test } from 'vitest';
import { runConsoleLine } from '../../src/adapters/console/routes.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/app.js';
import { firstView, md } from '../support/messages.js';

describe('the web pages configuration', () => {
  test('GIVEN nothing set THEN the pages listen on 127.0.0.1:8787, links point there, and actions wait 10 s', () => {
    const config = loadConfig({});
    expect(config.web).toEqual({ host: '127.0.0.1', port: 8787, undoMs: 10_000 });
    expect(config.settings.publicUrl).toBe('http://127.0.0.1:8787');
  });

  test('GIVEN PUBLIC_URL behind a proxy THEN links use it while the server stays on its own address', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://bot.example.org', WEB_PORT: '9000' });
    expect(config.settings.publicUrl).toBe('https://bot.example.org');
    expect(config.web?.port).toBe(9000);
  });

  test('GIVEN WEB_PORT=off THEN no pages are served and no links are handed out', async () => {
    const config = loadConfig({ WEB_PORT: 'off' });
    expect(config.web).toBeUndefined();
    const app = await createTestApp({ WEB_PORT: 'off' });
    try {
      const moderator = { userId: 'mod', name: 'Mo', role: 'moderator' as const, channel: 'live' };
      await runConsoleLine('/stream start title:"Live"', moderator, app.deps, new Date());
      const result = await runConsoleLine('/stream overlay', moderator, app.deps, new Date());
      expect(result.status).toBe('user-error');
      expect(md(firstView(result)?.text)).toBe('This bot serves no web pages (WEB_PORT=off), so there are no links to give.');
    } finally {
      await app.close();
    }
  });

  test('GIVEN a port or address that is not one THEN start-up stops with the variable named', () => {
    expect(() => loadConfig({ WEB_PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig({ WEB_PORT: '70000' })).toThrow(/WEB_PORT/);
    expect(() => loadConfig({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
  });
});
