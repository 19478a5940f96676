import { execFile } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { redactedUrl } from './open.js';

const run = promisify(execFile);

export interface PostgresBackupResult {
  destination: string;
  bytes: number;
}

export class PostgresBackupError extends Error {
  override readonly name = 'PostgresBackupError';
}

/**
 * Dumps the PostgreSQL database at `url` to `destination` with pg_dump's custom format (consistent while the bots
 * keep writing: pg_dump reads one snapshot), checks that pg_restore can read the archive, then renames it into
 * place, so the destination is either the previous file or a complete dump. The password travels in PGPASSWORD,
 * never on a command line.
 */
export async function backupPostgres(url: string, destination: string): Promise<PostgresBackupResult> {
  const target = resolve(destination);
  const partial = `${target}.partial`;
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  rmSync(partial, { force: true });
  try {
    await tool('pg_dump', ['--format=custom', '--no-owner', `--file=${partial}`, `--dbname=${parsed.toString()}`], env, url);
    await tool('pg_restore', ['--list', partial], env, url);
    renameSync(partial, target);
    return { destination: target, bytes: statSync(target).size };
  } finally {
    if (existsSync(partial)) rmSync(partial, { force: true });
  }
}

async function tool(name: string, args: string[], env: NodeJS.ProcessEnv, url: string): Promise<void> {
  try {
    await run(name, args, { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failure = error as { code?: unknown; stderr?: unknown };
    if (failure.code === 'ENOENT') {
      throw new PostgresBackupError(
        `${name} was not found: install PostgreSQL's client tools of the server's major version (Debian: apt-get install postgresql-client), or back up with your provider's tools.`,
      );
    }
    const said = String(failure.stderr ?? '')
      .trim()
      .split('\n')
      .slice(0, 3)
      .join(' ');
    const password = decodeURIComponent(new URL(url).password);
    const scrubbed = password ? said.split(password).join('***') : said;
    throw new PostgresBackupError(`${name} could not back up ${redactedUrl(url)}: ${scrubbed || 'it failed without a message'}`);
  }
}
