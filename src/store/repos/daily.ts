import type { DailyPort } from '../../core/daily/ports.js';
import type { Db } from '../open.js';
import type { Synchronous } from '../synchronous.js';
import { answersRepo } from './daily/answers.js';
import { digestsRepo } from './daily/digests.js';
import { postsRepo } from './daily/posts.js';
import { remindersRepo } from './daily/reminders.js';
import { schedulesRepo } from './daily/schedules.js';

export function dailyRepo(db: Db): Synchronous<Omit<DailyPort, 'atomically'>> {
  return {
    schedules: schedulesRepo(db),
    posts: postsRepo(db),
    answers: answersRepo(db),
    reminders: remindersRepo(db),
    digests: digestsRepo(db),
  };
}
