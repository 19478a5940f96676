import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContent } from '../../src/core/content/content.js';
import { loadCorpus } from '../../src/core/content/load.js';
import { suggestCategory } from '../../src/core/stream/categories.js';
import { suggestTopic } from '../../src/core/stream/classify.js';
import { judgeSubmission } from '../../src/core/stream/duplicates.js';
import type { MatchCandidate } from '../../src/core/stream/ports.js';
import { matchingKey } from '../../src/core/stream/similarity.js';
import { LABELLED_SUBMISSIONS, type LabelledSubmission } from '../fixtures/stream-labelled-set.js';
import { PROJECT_ROOT } from '../support/app.js';

const content = buildContent(loadCorpus(resolve(PROJECT_ROOT, 'content')));

/** The question an entry asks, by the key of the first entry that asked it (or its own position). */
function lineage(entry: LabelledSubmission, index: number): string {
  if (entry.expected.kind === 'same') return entry.expected.key;
  if (entry.expected.kind === 'new' && entry.expected.key) return entry.expected.key;
  return `#${index}`;
}

interface Run {
  actions: number;
  rightActions: number;
  expectedActions: number;
  mistakes: string[];
}

/** Replays the set as one session: kept questions join the candidates later submissions are compared with. */
function replay(): Run {
  const candidates: MatchCandidate[] = [];
  const asked = new Map<number, string>();
  const run: Run = { actions: 0, rightActions: 0, expectedActions: 0, mistakes: [] };
  LABELLED_SUBMISSIONS.forEach((entry, index) => {
    const judgement = judgeSubmission(entry.text, index + 1, candidates, content);
    const expected = entry.expected;
    if (expected.kind !== 'new') run.expectedActions++;
    if (judgement.kind === 'book' || judgement.kind === 'community' || judgement.kind === 'own') {
      run.actions++;
      const right =
        judgement.kind === 'book'
          ? expected.kind === 'book' && expected.id === judgement.question.id
          : expected.kind === 'same' && asked.get(judgement.candidate.id) === expected.key;
      if (right) run.rightActions++;
      else {
        const target = judgement.kind === 'book' ? judgement.question.text : judgement.candidate.normalized;
        run.mistakes.push(`wrong ${judgement.kind}: "${entry.text}" -> "${target}"`);
      }
      return;
    }
    if (expected.kind !== 'new') run.mistakes.push(`missed ${expected.kind}: "${entry.text}"`);
    const id = candidates.length + 1;
    candidates.push({
      id,
      sessionId: 1,
      authorId: index + 1,
      normalized: matchingKey(entry.text),
      category: undefined,
      status: 'pending',
    });
    asked.set(id, lineage(entry, index));
  });
  return run;
}

const percent = (part: number, whole: number) => (whole === 0 ? 100 : (100 * part) / whole);

describe('duplicate judgement and topic suggestions on a labelled set of stream submissions', () => {
  it('GIVEN the set THEN it holds at least 150 submissions of every kind', () => {
    const kinds = new Set(LABELLED_SUBMISSIONS.map((entry) => entry.expected.kind));
    expect(LABELLED_SUBMISSIONS.length).toBeGreaterThanOrEqual(150);
    expect([...kinds].sort()).toEqual(['book', 'new', 'same']);
    for (const entry of LABELLED_SUBMISSIONS) {
      if (entry.expected.kind === 'book') expect(content.question(entry.expected.id), entry.text).toBeDefined();
      for (const topic of entry.topics) expect(content.topic(topic), `${entry.text}: ${topic}`).toBeDefined();
    }
  });

  it('GIVEN the set replayed as a session THEN merges and refusals are right at least 95% of the time and find 80%', () => {
    const run = replay();
    const precision = percent(run.rightActions, run.actions);
    const recall = percent(run.rightActions, run.expectedActions);
    console.log(
      [
        `labelled submissions: ${LABELLED_SUBMISSIONS.length}`,
        `automatic merges and refusals: ${run.actions}, right: ${run.rightActions} (precision ${precision.toFixed(1)}%)`,
        `repeats and book questions found: ${run.rightActions} of ${run.expectedActions} (recall ${recall.toFixed(1)}%)`,
        ...run.mistakes.map((line) => `  ${line}`),
      ].join('\n'),
    );
    expect(precision).toBeGreaterThanOrEqual(95);
    expect(recall).toBeGreaterThanOrEqual(80);
  });

  it('GIVEN the set THEN the suggested topic fits or there is none in at least 90% of cases', () => {
    let fitting = 0;
    let suggested = 0;
    const wrong: string[] = [];
    for (const entry of LABELLED_SUBMISSIONS) {
      const topic = suggestTopic(entry.text, undefined, content);
      if (topic !== undefined) suggested++;
      if (topic === undefined || entry.topics.includes(topic)) fitting++;
      else wrong.push(`  "${entry.text}" -> ${topic}`);
    }
    const share = percent(fitting, LABELLED_SUBMISSIONS.length);
    console.log(
      [
        `topic suggestions: ${suggested} made, ${LABELLED_SUBMISSIONS.length - suggested} abstained; right or abstaining ${share.toFixed(1)}%`,
        ...wrong,
      ].join('\n'),
    );
    expect(share).toBeGreaterThanOrEqual(90);
  });

  it('GIVEN the set THEN the suggested category fits or there is none in at least 90% of cases', () => {
    let fitting = 0;
    let suggested = 0;
    const wrong: string[] = [];
    for (const entry of LABELLED_SUBMISSIONS) {
      const category = suggestCategory(entry.text, content);
      if (category !== undefined) suggested++;
      if (category === undefined || entry.categories.includes(category)) fitting++;
      else wrong.push(`  "${entry.text}" -> ${category}`);
    }
    const share = percent(fitting, LABELLED_SUBMISSIONS.length);
    console.log(
      [
        `category suggestions: ${suggested} made, ${LABELLED_SUBMISSIONS.length - suggested} abstained; right or abstaining ${share.toFixed(1)}%`,
        ...wrong,
      ].join('\n'),
    );
    expect(share).toBeGreaterThanOrEqual(90);
  });
});
