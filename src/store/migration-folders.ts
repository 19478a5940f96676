import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The committed migrations, two folders above this file: in the sources (src/store) and in the built bundle
 * (dist/bundle, where every module of the store lands in one folder) alike.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const MIGRATIONS_FOLDER = resolve(ROOT, 'migrations');
export const PG_MIGRATIONS_FOLDER = resolve(ROOT, 'migrations-pg');
