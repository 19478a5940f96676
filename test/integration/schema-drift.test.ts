import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open.js';
import * as schema from '../../src/store/schema.js';

const require = createRequire(import.meta.url);
const { generateSQLiteDrizzleJson, generateSQLiteMigration } = require('drizzle-kit/api') as typeof import('drizzle-kit/api');
const META = resolve(import.meta.dirname, '../../migrations/meta');

describe('database schema and migrations', () => {
  it('GIVEN the drizzle schema WHEN compared with the last committed snapshot THEN no migration is missing', async () => {
    const snapshots = readdirSync(META)
      .filter((name) => name.endsWith('_snapshot.json'))
      .sort();
    const last = snapshots.at(-1);
    expect(last).toBeDefined();
    const previous = JSON.parse(readFileSync(resolve(META, last as string), 'utf8'));
    const current = await generateSQLiteDrizzleJson(schema as Record<string, unknown>, previous.id);
    const statements = await generateSQLiteMigration(previous, current);
    expect(statements, 'run `npm run db:generate` and commit the migration').toEqual([]);
  });

  it('GIVEN a new database WHEN opened THEN durability pragmas are set and every table exists', () => {
    const db = openDatabase(':memory:');
    const client = db.$client;
    expect(client.pragma('synchronous', { simple: true })).toBe(2);
    expect(client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(client.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
      .all()
      .map((row) => (row as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['tenants', 'channels', 'users', 'daily_posts', 'submissions', 'ledger']));
    client.close();
  });
});
