import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/app.js';

const FORBIDDEN = [/^discord\.js/, /^@slack\//, /^node-cron/, /^better-sqlite3/, /^drizzle-orm/];
const COMMANDS = resolve(PROJECT_ROOT, 'src/core/commands');
const COMMAND_KIT = resolve(PROJECT_ROOT, 'src/core/command-kit');
const COMMAND_LIST = join(COMMANDS, 'all.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '');
}

/** The files a source imports from the project itself, as absolute `.ts` paths. */
function localImports(file: string): string[] {
  return specifiers(file)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
}

const inside = (dir: string) => (file: string) => !relative(dir, file).startsWith('..');
const shown = (file: string) => relative(PROJECT_ROOT, file);

describe('the platform-neutral core', () => {
  it('GIVEN every file under src/core THEN none imports a platform SDK, node-cron or the database driver', () => {
    const offenders: string[] = [];
    const files = sourceFiles(resolve(PROJECT_ROOT, 'src/core'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      for (const specifier of specifiers(file)) {
        if (FORBIDDEN.some((pattern) => pattern.test(specifier))) offenders.push(`${file}: ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('the command machinery and the commands', () => {
  it('GIVEN the command machinery THEN it imports no command: it works the same for every command', () => {
    const files = sourceFiles(COMMAND_KIT);
    expect(files.map((file) => basename(file))).toContain('dispatch.ts');
    const offenders = files.flatMap((file) =>
      localImports(file)
        .filter(inside(COMMANDS))
        .map((target) => `${shown(file)} imports ${shown(target)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('GIVEN src/core/commands THEN every file but the list declares a command or a subcommand', () => {
    const files = sourceFiles(COMMANDS).filter((file) => file !== COMMAND_LIST);
    expect(files.length).toBeGreaterThan(5);
    const offenders = files
      .filter((file) => !/\bdefine(?:Command|Subcommand)\(/.test(readFileSync(file, 'utf8')))
      .map((file) => `${shown(file)} belongs in src/core/command-kit or a feature folder`);
    expect(offenders).toEqual([]);
  });

  it('GIVEN every source outside src/core/commands THEN it reaches the commands only through their list', () => {
    const files = sourceFiles(resolve(PROJECT_ROOT, 'src')).filter((file) => !inside(COMMANDS)(file));
    const offenders = files.flatMap((file) =>
      localImports(file)
        .filter((target) => inside(COMMANDS)(target) && target !== COMMAND_LIST)
        .map((target) => `${shown(file)} imports ${shown(target)}`),
    );
    expect(offenders).toEqual([]);
  });
});
