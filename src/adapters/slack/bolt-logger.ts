import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

/** Bolt's logger interface on top of ours, so Bolt's lines are structured and pass through our redaction. */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  let name = 'bolt';
  const write = (method: 'debug' | 'info' | 'warn' | 'error', parts: unknown[]) => {
    const err = parts.find((part) => part instanceof Error);
    log[method]({ source: name, ...(err ? { err } : {}) }, parts.map(describe).join(' '));
  };
  return {
    debug: (...parts: unknown[]) => write('debug', parts),
    info: (...parts: unknown[]) => write('info', parts),
    warn: (...parts: unknown[]) => write('warn', parts),
    error: (...parts: unknown[]) => write('error', parts),
    setLevel(next) {
      level = next;
    },
    getLevel: () => level,
    setName(next) {
      name = next;
    },
  };
}

function describe(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return part.message;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}
