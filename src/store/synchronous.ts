/**
 * The synchronous shape of an asynchronous port: what a SQLite repository implements, since better-sqlite3 answers
 * at once. `asyncPort` (sqlite-connection.ts) turns it into the port the core awaits.
 */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => R
    : T[K] extends (...args: infer A) => infer R
      ? (...args: A) => R
      : Synchronous<T[K]>;
};
