import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CommunityPort } from '../../src/core/community/ports.js';
import type { AnswersPort, DigestsPort, PostsPort, RemindersPort, SchedulesPort } from '../../src/core/daily/ports.js';
import type { ModeratorsPort } from '../../src/core/moderators/ports.js';
import type { DeliveriesPort, DirectoryPort, EventsPort } from '../../src/core/ports.js';
import type { QuizPort } from '../../src/core/quiz/ports.js';
import type { ScoresPort } from '../../src/core/scores/ports.js';
import type { ScoreQueriesPort } from '../../src/core/scores/queries.js';
import { openDatabase } from '../../src/store/open.js';
import { openPostgres } from '../../src/store/pg/open.js';
import { communityRepoPg } from '../../src/store/pg/repos/community.js';
import { answersRepoPg } from '../../src/store/pg/repos/daily/answers.js';
import { digestsRepoPg } from '../../src/store/pg/repos/daily/digests.js';
import { postsRepoPg } from '../../src/store/pg/repos/daily/posts.js';
import { remindersRepoPg } from '../../src/store/pg/repos/daily/reminders.js';
import { schedulesRepoPg } from '../../src/store/pg/repos/daily/schedules.js';
import { deliveriesRepoPg } from '../../src/store/pg/repos/deliveries.js';
import { directoryRepoPg } from '../../src/store/pg/repos/directory.js';
import { eventsRepoPg } from '../../src/store/pg/repos/events.js';
import { moderatorsRepoPg } from '../../src/store/pg/repos/moderators.js';
import { quizRepoPg } from '../../src/store/pg/repos/quiz.js';
import { scoreQueriesRepoPg } from '../../src/store/pg/repos/score-queries.js';
import { scoresRepoPg } from '../../src/store/pg/repos/scores.js';
import { PgSession } from '../../src/store/pg/session.js';
import { createPorts } from '../../src/store/ports.js';
import { freshPostgresDatabase } from '../support/postgres.js';

/** One store as the core sees it, with three writers (three processes on PostgreSQL) on the same data. */
interface Dialect {
  writers: {
    directory: DirectoryPort;
    events: EventsPort;
    posts: PostsPort;
    digests: DigestsPort;
    reminders: RemindersPort;
    scores: ScoresPort;
    schedules: SchedulesPort;
    deliveries: DeliveriesPort;
    moderators: ModeratorsPort;
    answers: AnswersPort;
    quiz: QuizPort;
    scoreQueries: ScoreQueriesPort;
    community: CommunityPort;
    atomically: <T>(work: () => Promise<T>) => Promise<T>;
  }[];
  close: () => Promise<void>;
}

const seededAt = new Date('2026-11-30T12:00:00Z');

const postgres = await freshPostgresDatabase();
const opened: Dialect[] = [];
const idleErrors: Error[] = [];
// Each test's connections close with it: the suite shares the server's 100 connections with other test files.
afterEach(async () => {
  for (const dialect of opened.splice(0)) await dialect.close();
});
afterAll(async () => {
  await postgres?.drop();
  expect(idleErrors).toEqual([]);
});

