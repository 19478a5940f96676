import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open.js';
import { createPorts } from '../../src/store/ports.js';

const db = openDatabase(':memory:');
const store = createPorts(db);
const now = new Date('2026-12-01T08:00:00Z');
afterAll(() => db.$client.close());

describe('GIVEN a SQLite transaction whose work awaits', () => {
  it('WHEN another caller writes meanwhile and the transaction then fails THEN the other write stays and the failed one is gone', async () => {
    const failing = store.atomically(async () => {
      expect(await store.events.claim('slack', 'inside', now)).toBe(true);
      await sleep(20);
      throw new Error('the command failed');
    });
    await sleep(5);
    // Runs while the transaction is open: it waits for it instead of joining it.
    expect(db.$client.inTransaction).toBe(true);
    const outside = store.events.claim('slack', 'outside', now);
    await expect(failing).rejects.toThrow('the command failed');
    expect(await outside).toBe(true);
    expect(await store.events.claim('slack', 'outside', now)).toBe(false);
    expect(await store.events.claim('slack', 'inside', now)).toBe(true);
  });

  it('WHEN pieces of one commit group fail THEN only their own writes roll back and the others commit', async () => {
    const pieces = ['a', 'b', 'c'].map((key) =>
      store.inCommitGroup(async () => {
        await store.events.claim('discord', `group:${key}`, now);
        await sleep(1);
        if (key === 'b') throw new Error('piece b failed');
        return key;
      }),
    );
    const outcomes = await Promise.allSettled(pieces);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.events.claim('discord', 'group:a', now)).toBe(false);
    expect(await store.events.claim('discord', 'group:b', now)).toBe(true);
    expect(await store.events.claim('discord', 'group:c', now)).toBe(false);
  });

  it('WHEN a transaction nests another that fails THEN the outer one commits without the inner writes', async () => {
    await store.atomically(async () => {
      await store.events.claim('console', 'outer', now);
      await expect(
        store.atomically(async () => {
          await store.events.claim('console', 'inner', now);
          throw new Error('inner failed');
        }),
      ).rejects.toThrow('inner failed');
    });
    expect(await store.events.claim('console', 'outer', now)).toBe(false);
    expect(await store.events.claim('console', 'inner', now)).toBe(true);
  });
});
