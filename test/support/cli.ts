import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from './app.js';
import { CLI_ARGS, START_ARGS } from './entry.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (`npm run -s cli -- ...` without npm's overhead) in a child process. */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string): CliRun {
  const result = spawnSync(process.execPath, [...CLI_ARGS, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    input: input ?? '',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `npm start`'s entry point with the given standard input and waits for it to exit. */
export function runStart(input: string, env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, START_ARGS, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', ...env },
    encoding: 'utf8',
    input,
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
