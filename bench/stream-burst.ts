/**
 * Live-stream burst: submissions from many viewers through the real code path (dispatch -> /ask -> store on a
 * WAL + synchronous=FULL file database), with some deliveries repeated under the same idempotency key, as a
 * platform retries. Reports throughput, receipt-to-reply latency, lost and doubled counts, and the ratio to raw
 * better-sqlite3 single-row commits with the same pragmas.
 *
 * Run alone: `npx tsx bench/stream-burst.ts`; bench/run.ts calls `runStreamBurst()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../src/app.js';
import { dispatchLine } from '../src/core/command-kit/dispatch.js';
import { seededRandom } from '../src/core/random.js';
import { plainTextOf } from '../src/core/rich-text.js';
import { createBenchApp, rowsOf } from './app.js';
import { benchPostgres } from './postgres.js';
import { type RawCommits, rawCommits } from './raw-commits.js';
import { round, summarize, type Timing } from './stats.js';

export interface StreamBurstOptions {
  submissions?: number;
  users?: number;
  /** Share of deliveries sent a second time with the same idempotency key. */
  redeliveryShare?: number;
  /** Share of submissions that repeat an earlier viewer's question in other words ("me too"). */
  repeatShare?: number;
  /** Arrival rate of the paced run, in deliveries per second. */
  pacedPerSecond?: number;
  /** Deliveries in flight in the flat-out run. */
  inFlight?: number;
  seed?: number;
}

export interface BurstRun {
  mode: 'flat-out' | 'one-by-one' | 'paced';
  /** Deliveries handed to dispatch at once (a platform delivers interactions concurrently). */
  inFlight: number;
  deliveries: number;
  uniqueEvents: number;
  durationMs: number;
  /** Unique events handled per second (stored, turned into a vote, or refused with a reason). */
  eventsPerSecond: number;
  /** Questions stored per second. */
  storedPerSecond: number;
  /** From the moment a delivery is received (paced: its scheduled arrival) to its reply. */
  receiptToReply: Timing;
  outcomes: { stored: number; metoo: number; book: number; refused: Record<string, number>; redeliveriesIgnored: number };
  lost: number;
  doubled: number;
  errors: number;
}

export interface StreamBurstFigures {
  submissions: number;
  users: number;
  redeliveries: number;
  oneByOne: BurstRun;
  flatOut: BurstRun;
  paced: BurstRun & { arrivalsPerSecond: number };
  raw: RawCommits;
  /** Stored questions per second in the flat-out run divided by raw single-row commits per second. */
  ratioToRaw: number;
  /** The same for deliveries handed over one at a time. */
  oneByOneRatioToRaw: number;
  /** The same burst on PostgreSQL (a database of its own), or why it was not measured. */
  postgres: { oneByOne: BurstRun; flatOut: BurstRun } | { skipped: string };
  note: string;
}

interface Delivery {
  event: number;
  user: string;
  key: string;
  line: string;
}

const TOOLS = [
  'Kafka',
  'Spark',
  'Flink',
  'Airflow',
  'HDFS',
  'Hive',
  'Cassandra',
  'MongoDB',
  'Snowflake',
  'Redshift',
  'dbt',
  'Trino',
  'BigQuery',
  'Druid',
  'Elasticsearch',
  'HBase',
  'NiFi',
  'Kubernetes',
  'Postgres',
  'Iceberg',
  'Delta Lake',
  'Beam',
  'Pulsar',
  'ClickHouse',
  'Dagster',
];
const CONCERNS = [
  'schema evolution',
  'late arriving events',
  'exactly-once delivery',
  'backfills',
  'partition skew',
  'small files',
  'slowly changing dimensions',
  'consumer lag',
  'data quality checks',
  'cost control',
  'access control',
  'idempotent writes',
  'replaying history',
  'deduplication',
  'monitoring freshness',
  'multi-region replication',
  'GDPR deletion requests',
  'time zone handling',
  'schema registries',
  'hot keys',
  'compaction',
  'retries',
  'secrets rotation',
  'upgrades without downtime',
  'lineage tracking',
  'test data',
  'capacity planning',
  'incident postmortems',
  'encryption at rest',
  'query tuning',
];
const SHAPES = [
  (tool: string, concern: string) => `How do you handle ${concern} in ${tool}?`,
  (tool: string, concern: string) => `What is the best way to deal with ${concern} when using ${tool}?`,
  (tool: string, concern: string) => `Which pitfalls of ${concern} show up with ${tool} in production?`,
  (tool: string, concern: string) => `How would you test ${concern} for a ${tool} pipeline?`,
];
/** Same question, other words: what a second viewer types. */
const REPHRASED = (tool: string, concern: string) => `how do you handle ${concern.toUpperCase()} in ${tool.toLowerCase()}??`;

