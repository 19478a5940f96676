import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { EditCoalescer } from '../../src/core/refresh/edit-coalescer.js';
import { rich } from '../../src/core/rich-text.js';
import type { EditMessage } from '../../src/core/view.js';
import { md } from '../support/messages.js';

const BOARD = { entity: 'stream_session' as const, id: 1 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function board(intervalMs: number) {
  let state = 0;
  const edits: { at: number; text: string | undefined }[] = [];
  const coalescer = new EditCoalescer({
    intervalMs,
    render: async () => ({ text: rich(`state ${state}`), ephemeral: false }),
    send: async (edit: EditMessage) => {
      edits.push({ at: Date.now(), text: md(edit.view.text) });
    },
    log: silentLogger,
  });
  return {
    coalescer,
    edits,
    change: () => {
      state += 1;
      coalescer.changed(BOARD);
    },
  };
}

describe('EditCoalescer', () => {
  it('GIVEN a burst of changes THEN the first edit goes at once, edits stay an interval apart, and the last shows the final state', async () => {
    const b = board(200);
    const started = Date.now();
    for (let i = 0; i < 50; i++) {
      b.change();
      await sleep(10);
    }
    const lastChange = Date.now();
    await b.coalescer.settled();
    expect(md(b.edits[0]?.text), 'the first change is shown without waiting for an interval').toBe('state 1');
    for (let i = 1; i < b.edits.length; i++) {
      expect((b.edits[i]?.at ?? 0) - (b.edits[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(195);
    }
    expect(b.edits.length).toBeLessThanOrEqual(Math.ceil((lastChange - started) / 200) + 1);
    expect(md(b.edits.at(-1)?.text)).toBe('state 50');
    // An interval after the last change at most, with room for a busy machine's late timers.
    expect((b.edits.at(-1)?.at ?? 0) - lastChange).toBeLessThanOrEqual(200 + 1000);
  });

  it('GIVEN an edit sent another way (the final summary) THEN a pending refresh is called off and the next waits a full interval', async () => {
    const b = board(150);
    b.change();
    await b.coalescer.settled();
    b.change();
    b.coalescer.sentElsewhere(BOARD);
    const at = Date.now();
    await b.coalescer.settled();
    expect(b.edits).toHaveLength(1);
    b.change();
    await b.coalescer.settled();
    expect(b.edits).toHaveLength(2);
    expect((b.edits[1]?.at ?? 0) - at).toBeGreaterThanOrEqual(140);
  });

  it('GIVEN a stop with a change pending THEN it is sent at once and later changes are ignored', async () => {
    const b = board(10_000);
    b.change();
    await b.coalescer.settled();
    b.change();
    await b.coalescer.stop();
    expect(b.edits.map((edit) => edit.text)).toEqual(['state 1', 'state 2']);
    b.change();
    await sleep(20);
    expect(b.edits).toHaveLength(2);
  });

  it('GIVEN more boards than the coalescer keeps THEN a board edited within its interval still waits for it', async () => {
    const sent: number[] = [];
    const coalescer = new EditCoalescer({
      intervalMs: 60_000,
      render: async (target) => ({ text: rich(`board ${target.id}`), ephemeral: false }),
      send: async (edit) => {
        sent.push(edit.target.id);
      },
      log: silentLogger,
    });
    coalescer.changed({ entity: 'stream_session', id: 0 });
    await coalescer.settled();
    for (let id = 1; id <= 1_200; id++) coalescer.changed({ entity: 'stream_session', id });
    await coalescer.settled();
    coalescer.changed({ entity: 'stream_session', id: 0 });
    await sleep(50);
    expect(sent.filter((id) => id === 0)).toHaveLength(1);
    await coalescer.stop();
    expect(sent.filter((id) => id === 0)).toHaveLength(2);
  });
});
