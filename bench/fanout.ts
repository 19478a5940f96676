import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adapter } from '../src/adapters/adapter.js';
import type { App } from '../src/app.js';
import { dispatchLine } from '../src/core/command-kit/dispatch.js';
import { EVERY_DAY, MAX_GRACE_MINUTES } from '../src/core/daily/schedule.js';
import type { Platform } from '../src/core/invocation.js';
import { type Routed, runJobsEach } from '../src/core/jobs.js';
import { plainTextOf } from '../src/core/rich-text.js';
import { createBenchApp, rowsOf } from './app.js';
import { startFanoutPlatforms } from './fanout-platforms.js';
import { type BenchPostgres, benchPostgres } from './postgres.js';
import { type RawCommits, rawCommits } from './raw-commits.js';
import { ms, type SectionResult, times } from './report.js';
import { ratio, round, rssMb } from './stats.js';

export interface FanoutOptions {
  channels?: number;
  /** Tenants (guilds and teams) the channels are spread over. */
  tenants?: number;
  /** How many channels are scheduled with the /daily schedule command; the rest through its repositories. */
  viaCommand?: number;
}

/** Local times in several zones that all fall on 2026-12-01T08:00Z (no daylight saving in any of them that day). */
const ZONES: [string, string][] = [
  ['Europe/Berlin', '09:00'],
  ['Europe/London', '08:00'],
  ['America/New_York', '03:00'],
  ['Asia/Kolkata', '13:30'],
  ['Asia/Tokyo', '17:00'],
  ['UTC', '08:00'],
];
const DUE = new Date('2026-12-01T08:00:00Z');
const SCHEDULED_AT = new Date('2026-11-30T12:00:00Z');
const MINUTE = 60_000;

/** The scheduler's tick (src/scheduler/scheduler.ts) without node-cron: each platform's lane commits and sends in order. */
async function tick(now: Date, app: App, adapters: Map<Platform, Adapter>): Promise<Routed[]> {
  const routed: Routed[] = [];
  await runJobsEach(now, app.deps, async (item) => {
    routed.push(item);
    await adapters.get(item.platform)?.deliver(item.tenant, [item.message]);
  });
  return routed;
}

/** Discord channel ids are snowflakes: its rate-limit buckets are keyed by them. */
const discordChannel = (i: number) => String(300_000_000_000_100_000n + BigInt(i));

/** Where channel `i` lives and when it is scheduled. */
function channelOf(i: number, tenants: number) {
  const platform: 'discord' | 'slack' = i % 2 === 0 ? 'discord' : 'slack';
  const [timezone, time] = ZONES[i % ZONES.length] as [string, string];
  return {
    platform,
    tenant: platform === 'discord' ? `guild-${i % tenants}` : `T${String(i % tenants).padStart(8, '0')}`,
    channel: platform === 'discord' ? discordChannel(i) : `C${String(i).padStart(9, '0')}`,
    user: { id: `admin-${i % tenants}`, name: 'Admin', role: 'admin' as const },
    now: SCHEDULED_AT,
    timezone,
    time,
  };
}

/**
 * The first `viaCommand` channels are scheduled with `/daily schedule` as an admin would; the rest through the same
 * repositories the command writes with (directory, then schedules), batched in transactions to keep the run short.
 */
