import Database from 'better-sqlite3';
import type { RawCommits } from './raw-commits.js';
import { ms, type SectionResult, type Target, times } from './report.js';
import { ratio, round, summarize, type Timing } from './stats.js';
import { burstDeliveries } from './stream-burst.js';

export type Delivery = ReturnType<typeof burstDeliveries>[number];

export const BURST = { submissions: 2000, users: 500, redeliveryShare: 0.05, repeatShare: 0.1, seed: 97 } as const;
/** Deliveries per second offered to the adapter: 2,000 questions from 500 viewers in about ten seconds. */
export const ARRIVALS_PER_SECOND = 200;
export const ACK_TARGET_MS = 100;

/** The same workload as bench/stream-burst.ts: unique questions, rephrased repeats, some deliveries sent twice. */
export function burstWorkload(): Delivery[] {
  // BENCH_BURST_SUBMISSIONS makes a smaller burst for a quick check of the harness; figures are for the full one.
  const submissions = Number(process.env.BENCH_BURST_SUBMISSIONS ?? BURST.submissions);
  return burstDeliveries({ ...BURST, submissions, pacedPerSecond: ARRIVALS_PER_SECOND });
}

export type Outcome = 'stored' | 'metoo' | 'book' | 'refused' | 'error' | 'unknown';

/** What the viewer was told, from the reply text. */
export function classify(text: string): Outcome {
  if (text.includes('Thanks! Your question is #')) return 'stored';
  if (text.includes('This matches question')) return 'metoo';
  if (text.includes('The book already has this question')) return 'book';
  if (text.includes('Sorry, something went wrong')) return 'error';
  if (
    /You can send at most|You have sent \d+ questions|You already sent this question|between \d+ and \d+ characters/.test(text)
  ) {
    return 'refused';
  }
  return 'unknown';
}

/**
 * Sends each delivery at its arrival time (open loop: a slow answer does not slow the arrivals) and resolves when
 * every send has settled. Returns the arrival rate achieved.
 */
export async function paced(
  deliveries: readonly Delivery[],
  perSecond: number,
  send: (delivery: Delivery, index: number) => Promise<void>,
) {
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < deliveries.length; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(deliveries[i] as Delivery, i));
  }
  const offeredMs = performance.now() - started;
  await Promise.allSettled(pending);
  return { offeredPerSecond: round((deliveries.length / offeredMs) * 1000), startedAt: started };
}

export interface EventRecord {
  acks: number;
  /** Deliveries of this event that were not acknowledged (error status or no answer). */
  unacked: number;
  replies: string[];
}

export interface BurstFigures {
  platform: string;
  path: string;
  deliveries: number;
  uniqueEvents: number;
  redeliveries: number;
  offeredPerSecond: number;
  durationMs: number;
  /** Unique events answered per second, from the first arrival until every answer was out. */
  eventsPerSecond: number;
  /** Questions stored per second over the same span. */
  submissionsPerSecond: number;
  receiptToAck: Timing;
  /** Acknowledgements later than the platform's 3 s: the viewer saw a timeout although the work went on. */
  acksAfter3s: number;
  outcomes: Record<Outcome, number>;
  lost: number;
  doubled: number;
  /** Deliveries that got no answer at all, or were told "stored" but are not in the database. */
  lostDetail: { unanswered: number; storedButMissing: number };
  /** A submission answered twice, or stored twice for one viewer. */
  doubledDetail: { answeredTwice: number; sameQuestionTwice: number };
  /** Events whose delivery was never acknowledged (connection dropped or no HTTP answer). */
  unacked: number;
  /** Viewers who got the apology instead of an answer, and how many of those questions were stored anyway. */
  failedReplies: { apologies: number; storedAnyway: number };
  raw: RawCommits;
  /** Submissions stored per second divided by raw single-row commits per second. */
  ratioToRaw: number | undefined;
  rssMb: Record<string, number | undefined>;
  note?: string;
}

