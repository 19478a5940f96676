// Builds what `npm start` and the CLI run: one esbuild bundle of src/ (packages stay external, the platform adapters
// stay chunks loaded on demand) and a snapshot of the validated content/ beside it. `npm install` runs it; start.mjs
// runs it again whenever a source is newer than the last build.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'dist', 'bundle');
const STAMP = join(OUT_DIR, 'stamp.json');
const ENTRIES = { main: 'src/main.ts', cli: 'src/cli.ts' };

/** The newest modification time and the number of files of everything a build reads, content/ included. */
function sourceState() {
  let newestMs = 0;
  let files = 0;
  /** @param {string} path */
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
      return;
    }
    files += 1;
    newestMs = Math.max(newestMs, stat.mtimeMs);
  };
  for (const path of ['src', 'content', 'package-lock.json', 'scripts/build.mjs']) visit(join(ROOT, path));
  return { newestMs, files };
}

export function isBuildFresh() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return false;
  }
  const now = sourceState();
  return stamp.newestMs === now.newestMs && stamp.files === now.files;
}

export async function build() {
  const state = sourceState();
  const { build: bundle, stop } = await import('esbuild');
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  try {
    await bundle({
      absWorkingDir: ROOT,
      entryPoints: ENTRIES,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      splitting: true,
      sourcemap: true,
      outdir: OUT_DIR,
      outExtension: { '.js': '.mjs' },
      logLevel: 'error',
    });
  } finally {
    await stop();
  }
  // The web pages' browser files are read beside the code that serves them.
  cpSync(join(ROOT, 'src/adapters/web/assets'), join(OUT_DIR, 'assets'), { recursive: true });
  // Validated at build time: a corpus with a problem fails the build with the validator's own message.
  execFileSync(process.execPath, [join(OUT_DIR, 'cli.mjs'), 'content', '--snapshot', join(OUT_DIR, 'content-snapshot.json')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  writeFileSync(STAMP, JSON.stringify(state));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build().catch((error) => {
    process.stderr.write(`The build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