async function seed(app: App, channels: number, tenants: number, viaCommand: number) {
  const { deps } = app;
  const failed: string[] = [];
  let ok = 0;
  const commandStarted = performance.now();
  for (let i = 0; i < Math.min(viaCommand, channels); i++) {
    const { timezone, time, ...context } = channelOf(i, tenants);
    const result = await dispatchLine(`/daily schedule time:${time} timezone:${timezone}`, context, deps);
    if (result.status === 'ok') ok++;
    else if (failed.length < 3)
      failed.push(result.messages[0]?.kind === 'reply' ? plainTextOf(result.messages[0].view.text ?? []) : result.status);
  }
  const commandMs = performance.now() - commandStarted;
  const repoStarted = performance.now();
  for (let from = viaCommand; from < channels; from += 1000) {
    await deps.store.daily.atomically(async () => {
      for (let i = from; i < Math.min(channels, from + 1000); i++) {
        const { timezone, time, ...context } = channelOf(i, tenants);
        const seen = await deps.store.directory.touch(context);
        await deps.store.daily.schedules.save({
          channelId: seen.channelId,
          time,
          timezone,
          days: EVERY_DAY,
          category: null,
          topic: null,
          graceMinutes: Math.min(deps.settings.daily.graceMinutes, MAX_GRACE_MINUTES),
          answerMinutes: deps.settings.daily.answerMinutes,
          seed: Math.floor(deps.random() * 2 ** 31),
          createdBy: seen.userId,
          now: SCHEDULED_AT,
        });
        ok++;
      }
    });
  }
  const repoMs = performance.now() - repoStarted;
  return {
    ok,
    failed,
    viaCommand: {
      schedules: Math.min(viaCommand, channels),
      durationMs: round(commandMs),
      perSecond: round((Math.min(viaCommand, channels) / commandMs) * 1000),
    },
    viaRepository: { schedules: Math.max(0, channels - viaCommand), durationMs: round(repoMs) },
  };
}

/**
 * The fan-out on SQLite, then on PostgreSQL when a server can be reached (BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL, else the machine's own at 127.0.0.1:5432), each on a database of its own.
 */
async function countOf(app: App, sql: string): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(app, sql);
  return Number(row?.n ?? 0);
}

export async function runFanoutBenchmark(options: FanoutOptions = {}): Promise<SectionResult> {
  const started = performance.now();
  const sqlite = await fanoutOn(undefined, options);
  const postgres = await benchPostgres();
  if ('skipped' in postgres) {
    return { ...sqlite, note: `PostgreSQL: not measured (${postgres.skipped}).`, durationMs: round(performance.now() - started) };
  }
  const onPostgres = await fanoutOn(postgres, options);
  const figures = { ...(sqlite.figures as object), postgres: onPostgres.figures };
  const lane = (result: SectionResult) => (result.figures as { storeOnly: { durationMs: number } }).storeOnly.durationMs;
  const limited = (result: SectionResult) => (result.figures as { fanout: { durationMs: number } }).fanout.durationMs;
  return {
    name: 'fanout',
    status: 'ok',
    durationMs: round(performance.now() - started),
    figures,
    tables: [
      ...sqlite.tables,
      ...onPostgres.tables,
      {
        title: 'Daily fan-out: PostgreSQL against SQLite, measured in this run',
        columns: ['step', 'SQLite', 'PostgreSQL', 'PostgreSQL / SQLite'],
        rows: [
          [
            'claims and hand-overs alone (no platform)',
            ms(lane(sqlite)),
            ms(lane(onPostgres)),
            times(ratio(lane(onPostgres), lane(sqlite))),
          ],
          [
            'fan-out through the rate-limited platforms',
            ms(limited(sqlite)),
            ms(limited(onPostgres)),
            times(ratio(limited(onPostgres), limited(sqlite))),
          ],
        ],
      },
    ],
    targets: [...sqlite.targets, ...onPostgres.targets.map((target) => ({ ...target, name: `${target.name} (PostgreSQL)` }))],
  };
}

/** The same tick with a platform that takes everything at once: what the store and the core cost alone. */
async function storeOnlyFanout(postgres: BenchPostgres | undefined, channels: number, tenants: number, dir: string) {
  const database = await postgres?.fresh();
  const app = await createBenchApp(join(dir, 'store-only.db'), database ? { DATABASE_URL: database.url } : {});
  try {
    await seed(app, channels, tenants, 0);
    const started = performance.now();
    let handed = 0;
    await runJobsEach(DUE, app.deps, async () => {
      handed++;
    });
    const durationMs = performance.now() - started;
    return { durationMs: round(durationMs), posts: handed, postsPerSecond: round((handed / durationMs) * 1000) };
  } finally {
    await app.close();
    await database?.drop();
  }
}