const dialects: [string, () => Promise<Dialect>][] = [
  [
    'SQLite',
    async () => {
      const db = openDatabase(':memory:');
      const ports = createPorts(db);
      const writer = {
        directory: ports.directory,
        events: ports.events,
        posts: ports.daily.posts,
        digests: ports.daily.digests,
        reminders: ports.daily.reminders,
        scores: ports.scores,
        schedules: ports.daily.schedules,
        deliveries: ports.deliveries,
        moderators: ports.moderators,
        answers: ports.daily.answers,
        quiz: ports.quiz,
        scoreQueries: ports.scoreQueries,
        community: ports.community,
        atomically: ports.atomically,
      };
      return {
        writers: [writer, writer, writer],
        close: async () => {
          db.$client.close();
        },
      };
    },
  ],
];
if (postgres) {
  dialects.push([
    'PostgreSQL',
    async () => {
      const sessions = await Promise.all(
        [1, 2, 3].map(
          async () =>
            new PgSession(await openPostgres(postgres.url, { max: 4, onIdleClientError: (error) => idleErrors.push(error) })),
        ),
      );
      return {
        writers: sessions.map((session) => ({
          directory: directoryRepoPg(session),
          events: eventsRepoPg(session),
          posts: postsRepoPg(session),
          digests: digestsRepoPg(session),
          reminders: remindersRepoPg(session),
          scores: scoresRepoPg(session),
          schedules: schedulesRepoPg(session),
          deliveries: deliveriesRepoPg(session),
          moderators: moderatorsRepoPg(session),
          answers: answersRepoPg(session),
          quiz: quizRepoPg(session),
          scoreQueries: scoreQueriesRepoPg(session),
          community: communityRepoPg(session),
          atomically: <T>(work: () => Promise<T>) => session.transaction(work),
        })),
        close: async () => {
          await Promise.all(sessions.map((session) => session.db.$client.end()));
        },
      };
    },
  ]);
}

