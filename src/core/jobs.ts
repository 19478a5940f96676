import { dailyJobs } from './daily/jobs.js';
import type { Deps } from './deps.js';
import type { Platform } from './invocation.js';
import type { Message } from './view.js';

/** A message produced by scheduled work, addressed to the platform and tenant it belongs to. */
export interface Routed {
  platform: Platform;
  tenant: string;
  message: Message;
}

/** Work the scheduler runs every minute: decides what is due at `now`, claims it and returns what to send. */
export interface Job {
  name: string;
  run(now: Date, deps: Deps): Routed[] | Promise<Routed[]>;
}

/** Every scheduled job of the bot. */
export const allJobs: Job[] = [...dailyJobs];

/** Runs every job once at `now`; one failing job does not stop the others. */
export async function runJobs(now: Date, deps: Deps, jobs: Job[] = allJobs): Promise<Routed[]> {
  const out: Routed[] = [];
  for (const job of jobs) {
    try {
      out.push(...(await job.run(now, deps)));
    } catch (error) {
      deps.log.error({ err: error, job: job.name }, 'scheduled job failed');
    }
  }
  return out;
}
