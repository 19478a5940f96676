import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookAnsweredIds } from '../../src/core/community/book-answers.js';
import { loadCorpus } from '../../src/core/content/load.js';
import { PROJECT_ROOT } from '../support/app.js';

describe("questions the Cookbook's current edition already answers", () => {
  it('GIVEN the list THEN every entry names a question of the shipped content', () => {
    const ids = new Set(loadCorpus(resolve(PROJECT_ROOT, 'content')).questions.map((question) => question.id));
    const listed = bookAnsweredIds();
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((id) => !ids.has(id))).toEqual([]);
  });
});
