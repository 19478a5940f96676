import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { type DispatchResult, dispatchLine } from '../../src/core/command-kit/dispatch.js';
import type { Deps } from '../../src/core/deps.js';
import type { Role } from '../../src/core/invocation.js';
import type { Ports } from '../../src/core/ports.js';
import type { PersonalData } from '../../src/core/privacy/ports.js';
import type { NewSubmission } from '../../src/core/stream/ports.js';
import { openDatabase } from '../../src/store/open.js';
import { openPostgres } from '../../src/store/pg/open.js';
import { createPgPorts } from '../../src/store/pg/ports.js';
import { createPorts } from '../../src/store/ports.js';
import { createTestApp } from '../support/app.js';
import { md } from '../support/messages.js';
import { freshPostgresDatabase } from '../support/postgres.js';

/** Three writers on one database: on PostgreSQL three pools, as three processes would be; on SQLite the one writer. */
interface Dialect {
  writers: [Ports, Ports, Ports];
  close: () => Promise<void>;
}

const postgres = await freshPostgresDatabase();
const idleErrors: Error[] = [];
const opened: Dialect[] = [];
let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  for (const dialect of opened) await dialect.close();
  await postgres?.drop();
  await app.close();
  expect(idleErrors).toEqual([]);
});

const openSqlite = async (): Promise<Dialect> => {
  const db = openDatabase(':memory:');
  const ports = createPorts(db);
  return {
    writers: [ports, ports, ports],
    close: async () => {
      db.$client.close();
    },
  };
};

const openPg = async (url: string): Promise<Dialect> => {
  const dbs = await Promise.all(
    [1, 2, 3].map(() => openPostgres(url, { max: 4, onIdleClientError: (error) => idleErrors.push(error) })),
  );
  const [a, b, c] = dbs.map(createPgPorts);
  if (!a || !b || !c) throw new Error('three writers expected');
  return {
    writers: [a, b, c],
    close: async () => {
      await Promise.all(dbs.map((db) => db.$client.end()));
    },
  };
};

const dialects: [string, () => Promise<Dialect>][] = [['SQLite', openSqlite]];
if (postgres) dialects.push(['PostgreSQL', () => openPg(postgres.url)]);

