import { AsyncLocalStorage } from 'node:async_hooks';
import type { PgDb } from './open.js';

/** What a PostgreSQL repository queries through: the pool, or the transaction the caller is in. */
export type PgExecutor = Pick<PgDb, 'select' | 'selectDistinct' | 'insert' | 'update' | 'delete' | 'execute'>;

type PgTransaction = Parameters<Parameters<PgDb['transaction']>[0]>[0];

/**
 * Routes each query to the transaction its caller is in (same async context) or to the pool. Transactions are
 * PostgreSQL's own, on a client of their own: several processes and several callers of one process write at once,
 * and every guarantee rests on constraints, ON CONFLICT and row locks in the database.
 */
export class PgSession {
  private readonly current = new AsyncLocalStorage<PgTransaction>();

  constructor(readonly db: PgDb) {}

  executor(): PgExecutor {
    return this.current.getStore() ?? this.db;
  }

  /** True when the caller runs inside a transaction (where a row lock lasts until its commit). */
  inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /** Work in one transaction; nested inside another, in a savepoint of its own. */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    const outer = this.current.getStore();
    if (outer) return outer.transaction((tx) => this.current.run(tx, work));
    return this.db.transaction((tx) => this.current.run(tx, work));
  }
}
