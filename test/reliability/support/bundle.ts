import { resolve } from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../../support/app.js';

/**
 * Bundles a driver script into one ES module so each crash run starts in plain node, without the TypeScript
 * loader. It lands two folders below the project root, so src/store/open.ts still finds ../../migrations.
 */
export async function bundleDriver(name: string): Promise<string> {
  const outfile = resolve(PROJECT_ROOT, 'node_modules/.cache', `reliability-${name}.mjs`);
  await build({
    entryPoints: [resolve(PROJECT_ROOT, 'test/reliability/drivers', `${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}
