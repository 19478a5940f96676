import type { SqliteConnection } from './sqlite-connection.js';

interface Queued {
  work: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Thrown when SQLite itself ended the group's transaction: nothing of the group was committed. */
class GroupRolledBack extends Error {
  override readonly name = 'GroupRolledBack';
}

/**
 * Group commit: work handed over in the same turn of the event loop runs in one immediate write transaction, each
 * piece in a savepoint of its own (a failure rolls back only that piece), and one commit (one fsync) makes all of
 * it durable. The pieces run one after the other while the group holds the connection, so no other caller sees the
 * transaction open. Each promise settles after the commit; if the commit fails, every piece of the group fails,
 * since none was stored.
 */
export function groupCommitter(connection: SqliteConnection): <T>(work: () => Promise<T>) => Promise<T> {
  const { client } = connection;
  let queue: Queued[] = [];

  const runGroup = async (batch: readonly Queued[]): Promise<Outcome[]> => {
    client.exec('BEGIN IMMEDIATE');
    try {
      const outcomes: Outcome[] = [];
      for (const item of batch) {
        try {
          outcomes.push({ ok: true, value: await connection.savepoint(item.work) });
        } catch (error) {
          if (!client.inTransaction) throw new GroupRolledBack('the transaction was rolled back', { cause: error });
          outcomes.push({ ok: false, error });
        }
      }
      client.exec('COMMIT');
      return outcomes;
    } catch (error) {
      if (client.inTransaction) client.exec('ROLLBACK');
      throw error;
    }
  };

  const flush = async () => {
    const batch = queue;
    queue = [];
    let outcomes: Outcome[];
    try {
      outcomes = await connection.exclusive(() => runGroup(batch));
    } catch (error) {
      const reason = error instanceof GroupRolledBack ? error.cause : error;
      for (const item of batch) item.reject(reason);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  };

  return <T>(work: () => Promise<T>) =>
    connection.holding()
      ? connection.transaction(work)
      : new Promise<T>((resolve, reject) => {
          if (queue.length === 0) setImmediate(() => void flush());
          queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        });
}
