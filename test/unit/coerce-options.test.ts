import { describe, expect, test } from 'vitest';
import type { OptionSpec } from '../../src/core/command-kit/define.js';
import { coerceOptions } from '../../src/core/command-kit/options.js';

const specs: OptionSpec[] = [
  { name: 'ratio', type: 'number', description: 'A share', min: 0, max: 1 },
  { name: 'where', type: 'channel', description: 'A channel' },
];

describe('GIVEN a command with a number and a channel option', () => {
  test('WHEN they are typed as text THEN the number is a number and the channel its bare id', () => {
    expect(coerceOptions(['typed'], specs, { ratio: ' 0.25 ', where: '<#C024BE91L|general>' })).toEqual({
      ratio: 0.25,
      where: 'C024BE91L',
    });
    expect(coerceOptions(['typed'], specs, { where: '#general' })).toEqual({ where: 'general' });
  });

  test.each([
    [{ ratio: 'half' }, '"ratio" must be a number.'],
    [{ ratio: 'Infinity' }, '"ratio" must be a number.'],
    [{ ratio: 2 }, '"ratio" must be at most 1.'],
    [{ where: '<#C1> and more' }, '"where" must name a channel.'],
  ])('WHEN %j is given THEN it is refused with "%s"', (raw, message) => {
    expect(() => coerceOptions(['typed'], specs, raw)).toThrow(message);
  });
});
