import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../support/app.js';

const NEEDED = ['package.json', 'src', 'content', 'migrations', 'node_modules'];

function canRun(folder: string, identity: { uid: number; gid: number }): boolean {
  const probe = spawnSync(process.execPath, ['--import', 'tsx', '-e', 'process.exit(0)'], {
    cwd: folder,
    ...identity,
    stdio: 'ignore',
    timeout: 20_000,
  });
  return probe.status === 0;
}

/**
 * A folder from which `identity` can run the bot: the project itself when that user may read it, else a copy in a
 * world-readable temporary folder (hard links where the file system allows, so it is cheap). CI clones the project
 * into folders only root may enter, and an ordinary user is what makes file permissions bind.
 */
export function readableProject(identity: { uid: number; gid: number }): { root: string; dispose(): void } {
  if (canRun(PROJECT_ROOT, identity)) return { root: PROJECT_ROOT, dispose() {} };
  const base = mkdtempSync(join(tmpdir(), 'readable-project-'));
  chmodSync(base, 0o755);
  for (const entry of NEEDED) {
    const from = join(PROJECT_ROOT, entry);
    const to = join(base, entry);
    const linked = spawnSync('cp', ['-al', from, to], { stdio: 'ignore' });
    if (linked.status !== 0) cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  }
  spawnSync('chmod', ['-R', 'a+rX', base], { stdio: 'ignore' });
  if (!canRun(base, identity)) throw new Error(`user ${identity.uid} cannot run the bot from ${base} either`);
  return { root: base, dispose: () => rmSync(base, { recursive: true, force: true }) };
}
