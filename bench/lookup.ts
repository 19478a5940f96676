import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { runConsoleLine } from '../src/adapters/console/routes.js';
import type { App } from '../src/app.js';
import { topicChoices } from '../src/core/commands/topic.js';
import { buildContent } from '../src/core/content/content.js';
import type { Topic } from '../src/core/content/types.js';
import type { Deps } from '../src/core/deps.js';
import { type Engine, fuseEngine, miniSearchEngine } from './lookup-engines.js';
import { ms, pct, type SectionResult, type Target, times } from './report.js';
import { type Budget, ratio, round, summarize, type Timing, timeCalls } from './stats.js';
import { scaleTopics } from './synthetic-corpus.js';

export interface LookupCase {
  query: string;
  topic: string;
}

interface Quality {
  cases: number;
  firstPlace: number;
  firstPlaceRate: number;
}

interface EngineFigures {
  engine: string;
  buildMs: number;
  search: Quality & {
    wordQueriesFirstPlaceRate: number;
    latency: Timing;
    /** Share of calls slower than the 2 ms target. */
    over2msShare: number;
    /** The queries with the highest median time, with that median. */
    slowest: { query: string; p50Ms: number }[];
  };
  autocomplete: Quality & { top5: number; top5Rate: number; latency: Timing; over2msShare: number };
}

interface CorpusFigures {
  corpus: string;
  topics: number;
  queries: number;
  prefixes: number;
  engines: EngineFigures[];
  /** Own engine's latency divided by each baseline's (below 1 = faster than the baseline). */
  latencyRatios: Record<
    string,
    { searchP50: number | undefined; searchP99: number | undefined; autocompleteP99: number | undefined }
  >;
}

const SECTION_QUERY = /^\d+(\.\d+)*$/;
/** Per engine and task; the real corpus gets many passes, the 50x corpus as many as fit. */
const REAL_BUDGET: Budget = { warmUp: 100, budgetMs: 1500, minPasses: 1, maxPasses: 300 };
const SCALED_BUDGET: Budget = { warmUp: 2, budgetMs: 1500, minPasses: 1, maxPasses: 50 };
/** Queries and prefixes sampled for the 50x corpus (Fuse.js takes over a second per query there). */
const SCALED_SAMPLE = 12;
const SCALE = 50;

export function loadLookupSet(root: string): LookupCase[] {
  return JSON.parse(readFileSync(resolve(root, 'test/fixtures/lookup-set.json'), 'utf8')) as LookupCase[];
}

/** Prefixes a person types on the way to each query: 2 and 3 characters, half, and all but the last. */
export function prefixesOf(cases: readonly LookupCase[]): LookupCase[] {
  const out = new Map<string, LookupCase>();
  for (const { query, topic } of cases) {
    const lengths = [2, 3, Math.ceil(query.length / 2), query.length - 1];
    for (const length of lengths) {
      const prefix = query.slice(0, length).trimEnd();
      if (length >= 2 && length < query.length && prefix.length >= 2 && !out.has(prefix))
        out.set(prefix, { query: prefix, topic });
    }
  }
  return [...out.values()];
}

function everyNth<T>(items: readonly T[], count: number): T[] {
  const step = Math.max(1, Math.floor(items.length / count));
  return items.filter((_, i) => i % step === 0).slice(0, count);
}

function hits(results: readonly string[][], cases: readonly LookupCase[], topN: number, keep = (_c: LookupCase) => true) {
  let first = 0;
  let top = 0;
  let counted = 0;
  cases.forEach((c, i) => {
    if (!keep(c)) return;
    counted++;
    const ids = results[i] ?? [];
    if (ids[0] === c.topic) first++;
    if (ids.slice(0, topN).includes(c.topic)) top++;
  });
  return { first, top, counted };
}

function overShare(samples: readonly number[], limitMs: number): number {
  return round(samples.filter((sample) => sample > limitMs).length / Math.max(1, samples.length));
}

function slowest(cases: readonly LookupCase[], samples: readonly number[], count: number) {
  return cases
    .map((c, i) => ({ query: c.query, p50Ms: summarize(samples.filter((_, k) => k % cases.length === i)).p50Ms }))
    .sort((a, b) => b.p50Ms - a.p50Ms)
    .slice(0, count);
}

