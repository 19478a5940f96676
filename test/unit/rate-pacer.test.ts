import { describe, expect, it } from 'vitest';
import { RatePacer } from '../../src/adapters/shared/rate-pacer.js';

/** Largest number of starts inside any span of `windowMs`. */
function busiestWindow(starts: number[], windowMs: number): number {
  let most = 0;
  for (const start of starts) most = Math.max(most, starts.filter((t) => t >= start && t < start + windowMs).length);
  return most;
}

/** Start times of sends to `count` different channels, all offered at once. */
async function startsAcrossChannels(pacer: RatePacer, count: number): Promise<number[]> {
  const starts: number[] = [];
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      pacer.run(`channel-${index}`, async () => {
        starts.push(Date.now());
      }),
    ),
  );
  return starts;
}

describe('RatePacer', () => {
  it('GIVEN more sends to one channel than its window allows THEN they go out in order, never more than the limit per window', async () => {
    const pacer = new RatePacer({ perKey: { limit: 3, windowMs: 300 } });
    const starts: number[] = [];
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        pacer.run('channel', async () => {
          starts.push(Date.now());
          order.push(index);
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(busiestWindow(starts, 295)).toBeLessThanOrEqual(3);
    expect((starts.at(-1) ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(590);
  });

  it('GIVEN many channels THEN they do not wait for each other, but the global window holds over all of them', async () => {
    const pacer = new RatePacer({ perKey: { limit: 5, windowMs: 1000 }, global: { limit: 4, windowMs: 200 } });
    const starts = await startsAcrossChannels(pacer, 12);
    expect(busiestWindow(starts, 195)).toBeLessThanOrEqual(4);
    expect((starts.at(-1) ?? 0) - (starts[0] ?? 0)).toBeLessThan(900);
  });

  it('GIVEN a margin for slow channels and none for the global window THEN the global budget is used in full', async () => {
    const pacer = new RatePacer({
      perKey: { limit: 5, windowMs: 1000 },
      global: { limit: 4, windowMs: 200, marginMs: 0 },
      marginMs: 100,
    });
    const starts = await startsAcrossChannels(pacer, 12);
    expect(busiestWindow(starts, 195)).toBeLessThanOrEqual(4);
    // With the margin on the global window too, the third four would start 600 ms after the first.
    expect((starts.at(-1) ?? 0) - (starts[0] ?? 0)).toBeLessThan(550);
  });

  it('GIVEN a send that fails THEN the error reaches its caller and the next send to the channel still goes', async () => {
    const pacer = new RatePacer({ perKey: { limit: 10, windowMs: 100 } });
    await expect(pacer.run('c', async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(pacer.run('c', async () => 'sent')).resolves.toBe('sent');
  });

  it('GIVEN a call that makes two requests THEN it counts twice', async () => {
    const pacer = new RatePacer({ perKey: { limit: 2, windowMs: 200 } });
    const starts: number[] = [];
    await pacer.run('c', async () => starts.push(Date.now()), 2);
    await pacer.run('c', async () => starts.push(Date.now()), 1);
    expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(195);
  });
});
