import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadMessage } from '../../src/core/view.js';
import { ledger } from '../../src/store/schema.js';
import { ADMIN, dailyHarness, dailyPosts, replyOf, type Speaker } from '../integration/daily-support.js';
import { md } from '../support/messages.js';

const VIC = { id: 'U-vic-7731', name: 'Victoria Quill' };
const harness = await dailyHarness();
afterAll(() => harness.close());

const at = (user: string): Speaker => ({ user, now: '2026-12-01T09:00:00Z' });
const vic: Speaker = { user: VIC.id, now: '2026-12-01T09:00:00Z' };
const say = async (line: string, who: Speaker) => await harness.say(line, who);

function answerIdOf(result: Awaited<ReturnType<typeof say>>): number {
  const thread = result.messages.find((m): m is ThreadMessage => m.kind === 'thread');
  const vote = thread?.view.actions?.find((action) => action.id.startsWith('/daily vote'));
  return Number(vote?.id.split(':')[1]);
}

const upvotePoints = (userName: string, answerId: number): number =>
  harness.app.db
    .select()
    .from(ledger)
    .all()
    .filter((row) => row.reason === 'upvote' && row.source.startsWith(`vote:${answerId}`) && row.userId === internalId(userName))
    .reduce((sum, row) => sum + row.points, 0);

function internalId(externalId: string): number {
  const row = harness.app.db.$client.prepare('SELECT id FROM users WHERE external_id = ?').get(externalId) as
    | { id: number }
    | undefined;
  if (!row) throw new Error(`no user ${externalId}`);
  return row.id;
}

/** Every value of every row of every table, with where it was found. */
function everyValue(): { where: string; value: unknown }[] {
  const client = harness.app.db.$client;
  const tables = client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
    .pluck()
    .all() as string[];
  return tables.flatMap((table) =>
    (client.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]).flatMap((row) =>
      Object.entries(row).map(([column, value]) => ({ where: `${table}.${column}`, value })),
    ),
  );
}

/** Columns that hold a user's internal id: users.id and every foreign key to it. */
function userIdColumns(): Set<string> {
  const client = harness.app.db.$client;
  const tables = client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  const columns = new Set(['users.id']);
  for (const table of tables) {
    const keys = client.prepare('SELECT "from" AS col, "table" AS target FROM pragma_foreign_key_list(?)').all(table) as {
      col: string;
      target: string;
    }[];
    for (const key of keys) if (key.target === 'users') columns.add(`${table}.${key.col}`);
  }
  return columns;
}

let vicId = 0;
let fresh = 0;
let old = 0;

beforeAll(async () => {
  // Other people first, so the erased person's internal id is a number found nowhere else.
  for (let i = 0; i < 40; i++) await say('/help', at(`early-${i}`));
  expect((await say('/daily schedule time:09:00 timezone:Europe/Berlin', ADMIN)).status).toBe('ok');
  expect(dailyPosts(await harness.tick('2026-12-01T08:00:00Z'))).toHaveLength(1);
  fresh = answerIdOf(await say('/answer text:"Partitions order events per key"', at('author')));
  old = answerIdOf(await say('/answer text:"Consumers in a group share partitions"', at('elder')));
  expect(replyOf(await say('/answer text:"Brokers replicate partitions"', vic)).status).toBe('ok');
  vicId = internalId(VIC.id);
  for (const voter of [vic, at('v2'), at('v3')]) {
    expect(replyOf(await say(`/daily vote answer:${fresh}`, voter)).status).toBe('ok');
    expect(replyOf(await say(`/daily vote answer:${old}`, voter)).status).toBe('ok');
  }
  // A database from before vote places: upvote sources named their voter.
  harness.app.db.$client
    .prepare("UPDATE ledger SET source = ? WHERE reason = 'upvote' AND source = ?")
    .run(`vote:${old}:${vicId}`, `vote:${old}#1`);
  await say('/quiz topic:kafka', vic);
  await say('/daily remind state:on', vic);
  expect(upvotePoints('author', fresh)).toBe(3);
  expect(upvotePoints('elder', old)).toBe(3);
});

describe('/mydata delete leaves no trail', () => {
  it('GIVEN a person who answered, voted, quizzed and asked for reminders WHEN they erase THEN no row holds their platform id, name or internal id', async () => {
    const erased = replyOf(await say('/mydata delete confirm:true', vic));
    expect(erased.status).toBe('ok');
    expect(md(erased.text)).toContain('Points others earned from your votes (they keep them): 1');

    const idColumns = userIdColumns();
    const idPattern = new RegExp(`(^|[:=/ ])${vicId}($|[:#/ ])`);
    const leaks = everyValue().filter(({ where, value }) => {
      if (typeof value === 'string') return value.includes(VIC.id) || value.includes(VIC.name) || idPattern.test(value);
      return idColumns.has(where) && value === vicId;
    });
    expect(leaks).toEqual([]);
    expect(harness.app.db.$client.pragma('foreign_key_check')).toEqual([]);
  });

  it('GIVEN answers that had reached the upvote cap with their vote WHEN someone else upvotes after the erasure THEN the authors stay at 3 upvote points', async () => {
    for (const answer of [fresh, old]) {
      const late = replyOf(await say(`/daily vote answer:${answer}`, at('v4')));
      expect(late.status).toBe('ok');
      expect(md(late.text)).toContain('already earned the most points upvotes can give');
    }
    expect(upvotePoints('author', fresh)).toBe(3);
    expect(upvotePoints('elder', old)).toBe(3);
  });
});
