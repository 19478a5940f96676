// `npm start` and `npm run cli`: runs the built bundle, building it first when a source changed since the last build.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, isBuildFresh, OUT_DIR } from './build.mjs';

const [entry = 'main'] = process.argv.splice(2, 1);
if (entry !== 'main' && entry !== 'cli') {
  process.stderr.write(`Usage: node scripts/run.mjs main|cli [arguments]\n`);
  process.exit(2);
}
if (!isBuildFresh()) {
  try {
    await build();
  } catch (error) {
    process.stderr.write(`The build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(join(OUT_DIR, `${entry}.mjs`)).href);
