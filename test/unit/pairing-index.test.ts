import { describe, expect, it } from 'vitest';
import { burstDeliveries } from '../../bench/stream-burst.js';
import { PairingIndex } from '../../src/core/stream/pairing-index.js';
import { compareWords, contentWords } from '../../src/core/stream/similarity.js';
import { LABELLED_SUBMISSIONS } from '../fixtures/stream-labelled-set.js';

const burst = burstDeliveries({
  submissions: 400,
  users: 100,
  redeliveryShare: 0,
  repeatShare: 0.2,
  pacedPerSecond: 200,
  seed: 7,
}).map((delivery) => /question:"([^"]*)"/.exec(delivery.line)?.[1] ?? '');
const texts = [...LABELLED_SUBMISSIONS.map((entry) => entry.text), ...burst, 'namenode', 'name node', 'kafka', 'kafak'];
const context = new Set(['kafka']);

/** The index may only leave out what the full comparison finds different: it must never hide a match. */
describe('looking up stored questions that could match a new one', () => {
  const tokens = texts.map(contentWords);
  const index = new PairingIndex<number>();
  tokens.forEach((words, i) => index.add(i, words, context));

  it('GIVEN every pair of a labelled set and a burst THEN each pair found the same is among the plausible ones', () => {
    let same = 0;
    tokens.forEach((words, i) => {
      const plausible = new Set(index.plausible(words, 'same').map((entry) => entry.item));
      tokens.forEach((other, j) => {
        if (compareWords(words, other, context).verdict !== 'same') return;
        same++;
        expect(plausible.has(j), `"${texts[i]}" / "${texts[j]}"`).toBe(true);
      });
      expect(plausible.size).toBeLessThan(texts.length / 4);
    });
    expect(same).toBeGreaterThan(texts.length);
  });

  it('GIVEN every pair THEN each pair found close or the same is among the plausible ones of that reach', () => {
    tokens.forEach((words, i) => {
      const plausible = new Set(index.plausible(words, 'close').map((entry) => entry.item));
      tokens.forEach((other, j) => {
        if (compareWords(words, other, context).verdict === 'different') return;
        expect(plausible.has(j), `"${texts[i]}" / "${texts[j]}"`).toBe(true);
      });
    });
  });
});
