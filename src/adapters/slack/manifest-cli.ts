import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { Registry } from '../../core/command-kit/registry.js';
import { allCommands } from '../../core/commands/all.js';
import { buildManifest, MANIFEST_PATH, manifestJson } from './manifest.js';

const { values } = parseArgs({ options: { 'request-url': { type: 'string' }, stdout: { type: 'boolean', default: false } } });
const requestUrl = values['request-url'];
const manifest = buildManifest(new Registry(allCommands), requestUrl ? { requestUrl } : {});
if (values.stdout || requestUrl) {
  process.stdout.write(manifestJson(manifest));
} else {
  mkdirSync(dirname(MANIFEST_PATH), { recursive: true });
  writeFileSync(MANIFEST_PATH, manifestJson(manifest));
  process.stdout.write(`Wrote ${MANIFEST_PATH}\n`);
}
