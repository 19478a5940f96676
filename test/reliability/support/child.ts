import { type ChildProcess, spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../../support/app.js';

/** A process of the bot started by a test, with its output collected as it arrives. */
export interface Child {
  process: ChildProcess;
  /** Leads its own process group, so the group can be signalled like a terminal does. */
  detached: boolean;
  stdout(): string;
  stderr(): string;
  /** Resolves when `pattern` shows up in stdout or stderr. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves when the process has exited and closed its output. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startChild(
  command: string,
  args: string[],
  env: Record<string, string>,
  detached = false,
  identity?: { uid: number; gid: number },
  cwd: string = PROJECT_ROOT,
): Child {
  const child = spawn(command, args, {
    ...identity,
    cwd,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached,
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    notify();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
    notify();
  });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      notify();
      resolve({ code, signal });
    });
  });
  let exited = false;
  void closed.then(() => {
    exited = true;
  });
  return {
    process: child,
    detached,
    stdout: () => out,
    stderr: () => err,
    closed,
    waitFor(pattern, timeoutMs = 20_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(out) || pattern.test(err)) {
            finish();
            resolve();
          } else if (exited) {
            finish();
            reject(new Error(`process ended before ${pattern}; stderr: ${err.slice(-2000)}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`timed out waiting for ${pattern}; stderr: ${err.slice(-2000)}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Kills what is left of a child (its whole process group when detached); safe to call twice. */
export function killChild(child: Child): void {
  const pid = child.process.pid;
  if (pid === undefined) return;
  try {
    process.kill(child.detached ? -pid : pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