function measureEngine(
  engine: Engine,
  autocomplete: (partial: string) => string[],
  cases: readonly LookupCase[],
  prefixes: readonly LookupCase[],
  budget: Budget,
): EngineFigures {
  const search = timeCalls(cases, (c) => engine.search(c.query, 3), budget);
  const searchHits = hits(search.results, cases, 1);
  const wordHits = hits(search.results, cases, 1, (c) => !SECTION_QUERY.test(c.query));
  const complete = timeCalls(prefixes, (c) => autocomplete(c.query), budget);
  const completeHits = hits(complete.results, prefixes, 5);
  return {
    engine: engine.name,
    buildMs: round(engine.buildMs),
    search: {
      cases: cases.length,
      firstPlace: searchHits.first,
      firstPlaceRate: round(searchHits.first / cases.length),
      wordQueriesFirstPlaceRate: round(wordHits.first / Math.max(1, wordHits.counted)),
      latency: summarize(search.samples),
      over2msShare: overShare(search.samples, 2),
      slowest: slowest(cases, search.samples, 3),
    },
    autocomplete: {
      cases: prefixes.length,
      firstPlace: completeHits.first,
      firstPlaceRate: round(completeHits.first / prefixes.length),
      top5: completeHits.top,
      top5Rate: round(completeHits.top / prefixes.length),
      latency: summarize(complete.samples),
      over2msShare: overShare(complete.samples, 2),
    },
  };
}

function measureCorpus(
  label: string,
  topics: readonly Topic[],
  deps: Deps,
  cases: readonly LookupCase[],
  prefixes: readonly LookupCase[],
  budget: Budget,
): CorpusFigures {
  // The bot's own index is built the way start-up builds it, and autocomplete runs exactly as the adapters call it.
  const buildStarted = performance.now();
  const content = buildContent({ ...deps.content, topics: [...topics] });
  const own: Engine = {
    name: 'cookbook-bot',
    buildMs: performance.now() - buildStarted,
    search: (query, limit) => content.index.search(query, limit).map((hit) => hit.topic.id),
  };
  const ownDeps: Deps = { ...deps, content };
  const engines: [Engine, (partial: string) => string[]][] = [
    [own, (partial) => topicChoices(partial, ownDeps).map((choice) => choice.value)],
  ];
  for (const make of [fuseEngine, miniSearchEngine]) {
    const engine = make(topics);
    engines.push([engine, (partial) => engine.search(partial, 25)]);
  }
  const figures = engines.map(([engine, complete]) => measureEngine(engine, complete, cases, prefixes, budget));
  const ownFigures = figures[0] as EngineFigures;
  const latencyRatios: CorpusFigures['latencyRatios'] = {};
  for (const baseline of figures.slice(1)) {
    latencyRatios[baseline.engine] = {
      searchP50: ratio(ownFigures.search.latency.p50Ms, baseline.search.latency.p50Ms),
      searchP99: ratio(ownFigures.search.latency.p99Ms, baseline.search.latency.p99Ms),
      autocompleteP99: ratio(ownFigures.autocomplete.latency.p99Ms, baseline.autocomplete.latency.p99Ms),
    };
  }
  return {
    corpus: label,
    topics: topics.length,
    queries: cases.length,
    prefixes: prefixes.length,
    engines: figures,
    latencyRatios,
  };
}

/** The whole /topic command as a console user runs it: parse, options, directory write, search, view. */
async function measureCommand(app: App, cases: readonly LookupCase[]): Promise<Timing> {
  const identity = { userId: 'bench', name: 'Bench', role: 'everyone' as const, channel: 'bench' };
  const now = new Date('2026-12-01T10:00:00Z');
  const samples: number[] = [];
  for (let pass = 0; pass < 6; pass++) {
    for (const { query } of cases) {
      const started = performance.now();
      await runConsoleLine(`/topic query:"${query}"`, identity, app.deps, now);
      if (pass > 0) samples.push(performance.now() - started);
    }
  }
  return summarize(samples);
}

