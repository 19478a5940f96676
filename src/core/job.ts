import type { Deps } from './deps.js';
import type { Routed } from './routed.js';

/** Work the scheduler runs every minute: decides what is due at `now`, claims it and returns what to send. */
export interface Job {
  name: string;
  run(now: Date, deps: Deps): Routed[] | Promise<Routed[]>;
}
