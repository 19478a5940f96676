/**
 * Prints, as one JSON line, where the bot's start-up time goes: Node and the loader until this script runs, loading
 * the app's modules, reading and validating content/, building the content index, opening the database (pragmas and
 * migrations). Spawned by bench/startup.ts as `node --import tsx bench/startup-phases.ts <database path>`.
 */
const atScript = performance.now();
const lap = (() => {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = now - last;
    last = now;
    return Math.round(elapsed * 10) / 10;
  };
})();
const { loadCorpus } = await import('../src/core/content/load.js');
const { buildContent } = await import('../src/core/content/content.js');
const { openDatabase } = await import('../src/store/open.js');
await import('../src/app.js');
await import('../src/adapters/console/client.js');
await import('../src/scheduler/scheduler.js');
const importModulesMs = lap();
const corpus = loadCorpus(process.env.CONTENT_DIR ?? 'content');
const loadContentMs = lap();
buildContent(corpus);
const buildIndexMs = lap();
const db = openDatabase(process.argv[2] ?? ':memory:');
const openDatabaseMs = lap();
db.$client.close();
process.stdout.write(
  `${JSON.stringify({ nodeAndLoaderMs: Math.round(atScript), importModulesMs, loadContentMs, buildIndexMs, openDatabaseMs })}\n`,
);
