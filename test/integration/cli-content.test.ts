import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('cli content', () => {
  it('GIVEN content THEN the printed corpus has a glossary array of marked-apart terms with their book topics', () => {
    const run = runCli(['content'], { DATABASE_PATH: ':memory:' });
    expect(run.status).toBe(0);
    const corpus = JSON.parse(run.stdout) as { glossary: { id: string; term: string; definition: string; topics: string[] }[] };
    expect(corpus.glossary.length).toBeGreaterThanOrEqual(150);
    const cap = corpus.glossary.find((term) => term.id === 'cap-theorem');
    expect(cap?.term).toBe('CAP theorem');
    expect(cap?.topics).toContain('nosql');
  });

  it('GIVEN content --validate THEN it reports the glossary size, the quiz figures and the episodes with links', () => {
    const run = runCli(['content', '--validate'], { DATABASE_PATH: ':memory:' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^Content is valid: \d+ topics, 96 questions in 24 categories, \d+ quiz items, \d+ glossary terms\./,
    );
    expect(run.stdout).toMatch(/Glossary: (1[5-9]\d|[2-9]\d\d) terms \(not from the Cookbook\)\./);
    expect(run.stdout).toMatch(/Quiz: \d+ items; the right option is strictly the longest in \d+ \(\d+%\)\./);
    expect(run.stdout).toMatch(
      /Episodes: \d+ of \d+ listed have a link \(\d+%\); the book gives no link for #\d{3}(, #\d{3})*\./,
    );
    expect(run.stdout).toContain('#060');
    expect(run.stdout).toMatch(/Links: \d+, 1 marked broken by the book/);
  });
});
