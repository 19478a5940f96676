import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ROOT } from './app.js';

export interface BotProcess {
  pid: number;
  /** From just before spawn to the "ready" log line, measured by this process. */
  readyMs: number;
  /** What the bot itself logged as its start-up time (performance.now() at "ready"). */
  loggedStartupMs: number | undefined;
  /** Resident memory of the bot process now, from /proc. */
  rssMb(): number | undefined;
  logLines(): Record<string, unknown>[];
  /** SIGTERM by pid, then waits for the exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<{ code: number | null; signal: string | null; stopMs: number; killed: boolean }>;
}

export interface StartOptions {
  /** Entry arguments after `node`; what `npm start` runs by default. */
  entry?: string[];
  env: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Starts the bot as `npm start` does (node scripts/run.mjs main) with only the given environment plus PATH
 * and LOG_LEVEL=info, stdin kept open, and resolves once it logs "ready".
 */
export function startBotProcess(options: StartOptions): Promise<BotProcess> {
  const entry = options.entry ?? ['scripts/run.mjs', 'main'];
  const started = performance.now();
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const stderrTail: string[] = [];
  let exited: { code: number | null; signal: string | null } | undefined;
  const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });
  child.stdout.resume();

  return new Promise<BotProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bot did not log "ready" within ${options.timeoutMs ?? 30_000} ms: ${stderrTail.join(' | ')}`));
    }, options.timeoutMs ?? 30_000);
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`the bot exited before "ready": ${stderrTail.join(' | ')}`));
    });
    createInterface({ input: child.stderr }).on('line', (line) => {
      let entry: Record<string, unknown> | undefined;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        stderrTail.push(line);
        if (stderrTail.length > 5) stderrTail.shift();
        return;
      }
      lines.push(entry);
      if (entry.msg !== 'ready') return;
      clearTimeout(timer);
      const readyMs = performance.now() - started;
      const pid = child.pid as number;
      resolve({
        pid,
        readyMs,
        loggedStartupMs: typeof entry.startupMs === 'number' ? entry.startupMs : undefined,
        rssMb: () => residentMb(pid),
        logLines: () => lines,
        async stop(graceMs = 15_000) {
          const stopping = performance.now();
          if (exited) return { ...exited, stopMs: 0, killed: false };
          signal(pid, 'SIGTERM');
          let killed = false;
          const kill = setTimeout(() => {
            killed = true;
            signal(pid, 'SIGKILL');
          }, graceMs);
          const result = await exit;
          clearTimeout(kill);
          return { ...result, stopMs: performance.now() - stopping, killed };
        },
      });
    });
  });
}

/** VmRSS of a live process in MB (Linux). */
export function residentMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Math.round((Number(kb) / 1024) * 10) / 10;
  } catch {
    return undefined;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}
