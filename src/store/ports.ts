import type { Ports } from '../core/ports.js';
import { groupCommitter } from './group-commit.js';
import type { Db } from './open.js';
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
import { asyncPort, SqliteConnection } from './sqlite-connection.js';

/** Every port the core uses, backed by one SQLite database. */
export function createPorts(db: Db): Ports {
  const connection = new SqliteConnection(db.$client);
  const atomically = <T>(work: () => Promise<T>) => connection.transaction(work);
  return {
    atomically,
    inCommitGroup: groupCommitter(connection),
    directory: asyncPort(connection, directoryRepo(db)),
    events: asyncPort(connection, eventsRepo(db)),
    deliveries: asyncPort(connection, deliveriesRepo(db)),
    scores: asyncPort(connection, scoresRepo(db)),
    moderators: asyncPort(connection, moderatorsRepo(db)),
    scoreQueries: asyncPort(connection, scoreQueriesRepo(db)),
    daily: { ...asyncPort(connection, dailyRepo(db)), atomically },
    quiz: asyncPort(connection, quizRepo(db)),
    privacy: asyncPort(connection, privacyRepo(db)),
    stream: { ...asyncPort(connection, streamRepo(db)), atomically },
    streamLinks: asyncPort(connection, streamLinksRepo(db)),
    community: asyncPort(connection, communityRepo(db)),
  };
}
