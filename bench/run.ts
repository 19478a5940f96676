/**
 * Runs every benchmark in one process, prints a table per benchmark and the targets, and writes every figure to
 * bench/results.json. Figures are reported, never asserted: the exit code is 0 even when a target is missed or a
 * benchmark fails (a failed benchmark is reported with its reason).
 *
 *   npm run -s bench                       # everything (3 to 3.5 minutes on two cores)
 *   npm run -s bench -- --only lookup,startup [--out FILE]   # some; results.json is left alone without --out
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBenchApp, ROOT } from './app.js';
import { type RawCommits, rawCommits } from './raw-commits.js';
import { formatTable, ms, pct, type SectionResult, type Target, targetTable } from './report.js';
import { round, rssMb } from './stats.js';

type Runner = (context: Context) => Promise<SectionResult>;

interface Context {
  /** Raw single-row commits with the production pragmas, measured once for both adapter bursts. */
  raw(): RawCommits;
}

const SECTIONS: [string, Runner][] = [
  [
    'startup',
    async () => {
      const { runStartupBenchmark } = await import('./startup.js');
      return runStartupBenchmark();
    },
  ],
  [
    'burst-slack',
    async (context) => {
      const { runSlackBurstBenchmark } = await import('./burst-slack.js');
      return runSlackBurstBenchmark(context.raw());
    },
  ],
  [
    'burst-discord',
    async (context) => {
      const { runDiscordBurstBenchmark } = await import('./burst-discord.js');
      return runDiscordBurstBenchmark(context.raw());
    },
  ],
  ['stream-burst', async () => streamBurstSection()],
  [
    'lookup',
    async () => {
      const { runLookupBenchmark } = await import('./lookup.js');
      const app = await createBenchApp(':memory:');
      try {
        return await runLookupBenchmark(app, ROOT);
      } finally {
        await app.close();
      }
    },
  ],
  [
    'fanout',
    async () => {
      const { runFanoutBenchmark } = await import('./fanout.js');
      return await runFanoutBenchmark();
    },
  ],
  [
    'web-live',
    async () => {
      const { runWebLiveBenchmark } = await import('./web-live.js');
      return runWebLiveBenchmark();
    },
  ],
];

/** The core path of a submission burst (bench/stream-burst.ts): dispatch to store, without a platform adapter. */
async function streamBurstSection(): Promise<SectionResult> {
  const started = performance.now();
  const { runStreamBurst } = await import('./stream-burst.js');
  const figures = await runStreamBurst();
  const row = (run: typeof figures.flatOut & { arrivalsPerSecond?: number }, on = '') => [
    on + (run.arrivalsPerSecond ? `${run.mode} (${run.arrivalsPerSecond}/s)` : `${run.mode} (${run.inFlight} in flight)`),
    run.deliveries,
    run.storedPerSecond,
    run.eventsPerSecond,
    ms(run.receiptToReply.p50Ms),
    ms(run.receiptToReply.p99Ms),
    `${run.lost} / ${run.doubled}`,
  ];
  return {
    name: 'stream-burst',
    status: 'ok',
    note: figures.note,
    durationMs: round(performance.now() - started),
    figures,
    tables: [
      {
        title: `Live-stream burst through the core (dispatch -> /ask -> store): ${figures.submissions} submissions from ${figures.users} viewers + ${figures.redeliveries} redeliveries`,
        columns: ['run', 'deliveries', 'stored/s', 'events/s', 'receipt-to-reply p50', 'p99', 'lost / doubled'],
        rows: [
          row(figures.oneByOne),
          row(figures.flatOut),
          row(figures.paced),
          ...('skipped' in figures.postgres
            ? [
                [
                  `PostgreSQL: not measured (${figures.postgres.skipped})`,
                  undefined,
                  undefined,
                  undefined,
                  undefined,
                  undefined,
                  undefined,
                ],
              ]
            : [row(figures.postgres.oneByOne, 'PostgreSQL: '), row(figures.postgres.flatOut, 'PostgreSQL: ')]),
          ['raw better-sqlite3 commits', figures.raw.rows, figures.raw.rowsPerSecond, undefined, undefined, undefined, undefined],
          [
            'stored/s vs raw',
            undefined,
            `${figures.ratioToRaw}x (one by one ${figures.oneByOneRatioToRaw}x)`,
            undefined,
            undefined,
            undefined,
            undefined,
          ],
        ],
      },
    ],
    targets: [
      {
        name: 'stored submissions per second',
        goal: 'at least 0.3x raw single-row commits with the same pragmas (flat out through dispatch, deliveries arriving together)',
        figure: `${figures.ratioToRaw}x (${figures.flatOut.storedPerSecond}/s against ${figures.raw.rowsPerSecond}/s)`,
        met: figures.ratioToRaw >= 0.3,
      },
    ],
  };
}

