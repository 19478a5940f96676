import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, stop as stopEsbuild } from 'esbuild';
import { ROOT } from './app.js';
import { type BotProcess, startBotProcess } from './bot-process.js';
import { ms, type SectionResult, type Target } from './report.js';
import { round, summarize, type Timing } from './stats.js';

export const STARTUP_TARGET_MS = 1500;

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

/**
 * Bundles src/main.ts with esbuild (packages stay external, the platform adapters stay lazily loaded chunks), laid
 * out so that the migrations and node_modules resolve as from src/store.
 */
async function bundle(dir: string): Promise<string> {
  const outdir = join(dir, 'dist', 'bundle');
  mkdirSync(outdir, { recursive: true });
  symlinkSync(resolve(ROOT, 'node_modules'), join(dir, 'node_modules'));
  symlinkSync(resolve(ROOT, 'migrations'), join(dir, 'migrations'));
  await build({
    entryPoints: [resolve(ROOT, 'src/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    splitting: true,
    outdir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'silent',
  });
  // esbuild's JS API runs a service process; end it rather than leave it to the exit of this one.
  await stopEsbuild();
  return join(outdir, 'main.mjs');
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
 * kept open), resident memory at ready, and a clean SIGTERM stop; for `npm start` (tsx) and for an esbuild bundle.
 */
export async function runStartupBenchmark(runs = 5): Promise<SectionResult> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  try {
    const tsx = await measure('npm start (node --import tsx src/main.ts)', ['--import', 'tsx', 'src/main.ts'], dir, runs);
    const bundled = await bundle(dir);
    const built = await measure('bundled (esbuild, node main.mjs)', [bundled], dir, runs);
    const variants = [tsx, built];
    const where = phases(dir);
    const met = tsx.ready.p50Ms < STARTUP_TARGET_MS;
    const target: Target = {
      name: 'start-up (npm start, console)',
      goal: `under ${STARTUP_TARGET_MS} ms`,
      figure: `median ${ms(tsx.ready.p50Ms)}, worst ${ms(tsx.ready.maxMs)} of ${runs}; bundled median ${ms(built.ready.p50Ms)}`,
      met,
      ...(met
        ? {}
        : {
            note: startupNote(tsx.ready.p50Ms, built.ready.p50Ms, where),
          }),
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
      note: `Inside one start: Node and tsx ${ms(where.nodeAndLoaderMs)}, loading modules ${ms(where.importModulesMs)}, reading and validating content ${ms(where.loadContentMs)}, building the index ${ms(where.buildIndexMs)}, opening the database ${ms(where.openDatabaseMs)}.`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function startupNote(tsxMs: number, bundledMs: number, where: Phases): string {
  const over = `${ms(tsxMs - STARTUP_TARGET_MS)} over (${(tsxMs / STARTUP_TARGET_MS).toFixed(2)}x)`;
  const parts = [
    `Node and tsx ${ms(where.nodeAndLoaderMs)}`,
    `modules ${ms(where.importModulesMs)}`,
    `content validation ${ms(where.loadContentMs)}`,
    `index ${ms(where.buildIndexMs)}`,
    `database ${ms(where.openDatabaseMs)}`,
  ].join(', ');
  const fix =
    bundledMs < STARTUP_TARGET_MS
      ? `starting the esbuild bundle (${ms(bundledMs)}) reaches it`
      : `a bundle alone gives ${ms(bundledMs)}; the rest would need the content validated at build time and loaded as one JSON snapshot, and the platform adapters loaded lazily`;
  return `${over}. Inside one start: ${parts}; ${fix}.`;
}
