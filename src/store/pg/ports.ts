import type { Ports } from '../../core/ports.js';
import type { PgDb } from './open.js';
import { communityRepoPg } from './repos/community.js';
import { answersRepoPg } from './repos/daily/answers.js';
import { digestsRepoPg } from './repos/daily/digests.js';
import { postsRepoPg } from './repos/daily/posts.js';
import { remindersRepoPg } from './repos/daily/reminders.js';
import { schedulesRepoPg } from './repos/daily/schedules.js';
import { deliveriesRepoPg } from './repos/deliveries.js';
import { directoryRepoPg } from './repos/directory.js';
import { eventsRepoPg } from './repos/events.js';
import { moderatorsRepoPg } from './repos/moderators.js';
import { privacyRepoPg } from './repos/privacy.js';
import { quizRepoPg } from './repos/quiz.js';
import { scoreQueriesRepoPg } from './repos/score-queries.js';
import { scoresRepoPg } from './repos/scores.js';
import { streamRepoPg } from './repos/stream.js';
import { streamLinksRepoPg } from './repos/stream-links.js';
import { PgSession } from './session.js';

/**
 * Every port the core uses, backed by one PostgreSQL database (the twin of createPorts in src/store/ports.ts).
 * A commit group is simply a transaction of its own: PostgreSQL commits concurrent transactions side by side, so
 * there is nothing to gain from grouping them.
 */
export function createPgPorts(db: PgDb): Ports {
  const session = new PgSession(db);
  const atomically = <T>(work: () => Promise<T>) => session.transaction(work);
  return {
    atomically,
    inCommitGroup: atomically,
    directory: directoryRepoPg(session),
    events: eventsRepoPg(session),
    deliveries: deliveriesRepoPg(session),
    scores: scoresRepoPg(session),
    moderators: moderatorsRepoPg(session),
    scoreQueries: scoreQueriesRepoPg(session),
    daily: {
      schedules: schedulesRepoPg(session),
      posts: postsRepoPg(session),
      answers: answersRepoPg(session),
      reminders: remindersRepoPg(session),
      digests: digestsRepoPg(session),
      atomically,
    },
    quiz: quizRepoPg(session),
    privacy: privacyRepoPg(session),
    stream: { ...streamRepoPg(session), atomically },
    streamLinks: streamLinksRepoPg(session),
    community: communityRepoPg(session),
  };
}
