import { allJobs } from './all-jobs.js';
import type { Deps } from './deps.js';
import type { Platform } from './invocation.js';
import type { Job } from './job.js';
import type { Logger } from './logger.js';
import type { Routed } from './routed.js';

export type { Routed } from './routed.js';

/** Runs every job once at `now` and commits each message; one failing job does not stop the others. */
export async function runJobs(now: Date, deps: Deps, jobs: Job[] = allJobs): Promise<Routed[]> {
  return (await runJobsReport(now, deps, jobs)).routed;
}

/** Like runJobs, and says which jobs failed (each failure is logged as it happens). */
export async function runJobsReport(
  now: Date,
  deps: Deps,
  jobs: Job[] = allJobs,
): Promise<{ routed: Routed[]; failedJobs: string[] }> {
  const routed: Routed[] = [];
  const failedJobs = await runJobsEach(
    now,
    deps,
    async (item) => {
      routed.push(item);
    },
    jobs,
  );
  return { routed, failedJobs };
}

/**
 * Runs every job once at `now`. Each platform's messages form a lane, in the order the jobs produced them (due
 * order): in a lane each message is committed and sent before the next one is committed, so a crash loses at most
 * one message per lane; lanes run side by side, so one platform's rate limits do not hold up another's posts.
 * Returns the names of the jobs that failed or could not commit a message.
 */
export async function runJobsEach(
  now: Date,
  deps: Deps,
  send: (routed: Routed) => Promise<void>,
  jobs: Job[] = allJobs,
): Promise<string[]> {
  const failed = new Set<string>();
  for (const job of jobs) {
    // Jobs go on with their other items after one fails and log that failure: an error logged is a failed job.
    const jobDeps = { ...deps, log: noticingErrors(deps.log.child({ job: job.name }), () => failed.add(job.name)) };
    let routed: Routed[];
    try {
      routed = await job.run(now, jobDeps);
    } catch (error) {
      failed.add(job.name);
      deps.log.error({ err: error, job: job.name }, 'scheduled job failed');
      continue;
    }
    const lanes = new Map<Platform, Routed[]>();
    for (const item of routed) lanes.set(item.platform, [...(lanes.get(item.platform) ?? []), item]);
    await Promise.all([...lanes.values()].map((lane) => runLane(lane, job, deps, send, failed)));
  }
  return [...failed];
}

function noticingErrors(log: Logger, noticed: () => void): Logger {
  return {
    debug: (object, message) => log.debug(object, message),
    info: (object, message) => log.info(object, message),
    warn: (object, message) => log.warn(object, message),
    error: (object, message) => {
      noticed();
      log.error(object, message);
    },
    child: (bindings) => noticingErrors(log.child(bindings), noticed),
  };
}

/**
 * Messages of one lane handed over at most this many at a time: the adapters pace their requests within the
 * platform's limits, and a few in flight keep that budget used while each waits for its answer. Only messages due
 * at the same time share the flight. A crash loses at most these few (they are marked sent as they are handed over).
 */
const LANE_IN_FLIGHT = 16;

/** Where a message goes: two messages for the same place are handed over one after the other, in order. */
function destination(item: Routed): string {
  const { message } = item;
  const place = 'channel' in message ? message.channel : 'user' in message ? `user:${message.user}` : message.kind;
  return `${item.tenant}/${place}`;
}

async function runLane(
  lane: Routed[],
  job: Job,
  deps: Deps,
  send: (routed: Routed) => Promise<void>,
  failed: Set<string>,
): Promise<void> {
  const running = new Map<Promise<void>, number>();
  const latestTo = new Map<string, Promise<void>>();
  const dueOf = (item: Routed) => item.dueAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const dueEarlier = (due: number) => [...running].filter(([, other]) => other < due).map(([work]) => work);
  for (const item of lane) {
    const place = destination(item);
    const due = dueOf(item);
    await latestTo.get(place);
    await Promise.all(dueEarlier(due));
    while (running.size >= LANE_IN_FLIGHT) await Promise.race(running.keys());
    try {
      if (item.commit && !(await item.commit())) continue;
    } catch (error) {
      failed.add(job.name);
      deps.log.error({ err: error, job: job.name }, 'committing a scheduled message failed');
      continue;
    }
    const work: Promise<void> = send(item)
      .catch((error: unknown) => {
        failed.add(job.name);
        deps.log.error({ err: error, job: job.name }, 'handing over a scheduled message failed');
      })
      .finally(() => {
        running.delete(work);
        if (latestTo.get(place) === work) latestTo.delete(place);
      });
    running.set(work, due);
    latestTo.set(place, work);
  }
  await Promise.all(running.keys());
}
