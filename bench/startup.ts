import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, isBuildFresh } from '../scripts/build.mjs';
import { ROOT } from './app.js';
import { type BotProcess, startBotProcess } from './bot-process.js';
import { ms, type SectionResult, type Target } from './report.js';
import { round, summarize, type Timing } from './stats.js';

export const STARTUP_TARGET_MS = 800;
export const STARTUP_RSS_TARGET_MB = 130;

interface StartRun {
  readyMs: number;
  loggedStartupMs: number | undefined;
  rssAfterStartMb: number | undefined;
  stopMs: number;
  exitCode: number | null;
  killed: boolean;
}

interface Variant {
  name: string;
  entry: string[];
  runs: StartRun[];
  ready: Timing;
  rssAfterStartMb: number | undefined;
}

async function startAndStop(entry: string[], dir: string, run: number): Promise<StartRun> {
  const bot: BotProcess = await startBotProcess({
    entry,
    env: { DATABASE_PATH: join(dir, `start-${run}.db`), CONTENT_DIR: resolve(ROOT, 'content') },
  });
  const rss = bot.rssMb();
  const stopped = await bot.stop();
  return {
    readyMs: round(bot.readyMs),
    loggedStartupMs: bot.loggedStartupMs,
    rssAfterStartMb: rss,
    stopMs: round(stopped.stopMs),
    exitCode: stopped.code,
    killed: stopped.killed,
  };
}

async function measure(name: string, entry: string[], dir: string, runs: number): Promise<Variant> {
  const results: StartRun[] = [];
  for (let run = 0; run < runs; run++) results.push(await startAndStop(entry, dir, results.length + (name.length << 4)));
  const rss = results.map((r) => r.rssAfterStartMb).filter((value): value is number => value !== undefined);
  return {
    name,
    entry,
    runs: results,
    ready: summarize(results.map((r) => r.readyMs)),
    rssAfterStartMb: rss.length > 0 ? round(rss.reduce((a, b) => a + b, 0) / rss.length) : undefined,
  };
}

export interface Phases {
  nodeAndLoaderMs: number;
  importModulesMs: number;
  loadContentMs: number;
  buildIndexMs: number;
  openDatabaseMs: number;
}

/** Where start-up time goes, measured inside a fresh process (see bench/startup-phases.ts). */
function phases(dir: string): Phases {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/startup-phases.ts', join(dir, 'phases.db')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CONTENT_DIR: resolve(ROOT, 'content') },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Phases;
}

/**
 * Time from spawning the process to its "ready" log line (console adapter, fresh database file each run, stdin
 * kept open), resident memory at ready, and a clean SIGTERM stop; for `npm start` (the built bundle with its content snapshot) and, as the baseline, for the sources run through tsx.
 */
export async function runStartupBenchmark(runs = 5): Promise<SectionResult> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  try {
    if (!isBuildFresh()) await build();
    const npmStart = await measure(
      'npm start (node scripts/run.mjs main: the built bundle)',
      ['scripts/run.mjs', 'main'],
      dir,
      runs,
    );
    const fromSources = await measure(
      'baseline: from the sources (node --import tsx src/main.ts)',
      ['--import', 'tsx', 'src/main.ts'],
      dir,
      runs,
    );
    const variants = [npmStart, fromSources];
    const where = phases(dir);
    const rss = npmStart.rssAfterStartMb ?? Number.POSITIVE_INFINITY;
    const target: Target = {
      name: 'start-up (npm start, console)',
      goal: `median under ${STARTUP_TARGET_MS} ms, under ${STARTUP_RSS_TARGET_MB} MB resident`,
      figure: `median ${ms(npmStart.ready.p50Ms)}, worst ${ms(npmStart.ready.maxMs)} of ${runs}, ${npmStart.rssAfterStartMb} MB; ${ratio(npmStart.ready.p50Ms, fromSources.ready.p50Ms)} of the sources' ${ms(fromSources.ready.p50Ms)}`,
      met: npmStart.ready.p50Ms < STARTUP_TARGET_MS && rss < STARTUP_RSS_TARGET_MB,
    };
    return {
      name: 'startup',
      status: 'ok',
      durationMs: round(performance.now() - started),
      figures: { runsPerVariant: runs, variants, phases: where },
      tables: [
        {
          title: `Start-up: spawn to "ready" (console adapter, fresh database, ${runs} runs each), then SIGTERM`,
          columns: ['variant', 'ready p50', 'ready max', 'first run', 'bot-logged p50', 'RSS at ready', 'stop', 'exit codes'],
          rows: variants.map((variant) => [
            variant.name,
            ms(variant.ready.p50Ms),
            ms(variant.ready.maxMs),
            ms(variant.runs[0]?.readyMs),
            ms(summarize(variant.runs.map((r) => r.loggedStartupMs ?? Number.NaN)).p50Ms),
            variant.rssAfterStartMb === undefined ? undefined : `${variant.rssAfterStartMb} MB`,
            ms(summarize(variant.runs.map((r) => r.stopMs)).p50Ms),
            [...new Set(variant.runs.map((r) => (r.killed ? 'killed' : String(r.exitCode))))].join(','),
          ]),
        },
      ],
      targets: [target],
      note: `Inside one start from the sources: Node and tsx ${ms(where.nodeAndLoaderMs)}, loading modules ${ms(where.importModulesMs)}, reading and validating content ${ms(where.loadContentMs)}, building the index ${ms(where.buildIndexMs)}, opening the database ${ms(where.openDatabaseMs)}.`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}x`;
}
