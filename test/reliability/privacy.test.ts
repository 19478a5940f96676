import { afterAll, describe, expect, it } from 'vitest';
import { type ConsoleIdentity, runConsoleLine } from '../../src/adapters/console/routes.js';
import type { DispatchResult } from '../../src/core/command-kit/dispatch.js';
import type { Db } from '../../src/store/open.js';
import { ERASURE_POLICY } from '../../src/store/repos/privacy.js';
import {
  answerCredits,
  answers,
  answerVotes,
  communityAnswers,
  dailyPosts,
  dailySchedules,
  ledger,
  moderationActions,
  quizRounds,
  reminderOptIns,
  remindersSent,
  streakRestores,
  streamLinks,
  streamSessions,
  submissions,
  submissionVotes,
  users,
} from '../../src/store/schema.js';
import { createTestApp } from '../support/app.js';
import { askedId, firstView, md } from '../support/messages.js';

const app = await createTestApp();
afterAll(() => app.close());
const now = new Date('2026-12-01T10:00:00Z');
const person = (userId: string, name = userId): ConsoleIdentity => ({ userId, name, role: 'everyone', channel: 'study' });
const say = async (who: ConsoleIdentity, line: string): Promise<DispatchResult> => await runConsoleLine(line, who, app.deps, now);

interface UserColumn {
  table: string;
  column: string;
}

/** Every column of the migrated database that refers to a person: a foreign key to users, or a person-like name. */
function userColumns(db: Db): UserColumn[] {
  const client = db.$client;
  const tables = client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
    .pluck()
    .all() as string[];
  const found: UserColumn[] = [{ table: 'users', column: 'id' }];
  for (const table of tables) {
    const keys = client.prepare('SELECT "from" AS column, "table" AS target FROM pragma_foreign_key_list(?)').all(table) as {
      column: string;
      target: string;
    }[];
    const columns = client.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
    for (const column of columns) {
      const referencesUsers = keys.some((key) => key.column === column && key.target === 'users');
      const looksPersonal = /(^|_)(user|author|moderator|member|voter|person|owner)(_id)?$|_by$/.test(column);
      if (referencesUsers || (looksPersonal && table !== 'users')) found.push({ table, column });
    }
  }
  return found;
}

const idOf = (externalId: string): number => {
  const row = app.db.$client.prepare('SELECT id FROM users WHERE external_id = ?').get(externalId) as { id: number } | undefined;
  if (!row) throw new Error(`no user ${externalId}`);
  return row.id;
};