async function fanoutOn(postgres: BenchPostgres | undefined, options: FanoutOptions): Promise<SectionResult> {
  const started = performance.now();
  const channels = options.channels ?? 10_000;
  const tenants = options.tenants ?? 100;
  const dialect = postgres ? 'PostgreSQL' : 'SQLite';
  const dir = mkdtempSync(join(tmpdir(), 'bench-fanout-'));
  const storeOnly = await storeOnlyFanout(postgres, channels, tenants, dir);
  const database = await postgres?.fresh();
  const app = await createBenchApp(join(dir, 'fanout.db'), database ? { DATABASE_URL: database.url } : {});
  try {
    const seeded = await seed(app, channels, tenants, options.viaCommand ?? 200);
    if (seeded.ok !== channels)
      throw new Error(`only ${seeded.ok} of ${channels} schedules were saved: ${seeded.failed.join(' | ')}`);

    const discordIds = Array.from({ length: channels }, (_, i) => i)
      .filter((i) => channelOf(i, tenants).platform === 'discord')
      .map(discordChannel);
    const platforms = await startFanoutPlatforms(app, discordIds);
    try {
      const rssBefore = rssMb();
      const discordBefore = await platforms.discordRequests();
      const fanStarted = performance.now();
      const wallStarted = Date.now();
      const first = await tick(DUE, app, platforms.adapters);
      const fanoutMs = performance.now() - fanStarted;
      const discordRequests = (await platforms.discordRequests()) - discordBefore;
      const rssAfter = rssMb();
      // The same minute again (a second scheduler, a restart) and the next minute: nothing more may go out.
      const again = await tick(DUE, app, platforms.adapters);
      const later = await tick(new Date(DUE.getTime() + MINUTE), app, platforms.adapters);

      const arrivals = await platforms.arrivals();
      const perChannel = new Map<string, number>();
      for (const item of arrivals)
        perChannel.set(`${item.platform}|${item.channel}`, (perChannel.get(`${item.platform}|${item.channel}`) ?? 0) + 1);
      const duplicates = [...perChannel.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
      const missing = channels - perChannel.size;
      // Each platform's posts must arrive in the order of their due time: a post due earlier never after one due
      // later. Posts due at the same time may overtake each other within the lane's flight; how far is reported.
      const dueOf = new Map(
        first.map((item) => [
          `${item.platform}|${item.message.kind === 'post' ? item.message.channel : ''}`,
          item.dueAt?.getTime() ?? 0,
        ]),
      );
      let outOfOrder = 0;
      let mostOvertaken = 0;
      for (const platform of ['discord', 'slack'] as const) {
        const handed = first
          .filter((item) => item.platform === platform)
          .map((item) => (item.message.kind === 'post' ? item.message.channel : ''));
        const handedAt = new Map(handed.map((channel, index) => [channel, index]));
        let latestDue = Number.NEGATIVE_INFINITY;
        arrivals
          .filter((item) => item.platform === platform)
          .forEach((item, index) => {
            const due = dueOf.get(`${platform}|${item.channel}`) ?? 0;
            if (due < latestDue) outOfOrder++;
            latestDue = Math.max(latestDue, due);
            mostOvertaken = Math.max(mostOvertaken, Math.abs(index - (handedAt.get(item.channel) ?? index)));
          });
      }
      const lastArrivalMs = (platform: Platform) =>
        Math.max(0, ...arrivals.filter((item) => item.platform === platform).map((item) => item.at - wallStarted));
      const finishedMs = { discord: lastArrivalMs('discord'), slack: lastArrivalMs('slack') };
      const rateLimited = await platforms.rateLimited();
      const sentRows = await countOf(app, "select count(*) as n from daily_posts where status = 'sent'");
      const sameDayRows = await countOf(
        app,
        "select count(*) - count(distinct channel_id || '|' || local_date) as n from daily_posts",
      );
      const byPlatform = (platform: Platform) => arrivals.filter((item) => item.platform === platform).length;
      // What the platforms allow at best: Discord's 50 requests a second over every request the Discord posts took
      // (the post and its thread); Slack's one post a second per channel allows these (one post per channel) at once.
      const allowedMs = (discordRequests / 50) * 1000;
      const raw: RawCommits = rawCommits(join(dir, 'raw.db'), channels);
      const postsPerSecond = round((first.length / fanoutMs) * 1000);
      const withinAllowed = ratio(fanoutMs, allowedMs) ?? Number.POSITIVE_INFINITY;
      const figures = {
        database: dialect,
        storeOnly,
        channels,
        tenants: tenants * 2,
        zones: ZONES.map(([zone, time]) => `${time} ${zone}`),
        dueMinute: DUE.toISOString(),
        seed: { schedules: seeded.ok, viaCommand: seeded.viaCommand, viaRepository: seeded.viaRepository },
        fanout: {
          durationMs: round(fanoutMs),
          postsHandedOver: first.length,
          postsPerSecond,
          discordPosts: byPlatform('discord'),
          slackPosts: byPlatform('slack'),
          discordRequests,
          allowedByLimitsMs: round(allowedMs),
          ratioToAllowed: withinAllowed,
        },
        repeatedTicks: { sameMinute: again.length, nextMinute: later.length },
        duplicates,
        missing,
        outOfOrder,
        mostPositionsOvertaken: mostOvertaken,
        lastPostArrivedMs: finishedMs,
        rateLimited,
        rows: { sentPosts: sentRows, secondPostSameDay: sameDayRows },
        rawCommits: raw,
        /** Fan-out time divided by the time of one raw durable commit per channel. */
        ratioToRaw: ratio(fanoutMs, raw.durationMs),
        rssMb: { beforeFanout: rssBefore, afterFanout: rssAfter },
      };
      const met =
        withinAllowed <= 1.2 &&
        duplicates === 0 &&
        missing === 0 &&
        outOfOrder === 0 &&
        rateLimited.discord + rateLimited.slack === 0;
      return {
        name: 'fanout',
        status: 'ok',
        durationMs: round(performance.now() - started),
        figures,
        tables: [
          {
            title: `Daily fan-out on ${dialect}: ${channels} channels due at ${DUE.toISOString()}, through the real Discord and Slack adapters against fakes with the platforms' rate limits`,
            columns: ['step', 'figure', 'vs raw commits'],
            rows: [
              [
                'seed: /daily schedule, then repositories',
                `${seeded.viaCommand.schedules} in ${ms(seeded.viaCommand.durationMs)} (${seeded.viaCommand.perSecond}/s), ${seeded.viaRepository.schedules} in ${ms(seeded.viaRepository.durationMs)}`,
                undefined,
              ],
              [
                'claims and hand-overs alone (a platform that takes everything at once)',
                `${ms(storeOnly.durationMs)} (${storeOnly.postsPerSecond} posts/s)`,
                times(ratio(storeOnly.durationMs, raw.durationMs)),
              ],
              [
                'fan-out total (claim, render, paced sends)',
                `${ms(fanoutMs)} (${postsPerSecond} posts/s)`,
                times(figures.ratioToRaw),
              ],
              [
                'what the limits allow at best (Discord: requests / 50 per s)',
                `${ms(allowedMs)} for ${discordRequests} Discord requests; fan-out took ${withinAllowed}x`,
                undefined,
              ],
              ['raw better-sqlite3 commits (1 per channel)', `${ms(raw.durationMs)} (${raw.rowsPerSecond}/s)`, '1.00x'],
              ['posts: discord / slack', `${figures.fanout.discordPosts} / ${figures.fanout.slackPosts}`, undefined],
              ['duplicates / missing / out of due order', `${duplicates} / ${missing} / ${outOfOrder}`, undefined],
              ['last post arrived: discord / slack', `${ms(finishedMs.discord)} / ${ms(finishedMs.slack)}`, undefined],
              ['most places a post overtook or fell behind (same due time, several in flight)', mostOvertaken, undefined],
              ['429s: discord / slack', `${rateLimited.discord} / ${rateLimited.slack}`, undefined],
              ['posts from a repeated tick (same minute / next)', `${again.length} / ${later.length}`, undefined],
              ['RSS before / after fan-out', `${rssBefore} MB / ${rssAfter} MB`, undefined],
            ],
          },
        ],
        targets: [
          {
            name: 'daily fan-out',
            goal: 'within 1.2x of what the rate limits allow; 0 429s, 0 duplicates, 0 missing, in due order',
            figure: `${ms(fanoutMs)} (${withinAllowed}x of ${ms(allowedMs)}), 429s ${rateLimited.discord + rateLimited.slack}, duplicates ${duplicates}, missing ${missing}, out of order ${outOfOrder}`,
            met,
          },
        ],
      };
    } finally {
      await platforms.close();
    }
  } finally {
    await app.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