const T0 = Date.parse('2026-12-01T20:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

let tenants = 0;

/** A server of its own for one test, and the real commands run against one writer of the store. */
function guild(writers: readonly Ports[]) {
  const tenant = `guild-${++tenants}`;
  const depsOf = (store: Ports): Deps => {
    const { changes: _liveChangesOfTheSqliteApp, ...rest } = app.deps;
    return { ...rest, store };
  };
  const say = async (
    writer: number,
    user: string,
    line: string,
    options: { role?: Role; now?: Date; key?: string; channel?: string } = {},
  ): Promise<{ status: DispatchResult['status']; text: string }> => {
    const store = writers[writer];
    if (!store) throw new Error(`no writer ${writer}`);
    const result = await dispatchLine(
      line,
      {
        platform: 'console',
        tenant,
        channel: options.channel ?? 'live',
        user: { id: user, name: user.toUpperCase(), role: options.role ?? 'everyone' },
        now: options.now ?? at(0),
        ...(options.key ? { idempotencyKey: options.key } : {}),
      },
      depsOf(store),
    );
    return { status: result.status, text: md(result.messages.find((m) => m.kind === 'reply')?.view.text) };
  };
  const seen = (user: string, channel = 'live') => {
    const [first] = writers;
    if (!first) throw new Error('no writer');
    return first.directory.touch({
      platform: 'console',
      tenant,
      channel,
      user: { id: user, name: user.toUpperCase(), role: 'everyone' },
      now: at(0),
    });
  };
  return { tenant, say, seen };
}

const questionNumber = (text: string) => Number(/#(\d+)/.exec(text)?.[1]);

/** The number of a question ana asks and the store keeps. */
async function asked(g: ReturnType<typeof guild>, question: string): Promise<number> {
  const said = await g.say(0, 'ana', `/ask question:"${question}"`);
  expect(said.text).toMatch(/^Thanks!/);
  return questionNumber(said.text);
}

describe.each(dialects)('the stream store contract on %s', (_name, open) => {
  let writers: [Ports, Ports, Ports];
  let first: Ports;
  beforeAll(async () => {
    const dialect = await open();
    opened.push(dialect);
    writers = dialect.writers;
    first = writers[0];
  });

  const newSubmission = (
    place: { tenantId: number; sessionId: number; userId: number },
    text: string,
    extra: Partial<NewSubmission> = {},
  ): NewSubmission => ({
    ...place,
    text,
    normalized: text.toLowerCase(),
    category: undefined,
    topic: undefined,
    anonymous: false,
    idempotencyKey: undefined,
    now: at(0),
    ...extra,
  });
  const limits = { perUserPerMinute: 3, perUserPerSession: 20 };

  it('GIVEN a session WHEN it is found, highlighted and ended THEN every reader sees it, scoped to its server', async () => {
    const g = guild(writers);
    const host = await g.seen('host');
    const other = await guild(writers).seen('host');
    const id = await first.stream.startSession({
      channelId: host.channelId,
      title: 'Live',
      moderation: 'post',
      startedBy: host.userId,
      limits,
      now: at(0),
    });
    for (const writer of writers) {
      expect(await writer.stream.openSession(host.channelId)).toMatchObject({
        id,
        tenantId: host.tenantId,
        channel: 'live',
        title: 'Live',
        status: 'open',
        moderation: 'post',
        highlightedId: undefined,
        limits,
        startedAt: at(0),
        endedAt: undefined,
      });
    }
    expect(await first.stream.session(other.tenantId, id)).toBeUndefined();
    expect((await first.stream.session(host.tenantId, id))?.id).toBe(id);
    await writers[1].stream.setHighlight(id, 7);
    expect((await writers[2].stream.sessionById(id))?.highlightedId).toBe(7);
    await writers[2].stream.endSession(id, at(60));
    expect(await first.stream.openSession(host.channelId)).toBeUndefined();
    expect(await first.stream.latestSession(host.channelId)).toMatchObject({ id, status: 'closed', endedAt: at(60) });
  });

  it('GIVEN questions with votes and states THEN lists, counts, queue places, times and stats agree', async () => {
    const g = guild(writers);
    const [ana, bo, cy] = [await g.seen('ana'), await g.seen('bo'), await g.seen('cy')];
    const sessionId = await first.stream.startSession({
      ...{ channelId: ana.channelId, title: 'Live', moderation: 'pre', startedBy: ana.userId, limits, now: at(0) },
    });
    const q1 = await first.stream.addSubmission(newSubmission({ ...ana, sessionId }, 'First?', { now: at(1) }));
    const q2 = await writers[1].stream.addSubmission(
      newSubmission({ ...bo, sessionId }, 'Second?', { now: at(2), anonymous: true, category: 'kafka' }),
    );
    const q3 = await writers[2].stream.addSubmission(newSubmission({ ...ana, sessionId }, 'Third?', { now: at(3) }));
    expect(await first.stream.addVote(q2, cy.userId, at(4))).toBe(true);
    expect(await first.stream.addVote(q2, ana.userId, at(4))).toBe(true);
    expect(await first.stream.addVote(q3, cy.userId, at(4))).toBe(true);
    await writers[1].stream.updateSubmission(q2, { status: 'approved', approvedAt: at(5) }, at(5));
    await writers[1].stream.updateSubmission(q3, { status: 'approved', approvedAt: at(6), answeredAt: at(7) }, at(7));

    const byVotes = await first.stream.listSubmissions({ sessionId, sort: 'votes' });
    expect(byVotes.map((s) => [s.id, s.votes])).toEqual([
      [q2, 2],
      [q3, 1],
      [q1, 0],
    ]);
    expect((await first.stream.listSubmissions({ sessionId, sort: 'new', limit: 1, offset: 1 })).map((s) => s.id)).toEqual([q2]);
    expect(await first.stream.submission(ana.tenantId, q2)).toMatchObject({
      author: { userId: bo.userId, externalId: 'bo', name: 'BO' },
      text: 'Second?',
      category: 'kafka',
      topic: undefined,
      anonymous: true,
      status: 'approved',
      votes: 2,
      createdAt: at(2),
      approvedAt: at(5),
      answeredAt: undefined,
    });
    expect(await first.stream.countSubmissions({ sessionId, statuses: ['approved'], answered: false })).toBe(1);
    expect(await first.stream.pendingBefore(sessionId, q3)).toBe(1);
    expect(await first.stream.submissionTimes(sessionId, ana.userId)).toEqual([at(3), at(1)]);
    expect(await first.stream.approvedCount(ana.tenantId)).toBe(2);
    expect((await first.stream.approvedQuestions({ sessionId })).map((q) => [q.id, q.sessionTitle])).toEqual([
      [q2, 'Live'],
      [q3, 'Live'],
    ]);
    expect(await first.stream.sessionStats(sessionId)).toEqual({
      ...{ submitted: 3, pending: 1, approved: 2, rejected: 0, merged: 0, answered: 1, votes: 3 },
    });
  });

  it('GIVEN votes WHEN withdrawn or moved onto another question THEN one per person, never for its author', async () => {
    const g = guild(writers);
    const [ana, bo, cy, dee] = [await g.seen('ana'), await g.seen('bo'), await g.seen('cy'), await g.seen('dee')];
    const sessionId = await first.stream.startSession({
      ...{ channelId: ana.channelId, title: 'Live', moderation: 'pre', startedBy: ana.userId, limits, now: at(0) },
    });
    const from = await first.stream.addSubmission(newSubmission({ ...ana, sessionId }, 'Kafka?'));
    const into = await first.stream.addSubmission(newSubmission({ ...cy, sessionId }, 'Kafka topics?'));
    expect(await writers[1].stream.addVote(from, bo.userId, at(1))).toBe(true);
    expect(await writers[2].stream.addVote(from, bo.userId, at(1))).toBe(false);
    expect(await first.stream.addVote(from, cy.userId, at(1))).toBe(true);
    expect(await first.stream.addVote(from, dee.userId, at(1))).toBe(true);
    expect(await first.stream.removeVote(from, dee.userId)).toBe(true);
    expect(await first.stream.removeVote(from, dee.userId)).toBe(false);
    expect(await first.stream.hasVoted(from, dee.userId)).toBe(false);
    // bo's vote and ana's voice as author move; cy wrote the target, so cy's vote does not.
    expect(await writers[1].stream.moveVotes(from, into, at(2))).toBe(2);
    expect(await first.stream.hasVoted(into, ana.userId)).toBe(true);
    expect(await first.stream.hasVoted(into, cy.userId)).toBe(false);
  });

  it('GIVEN stored questions THEN the match candidates are the server approved ones and this session waiting ones, kept current', async () => {
    const g = guild(writers);
    const [ana, bo] = [await g.seen('ana'), await g.seen('bo')];
    const elsewhere = await guild(writers).seen('ana');
    const start = (channelId: number) =>
      first.stream.startSession({ channelId, title: 'Live', moderation: 'pre', startedBy: ana.userId, limits, now: at(0) });
    const earlier = await start(ana.channelId);
    const approved = await first.stream.addSubmission(newSubmission({ ...ana, sessionId: earlier }, 'approved one'));
    await first.stream.addSubmission(newSubmission({ ...ana, sessionId: earlier }, 'waiting elsewhere'));
    await first.stream.updateSubmission(approved, { status: 'approved' }, at(1));
    await first.stream.endSession(earlier, at(2));
    const otherServer = await first.stream.startSession({
      ...{ channelId: elsewhere.channelId, title: 'Other', moderation: 'pre', startedBy: elsewhere.userId, limits, now: at(0) },
    });
    const foreign = await first.stream.addSubmission(newSubmission({ ...elsewhere, sessionId: otherServer }, 'foreign'));
    await first.stream.updateSubmission(foreign, { status: 'approved' }, at(1));
    const sessionId = await start(ana.channelId);
    const waiting = await first.stream.addSubmission(newSubmission({ ...bo, sessionId }, 'waiting here', { category: 'kafka' }));

    const candidates = await first.stream.matchCandidates(ana.tenantId, sessionId);
    expect(candidates).toEqual([
      {
        id: approved,
        sessionId: earlier,
        authorId: ana.userId,
        normalized: 'approved one',
        category: undefined,
        status: 'approved',
      },
      { id: waiting, sessionId, authorId: bo.userId, normalized: 'waiting here', category: 'kafka', status: 'pending' },
    ]);
    // A question added by another writer joins the same list.
    const later = await writers[2].stream.addSubmission(newSubmission({ ...ana, sessionId }, 'later'));
    const grown = await first.stream.matchCandidates(ana.tenantId, sessionId);
    expect(grown).toBe(candidates);
    expect(grown.map((c) => c.id)).toEqual([approved, waiting, later]);
    // A change made by another writer is seen: a rejected question is no candidate.
    await writers[1].stream.updateSubmission(waiting, { status: 'rejected' }, at(3));
    expect((await first.stream.matchCandidates(ana.tenantId, sessionId)).map((c) => c.id)).toEqual([approved, later]);
    // A question whose transaction rolls back never becomes a candidate.
    await expect(
      writers[1].stream.atomically(async () => {
        await writers[1].stream.addSubmission(newSubmission({ ...bo, sessionId }, 'rolled back'));
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    expect((await first.stream.matchCandidates(ana.tenantId, sessionId)).map((c) => c.normalized)).toEqual([
      'approved one',
      'later',
    ]);
  });

  it('GIVEN overlay and host links THEN a token hash finds its link and owner until the session revokes them', async () => {
    const g = guild(writers);
    const host = await g.seen('host');
    const sessionId = await first.stream.startSession({
      ...{ channelId: host.channelId, title: 'Live', moderation: 'pre', startedBy: host.userId, limits, now: at(0) },
    });
    for (const [kind, tokenHash] of [
      ['overlay', `${g.tenant}-a`],
      ['host', `${g.tenant}-b`],
    ] as const) {
      await first.streamLinks.add({ tenantId: host.tenantId, sessionId, kind, tokenHash, createdBy: host.userId, now: at(0) });
    }
    const link = await writers[1].streamLinks.byTokenHash(`${g.tenant}-b`);
    expect(link).toMatchObject({
      tenantId: host.tenantId,
      sessionId,
      kind: 'host',
      createdBy: host.userId,
      revokedAt: undefined,
    });
    if (!link) throw new Error('link not found');
    expect(await writers[2].streamLinks.owner(link)).toEqual({
      platform: 'console',
      tenant: g.tenant,
      userId: 'host',
      name: 'HOST',
    });
    expect(await writers[1].streamLinks.revokeSession(sessionId, at(9))).toBe(2);
    expect(await writers[2].streamLinks.revokeSession(sessionId, at(10))).toBe(0);
    expect((await first.streamLinks.byTokenHash(`${g.tenant}-a`))?.revokedAt).toEqual(at(9));
    expect(await first.streamLinks.byTokenHash('unknown')).toBeUndefined();
  });

  it('GIVEN one submission redelivered to three writers at once THEN it is stored once and each writer gets its id', async () => {
    const g = guild(writers);
    const ana = await g.seen('ana');
    const sessionId = await first.stream.startSession({
      ...{ channelId: ana.channelId, title: 'Live', moderation: 'pre', startedBy: ana.userId, limits, now: at(0) },
    });
    const key = `${g.tenant}:interaction-1`;
    const ids = await Promise.all(
      writers.map((writer) =>
        writer.stream.atomically(() =>
          writer.stream.addSubmission(newSubmission({ ...ana, sessionId }, 'Once?', { idempotencyKey: key })),
        ),
      ),
    );
    expect(new Set(ids).size).toBe(1);
    expect(await first.stream.countSubmissions({ sessionId })).toBe(1);
    // The same event through the commands: one answer, the other deliveries are recognised.
    const said = await Promise.all(
      writers.map((_, w) => g.say(w, 'ana', '/ask question:"How do you size Kafka partitions?"', { key: `${key}-b` })),
    );
    expect(said.map((s) => s.status).sort()).toEqual(['duplicate', 'duplicate', 'ok']);
    expect(await first.stream.countSubmissions({ sessionId })).toBe(2);
  });

  it('GIVEN three moderators starting a session in one channel at once THEN one session opens and the others are told', async () => {
    const g = guild(writers);
    // Known already: a first sight of the server would line the three up on its row.
    for (const w of [0, 1, 2]) await g.seen(`mod-${w}`);
    const said = await Promise.all(
      writers.map((_, w) => g.say(w, `mod-${w}`, `/stream start title:"Live ${w}"`, { role: 'moderator' })),
    );
    expect(said.map((s) => s.status).sort()).toEqual(['ok', 'user-error', 'user-error']);
    for (const refusal of said.filter((s) => s.status === 'user-error')) expect(refusal.text).toMatch(/already open/);
    const host = await g.seen('host');
    const open = await first.stream.openSession(host.channelId);
    expect(await first.stream.latestSession(host.channelId)).toEqual(open);
  });

  it('GIVEN one person voting for a question from three writers at once THEN the question counts one vote', async () => {
    const g = guild(writers);
    await g.say(0, 'host', '/stream start title:"Live" moderation:post', { role: 'moderator' });
    const id = await asked(g, 'Why does our nightly export to the billing bucket stall on Mondays?');
    const said = await Promise.all(writers.map((_, w) => g.say(w, 'bo', `/stream vote id:${id}`)));
    expect(said.map((s) => s.status).sort()).toEqual(['ok', 'user-error', 'user-error']);
    const ana = await g.seen('ana');
    expect((await first.stream.submission(ana.tenantId, id))?.votes).toBe(1);
  });

  it('GIVEN three moderators approving one question at once THEN one approval is made, recorded and rewarded', async () => {
    const g = guild(writers);
    await g.say(0, 'host', '/stream start title:"Live"', { role: 'moderator' });
    const id = await asked(g, 'Why does our nightly export to the billing bucket stall on Mondays?');
    const said = await Promise.all(
      writers.map((_, w) => g.say(w, `mod-${w}`, `/stream approve id:${id} anyway:true`, { role: 'moderator' })),
    );
    expect(said.map((s) => s.status).sort()).toEqual(['ok', 'user-error', 'user-error']);
    for (const refusal of said.filter((s) => s.status === 'user-error')) expect(refusal.text).toMatch(/is approved/);
    const approvals = await Promise.all(
      writers.map(async (_, w) => {
        const data = await first.privacy.collect((await g.seen(`mod-${w}`)).userId);
        return data?.records.find((record) => record.kind === 'moderation-actions')?.rows ?? [];
      }),
    );
    expect(approvals.flat().filter((row) => row.action === 'approve')).toHaveLength(1);
    const points = (await first.privacy.collect((await g.seen('ana')).userId))?.records.find((r) => r.kind === 'points');
    expect(points?.rows.filter((row) => row.reason === 'submission-approved')).toHaveLength(1);
  });

  it('GIVEN a person one question short of the per-minute limit WHEN three writers take three questions at once THEN one is stored', async () => {
    const g = guild(writers);
    await g.say(0, 'host', '/stream start title:"Live"', { role: 'moderator' });
    const asked = [
      await g.say(0, 'ana', '/ask question:"Why does our nightly export to the billing bucket stall on Mondays?"', {
        now: at(1),
      }),
      await g.say(1, 'ana', '/ask question:"Which team owns the ticket queue for broken dashboards?"', { now: at(2) }),
    ];
    for (const said of asked) expect(said.text).toMatch(/^Thanks!/);
    const questions = [
      'Can the office printer on floor three print posters?',
      'Should interns get access to the payroll warehouse tables?',
      'Who approves budget for the winter hackathon pizza?',
    ];
    const said = await Promise.all(questions.map((q, w) => g.say(w, 'ana', `/ask question:"${q}"`, { now: at(3) })));
    expect(said.map((s) => s.status).sort()).toEqual(['ok', 'user-error', 'user-error']);
    for (const refusal of said.filter((s) => s.status === 'user-error'))
      expect(refusal.text).toMatch(/at most 3 questions a minute/);
    const ana = await g.seen('ana');
    const session = await first.stream.openSession(ana.channelId);
    if (!session) throw new Error('no open session');
    expect(await first.stream.submissionTimes(session.id, ana.userId)).toHaveLength(3);
  });
});

/** The same story told to a store: a session, questions, votes, an approval, a link; whose /mydata is then read. */
async function story(store: Ports, say: ReturnType<typeof guild>['say'], seen: ReturnType<typeof guild>['seen']) {
  await say(0, 'host', '/stream start title:"Live"', { role: 'moderator', now: at(0) });
  const first = questionNumber(
    (
      await say(0, 'ana', '/ask question:"Why does our nightly export to the billing bucket stall on Mondays?"', {
        now: at(1),
      })
    ).text,
  );
  const second = questionNumber(
    (
      await say(0, 'bo', '/ask question:"Which team owns the ticket queue for broken dashboards?"', {
        now: at(2),
      })
    ).text,
  );
  await say(0, 'ana', '/ask question:"Can the office printer on floor three print posters?" anonymous:true', { now: at(3) });
  await say(0, 'host', `/stream approve id:${first} anyway:true`, { role: 'moderator', now: at(4) });
  await say(0, 'host', `/stream approve id:${second} anyway:true`, { role: 'moderator', now: at(5) });
  await say(0, 'bo', `/stream vote id:${first}`, { now: at(6) });
  await say(0, 'ana', `/stream vote id:${second}`, { now: at(7) });
  const host = await seen('host');
  const session = await store.stream.openSession(host.channelId);
  if (!session) throw new Error('no open session');
  await store.streamLinks.add({
    ...{ tenantId: host.tenantId, sessionId: session.id, kind: 'host', tokenHash: `story-${session.id}`, createdBy: host.userId },
    now: at(8),
  });
  return { first };
}

/** Rows in a stable order, so two databases that list them differently compare equal when they hold the same. */
function comparable(data: PersonalData | undefined) {
  if (!data) return data;
  return {
    ...data,
    records: data.records.map((record) => ({
      ...record,
      rows: record.rows.map((row) => JSON.stringify(row)).sort(),
    })),
  };
}

describe.skipIf(!postgres)('/mydata on PostgreSQL and SQLite', () => {
  it('GIVEN the same story on both THEN the export holds the same, and delete removes it from both', async () => {
    const pgDatabase = await freshPostgresDatabase();
    if (!pgDatabase) throw new Error('PostgreSQL went away');
    const both = [await openSqlite(), await openPg(pgDatabase.url)];
    try {
      const results = [];
      for (const dialect of both) {
        const [store] = dialect.writers;
        const g = guild(dialect.writers);
        const { first } = await story(store, g.say, g.seen);
        // Found without a touch, which would move the person's last-seen time.
        const place = await store.directory.findChannel('console', g.tenant, 'live');
        const ana = place && (await store.stream.submission(place.tenantId, first))?.author;
        if (!ana) throw new Error('the first question has no author');
        const shown = await store.privacy.collect(ana.userId);
        expect((await g.say(0, 'ana', '/mydata delete confirm:true', { now: at(9) })).status).toBe('ok');
        const host = await g.seen('host');
        const hostData = await store.privacy.collect(host.userId);
        results.push({
          shown: comparable(shown),
          // ana is gone (seen() makes a new person of the same name); the question stays, without its author.
          afterDelete: (await store.privacy.collect((await g.seen('ana')).userId))?.records
            .filter((r) => r.count > 0)
            .map((r) => r.kind),
          question: await store.stream.submission(host.tenantId, first),
          hostKinds: hostData?.records.filter((r) => r.count > 0).map((r) => r.kind),
        });
      }
      const [sqlite, pg] = results;
      expect(sqlite?.shown?.records.filter((r) => r.count > 0).map((r) => r.kind)).toEqual([
        'points',
        'submissions',
        'submission-votes',
      ]);
      expect(pg).toEqual(sqlite);
      expect(pg?.afterDelete).toEqual([]);
      expect(pg?.question).toMatchObject({ author: undefined, anonymous: true, status: 'approved' });
      expect(pg?.hostKinds).toEqual(['moderation-actions', 'streams-started', 'stream-links']);
    } finally {
      for (const dialect of both) await dialect.close();
      await pgDatabase.drop();
    }
  });
});
