import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const freshDb = () => ({ DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'cli-now-')), 'bot.db') });
const schedule = '/daily schedule time:09:00 timezone:Europe/Berlin';

describe('--now outside the calendar the bot handles', () => {
  it.each([
    ['year 10000', '--now=+010000-01-01T00:00:00Z'],
    ['before year 0', '--now=-000001-01-01T00:00:00Z'],
  ])('GIVEN say with an instant in %s THEN one sentence names the range, exit code 1', (_, flag) => {
    const run = runCli(['say', '--moderator', flag, schedule], freshDb());
    expect(run.stderr.trim()).toMatch(/^--now must be between the years 1970 and 9999, not ".+"\.$/);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
  });

  it('GIVEN tick with an instant in year 10000 THEN it is refused the same way, exit code 1', () => {
    const run = runCli(['tick', '--now=+010000-06-01T00:00:00Z'], freshDb());
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--now must be between the years 1970 and 9999');
  });

  it('GIVEN --now with a value that starts with a dash THEN the usage mistake exits 1, not as a crash', () => {
    const run = runCli(['say', '--now', '-000001-01-01T00:00:00Z', '/help'], freshDb());
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("'--now'");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
