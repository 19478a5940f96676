import type { Logger } from '../src/core/logger.js';

export interface LogProblem {
  count: number;
  level: 'warn' | 'error';
  message: string;
}

/** A logger that drops debug and info and counts warnings and errors by message, for the report. */
export function problemCounter(): Logger & { problems(): LogProblem[] } {
  const counts = new Map<string, LogProblem>();
  const count = (level: LogProblem['level']) => (data: object, message?: string) => {
    const err = (data as { err?: { message?: string; cause?: { code?: string; message?: string } } }).err;
    const cause = err?.cause?.code ?? err?.cause?.message;
    const text = `${message ?? ''}${err?.message ? `: ${err.message.slice(0, 160)}` : ''}${cause ? ` (${cause})` : ''}`;
    const entry = counts.get(`${level}|${text}`) ?? { count: 0, level, message: text };
    entry.count++;
    counts.set(`${level}|${text}`, entry);
  };
  const logger: Logger & { problems(): LogProblem[] } = {
    debug() {},
    info() {},
    warn: count('warn'),
    error: count('error'),
    child: () => logger,
    problems: () => [...counts.values()].sort((a, b) => b.count - a.count).slice(0, 10),
  };
  return logger;
}
