import type { DatabaseConfig } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { Ports } from '../core/ports.js';
import { type Db, openDatabase } from './open.js';
import type { PgDb } from './pg/open.js';
import { createPorts } from './ports.js';

interface Opened {
  ports: Ports;
  close(): Promise<void>;
}

/** The database the bot runs on, with every port over it. */
export type Store = (Opened & { dialect: 'sqlite'; db: Db }) | (Opened & { dialect: 'postgres'; db: PgDb });

/**
 * Opens SQLite at its path (the default), or connects to the PostgreSQL that several processes share. The
 * PostgreSQL code, driver included, is loaded only when it is chosen.
 */
export async function openStore(database: DatabaseConfig, log: Logger): Promise<Store> {
  if (database.dialect === 'sqlite') {
    const db = openDatabase(database.path);
    return {
      dialect: 'sqlite',
      db,
      ports: createPorts(db),
      close: async () => {
        if (db.$client.open) db.$client.close();
      },
    };
  }
  const [{ openPostgres }, { createPgPorts }] = await Promise.all([import('./pg/open.js'), import('./pg/ports.js')]);
  const db = await openPostgres(database.url, {
    max: database.poolSize,
    onIdleClientError: (error) => log.warn({ err: error }, 'a pooled PostgreSQL connection failed; it is replaced'),
  });
  let closing: Promise<void> | undefined;
  return {
    dialect: 'postgres',
    db,
    ports: createPgPorts(db),
    close: () => {
      closing ??= db.$client.end();
      return closing;
    },
  };
}