/** Deliveries in arrival order: unique events, some repeating earlier questions, some delivered twice. */
export function burstDeliveries(
  options: Pick<Required<StreamBurstOptions>, 'submissions' | 'users' | 'redeliveryShare' | 'repeatShare' | 'seed'> &
    StreamBurstOptions,
): Delivery[] {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const asked: [string, string][] = [];
  const used = new Set<string>();
  const events: Delivery[] = [];
  for (let event = 0; event < options.submissions; event++) {
    const user = `viewer-${event % options.users}`;
    let line: string;
    if (asked.length > 0 && random() < options.repeatShare) {
      const [tool, concern] = pick(asked);
      line = `/ask question:"${REPHRASED(tool, concern)}"`;
    } else {
      let tool = pick(TOOLS);
      let concern = pick(CONCERNS);
      let shape = pick(SHAPES);
      for (let tries = 0; used.has(`${tool}|${concern}|${SHAPES.indexOf(shape)}`) && tries < 20; tries++) {
        tool = pick(TOOLS);
        concern = pick(CONCERNS);
        shape = pick(SHAPES);
      }
      used.add(`${tool}|${concern}|${SHAPES.indexOf(shape)}`);
      asked.push([tool, concern]);
      line = `/ask question:"${shape(tool, concern)}"${random() < 0.3 ? ` category:"${tool}"` : ''}`;
    }
    events.push({ event, user, key: `interaction-${event}`, line });
  }
  const deliveries = [...events];
  for (const original of events) {
    if (random() >= options.redeliveryShare) continue;
    const at = Math.min(deliveries.length, deliveries.indexOf(original) + 1 + Math.floor(random() * 20));
    deliveries.splice(at, 0, { ...original });
  }
  return deliveries;
}

async function runBurst(
  app: App,
  deliveries: readonly Delivery[],
  mode: BurstRun['mode'],
  { arrivalsPerSecond, inFlight = 1 }: { arrivalsPerSecond?: number; inFlight?: number } = {},
): Promise<BurstRun> {
  const moderator = { id: 'host', name: 'Host', role: 'moderator' as const };
  const context = (user: { id: string; name: string; role: 'everyone' | 'moderator' }) => ({
    platform: 'discord' as const,
    tenant: 'bench-guild',
    channel: 'live',
    user,
    now: new Date(),
  });
  const started = await dispatchLine('/stream start title:"Burst"', context(moderator), app.deps);
  if (started.status !== 'ok') throw new Error('could not start the session');

  const latencies: number[] = [];
  const outcome = new Map<number, string>();
  const replies = new Map<number, number>();
  let errors = 0;
  let redeliveriesIgnored = 0;
  const t0 = performance.now();
  const deliver = async (i: number) => {
    const delivery = deliveries[i] as Delivery;
    const arrival = arrivalsPerSecond ? t0 + (i * 1000) / arrivalsPerSecond : performance.now();
    const wait = arrival - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const receipt = arrivalsPerSecond ? arrival : performance.now();
    const result = await dispatchLine(
      delivery.line,
      { ...context({ id: delivery.user, name: delivery.user, role: 'everyone' }), idempotencyKey: delivery.key },
      app.deps,
    );
    latencies.push(performance.now() - receipt);
    if (result.status === 'duplicate') {
      redeliveriesIgnored++;
      return;
    }
    replies.set(delivery.event, (replies.get(delivery.event) ?? 0) + 1);
    const text = plainTextOf(result.messages.find((message) => message.kind === 'reply')?.view.text ?? []);
    if (result.status === 'error') errors++;
    outcome.set(
      delivery.event,
      result.status === 'user-error'
        ? `refused: ${refusalKind(text)}`
        : text.startsWith('Thanks!')
          ? 'stored'
          : text.startsWith('The book already')
            ? 'book'
            : text.startsWith('This matches')
              ? 'metoo'
              : result.status === 'error'
                ? 'error'
                : 'unknown',
    );
  };
  let next = 0;
  const lane = async () => {
    while (next < deliveries.length) await deliver(next++);
  };
  await Promise.all(
    Array.from({ length: arrivalsPerSecond ? deliveries.length : inFlight }, (_, i) => (arrivalsPerSecond ? deliver(i) : lane())),
  );
  const durationMs = performance.now() - t0;

  const stored = [...outcome.values()].filter((o) => o === 'stored').length;
  const rows = await rowsOf<{ key: string }>(
    app,
    "select idempotency_key as key from submissions where idempotency_key like 'interaction-%'",
  );
  const keys = new Set(rows.map((row) => row.key));
  const storedEvents = [...outcome].filter(([, o]) => o === 'stored').map(([event]) => event);
  const uniqueEvents = new Set(deliveries.map((d) => d.event)).size;
  const unanswered = uniqueEvents - outcome.size;
  const storedButMissing = storedEvents.filter((event) => !keys.has(`interaction-${event}`)).length;
  const [sameQuestionTwice = { n: 0 }] = await rowsOf<{ n: number }>(
    app,
    "select count(*) - count(distinct user_id || '|' || normalized) as n from submissions where session_id = (select max(id) from stream_sessions)",
  );
  const repliedTwice = [...replies.values()].filter((count) => count > 1).length;
  const refused: Record<string, number> = {};
  for (const o of outcome.values()) {
    if (o.startsWith('refused: ')) refused[o.slice(9)] = (refused[o.slice(9)] ?? 0) + 1;
  }
  return {
    mode,
    inFlight: arrivalsPerSecond ? deliveries.length : inFlight,
    deliveries: deliveries.length,
    uniqueEvents,
    durationMs: round(durationMs),
    eventsPerSecond: round((uniqueEvents / durationMs) * 1000),
    storedPerSecond: round((stored / durationMs) * 1000),
    receiptToReply: summarize(latencies),
    outcomes: {
      stored,
      metoo: [...outcome.values()].filter((o) => o === 'metoo').length,
      book: [...outcome.values()].filter((o) => o === 'book').length,
      refused,
      redeliveriesIgnored,
    },
    lost: unanswered + storedButMissing + [...outcome.values()].filter((o) => o === 'unknown' || o === 'error').length,
    doubled: Math.max(0, rows.length - stored) + Number(sameQuestionTwice.n) + repliedTwice,
    errors,
  };
}

