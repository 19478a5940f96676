import type Database from 'better-sqlite3';

interface Queued {
  work: () => unknown;
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
 * it durable. Every piece runs in the same synchronous step, so no other code sees the transaction open. Each
 * promise settles after the commit; if the commit fails, every piece of the group fails, since none was stored.
 */
export function groupCommitter(client: Database.Database): <T>(work: () => T) => Promise<T> {
  let queue: Queued[] = [];

  const runGroup = client.transaction((batch: readonly Queued[]) => {
    const outcomes: Outcome[] = [];
    for (const item of batch) {
      try {
        outcomes.push({ ok: true, value: client.transaction(item.work)() });
      } catch (error) {
        if (!client.inTransaction) throw new GroupRolledBack('the transaction was rolled back', { cause: error });
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  });

  const flush = () => {
    const batch = queue;
    queue = [];
    let outcomes: Outcome[];
    try {
      outcomes = runGroup.immediate(batch);
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

  return <T>(work: () => T) =>
    new Promise<T>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
}