describe.each(dialects)('the store contract on %s', (_name, open) => {
  const store = async () => {
    const dialect = await open();
    opened.push(dialect);
    const [first] = dialect.writers;
    if (!first) throw new Error('no writer');
    /** A channel with an active daily schedule. */
    const scheduledChannel = async (name: string) => {
      const seen = await first.directory.touch({
        platform: 'discord',
        tenant: `guild-${name}`,
        channel: name,
        user: { id: 'admin', name: 'admin', role: 'admin' },
        now: seededAt,
      });
      const schedule = await first.schedules.save({
        ...{ channelId: seen.channelId, time: '09:00', timezone: 'UTC', days: 127, category: null, topic: null },
        ...{ graceMinutes: 180, answerMinutes: 1440, seed: 1, createdBy: seen.userId, now: seededAt },
      });
      return { channelId: seen.channelId, scheduleId: schedule.id };
    };
    return { first, writers: dialect.writers, scheduledChannel };
  };
  const now = new Date('2026-12-01T08:00:00Z');
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

  it('GIVEN an event key WHEN it is claimed again THEN only the first claim succeeds, per platform', async () => {
    const { first } = await store();
    expect(await first.events.claim('slack', 'event:1', now)).toBe(true);
    expect(await first.events.claim('slack', 'event:1', now)).toBe(false);
    expect(await first.events.claim('discord', 'event:1', now)).toBe(true);
  });

  it('GIVEN three writers WHEN each claims the same 200 keys at once THEN every key is claimed exactly once', async () => {
    const { writers } = await store();
    const keys = Array.from({ length: 200 }, (_, i) => `interaction:${i}`);
    const claims = await Promise.all(
      writers.flatMap((writer) => keys.map(async (key) => ({ key, won: await writer.events.claim('discord', key, now) }))),
    );
    const won = claims.filter((claim) => claim.won).map((claim) => claim.key);
    expect(won.sort()).toEqual([...keys].sort());
  });

  it('GIVEN a claim in a transaction that fails THEN the claim is rolled back and a redelivery is handled', async () => {
    const { first } = await store();
    await expect(
      first.atomically(async () => {
        expect(await first.events.claim('slack', 'event:rolled-back', now)).toBe(true);
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    expect(await first.events.claim('slack', 'event:rolled-back', now)).toBe(true);
  });

  it('GIVEN old and recent keys WHEN pruned with a limit THEN the oldest go first and recent redeliveries are still caught', async () => {
    const { first, writers } = await store();
    for (let i = 0; i < 30; i++) await first.events.claim('slack', `old:${i}`, hoursAgo(48 - i / 10));
    await first.events.claim('slack', 'recent', hoursAgo(1));
    const pruned = await Promise.all(writers.map((writer) => writer.events.prune(hoursAgo(24), 12)));
    expect(pruned.reduce((sum, n) => sum + n, 0)).toBe(30);
    expect(await first.events.claim('slack', 'recent', now)).toBe(false);
    expect(await first.events.claim('slack', 'old:0', now)).toBe(true);
  });

  const claimOf = (place: { channelId: number; scheduleId: number }, questionId: string) => ({
    ...place,
    localDate: '2026-12-01',
    slotAt: new Date('2026-12-01T09:00:00Z'),
    questionId,
    cycle: 1,
    now,
  });

  it('GIVEN 50 scheduled channels WHEN three writers claim every one for the same day at once THEN each has exactly one claim', async () => {
    const { writers, scheduledChannel, first } = await store();
    const places = await Promise.all(Array.from({ length: 50 }, (_, i) => scheduledChannel(`fanout-${i}`)));
    const claims = await Promise.all(
      writers.flatMap((writer, w) => places.map((place) => writer.posts.claim(claimOf(place, `q-${w}`)))),
    );
    const won = claims.filter((claim) => claim !== undefined);
    expect(won.map((claim) => claim.channelId).sort((a, b) => a - b)).toEqual(
      places.map((p) => p.channelId).sort((a, b) => a - b),
    );
    for (const place of places) expect((await first.posts.forDate(place.channelId, '2026-12-01'))?.status).toBe('claimed');
  });

  it('GIVEN a skipped day WHEN three writers claim it at once THEN exactly one turns it into the claim', async () => {
    const { writers, scheduledChannel, first } = await store();
    const place = await scheduledChannel('skipped');
    const skip = { ...place, localDate: '2026-12-01', slotAt: new Date('2026-12-01T09:00:00Z'), reason: 'offline', now };
    expect(await first.posts.recordSkip(skip)).toBe(true);
    expect(await first.posts.recordSkip(skip)).toBe(false);
    const claims = await Promise.all(writers.map((writer, w) => writer.posts.claim(claimOf(place, `q-${w}`))));
    expect(claims.filter((claim) => claim !== undefined)).toHaveLength(1);
  });

  it('GIVEN a claimed post WHEN three writers mark it sent at once THEN one succeeds, and a refusal puts it back for one retry', async () => {
    const { writers, scheduledChannel, first } = await store();
    const place = await scheduledChannel('sent');
    const post = await first.posts.claim(claimOf(place, 'q'));
    if (!post) throw new Error('no claim');
    const closesAt = new Date('2026-12-02T09:00:00Z');
    const sent = await Promise.all(writers.map((writer) => writer.posts.markSent(post.id, now, closesAt)));
    expect(sent.filter(Boolean)).toHaveLength(1);
    const failed = await Promise.all(writers.map((writer) => writer.posts.markFailed(post.id, 'not_in_channel', now)));
    expect(failed.filter(Boolean)).toHaveLength(1);
    expect(await first.posts.byId(post.id)).toMatchObject({
      status: 'claimed',
      failedAttempts: 1,
      failureCode: 'not_in_channel',
    });
  });

  it('GIVEN a new server, channel and person WHEN three writers see them at the same moment THEN all get the same ids', async () => {
    const { writers, first } = await store();
    const invocation = (name: string) => ({
      platform: 'slack' as const,
      tenant: 'T-new',
      channel: 'C-new',
      user: { id: 'U-new', name, role: 'everyone' as const },
      now,
    });
    const seen = await Promise.all(writers.map((writer, w) => writer.directory.touch(invocation(`Ana ${w}`))));
    expect(new Set(seen.map((ids) => JSON.stringify(ids))).size).toBe(1);
    expect(await first.directory.findChannel('slack', 'T-new', 'C-new')).toEqual({
      tenantId: seen[0]?.tenantId,
      channelId: seen[0]?.channelId,
    });
  });

  it('GIVEN a moderator named inside the bot THEN every writer sees the role, until it is taken back', async () => {
    const { writers, first } = await store();
    await first.directory.setGrantedRole('slack', 'T-roles', 'U-mod', 'Mo', 'moderator', now);
    for (const writer of writers) expect(await writer.directory.grantedRole('slack', 'T-roles', 'U-mod')).toBe('moderator');
    await first.directory.setGrantedRole('slack', 'T-roles', 'U-mod', 'Mo', null, now);
    expect(await first.directory.grantedRole('slack', 'T-roles', 'U-mod')).toBeUndefined();
  });

  const person = (writer: { directory: DirectoryPort }, id: string) =>
    writer.directory.touch({
      platform: 'discord',
      tenant: 'guild-people',
      channel: 'general',
      user: { id, name: id, role: 'everyone' },
      now,
    });

  it('GIVEN one award WHEN three writers give it at once THEN it counts once, and a revoked one can be given again', async () => {
    const { writers, first } = await store();
    const seen = await person(first, 'ana');
    const award = { tenantId: seen.tenantId, userId: seen.userId, reason: 'answer' as const, source: 'answer:1', at: now };
    const given = await Promise.all(writers.map((writer) => writer.scores.award(award)));
    expect(given.filter(Boolean)).toHaveLength(1);
    await first.scores.revoke(seen.userId, 'answer', 'answer:1');
    expect(await first.scores.award(award)).toBe(true);
  });

  it('GIVEN a week WHEN three writers claim its digest at once THEN one does', async () => {
    const { writers, scheduledChannel } = await store();
    const { channelId } = await scheduledChannel('digest');
    const claims = await Promise.all(writers.map((writer) => writer.digests.claim(channelId, '2026-11-30', now)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('GIVEN an opted-in member WHEN three writers send the reminder at once THEN one is sent, and the member is no longer pending', async () => {
    const { writers, first, scheduledChannel } = await store();
    const place = await scheduledChannel('reminders');
    const post = await first.posts.claim(claimOf(place, 'q'));
    if (!post) throw new Error('no claim');
    const seen = await person(first, 'bo');
    await first.reminders.set(seen.userId, place.channelId, true, now);
    expect(await first.reminders.isOn(seen.userId, place.channelId)).toBe(true);
    expect((await first.reminders.pending(post.id)).map((r) => r.userId)).toEqual([seen.userId]);
    const sent = await Promise.all(writers.map((writer) => writer.reminders.markSent(post.id, seen.userId, now)));
    expect(sent.filter(Boolean)).toHaveLength(1);
    expect(await first.reminders.pending(post.id)).toEqual([]);
    await first.reminders.set(seen.userId, place.channelId, false, now);
    expect(await first.reminders.isOn(seen.userId, place.channelId)).toBe(false);
  });

  it('GIVEN a schedule saved by one writer THEN the others see it active until it is paused, and saving again keeps its seed', async () => {
    const { writers, first, scheduledChannel } = await store();
    const place = await scheduledChannel('schedule');
    for (const writer of writers) {
      expect((await writer.schedules.active()).map((s) => s.channelId)).toContain(place.channelId);
    }
    expect(await first.schedules.setStatus(place.channelId, 'paused', now)).toBe(true);
    expect((await first.schedules.active()).map((s) => s.channelId)).not.toContain(place.channelId);
    const again = await first.schedules.save({
      ...{ channelId: place.channelId, time: '10:00', timezone: 'Europe/Berlin', days: 62, category: null, topic: null },
      ...{ graceMinutes: 60, answerMinutes: 600, seed: 99, createdBy: 1, now },
    });
    expect(again).toMatchObject({ id: place.scheduleId, time: '10:00', status: 'active', seed: 1, platform: 'discord' });
  });

  it('GIVEN a delivery recorded by one writer THEN every writer finds it, by entity and by thread, and a new record replaces it', async () => {
    const { writers, first } = await store();
    const tracked = { entity: 'daily_post' as const, id: 41 };
    await first.deliveries.record(tracked, { platform: 'slack', channel: 'C1', messageId: 'm1', threadId: 't1' }, now);
    for (const writer of writers) {
      expect(await writer.deliveries.find(tracked)).toEqual({
        platform: 'slack',
        channel: 'C1',
        messageId: 'm1',
        threadId: 't1',
      });
      expect(await writer.deliveries.findByThread('slack', 't1')).toEqual(tracked);
    }
    await first.deliveries.record(tracked, { platform: 'slack', channel: 'C1', messageId: 'm2' }, now);
    expect(await first.deliveries.find(tracked)).toEqual({ platform: 'slack', channel: 'C1', messageId: 'm2' });
  });

  it('GIVEN moderators named inside the bot THEN they are listed by name, and a known name is found', async () => {
    const { first } = await store();
    await first.directory.setGrantedRole('slack', 'T-mods', 'U2', 'Zoe', 'moderator', now);
    await first.directory.setGrantedRole('slack', 'T-mods', 'U1', 'Abe', 'moderator', now);
    expect(await first.moderators.list('slack', 'T-mods')).toEqual([
      { id: 'U1', name: 'Abe' },
      { id: 'U2', name: 'Zoe' },
    ]);
    expect(await first.moderators.knownName('slack', 'T-mods', 'U2')).toBe('Zoe');
    expect(await first.moderators.knownName('slack', 'T-mods', 'U3')).toBeUndefined();
  });

  it('GIVEN a sent question WHEN a person answers twice and three voters vote three times each at once THEN one answer, three votes', async () => {
    const { writers, first, scheduledChannel } = await store();
    const place = await scheduledChannel('answers');
    const post = await first.posts.claim(claimOf(place, 'q'));
    if (!post) throw new Error('no claim');
    await first.posts.markSent(post.id, now, new Date('2026-12-02T09:00:00Z'));
    const author = await first.directory.touch({
      platform: 'discord',
      tenant: 'guild-answers',
      channel: 'answers',
      user: { id: 'ana', name: 'Ana', role: 'everyone' },
      now,
    });
    const saved = await first.answers.save(post.id, author.userId, 'Partition by date.', now);
    expect(saved.replaced).toBe(false);
    const again = await first.answers.save(post.id, author.userId, 'Partition by date, cluster by user.', now);
    expect(again).toMatchObject({ replaced: true, answer: { id: saved.answer.id, text: 'Partition by date, cluster by user.' } });
    const voters = await Promise.all(['bo', 'cy', 'di'].map((id) => person(first, id)));
    const votes = await Promise.all(
      writers.flatMap((writer) => voters.map((voter) => writer.answers.vote(saved.answer.id, voter.userId, now))),
    );
    expect(votes.filter(Boolean)).toHaveLength(3);
    expect((await first.answers.byId(saved.answer.id))?.votes).toBe(3);
    const best = await Promise.all(writers.map((writer) => writer.answers.markBest(saved.answer.id, now)));
    expect(best.filter(Boolean)).toHaveLength(1);
    expect(await first.answers.countsOf(author.tenantId, author.userId)).toEqual({ answers: 1, best: 1 });
    expect(await first.answers.streakData(author.tenantId, author.userId)).toEqual([
      { postId: post.id, channelId: place.channelId, localDate: '2026-12-01', answered: true, open: true, excused: false },
    ]);
    await first.answers.clearVotes(saved.answer.id);
    expect((await first.answers.ofPost(post.id)).map((answer) => answer.votes)).toEqual([0]);
  });

  it('GIVEN a quiz item WHEN three writers deal it and answer it at once THEN there is one round and it takes one answer', async () => {
    const { writers, first } = await store();
    const seen = await person(first, 'quizzer');
    const deal = { tenantId: seen.tenantId, userId: seen.userId, itemId: 'kafka-1', cycle: 1, choiceOrder: ['a', 'b'], at: now };
    const rounds = await Promise.all(writers.map((writer) => writer.quiz.deal(deal)));
    expect(new Set(rounds.map((round) => round.id)).size).toBe(1);
    const round = rounds[0];
    if (!round) throw new Error('no round');
    expect(await first.quiz.latestOpen(seen.userId)).toEqual(round);
    expect([...(await first.quiz.dealt(seen.userId, 1))]).toEqual(['kafka-1']);
    const answered = await Promise.all(writers.map((writer, w) => writer.quiz.answer(round.id, w, w === 0, now)));
    expect(answered.filter(Boolean)).toHaveLength(1);
    expect(await first.quiz.latestOpen(seen.userId)).toBeUndefined();
    const next = await first.quiz.deal({ ...deal, cycle: 2 });
    expect(await first.quiz.currentCycle(seen.userId)).toBe(2);
    expect(await first.quiz.answeredBefore(seen.userId, 'kafka-1', next.id)).toBe(true);
  });

  it('GIVEN points given to three people THEN the board ranks them by points, ties by who got there first', async () => {
    const { first } = await store();
    const [ana, bo, cy] = await Promise.all(
      ['board-ana', 'board-bo', 'board-cy'].map((id) =>
        first.directory.touch({
          platform: 'slack',
          tenant: 'T-board',
          channel: 'C',
          user: { id, name: id, role: 'everyone' },
          now,
        }),
      ),
    );
    if (!ana || !bo || !cy) throw new Error('no people');
    const give = (who: typeof ana, reason: 'answer' | 'quiz', source: string, minutes: number) =>
      first.scores.award({
        tenantId: who.tenantId,
        userId: who.userId,
        reason,
        source,
        at: new Date(now.getTime() + minutes * 60_000),
      });
    await give(bo, 'answer', 'a:1', 1);
    await give(cy, 'quiz', 'q:1', 2);
    await give(ana, 'answer', 'a:2', 3);
    await give(ana, 'quiz', 'q:2', 4);
    const board = await first.scoreQueries.board({ tenantId: ana.tenantId });
    expect(board.map((row) => row.user)).toEqual(['board-ana', 'board-bo', 'board-cy']);
    expect(await first.scoreQueries.pointsByReason(ana.tenantId, ana.userId)).toEqual({ answer: 1, quiz: 1 });
    expect(await first.scoreQueries.member(ana.tenantId, 'board-bo')).toEqual({
      userId: bo.userId,
      user: 'board-bo',
      name: 'board-bo',
    });
  });

  it('GIVEN the answers of a closed question WHEN three writers keep them at once THEN each is kept once, and erasure takes them', async () => {
    const { writers, first } = await store();
    const author = await first.directory.touch({
      platform: 'slack',
      tenant: 'T-community',
      channel: 'C',
      user: { id: 'U-author', name: 'Author', role: 'everyone' },
      now,
    });
    const candidates = [101, 102, 103].map((answerId) => ({
      ...{ tenantId: author.tenantId, questionId: 'kafka-1', answerId, postId: 1, userId: author.userId },
      ...{ text: `answer ${answerId}`, votes: 0, markedBest: false, answeredAt: now },
    }));
    const kept = await Promise.all(writers.map((writer) => writer.community.keep(candidates, now)));
    expect(kept.reduce((sum, n) => sum + n, 0)).toBe(3);
    const stored = await first.community.ofQuestion(author.tenantId, 'kafka-1');
    expect(stored.map((candidate) => candidate.answerId)).toEqual([101, 102, 103]);
    await first.community.setCredit(author.userId, true, now);
    expect((await first.community.byId(stored[0]?.id ?? 0))?.credited).toBe(true);
    expect(await first.community.erase(author.userId)).toEqual({ 'community-answers': 3, 'answer-credit': 1 });
    expect(await first.community.all(author.tenantId)).toEqual([]);
  });
});
