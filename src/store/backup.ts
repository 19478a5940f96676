import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';

interface BackupResult {
  destination: string;
  pages: number;
}

/**
 * Copies the live database at `sourcePath` to `destination` with SQLite's online backup API, while the bot keeps
 * running. The copy is written beside the destination, checked, then renamed into place, so the destination is
 * either the previous file or a complete backup.
 */
export async function backupDatabase(sourcePath: string, destination: string): Promise<BackupResult> {
  const target = resolve(destination);
  if (resolve(sourcePath) === target) throw new Error('The backup file must not be the database itself.');
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  if (!existsSync(sourcePath)) throw new Error(`There is no database at ${sourcePath} to back up.`);
  const source = new Database(sourcePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    const progress = await source.backup(partial);
    const copy = new Database(partial, { fileMustExist: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`The backup failed its integrity check: ${String(check)}`);
      // A single self-contained file: no -wal or -shm beside it.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(partial, target);
    return { destination: target, pages: progress.totalPages };
  } catch (error) {
    if (existsSync(partial)) rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
}
