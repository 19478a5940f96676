import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchLine } from '../../src/core/command-kit/dispatch.js';
import type { Role } from '../../src/core/invocation.js';
import { matchingKey } from '../../src/core/stream/similarity.js';
import type { SqliteApp } from '../support/app.js';
import { createTestApp } from '../support/app.js';
import { askedId, firstView, md } from '../support/messages.js';

const T0 = Date.parse('2026-12-01T20:00:00Z');
let clock = T0;

const context = (user: string) => ({
  platform: 'console' as const,
  tenant: 'console',
  channel: 'live',
  user: { id: user, name: user, role: 'everyone' as const },
  now: new Date(clock),
});

const say = async (app: SqliteApp, user: string, line: string, role: Role = 'everyone') => {
  clock += 60_000;
  return await dispatchLine(
    line,
    { platform: 'console', tenant: 'console', channel: 'live', user: { id: user, name: user, role }, now: new Date(clock) },
    app.deps,
  );
};

/** Two bot processes on one database file: what one changes, the other's duplicate judgement sees at once. */
describe('duplicate judgement across processes sharing one database', () => {
  let dir: string;
  let first: SqliteApp;
  let second: SqliteApp;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'candidates-'));
    first = await createTestApp({ DATABASE_PATH: join(dir, 'bot.db') });
    second = await createTestApp({ DATABASE_PATH: join(dir, 'bot.db') });
  });
  afterEach(async () => {
    await first.close();
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN a question asked through one process THEN the same question through the other becomes a vote for it', async () => {
    await say(first, 'host', '/stream start title:"Live" moderation:post', 'moderator');
    await say(second, 'bo', '/ask question:"How do you size Kafka partitions for a new topic?"');
    const asked = await say(first, 'ana', '/ask question:"How do you choose a partition key for a fact table?"');
    const id = askedId(asked);
    const repeat = await say(second, 'cy', '/ask question:"how do you choose a partition key for a fact table??"');
    expect(md(firstView(repeat)?.text)).toContain(`This matches question #${id}`);
  });

  it('GIVEN a question rejected through one process THEN the other no longer turns repeats of it into votes', async () => {
    await say(first, 'host', '/stream start title:"Live" moderation:post', 'moderator');
    const asked = await say(first, 'ana', '/ask question:"How do you choose a partition key for a fact table?"');
    const id = askedId(asked);
    const before = await say(second, 'bo', '/ask question:"How do you choose a partition key for a fact table?"');
    expect(md(firstView(before)?.text)).toContain(`This matches question #${id}`);

    await say(first, 'host', `/stream reject id:${id} reason:off-topic`, 'moderator');
    const after = await say(second, 'cy', '/ask question:"How do you choose a partition key for a fact table?"');
    expect(md(firstView(after)?.text)).toMatch(/^Thanks! Your question is #\d+/);
    expect(askedId(after)).not.toBe(id);
  });

  it('GIVEN a question edited through one process THEN the other judges repeats against its new wording', async () => {
    await say(first, 'host', '/stream start title:"Live" moderation:post', 'moderator');
    const asked = await say(first, 'ana', '/ask question:"How do you choose a partition key for a fact table?"');
    const id = askedId(asked);
    await say(second, 'dan', '/ask question:"What is a slowly changing dimension?"');
    await say(
      first,
      'host',
      `/stream edit id:${id} text:"How do you size Spark executors for a nightly batch job?"`,
      'moderator',
    );

    const old = await say(second, 'bo', '/ask question:"How do you choose a partition key for a fact table?"');
    expect(md(firstView(old)?.text)).toMatch(/^Thanks! Your question is #\d+/);
    const edited = await say(second, 'cy', '/ask question:"How do you size Spark executors for a nightly batch job?"');
    expect(md(firstView(edited)?.text)).toContain(`This matches question #${id}`);
  });

  it('GIVEN a question whose transaction was rolled back THEN a later question is not judged against it', async () => {
    await say(first, 'host', '/stream start title:"Live" moderation:post', 'moderator');
    await say(first, 'bo', '/ask question:"How do you size Kafka partitions for a new topic?"');
    const { store } = first.deps;
    const session = await store.stream.openSession((await store.directory.touch(context('bo'))).channelId);
    if (!session) throw new Error('no open session');
    const text = 'How do you choose a partition key for a fact table?';
    await expect(
      store.atomically(async () => {
        await store.stream.addSubmission({
          tenantId: session.tenantId,
          sessionId: session.id,
          userId: (await store.directory.touch(context('bo'))).userId,
          text,
          normalized: matchingKey(text),
          category: undefined,
          topic: undefined,
          anonymous: false,
          idempotencyKey: undefined,
          now: new Date(clock),
        });
        expect(
          (await store.stream.matchCandidates(session.tenantId, session.id)).map((candidate) => candidate.normalized),
        ).toContain(matchingKey(text));
        throw new Error('the commit failed');
      }),
    ).rejects.toThrow('the commit failed');

    const asked = await say(first, 'ana', `/ask question:"${text}"`);
    expect(md(firstView(asked)?.text)).toMatch(/^Thanks! Your question is #\d+/);
  });
});
