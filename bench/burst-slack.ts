/**
 * Live-stream burst through the real Slack HTTP receiver: the Bolt-based adapter listening on 127.0.0.1 with a
 * file database and the production pragmas, and, in a worker thread of its own (bench/slack-platform.ts), the fake
 * Slack of test/e2e/slack plus a client sending signed `/cookbook ask` requests. Some requests are delivered twice
 * (same trigger, X-Slack-Retry-Num), as Slack retries.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSlackAdapter } from '../src/adapters/slack/client.js';
import type { FakeUser } from '../test/e2e/slack/fake-slack.js';
import { SIGNING_SECRET } from '../test/e2e/slack/harness.js';
import { createBenchApp } from './app.js';
import { boardShows, editSpacing, expectedBoard } from './board-figures.js';
import {
  ARRIVALS_PER_SECOND,
  BURST,
  type BurstFigures,
  boardRows,
  boardTargets,
  burstSection,
  burstWorkload,
  type EventRecord,
  tally,
} from './burst-common.js';
import { type LogProblem, problemCounter } from './log-recorder.js';
import { PlatformWorker } from './platform-worker.js';
import { type RawCommits, rawCommits } from './raw-commits.js';
import { ms, type SectionResult } from './report.js';
import { type BurstSent, type PlatformRequest, viewerId } from './slack-platform.js';
import { rssMb } from './stats.js';

const HOST: FakeUser = { id: 'UHOST', name: 'host', is_admin: true };
const SETTLE_DEADLINE_MS = 60_000;
const BOARD_DEADLINE_MS = 15_000;

interface Responses {
  count: number;
  channelPosts: number;
  responses: { id: string; text: string }[];
  rateLimited: number;
  /** When each chat.update of the board reached the fake. */
  boardUpdates: number[];
  /** The blocks of the latest chat.update, as JSON. */
  lastBoard: string;
}

/** The Slack side in its own thread. */
class Platform extends PlatformWorker<PlatformRequest> {
  readonly ready: Promise<string>;

  constructor(users: FakeUser[]) {
    super(new URL('./slack-platform.ts', import.meta.url), { users });
    this.ready = this.next<{ apiUrl: string }>('ready').then((message) => message.apiUrl);
  }
}

export async function runSlackBurst(raw?: RawCommits): Promise<
  BurstFigures & {
    channelPosts: number;
    channel: { boardEdits: number; minGapBetweenEditsMs: number | undefined };
    /** From the last answer to the board showing the database's top 10 and count; undefined: not within the deadline. */
    boardFinalAfterMs: number | undefined;
    rateLimited: number;
    /** Time the bot's event loop was busy per submission event, until every reply was out. */
    botMainThreadMsPerEvent: number;
    botLogProblems: LogProblem[];
  }
