import type { Ports } from '../core/ports.js';
import { groupCommitter } from './group-commit.js';
import { type Db, writeTransaction } from './open.js';
import { communityRepo } from './repos/community.js';
import { dailyRepo } from './repos/daily.js';
import { deliveriesRepo } from './repos/deliveries.js';
import { directoryRepo } from './repos/directory.js';
import { eventsRepo } from './repos/events.js';
import { moderatorsRepo } from './repos/moderators.js';
import { privacyRepo } from './repos/privacy.js';
import { quizRepo } from './repos/quiz.js';
import { scoreQueriesRepo } from './repos/score-queries.js';
import { scoresRepo } from './repos/scores.js';
import { streamRepo } from './repos/stream.js';
import { streamLinksRepo } from './repos/stream-links.js';

/** Every port the core uses, backed by one database. */
export function createPorts(db: Db): Ports {
  return {
    atomically: (work) => writeTransaction(db, work),
    inCommitGroup: groupCommitter(db.$client),
    directory: directoryRepo(db),
    events: eventsRepo(db),
    deliveries: deliveriesRepo(db),
    scores: scoresRepo(db),
    moderators: moderatorsRepo(db),
    scoreQueries: scoreQueriesRepo(db),
    daily: dailyRepo(db),
    quiz: quizRepo(db),
    privacy: privacyRepo(db),
    stream: streamRepo(db),
    streamLinks: streamLinksRepo(db),
    community: communityRepo(db),
  };
}
