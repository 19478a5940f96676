import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rich } from '../../../src/core/rich-text.js';
import { currentBoardView } from '../../../src/core/stream/board.js';
import type { SqliteApp } from '../../support/app.js';
import { createTestApp } from '../../support/app.js';
import { md } from '../../support/messages.js';
import { FakeDiscord, IDS, type StoredMessage } from './fake-discord.js';
import { APOLOGY, type Bot, componentsOf, startBot, textOf, waitUntil } from './harness.js';

const TOPICS = [
  'partition keys for fact tables',
  'backfilling clickstream history',
  'idempotent Spark jobs',
  'late events in Flink joins',
  'schema evolution in Avro',
  'small files in a data lake',
  'slowly changing dimensions',
  'exactly-once delivery in Kafka',
  'data contracts between teams',
  'testing dbt models',
  'Airflow sensors versus deferrable operators',
  'columnar compression codecs',
  'CDC from PostgreSQL',
  'row-level security in a warehouse',
  'GDPR deletion in a lakehouse',
  'cost control on Snowflake',
  'watermarks in Beam',
  'z-ordering Delta tables',
  'lineage across orchestrators',
  'alerting on missing data',
  'surrogate keys in star schemas',
  'Kubernetes executors for batch jobs',
  'parquet row group sizing',
  'MongoDB sharding keys',
];

let discord: FakeDiscord;
let app: SqliteApp;
let bot: Bot;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  app = await createTestApp({ STREAM_PER_USER_PER_MINUTE: '1000', STREAM_PER_USER_PER_SESSION: '1000' });
  bot = await startBot(discord, { app });
});
afterAll(async () => {
  await bot?.stop();
  await app?.close();
  await discord?.close();
});

const channelPosts = (channel: string) => discord.channelMessages(channel).filter((message) => message.type === 0);

describe('GIVEN a live session on Discord and a burst of questions against a Discord that throttles', () => {
  it('THEN each viewer gets a private answer, no question is posted, and the one board is edited at most every 2 s up to the final state', async () => {
    await discord.command('stream', { title: 'Live 98', moderation: 'post' }, { sub: 'start', as: 'moderator' }).answer();
    await waitUntil(() => channelPosts(IDS.channel).length === 1, 'the board');
    const board = channelPosts(IDS.channel)[0] as StoredMessage;
    const started = Date.now();
    const asked = TOPICS.map((topic, index) =>
      discord
        .command(
          'ask',
          { question: `What should a data engineer know about ${topic}?` },
          { as: index % 2 ? 'member' : 'manager' },
        )
        .answer(),
    );
    const answers = await Promise.all(asked);
    const lastChange = Date.now();
    for (const answer of answers) {
      expect(answer.ephemeral).toBe(true);
      expect(textOf(answer.message)).not.toContain(APOLOGY);
    }

    const expectedTop = async () => md((await currentBoardView(app.deps, 1))?.text).match(/#\d+ /g) ?? [];
    await waitUntil(
      async () => (await expectedTop()).every((id) => textOf(discord.messages.get(board.id) as StoredMessage).includes(id)),
      'the final board',
      8000,
    );
    const shown = textOf(discord.messages.get(board.id) as StoredMessage);
    expect(await expectedTop()).toHaveLength(10);
    expect(shown).toContain('24 questions asked');

    const edits = discord.requests.filter(
      (request) => request.method === 'PATCH' && request.path.endsWith(`/messages/${board.id}`),
    );
    for (let i = 1; i < edits.length; i++) expect((edits[i]?.at ?? 0) - (edits[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1900);
    expect(edits.length).toBeLessThanOrEqual(Math.ceil((lastChange - started) / 2000) + 2);
    expect(channelPosts(IDS.channel)).toHaveLength(1);
    expect(componentsOf(discord.messages.get(board.id) as StoredMessage).some((c) => c.custom_id === '/stream board-vote')).toBe(
      true,
    );
    expect(discord.rateLimits.throttled).toEqual([]);
  });

  it('WHEN a channel has a queue of posts THEN an interaction is still answered at once, and the posts keep within 5 per 5 s', async () => {
    const posts = Array.from({ length: 12 }, (_, index) => ({
      kind: 'post' as const,
      channel: IDS.otherChannel,
      view: { text: rich(`Announcement ${index + 1}`), ephemeral: false },
    }));
    const delivering = bot.adapter.deliver(IDS.guild, posts);
    await waitUntil(() => channelPosts(IDS.otherChannel).length >= 5, 'the first posts');
    const answer = await discord.command('topic', { query: 'kafka' }, { as: 'member' }).answer();
    expect(textOf(answer.message)).toContain('Kafka');
    expect(channelPosts(IDS.otherChannel).length, 'the answer did not wait for the queued posts').toBeLessThan(12);
    await delivering;
    const times = discord.requests
      .filter((request) => request.method === 'POST' && request.path === `/channels/${IDS.otherChannel}/messages`)
      .map((request) => request.at);
    expect(times).toHaveLength(12);
    for (let i = 5; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 5] ?? 0)).toBeGreaterThanOrEqual(5000);
    expect(discord.rateLimits.throttled).toEqual([]);
  }, 30_000);
});