/** Puts one row in every table that refers to a person, for `owner`, with `other` voting and moderating around them. */
function seedEverything(owner: number, other: number, tenantId: number, channelId: number): void {
  const db = app.db;
  const schedule = db
    .insert(dailySchedules)
    .values({
      channelId,
      time: '09:00',
      timezone: 'UTC',
      days: 127,
      status: 'active',
      seed: 1,
      createdBy: owner,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  const post = db
    .insert(dailyPosts)
    .values({ scheduleId: schedule.id, channelId, localDate: '2026-12-01', slotAt: now, status: 'sent', claimedAt: now })
    .returning()
    .get();
  const mine = db
    .insert(answers)
    .values({ postId: post.id, userId: owner, text: 'My answer', createdAt: now, updatedAt: now })
    .returning()
    .get();
  const theirs = db
    .insert(answers)
    .values({ postId: post.id, userId: other, text: 'Their answer', createdAt: now, updatedAt: now })
    .returning()
    .get();
  db.insert(communityAnswers)
    .values({
      tenantId,
      questionId: 'kafka-what-is-a-topic',
      answerId: mine.id,
      postId: post.id,
      userId: owner,
      text: 'My answer',
      answeredAt: now,
      keptAt: now,
    })
    .run();
  db.insert(answerCredits).values({ userId: owner, createdAt: now }).run();
  db.insert(answerVotes).values({ answerId: theirs.id, userId: owner, createdAt: now }).run();
  db.insert(answerVotes).values({ answerId: mine.id, userId: other, createdAt: now }).run();
  db.insert(reminderOptIns).values({ userId: owner, channelId, createdAt: now }).run();
  db.insert(remindersSent).values({ postId: post.id, userId: owner, sentAt: now }).run();
  db.insert(ledger)
    .values({ tenantId, userId: owner, channelId, reason: 'answer', points: 1, source: `answer:${mine.id}`, createdAt: now })
    .run();
  db.insert(ledger)
    .values({ tenantId, userId: other, channelId, reason: 'answer', points: 1, source: `answer:${theirs.id}`, createdAt: now })
    .run();
  const session = db
    .insert(streamSessions)
    .values({ channelId, title: 'Office hours', status: 'closed', startedBy: owner, startedAt: now, endedAt: now })
    .returning()
    .get();
  const submission = db
    .insert(submissions)
    .values({
      tenantId,
      sessionId: session.id,
      userId: owner,
      text: 'How do I size Kafka partitions?',
      normalized: 'size kafka partitions',
      status: 'approved',
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  db.insert(submissionVotes).values({ submissionId: submission.id, userId: owner, createdAt: now }).run();
  db.insert(submissionVotes).values({ submissionId: submission.id, userId: other, createdAt: now }).run();
  db.insert(moderationActions)
    .values({ tenantId, submissionId: submission.id, moderatorId: owner, action: 'approve', createdAt: now })
    .run();
  db.insert(moderationActions)
    .values({ tenantId, submissionId: submission.id, moderatorId: other, action: 'edit', createdAt: now })
    .run();
  db.insert(streakRestores).values({ postId: post.id, userId: owner, restoredBy: other, createdAt: now }).run();
  db.insert(streakRestores).values({ postId: post.id, userId: other, restoredBy: owner, createdAt: now }).run();
  db.insert(streamLinks)
    .values({ tenantId, sessionId: session.id, kind: 'host', tokenHash: 'a'.repeat(64), createdBy: owner, createdAt: now })
    .run();
}

const countFor = (column: UserColumn, userId: number): number =>
  (
    app.db.$client.prepare(`SELECT count(*) AS n FROM "${column.table}" WHERE "${column.column}" = ?`).get(userId) as {
      n: number;
    }
  ).n;

describe('/mydata', () => {
  const ana = person('ana', 'Ana Example');
  const bo = person('bo', 'Bo Other');

  it('GIVEN the migrated schema THEN every column that refers to a person has an erasure rule, and every rule a column', () => {
    const found = userColumns(app.db).map((c) => `${c.table}.${c.column}`);
    expect(found.sort(), 'add the new column to ERASURE_POLICY and to the erasure in src/store/repos/privacy.ts').toEqual(
      Object.keys(ERASURE_POLICY).sort(),
    );
  });

  it('GIVEN a person with rows in every table WHEN they ask /mydata show THEN each kind is listed and exported', async () => {
    await say(bo, '/help');
    const first = await say(ana, '/quiz topic:kafka');
    expect(first.status).toBe('ok');
    const seen = await app.deps.store.directory.touch({
      platform: 'console',
      tenant: 'console',
      channel: 'study',
      user: { id: 'ana', name: 'Ana Example', role: 'everyone' },
      now,
    });
    seedEverything(seen.userId, idOf('bo'), seen.tenantId, seen.channelId);

    const result = await say(ana, '/mydata show');
    expect(result.status).toBe('ok');
    const view = firstView(result);
    expect(view?.ephemeral).toBe(true);
    expect(md(view?.text)).toContain('Display name: Ana Example');
    expect(md(view?.text)).toContain('Answers to daily questions: 1');
    expect(md(view?.text)).toContain('Quiz questions dealt to you: 1');
    expect(md(view?.text)).toContain('Live-stream questions you sent: 1');
    expect(md(view?.text)).toContain('Moderation actions you took: 1');
    expect(md(view?.text)).toContain('Overlay and host-screen links you made: 1');
    expect(md(view?.text)).toContain('Point entries: 1 (1 point in all)');
    const exported = JSON.parse(view?.attachments?.[0]?.content ?? '{}');
    expect(md(exported.records.answers[0].text)).toBe('My answer');
    expect(md(exported.records.submissions[0].text)).toBe('How do I size Kafka partitions?');
    expect(JSON.stringify(exported)).not.toContain('Their answer');
  });

  it('GIVEN /mydata delete without confirm THEN it explains what goes, offers a button and deletes nothing', async () => {
    const result = await say(ana, '/mydata delete');
    expect(result.status).toBe('ok');
    const view = firstView(result);
    expect(md(view?.text)).toContain('cannot be undone');
    expect(view?.actions?.[0]).toMatchObject({ type: 'button', id: '/mydata delete confirm:true', style: 'danger' });
    expect(countFor({ table: 'answers', column: 'user_id' }, idOf('ana'))).toBe(1);
  });

  it('GIVEN a failure in the middle of an erasure THEN nothing is erased (one transaction)', async () => {
    app.db.$client.exec("CREATE TRIGGER fail_rename BEFORE DELETE ON users BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    try {
      const result = await say(ana, '/mydata delete confirm:true');
      expect(result.status).toBe('error');
      expect(md(firstView(result)?.text)).toMatch(/went wrong/);
    } finally {
      app.db.$client.exec('DROP TRIGGER fail_rename');
    }
    const id = idOf('ana');
    for (const column of userColumns(app.db)) expect(countFor(column, id), `${column.table}.${column.column}`).toBe(1);
  });

  it('GIVEN /mydata delete confirm:true THEN no column refers to the person any more and shared records stay nameless', async () => {
    const id = idOf('ana');
    const before = {
      submissions: app.db.select().from(submissions).all().length,
      bo: countFor({ table: 'ledger', column: 'user_id' }, idOf('bo')),
    };
    const result = await say(ana, '/mydata delete confirm:true');
    expect(result.status).toBe('ok');
    expect(md(firstView(result)?.text)).toContain('Answers to daily questions: 1');
    expect(md(firstView(result)?.text)).toContain('Kept without your name');

    for (const column of userColumns(app.db)) {
      if (column.table === 'users') continue;
      expect(countFor(column, id), `${column.table}.${column.column} still names the person`).toBe(0);
    }
    expect(
      app.db
        .select()
        .from(users)
        .all()
        .find((u) => u.id === id),
    ).toBeUndefined();
    const kept = app.db.select().from(submissions).all();
    expect(kept.length).toBe(before.submissions);
    expect(kept.every((s) => s.userId === null && s.anonymous)).toBe(true);
    const actions = app.db.select().from(moderationActions).all();
    expect(actions.map((a) => a.moderatorId)).toEqual([null, idOf('bo')]);
    // The other person's own records are untouched; their vote on the erased answer went with it.
    expect(countFor({ table: 'ledger', column: 'user_id' }, idOf('bo'))).toBe(before.bo);
    expect(
      app.db
        .select()
        .from(answers)
        .all()
        .map((a) => a.text),
    ).toEqual(['Their answer']);
    expect(
      app.db
        .select()
        .from(submissionVotes)
        .all()
        .map((v) => v.userId),
    ).toEqual([idOf('bo')]);
    expect(
      app.db
        .select()
        .from(quizRounds)
        .all()
        .filter((r) => r.userId === id),
    ).toEqual([]);
    expect(app.db.$client.pragma('foreign_key_check')).toEqual([]);
  });

  it('GIVEN an erased person WHEN they ask /mydata show THEN only the id and the name of this visit remain', async () => {
    const result = await say(ana, '/mydata show');
    const exported = JSON.parse(firstView(result)?.attachments?.[0]?.content ?? '{}');
    const counts = Object.values(exported.records as Record<string, unknown[]>).map((rows) => rows.length);
    expect(counts.every((n) => n === 0)).toBe(true);
  });

  it('GIVEN a live-stream question from a person who then erases their data THEN it still shows and exports, without their name', async () => {
    const host: ConsoleIdentity = { userId: 'host', name: 'Host', role: 'admin', channel: 'live' };
    const cy: ConsoleIdentity = { userId: 'cy', name: 'Cy Secretname', role: 'everyone', channel: 'live' };
    expect((await say(host, '/stream start title:"Privacy live"')).status).toBe('ok');
    const asked = await say(cy, '/ask question:"How do you choose a partition key for skewed event data?"');
    const id = askedId(asked);
    expect(id).toBeDefined();
    expect(JSON.stringify((await say(host, '/stream queue')).messages)).toContain('Cy Secretname');
    expect((await say(host, `/stream approve id:${id}`)).status).toBe('ok');
    expect((await say(cy, '/mydata delete confirm:true')).status).toBe('ok');

    const shown = [
      await say(host, '/stream queue sort:votes'),
      await say(host, '/stream status'),
      await say(host, '/stream export'),
    ];
    for (const result of shown) expect(result.status).toBe('ok');
    const everything = JSON.stringify(shown.map((result) => result.messages));
    expect(everything).toContain('How do you choose a partition key for skewed event data?');
    expect(everything).not.toContain('Secretname');
  });
});
