import { dailyJobs } from './daily/jobs.js';
import type { Deps } from './deps.js';
import { pruneEventKeys } from './housekeeping/prune-events.js';
import type { Platform } from './invocation.js';
import type { Message } from './view.js';

/** A message produced by scheduled work, addressed to the platform and tenant it belongs to. */
export interface Routed {
  platform: Platform;
  tenant: string;
  message: Message;
  /**
   * Records that the message is being handed over (e.g. a daily post marked sent); run right before it goes to the
   * platform, so a crash loses at most the one message in flight. False: someone else sent it, skip it.
   */
  commit?: () => boolean;
}

/** Work the scheduler runs every minute: decides what is due at `now`, claims it and returns what to send. */
export interface Job {
  name: string;
  run(now: Date, deps: Deps): Routed[] | Promise<Routed[]>;
}

/** Every scheduled job of the bot. */
export const allJobs: Job[] = [...dailyJobs, pruneEventKeys];

/** Runs every job once at `now` and commits each message; one failing job does not stop the others. */
export async function runJobs(now: Date, deps: Deps, jobs: Job[] = allJobs): Promise<Routed[]> {
  const out: Routed[] = [];
  await runJobsEach(
    now,
    deps,
    async (routed) => {
      out.push(routed);
    },
    jobs,
  );
  return out;
}

/** Runs every job once at `now`, committing and sending each message before the next one is committed. */
export async function runJobsEach(
  now: Date,
  deps: Deps,
  send: (routed: Routed) => Promise<void>,
  jobs: Job[] = allJobs,
): Promise<void> {
  for (const job of jobs) {
    let routed: Routed[];
    try {
      routed = await job.run(now, deps);
    } catch (error) {
      deps.log.error({ err: error, job: job.name }, 'scheduled job failed');
      continue;
    }
    for (const item of routed) {
      try {
        if (item.commit && !item.commit()) continue;
      } catch (error) {
        deps.log.error({ err: error, job: job.name }, 'committing a scheduled message failed');
        continue;
      }
      await send(item);
    }
  }
}
