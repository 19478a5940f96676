import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open.js';
import { bundleDriver } from './support/bundle.js';
import { type Child, killChild, startChild } from './support/child.js';

const RUNS_PER_LANE = 10;
const LANES = 2;
const dir = mkdtempSync(join(tmpdir(), 'cookbook-crash-burst-'));
const children: Child[] = [];
let driver = '';
beforeAll(async () => {
  driver = await bundleDriver('submit-burst');
});
afterAll(() => {
  for (const child of children) killChild(child);
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the restarted bot finds: every check a person would notice as lost or broken data. */
function inspect(database: string, acked: Set<number>): { rows: number; missing: number[]; broken: string[] } {
  const db = openDatabase(database);
  try {
    const client = db.$client;
    const broken: string[] = [];
    const integrity = client.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') broken.push(`integrity_check: ${String(integrity)}`);
    const keys = client.pragma('foreign_key_check') as unknown[];
    if (keys.length > 0) broken.push(`foreign keys: ${JSON.stringify(keys)}`);
    const rows = client
      .prepare(
        `SELECT s.id, s.text, s.normalized, s.status, s.user_id AS userId, d.message_id AS board
           FROM submissions s LEFT JOIN deliveries d ON d.entity = 'stream_session' AND d.entity_id = s.session_id`,
      )
      .all() as {
      id: number;
      text: string;
      normalized: string;
      status: string;
      userId: number | null;
      board: string | null;
    }[];
    for (const row of rows) {
      if (row.text.length < 10 || row.normalized === '' || row.userId === null || row.status !== 'pending') {
        broken.push(`half-written submission ${JSON.stringify(row)}`);
      }
      if (acked.has(row.id) && row.board === null) broken.push(`acknowledged submission ${row.id} has no board to be listed on`);
    }
    const stored = new Set(rows.map((row) => row.id));
    return { rows: rows.length, missing: [...acked].filter((id) => !stored.has(id)), broken };
  } finally {
    db.$client.close();
  }
}

async function crashRun(database: string, seed: number): Promise<number[]> {
  const child = startChild('node', [driver, String(seed), '100000'], {
    DATABASE_PATH: database,
    STREAM_PER_USER_PER_MINUTE: '100000',
    STREAM_PER_USER_PER_SESSION: '100000',
    LOG_LEVEL: 'silent',
  });
  children.push(child);
  await child.waitFor(/^READY$/m, 30_000);
  // Anywhere from the first submission to well into the burst.
  await sleep(Math.floor(Math.random() * 700));
  child.process.kill('SIGKILL');
  const exit = await child.closed;
  expect(exit.signal, child.stdout().slice(-500)).toBe('SIGKILL');
  const lines = child.stdout().split('\n');
  const failed = lines.filter((line) => line.startsWith('NOACK') || line.startsWith('FAILED'));
  expect(failed, 'every submission of the burst is accepted').toEqual([]);
  const acked = lines.filter((line) => line.startsWith('ACK ')).map((line) => Number(line.slice(4)));
  return acked;
}

describe('SIGKILL during a submission burst', () => {
  it(`GIVEN ${LANES * RUNS_PER_LANE} runs killed at random moments THEN every acknowledged question survives and nothing is half-written`, async () => {
    const lane = async (laneIndex: number) => {
      const database = join(dir, `lane-${laneIndex}.db`);
      const acked = new Set<number>();
      let rows = 0;
      let totalAcked = 0;
      let cutOff = 0;
      for (let run = 0; run < RUNS_PER_LANE; run++) {
        const ackedNow = await crashRun(database, laneIndex * 1000 + run);
        for (const id of ackedNow) acked.add(id);
        totalAcked += ackedNow.length;
        const found = inspect(database, acked);
        expect(found.missing, `run ${run} of lane ${laneIndex} lost acknowledged questions`).toEqual([]);
        expect(found.broken).toEqual([]);
        // Each run can leave at most the one question whose acknowledgement the kill cut off.
        const extra = found.rows - rows - ackedNow.length;
        cutOff += extra;
        expect(extra).toBeGreaterThanOrEqual(0);
        expect(extra).toBeLessThanOrEqual(1);
        rows = found.rows;
      }
      return { totalAcked, cutOff };
    };
    const lanes = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));
    const acknowledged = lanes.reduce((sum, lane) => sum + lane.totalAcked, 0);
    const cutOff = lanes.reduce((sum, lane) => sum + lane.cutOff, 0);
    console.info(
      `crash burst: ${LANES * RUNS_PER_LANE} kills, ${acknowledged} acknowledged questions all kept, ${cutOff} stored but cut off before the acknowledgement`,
    );
    // The kills must have landed inside bursts, not only before them.
    expect(acknowledged).toBeGreaterThan(LANES * RUNS_PER_LANE);
  }, 180_000);
});
