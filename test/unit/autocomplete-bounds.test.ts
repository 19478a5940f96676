import { afterAll, describe, expect, it } from 'vitest';
import { completeOption } from '../../src/core/command-kit/complete.js';
import type { StringOption } from '../../src/core/command-kit/define.js';
import { suggestTimeZones } from '../../src/core/daily/schedule.js';
import { createTestApp } from '../support/app.js';

const app = await createTestApp();
afterAll(() => app.close());

function optionOf(path: string[], name: string): StringOption {
  const found = app.deps.registry.resolve(path);
  if (!found || 'group' in found) throw new Error(`no command ${path.join(' ')}`);
  const option = (found.leaf.options ?? []).find((candidate) => candidate.name === name);
  if (option?.type !== 'string') throw new Error(`no string option ${name}`);
  return option;
}

describe('autocomplete reads no more than an option can hold', () => {
  it('GIVEN 10,000 characters typed into /topic query THEN only the first 100 are searched', () => {
    const query = optionOf(['topic'], 'query');
    expect(completeOption(query, 'kafka', app.deps).map((c) => c.value)).toContain('kafka');
    // A word that sits past the option's 100-character limit is never read.
    expect(completeOption(query, `${'x'.repeat(9_990)} kafka`, app.deps)).toEqual([]);
  });

  it('GIVEN 10,000 characters typed into /daily schedule timezone THEN the suggestions are those of the first 64', () => {
    const timezone = optionOf(['daily', 'schedule'], 'timezone');
    const typed = `Europe/Berlin${'n'.repeat(9_987)}`;
    expect(completeOption(timezone, typed, app.deps)).toEqual(completeOption(timezone, typed.slice(0, 64), app.deps));
  });

  it('GIVEN a zone name with a typo THEN the bounded edit distance still finds it', () => {
    expect(suggestTimeZones('Europe/Berlni')).toContain('Europe/Berlin');
    expect(suggestTimeZones('Amercia/New_York')).toContain('America/New_York');
  });

  it('GIVEN a time zone of 10,000 characters THEN suggestions look only at what a zone name can be', () => {
    const long = `Asia/Kolkata${'a'.repeat(9_988)}`;
    expect(suggestTimeZones(long)).toEqual(suggestTimeZones(long.slice(0, 64)));
  });
});
