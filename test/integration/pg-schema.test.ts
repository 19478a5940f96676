import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type PgDb } from '../../src/store/pg/open.js';
import { channels, dailyPosts, dailySchedules, streamSessions, submissions, tenants } from '../../src/store/pg/schema.js';
import { PROJECT_ROOT } from '../support/app.js';
import { freshPostgresDatabase } from '../support/postgres.js';

const database = await freshPostgresDatabase();
const idleErrors: Error[] = [];
const onIdleClientError = (error: Error) => idleErrors.push(error);
let writers: PgDb[] = [];
const now = new Date('2026-12-01T08:00:00Z');

beforeAll(async () => {
  if (!database) return;
  // Three processes starting at once against a new database: each migrates, one after the other.
  writers = await Promise.all([1, 2, 3].map(() => openPostgres(database.url, { max: 4, onIdleClientError })));
}, 60_000);

afterAll(async () => {
  await Promise.all(writers.map((db) => db.$client.end()));
  await database?.drop();
  expect(idleErrors).toEqual([]);
});

async function channelOf(db: PgDb, tenant: string): Promise<{ tenantId: number; channelId: number }> {
  const [row] = await db.insert(tenants).values({ platform: 'discord', externalId: tenant, createdAt: now }).returning();
  const tenantId = row?.id ?? 0;
  const [channel] = await db.insert(channels).values({ tenantId, externalId: 'general', createdAt: now }).returning();
  return { tenantId, channelId: channel?.id ?? 0 };
}

describe.skipIf(!database)('GIVEN three writers on one new PostgreSQL database', () => {
  it('THEN the migrations ran once: every table is there and the journal lists each migration once', async () => {
    const [first] = writers;
    if (!first) throw new Error('no writer');
    const tables = await first.execute<{ table_name: string }>(
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['tenants', 'channels', 'users', 'daily_posts', 'submissions', 'ledger', 'processed_events']),
    );
    const journal = await first.execute<{ count: string }>(sql`SELECT count(*) AS count FROM drizzle.__drizzle_migrations`);
    const committed = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'migrations-pg/meta/_journal.json'), 'utf8')) as {
      entries: unknown[];
    };
    expect(Number(journal.rows[0]?.count)).toBe(committed.entries.length);
  });

  it('WHEN the three claim the same channel and local date at once THEN one row stands and the others are refused', async () => {
    const [first] = writers;
    if (!first) throw new Error('no writer');
    const { channelId } = await channelOf(first, 'claim-guild');
    const [schedule] = await first
      .insert(dailySchedules)
      .values({ channelId, time: '09:00', timezone: 'UTC', days: 127, status: 'active', seed: 1, createdAt: now, updatedAt: now })
      .returning();
    const claims = await Promise.all(
      writers.map((db, i) =>
        db
          .insert(dailyPosts)
          .values({
            scheduleId: schedule?.id ?? 0,
            channelId,
            localDate: '2026-12-01',
            slotAt: now,
            status: 'claimed',
            questionId: `q-${i}`,
            claimedAt: now,
          })
          .onConflictDoNothing()
          .returning({ id: dailyPosts.id }),
      ),
    );
    expect(claims.filter((rows) => rows.length === 1)).toHaveLength(1);
    const rows = await first
      .select()
      .from(dailyPosts)
      .where(and(eq(dailyPosts.channelId, channelId), eq(dailyPosts.localDate, '2026-12-01')));
    expect(rows).toHaveLength(1);
  });

  it('WHEN the three open a session in the same channel at once THEN only one is open', async () => {
    const [first] = writers;
    if (!first) throw new Error('no writer');
    const { channelId } = await channelOf(first, 'session-guild');
    const opened = await Promise.allSettled(
      writers.map((db, i) =>
        db
          .insert(streamSessions)
          .values({ channelId, title: `Live ${i}`, status: 'open', startedAt: now })
          .returning(),
      ),
    );
    expect(opened.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const open = await first
      .select()
      .from(streamSessions)
      .where(and(eq(streamSessions.channelId, channelId), eq(streamSessions.status, 'open')));
    expect(open).toHaveLength(1);
  });

  it('WHEN a stored question changes or goes THEN its tenant revision goes up, as the SQLite triggers do; adding one does not', async () => {
    const [first, second] = writers;
    if (!first || !second) throw new Error('no writer');
    const { tenantId, channelId } = await channelOf(first, 'revision-guild');
    const revision = async () =>
      (await first.select({ value: tenants.submissionsRevision }).from(tenants).where(eq(tenants.id, tenantId)))[0]?.value;
    const [session] = await first
      .insert(streamSessions)
      .values({ channelId, title: 'Live', status: 'open', startedAt: now })
      .returning();
    const [question] = await first
      .insert(submissions)
      .values({
        tenantId,
        sessionId: session?.id ?? 0,
        text: 'What is a watermark?',
        normalized: 'watermark',
        status: 'pending',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    expect(await revision()).toBe(0);
    const id = question?.id ?? 0;
    await Promise.all([
      first.update(submissions).set({ status: 'approved' }).where(eq(submissions.id, id)),
      second.update(submissions).set({ category: 'streaming' }).where(eq(submissions.id, id)),
    ]);
    expect(await revision()).toBe(2);
    await second.update(submissions).set({ rejectReason: 'not matched on' }).where(eq(submissions.id, id));
    expect(await revision()).toBe(2);
    await first.delete(submissions).where(eq(submissions.id, id));
    expect(await revision()).toBe(3);
  });
});
