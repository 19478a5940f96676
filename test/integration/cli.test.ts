import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleProfile } from '../../src/adapters/console/profile.js';
import { availableOn, type CommandDefinition } from '../../src/core/command-kit/define.js';
import { Registry } from '../../src/core/command-kit/registry.js';
import { allCommands } from '../../src/core/commands/all.js';
import { runCli, runStart } from '../support/cli.js';
import { md } from '../support/messages.js';

const freshDb = () => ({ DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'cli-')), 'bot.db') });

describe('the one-shot CLI', () => {
  it('GIVEN say --json "/help" THEN it prints a JSON array whose first view lists every command', () => {
    const run = runCli(['say', '--json', '/help'], freshDb());
    expect(run.status).toBe(0);
    const messages = JSON.parse(run.stdout) as { kind: string; view: { text: string; ephemeral: boolean } }[];
    expect(messages[0]?.kind).toBe('reply');
    const registry = new Registry(allCommands);
    const onConsole = registry
      .leaves()
      .filter(
        (c) => !c.leaf.hidden && availableOn(registry.definition(c.path[0] as string) as CommandDefinition, consoleProfile),
      );
    for (const command of onConsole) {
      expect(md(messages[0]?.view.text)).toContain(`/${command.path.join(' ')}**`);
    }
  });

  it('GIVEN an unknown command THEN one clear sentence, exit code 1, no stack trace', () => {
    const run = runCli(['say', '/nonsense'], freshDb());
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('There is no command "/nonsense". Type /help to see every command.');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it('GIVEN a value of the wrong type THEN the option is named, exit code 1', () => {
    const run = runCli(['say', '/quiz answer choice:many'], freshDb());
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('"choice" must be a whole number.');
  });

  it('GIVEN a missing required option THEN the option is named with what it is for', () => {
    const run = runCli(['say', '/topic'], freshDb());
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('needs the option "query"');
  });

  it("GIVEN consecutive calls on the same DATABASE_PATH THEN the second sees the first one's effects", () => {
    const env = freshDb();
    const dealt = runCli(['say', '--user', 'ana', '/quiz topic:kafka'], env);
    expect(dealt.status).toBe(0);
    const answered = runCli(['say', '--user', 'ana', '/quiz answer choice:1'], env);
    expect(answered.status).toBe(0);
    expect(answered.stdout).toMatch(/Right answer|Wrong answer/);
  });

  it('GIVEN content THEN the whole validated corpus prints as JSON', () => {
    const run = runCli(['content'], { DATABASE_PATH: ':memory:' });
    expect(run.status).toBe(0);
    const corpus = JSON.parse(run.stdout) as { topics: unknown[]; questions: unknown[]; quiz: unknown[] };
    expect(corpus.questions).toHaveLength(96);
    expect(corpus.topics.length).toBeGreaterThan(100);
    expect(corpus.quiz.length).toBeGreaterThanOrEqual(150);
  });

  it('GIVEN complete "/topic spa" THEN a JSON array of at most 25 choices, Spark first', () => {
    const run = runCli(['complete', '/topic spa'], freshDb());
    const choices = JSON.parse(run.stdout) as { name: string; value: string }[];
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]?.value).toBe('spark');
  });

  it('GIVEN a corrupt database file THEN start-up stops with a message naming the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const path = join(dir, 'bot.db');
    writeFileSync(path, 'this is not a database'.repeat(200));
    const run = runCli(['say', '/help'], { DATABASE_PATH: path });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`Cannot open the database at ${path}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('GIVEN a database path that cannot be created THEN start-up names the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    writeFileSync(join(dir, 'not-a-folder'), 'a file where a folder should be');
    const path = join(dir, 'not-a-folder', 'bot.db');
    const run = runCli(['say', '/help'], { DATABASE_PATH: path });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`Cannot open the database at ${path}`);
  });
});

describe('npm start with no platform tokens', () => {
  it('GIVEN "/help" on standard input THEN the console renders help and exits 0 at end of input', () => {
    const run = runStart('/help\n', freshDb());
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('== Cookbook bot commands ==');
    expect(run.stdout).toContain('/topic');
  });

  it('GIVEN /quit THEN the console exits cleanly before reading further lines', () => {
    const run = runStart('/quit\n/help\n', freshDb());
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('Cookbook bot commands');
  });
});
