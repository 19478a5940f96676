import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { PgTable, getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { SQLiteTable, getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../../src/store/pg/schema.js';
import * as sqliteSchema from '../../src/store/schema.js';

const require = createRequire(import.meta.url);
const { generateDrizzleJson, generateMigration } = require('drizzle-kit/api') as typeof import('drizzle-kit/api');
const PG_META = resolve(import.meta.dirname, '../../migrations-pg/meta');

/** What both dialects must agree on: names, nullability, defaults, keys, unique and plain indexes, references. */
function shapeOf(config: {
  name: string;
  columns: { name: string; notNull: boolean; hasDefault: boolean; primary: boolean; isUnique: boolean }[];
  indexes: { config: { name?: string; unique: boolean; columns: unknown[]; where?: unknown } }[];
  primaryKeys: { columns: { name: string }[] }[];
  foreignKeys: { reference: () => { columns: { name: string }[]; foreignTable: unknown; foreignColumns: { name: string }[] } }[];
}) {
  return {
    name: config.name,
    columns: config.columns
      // A primary key's default is the dialect's (SQLite's rowid, PostgreSQL's identity), so only other defaults count.
      .map((c) => ({
        name: c.name,
        notNull: c.notNull,
        default: c.hasDefault && !c.primary,
        primary: c.primary,
        unique: c.isUnique,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    indexes: config.indexes
      .map((i) => ({
        name: i.config.name,
        unique: i.config.unique,
        columns: i.config.columns.map((c) => (c as { name: string }).name),
        partial: i.config.where !== undefined,
      }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
    primaryKeys: config.primaryKeys.map((k) => k.columns.map((c) => c.name)),
    references: config.foreignKeys
      .map((f) => {
        const ref = f.reference();
        return `${ref.columns.map((c) => c.name).join(',')} -> ${ref.foreignColumns.map((c) => c.name).join(',')}`;
      })
      .sort(),
  };
}

const sqliteTables = Object.entries(sqliteSchema).filter(([, value]) => value instanceof SQLiteTable) as [string, SQLiteTable][];
const pgTables = Object.entries(pgSchema).filter(([, value]) => value instanceof PgTable) as [string, PgTable][];

describe('GIVEN the SQLite and the PostgreSQL schema', () => {
  it('THEN both define the same tables under the same names', () => {
    expect(pgTables.map(([name]) => name).sort()).toEqual(sqliteTables.map(([name]) => name).sort());
  });

  it.each(sqliteTables.map(([name]) => name))('THEN %s has the same columns, keys, indexes and references in both', (name) => {
    const sqliteTable = sqliteTables.find(([n]) => n === name)?.[1];
    const pgTable = pgTables.find(([n]) => n === name)?.[1];
    expect(sqliteTable && pgTable).toBeTruthy();
    if (!sqliteTable || !pgTable) return;
    expect(shapeOf(pgConfig(pgTable))).toEqual(shapeOf(sqliteConfig(sqliteTable)));
  });

  it('WHEN the PostgreSQL schema is compared with the last committed snapshot THEN no migration is missing', async () => {
    const last = readdirSync(PG_META)
      .filter((name) => name.endsWith('_snapshot.json'))
      .sort()
      .at(-1);
    expect(last).toBeDefined();
    const previous = JSON.parse(readFileSync(resolve(PG_META, last as string), 'utf8'));
    const current = generateDrizzleJson(pgSchema as Record<string, unknown>, previous.id);
    const statements = await generateMigration(previous, current);
    expect(statements, 'run `npm run db:generate` and commit the migration').toEqual([]);
  });
});
