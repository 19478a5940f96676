import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { runStart } from '../support/cli.js';

const PASSWORD = 'hunter2-in-the-url';

describe('a password inside a configured URL', () => {
  it('GIVEN DISCORD_API_URL with a password and no Discord there THEN "Cannot start" names the URL without the password', () => {
    const run = runStart('', {
      DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'url-secret-')), 'bot.db'),
      DISCORD_TOKEN: 'a.b.c',
      DISCORD_APPLICATION_ID: '1',
      DISCORD_API_URL: `http://bot:${PASSWORD}@127.0.0.1:9/api`,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Cannot start: .*http:\/\/bot:\[redacted\]@127\.0\.0\.1:9\/api/m);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  });

  it('GIVEN a log line or error carrying such a URL THEN the logger writes it without the password', () => {
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    const log = createLogger('debug', [], sink);
    const url = `postgres://app:${PASSWORD}@127.0.0.1:5432/bot`;
    log.error({ err: new Error(`connect to ${url} failed`), target: url }, `could not reach ${url}`);
    const output = chunks.join('');
    expect(output).toContain('postgres://app:[redacted]@127.0.0.1:5432/bot');
    expect(output).not.toContain(PASSWORD);
  });
});
