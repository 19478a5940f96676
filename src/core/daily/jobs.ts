import type { Job } from '../job.js';
import type { Routed } from '../routed.js';
import { claimDuePosts, sendClaimedPosts } from './deliver.js';
import { postWeeklyDigests } from './digest.js';
import { closeDuePosts } from './recap.js';
import { sendReminders } from './reminders.js';

/**
 * The daily question's scheduled work, in order: close what ended, sum up a week that ended, post what is due,
 * remind who asked.
 */
export const dailyJobs: Job[] = [
  { name: 'daily-close', run: closeDuePosts },
  { name: 'daily-digest', run: postWeeklyDigests },
  {
    name: 'daily-post',
    run: async (now, deps) => {
      const notices: Routed[] = [];
      await claimDuePosts(now, deps, notices);
      return [...notices, ...(await sendClaimedPosts(now, deps))];
    },
  },
  { name: 'daily-remind', run: sendReminders },
];