> {
  const deliveries = burstWorkload();
  const viewers = [...new Set(deliveries.map((delivery) => delivery.user))].map((user) => ({ id: viewerId(user), name: user }));
  const platform = new Platform([HOST, ...viewers]);
  const dir = mkdtempSync(join(tmpdir(), 'bench-slack-'));
  const databasePath = join(dir, 'slack.db');
  const log = problemCounter();
  const app = await createBenchApp(databasePath, {}, log);
  let adapter: ReturnType<typeof createSlackAdapter> | undefined;
  try {
    const apiUrl = await platform.ready;
    adapter = createSlackAdapter(
      app.deps,
      { botToken: 'xoxb-1-bench-bot-token', signingSecret: SIGNING_SECRET, apiUrl, port: 0 },
      log,
      { host: '127.0.0.1', retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 } },
    );
    await adapter.start();
    const url = `http://127.0.0.1:${adapter.port() ?? 0}/slack/events`;
    const opened = await platform.request<{ status: number }>({
      type: 'command',
      url,
      text: 'stream start title:"Burst" moderation:post',
      user: HOST,
      trigger: 'trigger-open',
    });
    await adapter.idle();
    const before = await platform.request<Responses>({ type: 'responses' });
    if (opened.status !== 200 || before.channelPosts === 0) throw new Error('the session did not open on Slack');
    const rssBefore = rssMb();

    const started = performance.now();
    const loopBefore = performance.eventLoopUtilization();
    const sent = await platform.request<{ result: BurstSent }>({
      type: 'burst',
      url,
      perSecond: ARRIVALS_PER_SECOND,
      deliveries: deliveries.map(({ event, user, line }) => ({ event, user, line })),
    });
    // Settled: the adapter is idle and no reply arrived for a second (bounded).
    let responses = await platform.request<Responses>({ type: 'responses' });
    const deadline = performance.now() + SETTLE_DEADLINE_MS;
    for (let last = -1; responses.count !== last && performance.now() < deadline; ) {
      last = responses.count;
      await adapter.idle();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      responses = await platform.request<Responses>({ type: 'responses' });
    }
    const durationMs = performance.now() - started - 1000;
    const loop = performance.eventLoopUtilization(loopBefore);
    const expected = expectedBoard(databasePath);
    const boardDeadline = performance.now() + BOARD_DEADLINE_MS;
    while (!boardShows(responses.lastBoard, expected) && performance.now() < boardDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      responses = await platform.request<Responses>({ type: 'responses' });
    }
    const boardShown = boardShows(responses.lastBoard, expected);
    const lastUpdateAt = responses.boardUpdates.at(-1);
    const lastAnswerAt = performance.timeOrigin + started + durationMs;
    const boardFinalAfterMs =
      boardShown && lastUpdateAt !== undefined ? Math.max(0, Math.round(lastUpdateAt - lastAnswerAt)) : undefined;
    const edits = editSpacing(responses.boardUpdates);
    const rssAfter = rssMb();

    const events = new Map<number, EventRecord>();
    const record = (event: number) => {
      const found = events.get(event) ?? { acks: 0, unacked: 0, replies: [] };
      events.set(event, found);
      return found;
    };
    for (const { event, status } of sent.result.statuses) {
      if (status === 200) record(event).acks++;
      else record(event).unacked++;
    }
    for (const response of responses.responses) {
      const match = /^event-(\d+)$/.exec(response.id);
      if (match) record(Number(match[1])).replies.push(response.text);
    }
    await adapter.stop();
    const figures = tally({
      platform: 'Slack',
      path: 'the Slack HTTP receiver (Bolt on 127.0.0.1, signed requests)',
      deliveries,
      events,
      keyOf: (event) => `command:trigger-${event}`,
      databasePath,
      ackSamples: sent.result.ackSamples,
      offeredPerSecond: sent.result.offeredPerSecond,
      durationMs,
      raw: raw ?? rawCommits(join(dir, 'raw.db'), BURST.submissions),
      rssMb: { benchProcessBefore: rssBefore, benchProcessAfter: rssAfter },
      note: "The bot (Bolt adapter and store) runs on the main thread; the fake Slack (with Slack's rate limits) and the sending client run in a worker thread. The session runs with moderation:post, so every stored question reaches the board; the adapter paces its own Web API calls.",
    });
    return {
      ...figures,
      channelPosts: responses.channelPosts - before.channelPosts,
      channel: { boardEdits: edits.edits, minGapBetweenEditsMs: edits.minGapMs },
      boardFinalAfterMs,
      rateLimited: responses.rateLimited,
      botMainThreadMsPerEvent: Math.round((loop.active / new Set(deliveries.map((d) => d.event)).size) * 100) / 100,
      botLogProblems: log.problems(),
    };
  } finally {
    await adapter?.stop().catch(() => undefined);
    await platform.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runSlackBurstBenchmark(raw?: RawCommits): Promise<SectionResult> {
  const started = performance.now();
  const figures = await runSlackBurst(raw);
  const section = burstSection(
    'burst-slack',
    figures,
    started,
    [
      ['bot event loop busy per submission', ms(figures.botMainThreadMsPerEvent), undefined],
      ...boardRows({ ...figures, postsDuringBurst: figures.channelPosts }),
      [
        'bench process RSS before / after',
        `${figures.rssMb.benchProcessBefore} MB / ${figures.rssMb.benchProcessAfter} MB`,
        undefined,
      ],
    ],
    `${ms(figures.botMainThreadMsPerEvent)} of event-loop time`,
  );
  section.targets.push(...boardTargets('Slack', { ...figures, postsDuringBurst: figures.channelPosts }));
  return section;
}
