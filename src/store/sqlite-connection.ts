import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { Synchronous } from './synchronous.js';

/**
 * One SQLite connection shared by every caller of the process. A transaction whose work awaits holds the connection
 * until it ends: calls from inside it (same async context) run at once, inside the transaction; calls from
 * anywhere else wait for it to end, so they neither join it nor get rolled back with it. Between transactions every
 * call runs at once, in the same step, as better-sqlite3 does.
 */
export class SqliteConnection {
  private readonly inside = new AsyncLocalStorage<true>();
  private held: Promise<void> | undefined;
  private savepoints = 0;

  constructor(readonly client: Database.Database) {}

  /** True when the caller may use the connection now. */
  private free(): boolean {
    return this.held === undefined || this.inside.getStore() === true;
  }

  /** True inside work that holds the connection. */
  holding(): boolean {
    return this.inside.getStore() === true;
  }

  /** Runs a synchronous call now, or once the transaction of another caller has ended. */
  call<R>(work: () => R): Promise<R> {
    if (!this.free()) return this.idle().then(() => this.call(work));
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Runs `work` with the connection to itself (a caller already inside runs it in place). */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.inside.getStore() === true) return work();
    // Checked again after every wait and taken in the same step: callers that found it free together must not all take it.
    while (this.held !== undefined) await this.held;
    let release = () => {};
    this.held = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      return await this.inside.run(true, work);
    } finally {
      this.held = undefined;
      release();
    }
  }

  /** Work in one immediate write transaction; nested inside another, in a savepoint of its own. */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inside.getStore() === true && this.client.inTransaction) return this.savepoint(work);
    return this.exclusive(async () => {
      this.client.exec('BEGIN IMMEDIATE');
      try {
        const value = await work();
        this.client.exec('COMMIT');
        return value;
      } catch (error) {
        if (this.client.inTransaction) this.client.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /** Work inside the open transaction that a failure rolls back alone. */
  async savepoint<T>(work: () => Promise<T>): Promise<T> {
    const name = `piece_${++this.savepoints}`;
    this.client.exec(`SAVEPOINT ${name}`);
    try {
      const value = await work();
      this.client.exec(`RELEASE ${name}`);
      return value;
    } catch (error) {
      if (this.client.inTransaction) this.client.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    } finally {
      this.savepoints--;
    }
  }

  private async idle(): Promise<void> {
    while (this.held !== undefined) await this.held;
  }
}

/** The asynchronous port over a synchronous repository: each method runs through the connection. */
export function asyncPort<P>(connection: SqliteConnection, repo: Synchronous<P>): P {
  const port: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(repo as Record<string, unknown>)) {
    port[name] =
      typeof member === 'function'
        ? (...args: unknown[]) => connection.call(() => member.apply(repo, args))
        : asyncPort(connection, member as Synchronous<unknown>);
  }
  return port as P;
}
