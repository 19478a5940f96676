import Database from 'better-sqlite3';
import { round, summarize, type Timing } from './stats.js';

export interface RawCommits {
  rows: number;
  durationMs: number;
  rowsPerSecond: number;
  commit: Timing;
}

/**
 * The practical ceiling of any durable write path: `rows` single-row commits straight into better-sqlite3, with
 * the pragmas of src/store/open.ts (WAL, synchronous=FULL, foreign keys, busy timeout) on a fresh file.
 */
export function rawCommits(path: string, rows: number): RawCommits {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.exec(
      'create table rows (id integer primary key autoincrement, owner text not null, day text not null, body text not null, created_at integer not null, unique (owner, day))',
    );
    const insert = db.prepare('insert into rows (owner, day, body, created_at) values (?, ?, ?, ?)');
    const samples: number[] = [];
    const started = performance.now();
    for (let i = 0; i < rows; i++) {
      const before = performance.now();
      insert.run(`owner-${i}`, '2026-12-01', `A row of about the size of a stored question, number ${i}.`, Date.now());
      samples.push(performance.now() - before);
    }
    const durationMs = performance.now() - started;
    return { rows, durationMs: round(durationMs), rowsPerSecond: round((rows / durationMs) * 1000), commit: summarize(samples) };
  } finally {
    db.close();
  }
}