/** Counts what the viewers were told against what the database holds. */
export function tally(input: {
  platform: string;
  path: string;
  deliveries: readonly Delivery[];
  events: Map<number, EventRecord>;
  keyOf: (event: number) => string;
  databasePath: string;
  ackSamples: number[];
  offeredPerSecond: number;
  durationMs: number;
  raw: RawCommits;
  rssMb: Record<string, number | undefined>;
  note?: string;
}): BurstFigures {
  const { events } = input;
  const unique = [...new Set(input.deliveries.map((delivery) => delivery.event))];
  const outcomes: Record<Outcome, number> = { stored: 0, metoo: 0, book: 0, refused: 0, error: 0, unknown: 0 };
  const storedEvents: number[] = [];
  let unanswered = 0;
  let answeredTwice = 0;
  let unacked = 0;
  for (const event of unique) {
    const record = events.get(event);
    if (!record || record.acks === 0) unacked++;
    const replies = record?.replies ?? [];
    if (replies.length === 0) unanswered++;
    if (replies.length > 1) answeredTwice++;
    const first = replies[0];
    if (first === undefined) continue;
    const outcome = classify(first);
    outcomes[outcome]++;
    if (outcome === 'stored') storedEvents.push(event);
  }
  const db = new Database(input.databasePath, { readonly: true });
  let keys: Set<string>;
  let sameQuestionTwice: number;
  try {
    keys = new Set(
      (
        db.prepare('select idempotency_key as key from submissions where idempotency_key is not null').all() as { key: string }[]
      ).map((row) => row.key),
    );
    sameQuestionTwice = (
      db
        .prepare(
          'select count(*) - count(distinct session_id || char(31) || user_id || char(31) || normalized) as n from submissions',
        )
        .get() as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
  const burstKeys = new Set(unique.map(input.keyOf));
  const storedButMissing = storedEvents.filter((event) => !keys.has(input.keyOf(event))).length;
  const rowsOfBurst = [...keys].filter((key) => burstKeys.has(key)).length;
  const rowsWithoutStoredReply = Math.max(0, rowsOfBurst - storedEvents.length);
  const errors = outcomes.error + outcomes.unknown;
  const submissionsPerSecond = round((outcomes.stored / input.durationMs) * 1000);
  return {
    platform: input.platform,
    path: input.path,
    deliveries: input.deliveries.length,
    uniqueEvents: unique.length,
    redeliveries: input.deliveries.length - unique.length,
    offeredPerSecond: input.offeredPerSecond,
    durationMs: round(input.durationMs),
    eventsPerSecond: round((unique.length / input.durationMs) * 1000),
    submissionsPerSecond,
    receiptToAck: summarize(input.ackSamples),
    acksAfter3s: input.ackSamples.filter((sample) => sample > 3000).length,
    outcomes,
    lost: unanswered + storedButMissing,
    doubled: answeredTwice + sameQuestionTwice,
    lostDetail: { unanswered, storedButMissing },
    doubledDetail: { answeredTwice, sameQuestionTwice },
    unacked,
    failedReplies: { apologies: errors, storedAnyway: rowsWithoutStoredReply },
    raw: input.raw,
    ratioToRaw: ratio(submissionsPerSecond, input.raw.rowsPerSecond),
    rssMb: input.rssMb,
    ...(input.note ? { note: input.note } : {}),
  };
}

interface BoardFigures {
  boardFinalAfterMs: number | undefined;
  rateLimited: number;
  postsDuringBurst: number;
  channel: { boardEdits: number; minGapBetweenEditsMs: number | undefined };
}

/** The rows about the board and the platform's limits in a burst's table. */
export function boardRows(figures: BoardFigures): [string, string | number | undefined, undefined][] {
  return [
    ['channel posts during the burst (the board is edited instead)', figures.postsDuringBurst, undefined],
    [
      'board edits / least time between two',
      `${figures.channel.boardEdits} / ${ms(figures.channel.minGapBetweenEditsMs)}`,
      undefined,
    ],
    [
      'board shows the final top 10 and count, after the last answer',
      figures.boardFinalAfterMs === undefined ? 'not within the deadline' : ms(figures.boardFinalAfterMs),
      undefined,
    ],
    ['429s the bot received', figures.rateLimited, undefined],
  ];
}

/** The board and rate-limit targets of a burst through a platform adapter. */
export function boardTargets(
  platform: string,
  figures: { boardFinalAfterMs: number | undefined; rateLimited: number; postsDuringBurst: number },
): Target[] {
  return [
    {
      name: `board via ${platform}`,
      goal: 'the final top 10 and count on the board within 3 s of the last answer; no post per question',
      figure: `${figures.boardFinalAfterMs === undefined ? 'not within 15 s' : ms(figures.boardFinalAfterMs)}, ${figures.postsDuringBurst} posts`,
      met: figures.boardFinalAfterMs !== undefined && figures.boardFinalAfterMs <= 3000 && figures.postsDuringBurst === 0,
    },
    {
      name: `429s via ${platform}`,
      goal: 'the bot paces itself: 0 rate-limited requests',
      figure: String(figures.rateLimited),
      met: figures.rateLimited === 0,
    },
  ];
}

export function burstSection(
  name: string,
  figures: BurstFigures,
  started: number,
  extraRows: (string | number | undefined)[][] = [],
  /** What one submission costs the bot, e.g. "12 ms of event-loop time", for the explanation of a miss. */
  cost?: string,
): SectionResult {
  const ackMet = figures.receiptToAck.p99Ms < ACK_TARGET_MS;
  const met = ackMet && figures.lost === 0 && figures.doubled === 0;
  const misses: string[] = [];
  if (!ackMet) {
    misses.push(
      `p99 ${ms(figures.receiptToAck.p99Ms - ACK_TARGET_MS)} over: offered ${figures.offeredPerSecond}/s, the bot answered ${figures.eventsPerSecond}/s${cost ? ` (${cost} per submission)` : ''}, so deliveries queued, and the acknowledgement waits in the same event loop as the work (the duplicate check and the synchronous fsync-ed commit). To reach it: acknowledge from a loop the work cannot block (a worker thread for the store), or cut the duplicate check's cost per submission.`,
    );
  }
  if (figures.lost > 0) {
    misses.push(
      `lost ${figures.lost}: ${figures.lostDetail.unanswered} deliveries got no answer (${figures.unacked} never acknowledged), ${figures.lostDetail.storedButMissing} told "stored" but missing. Requests dropped at the connection while the event loop stalls for seconds (a keep-alive socket closed under the request) go away with the stalls.`,
    );
  }
  if (figures.doubled > 0) misses.push(`doubled ${figures.doubled}: ${JSON.stringify(figures.doubledDetail)}.`);
  const target: Target = {
    name: `burst via ${figures.platform}`,
    goal: `p99 receipt-to-ack under ${ACK_TARGET_MS} ms, lost 0, doubled 0`,
    figure: `p99 ${ms(figures.receiptToAck.p99Ms)}, lost ${figures.lost}, doubled ${figures.doubled}`,
    met,
    ...(met ? {} : { note: misses.join(' ') }),
  };
  return {
    name,
    status: 'ok',
    durationMs: round(performance.now() - started),
    figures,
    tables: [
      {
        title: `Live-stream burst through ${figures.path}: ${figures.uniqueEvents} submissions from ${BURST.users} viewers + ${figures.redeliveries} redeliveries, offered at ${figures.offeredPerSecond}/s`,
        columns: ['figure', 'value', 'vs raw commits'],
        rows: [
          ['submissions stored per second', figures.submissionsPerSecond, times(figures.ratioToRaw)],
          ['events answered per second', figures.eventsPerSecond, undefined],
          ['raw better-sqlite3 commits per second', figures.raw.rowsPerSecond, '1.00x'],
          [
            'receipt-to-ack p50 / p99 / max',
            `${ms(figures.receiptToAck.p50Ms)} / ${ms(figures.receiptToAck.p99Ms)} / ${ms(figures.receiptToAck.maxMs)}`,
            undefined,
          ],
          ['acknowledged after the 3 s deadline', figures.acksAfter3s, undefined],
          ['first arrival to last answer', ms(figures.durationMs), undefined],
          [
            'stored / me-too / in the book / refused',
            `${figures.outcomes.stored} / ${figures.outcomes.metoo} / ${figures.outcomes.book} / ${figures.outcomes.refused}`,
            undefined,
          ],
          ['lost / doubled', `${figures.lost} / ${figures.doubled}`, undefined],
          ['never acknowledged (connection dropped)', figures.unacked, undefined],
          [
            'apology instead of an answer (of which stored)',
            `${figures.failedReplies.apologies} (${figures.failedReplies.storedAnyway})`,
            undefined,
          ],
          ...extraRows,
        ],
      },
    ],
    targets: [target],
    ...(figures.note ? { note: figures.note } : {}),
  };
}