async function runSection(name: string, runner: Runner, context: Context): Promise<SectionResult> {
  const started = performance.now();
  const load = loadavg()[0];
  process.stderr.write(`bench: ${name} ...\n`);
  try {
    const result = await runner(context);
    return { ...result, figures: { ...(result.figures as object), loadAverageAtStart: round(load ?? 0, 3) } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      name,
      status: 'failed',
      note: reason.split('\n')[0] ?? reason,
      durationMs: round(performance.now() - started),
      figures: { loadAverageAtStart: round(load ?? 0, 3) },
      tables: [],
      targets: [],
    };
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, out: { type: 'string' } } });
  const only = values.only?.split(',').map((name) => name.trim());
  const started = performance.now();
  const loadAtStart = loadavg();
  let raw: RawCommits | undefined;
  const context: Context = {
    raw: () => {
      if (raw) return raw;
      const dir = mkdtempSync(join(tmpdir(), 'bench-raw-'));
      try {
        raw = rawCommits(join(dir, 'raw.db'), 2000);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return raw;
    },
  };

  const results: SectionResult[] = [];
  for (const [name, runner] of SECTIONS) {
    if (only && !only.includes(name)) continue;
    const result = await runSection(name, runner, context);
    results.push(result);
    printSection(result);
  }
  const targets: Target[] = results.flatMap((result) => result.targets);
  process.stdout.write(`${formatTable(targetTable(targets))}\n\n`);

  const report = {
    generatedAt: new Date().toISOString(),
    machine: { node: process.version, platform: process.platform, cpus: cpus().length, cpuModel: cpus()[0]?.model },
    loadAverage: { atStart: loadAtStart.map((value) => round(value, 3)), atEnd: loadavg().map((value) => round(value, 3)) },
    totalMs: round(performance.now() - started),
    benchProcessRssMb: rssMb(),
    summary: summarize(results),
    targets,
    sections: Object.fromEntries(results.map(({ tables: _tables, ...result }) => [result.name, result])),
  };
  if (only && !values.out) {
    process.stdout.write(`A partial run leaves bench/results.json alone; add --out FILE to keep its figures.\n`);
    return;
  }
  const out = resolve(ROOT, values.out ?? 'bench/results.json');
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`Wrote ${out} (${results.length} benchmarks in ${ms(report.totalMs)}).\n`);
}

function printSection(result: SectionResult): void {
  const head = `== ${result.name}: ${result.status} in ${ms(result.durationMs)}`;
  process.stdout.write(`${head}\n`);
  for (const table of result.tables) process.stdout.write(`${formatTable(table)}\n\n`);
  if (result.note) process.stdout.write(`${result.status === 'ok' ? 'Note' : 'Reason'}: ${result.note}\n\n`);
}

/** The headline figures, one line each, for a quick look at results.json. */
function summarize(results: SectionResult[]): Record<string, unknown> {
  const figuresOf = (name: string) =>
    results.find((result) => result.name === name && result.status === 'ok')?.figures as Record<string, unknown> | undefined;
  const summary: Record<string, unknown> = {};
  const lookup = figuresOf('lookup') as
    | { real: { engines: { engine: string; search: { firstPlaceRate: number; latency: { p99Ms: number } } }[] } }
    | undefined;
  if (lookup) {
    summary.lookup = Object.fromEntries(
      lookup.real.engines.map((engine) => [
        engine.engine,
        { firstPlace: pct(engine.search.firstPlaceRate), searchP99Ms: engine.search.latency.p99Ms },
      ]),
    );
  }
  for (const name of ['burst-slack', 'burst-discord']) {
    const burst = figuresOf(name) as
      | { submissionsPerSecond: number; receiptToAck: { p99Ms: number }; lost: number; doubled: number; rssMb: unknown }
      | undefined;
    if (burst) {
      summary[name] = {
        submissionsPerSecond: burst.submissionsPerSecond,
        ackP99Ms: burst.receiptToAck.p99Ms,
        lost: burst.lost,
        doubled: burst.doubled,
        rssMb: burst.rssMb,
      };
    }
  }
  type Fanout = { fanout: { durationMs: number }; storeOnly: { durationMs: number }; duplicates: number; missing: number };
  const fanout = figuresOf('fanout') as (Fanout & { postgres?: Fanout }) | undefined;
  const fanoutLine = (run: Fanout) => ({
    durationMs: run.fanout.durationMs,
    storeOnlyMs: run.storeOnly.durationMs,
    duplicates: run.duplicates,
    missing: run.missing,
  });
  if (fanout) summary.fanout = { ...fanoutLine(fanout), ...(fanout.postgres ? { postgres: fanoutLine(fanout.postgres) } : {}) };
  const startup = figuresOf('startup') as
    | { variants: { name: string; ready: { p50Ms: number }; rssAfterStartMb: number }[] }
    | undefined;
  if (startup) {
    summary.startup = Object.fromEntries(
      startup.variants.map((variant) => [
        variant.name,
        { readyP50Ms: variant.ready.p50Ms, rssAtReadyMb: variant.rssAfterStartMb },
      ]),
    );
  }
  return summary;
}

await main();
// Every server and child process has been stopped; this only guards against a stray keep-alive handle.
setTimeout(() => process.exit(0), 5000).unref();
