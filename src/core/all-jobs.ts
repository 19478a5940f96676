import { dailyJobs } from './daily/jobs.js';
import { pruneEventKeys } from './housekeeping/prune-events.js';
import type { Job } from './job.js';

/** Every scheduled job of the bot. */
export const allJobs: Job[] = [...dailyJobs, pruneEventKeys];