function refusalKind(text: string): string {
  if (text.includes('a minute')) return 'rate limit (minute)';
  if (text.includes('in this session')) return 'rate limit (session)';
  if (text.startsWith('You already sent')) return 'own duplicate';
  return text.split(/[;.]/)[0] ?? text;
}

export async function runStreamBurst(options: StreamBurstOptions = {}): Promise<StreamBurstFigures> {
  const settings: Required<StreamBurstOptions> = {
    submissions: 2000,
    users: 500,
    redeliveryShare: 0.05,
    repeatShare: 0.1,
    pacedPerSecond: 200,
    inFlight: 32,
    seed: 97,
    ...options,
  };
  const deliveries = burstDeliveries(settings);
  const dir = mkdtempSync(join(tmpdir(), 'stream-burst-'));
  try {
    const run = async (file: string, mode: BurstRun['mode'], how: Parameters<typeof runBurst>[3]) => {
      const app = await createBenchApp(join(dir, file));
      try {
        return await runBurst(app, deliveries, mode, how);
      } finally {
        await app.close();
      }
    };
    const oneByOne = await run('one.db', 'one-by-one', { inFlight: 1 });
    const flatOut = await run('flat.db', 'flat-out', { inFlight: settings.inFlight });
    const paced = await run('paced.db', 'paced', { arrivalsPerSecond: settings.pacedPerSecond });
    const raw = rawCommits(join(dir, 'raw.db'), settings.submissions);
    const postgres = await benchPostgres();
    const onPostgres = async (mode: BurstRun['mode'], how: Parameters<typeof runBurst>[3]) => {
      if ('skipped' in postgres) throw new Error(postgres.skipped);
      const database = await postgres.fresh();
      const app = await createBenchApp(join(dir, 'unused.db'), { DATABASE_URL: database.url });
      try {
        return await runBurst(app, deliveries, mode, how);
      } finally {
        await app.close();
        await database.drop();
      }
    };
    const pg =
      'skipped' in postgres
        ? { skipped: postgres.skipped }
        : {
            oneByOne: await onPostgres('one-by-one', { inFlight: 1 }),
            flatOut: await onPostgres('flat-out', { inFlight: settings.inFlight }),
          };
    return {
      submissions: settings.submissions,
      users: settings.users,
      redeliveries: deliveries.length - settings.submissions,
      oneByOne,
      flatOut,
      paced: { ...paced, arrivalsPerSecond: settings.pacedPerSecond },
      raw,
      ratioToRaw: round(flatOut.storedPerSecond / raw.rowsPerSecond, 3),
      oneByOneRatioToRaw: round(oneByOne.storedPerSecond / raw.rowsPerSecond, 3),
      postgres: pg,
      note: `The delivery claim, the directory and the submission commit together, and commands that arrive together share one commit (group commit): flat out keeps ${settings.inFlight} deliveries in flight, as a platform delivers them concurrently; one by one waits for each reply before the next delivery, so each pays its own fsync as in the raw baseline. Default rate limits apply (3 a minute per viewer), so a viewer's 4th question within the burst is refused with its reason.`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const figures = await runStreamBurst();
  const line = (run: BurstRun) =>
    `${run.mode.padEnd(10)} ${String(run.deliveries).padStart(5)} deliveries  ${String(run.eventsPerSecond).padStart(7)} events/s  ${String(run.storedPerSecond).padStart(7)} stored/s  p50 ${run.receiptToReply.p50Ms} ms  p99 ${run.receiptToReply.p99Ms} ms  lost ${run.lost}  doubled ${run.doubled}  errors ${run.errors}`;
  process.stdout.write(`${line(figures.oneByOne)}\n${line(figures.flatOut)}\n${line(figures.paced)}\n`);
  process.stdout.write(
    `raw better-sqlite3: ${figures.raw.rowsPerSecond} rows/s (p99 ${figures.raw.commit.p99Ms} ms); ratio ${figures.ratioToRaw}\n`,
  );
  process.stdout.write(`${JSON.stringify({ flatOut: figures.flatOut.outcomes, paced: figures.paced.outcomes }, null, 2)}\n`);
}
