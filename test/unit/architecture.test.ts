import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/app.js';

const FORBIDDEN = [/^discord\.js/, /^@slack\//, /^node-cron/, /^better-sqlite3/, /^drizzle-orm/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('the platform-neutral core', () => {
  it('GIVEN every file under src/core THEN none imports a platform SDK, node-cron or the database driver', () => {
    const offenders: string[] = [];
    const files = sourceFiles(resolve(PROJECT_ROOT, 'src/core'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const specifier = match[1] ?? '';
        if (FORBIDDEN.some((pattern) => pattern.test(specifier))) offenders.push(`${file}: ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