export async function runLookupBenchmark(app: App, root: string): Promise<SectionResult> {
  const started = performance.now();
  const cases = loadLookupSet(root);
  const prefixes = prefixesOf(cases);
  const real = measureCorpus('real', app.deps.content.topics, app.deps, cases, prefixes, REAL_BUDGET);
  const command = await measureCommand(app, cases);
  const scaledTopics = scaleTopics(app.deps.content.topics, SCALE);
  const scaled = measureCorpus(
    `${SCALE}x`,
    scaledTopics,
    app.deps,
    everyNth(cases, SCALED_SAMPLE),
    everyNth(prefixes, SCALED_SAMPLE),
    SCALED_BUDGET,
  );

  const ownReal = real.engines[0] as EngineFigures;
  const baselines = real.engines.slice(1);
  const bestBaseline = Math.max(...baselines.map((engine) => engine.search.firstPlaceRate));
  const targets: Target[] = [
    {
      name: 'lookup first-place hits',
      goal: `above Fuse.js and MiniSearch`,
      figure: `${pct(ownReal.search.firstPlaceRate)} vs ${baselines.map((b) => `${b.engine} ${pct(b.search.firstPlaceRate)}`).join(', ')}; word queries only ${pct(ownReal.search.wordQueriesFirstPlaceRate)} vs ${baselines.map((b) => `${b.engine} ${pct(b.search.wordQueriesFirstPlaceRate)}`).join(', ')}`,
      met: ownReal.search.firstPlaceRate > bestBaseline,
    },
    lookupLatencyTarget(
      ownReal,
      real.engines.find((engine) => engine.engine === 'MiniSearch'),
    ),
  ];

  const rows = [real, scaled].flatMap((corpus) =>
    corpus.engines.map((engine) => [
      `${corpus.corpus} (${corpus.topics} topics)`,
      engine.engine,
      ms(engine.buildMs),
      `${engine.search.firstPlace}/${engine.search.cases} (${pct(engine.search.firstPlaceRate)})`,
      ms(engine.search.latency.p50Ms),
      ms(engine.search.latency.p99Ms),
      `${pct(engine.autocomplete.firstPlaceRate)} / ${pct(engine.autocomplete.top5Rate)}`,
      ms(engine.autocomplete.latency.p50Ms),
      ms(engine.autocomplete.latency.p99Ms),
      engine === corpus.engines[0]
        ? '1.00x'
        : times(ratio((corpus.engines[0] as EngineFigures).search.latency.p99Ms, engine.search.latency.p99Ms)),
    ]),
  );
  const growth = real.engines.map((engine, i) => {
    const big = scaled.engines[i] as EngineFigures;
    return {
      engine: engine.engine,
      build: ratio(big.buildMs, engine.buildMs),
      searchP50: ratio(big.search.latency.p50Ms, engine.search.latency.p50Ms),
      autocompleteP50: ratio(big.autocomplete.latency.p50Ms, engine.autocomplete.latency.p50Ms),
    };
  });
  return {
    name: 'lookup',
    status: 'ok',
    note: `The ${SCALE}x corpus is timed on ${scaled.queries} queries and ${scaled.prefixes} prefixes sampled from the set.`,
    durationMs: round(performance.now() - started),
    figures: { real, scaled, growth, topicCommand: command },
    tables: [
      {
        title: `Lookup: /topic search and autocomplete (${cases.length} queries, ${prefixes.length} prefixes)`,
        columns: [
          'corpus',
          'engine',
          'build',
          'first place',
          'search p50',
          'search p99',
          'autocomplete 1st / top5',
          'ac p50',
          'ac p99',
          'own p99 / this p99',
        ],
        rows,
      },
      {
        title: `Lookup: how cost grows from ${real.topics} to ${scaled.topics} topics (${SCALE}x)`,
        columns: ['engine', 'build', 'search p50', 'autocomplete p50'],
        rows: growth.map((row) => [row.engine, times(row.build), times(row.searchP50), times(row.autocompleteP50)]),
      },
      {
        title: 'Lookup: the whole /topic command through the console route (parse, options, store, search, view)',
        columns: ['case', 'samples', 'p50', 'p99', 'max'],
        rows: [['/topic <query>', command.samples, ms(command.p50Ms), ms(command.p99Ms), ms(command.maxMs)]],
      },
    ],
    targets,
  };
}

function lookupLatencyTarget(own: EngineFigures, reference: EngineFigures | undefined): Target {
  const searchP99 = own.search.latency.p99Ms;
  const autocompleteP99 = own.autocomplete.latency.p99Ms;
  const worst = Math.max(searchP99, autocompleteP99);
  const met = worst < 2;
  const slowestMedian = own.search.slowest[0];
  const tail =
    slowestMedian && slowestMedian.p50Ms < 2
      ? `Every query's median is under ${ms(slowestMedian.p50Ms)} (slowest "${slowestMedian.query}"); the p99 comes from the ${pct(own.search.over2msShare)} of searches and ${pct(own.autocomplete.over2msShare)} of autocompletes slower than 2 ms, single calls stretched by preemption and garbage collection on this shared two-core machine (load average ${loadavg()[0]?.toFixed(1)}; MiniSearch's p99 in the same run: ${ms(reference?.search.latency.p99Ms)}).`
      : `The slowest queries by median: ${own.search.slowest.map((entry) => `"${entry.query}" ${ms(entry.p50Ms)}`).join(', ')}.`;
  return {
    name: 'lookup p99 (search and autocomplete)',
    goal: 'under 2 ms',
    figure: `search p50 ${ms(own.search.latency.p50Ms)} p99 ${ms(searchP99)}, autocomplete p99 ${ms(autocompleteP99)}`,
    met,
    ...(met
      ? {}
      : {
          note: `${ms(worst - 2)} over (${times(worst / 2)}). ${tail} To reach it: shorten each call so fewer are caught by a pause: filter candidate words (shared trigram, length band) before the edit distances, reuse the edit-distance rows instead of allocating per call, and cache the last autocomplete prefixes.`,
        }),
  };
}
