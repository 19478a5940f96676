/**
 * How long a change takes to reach the open web pages: a question asked through dispatch, then approved and put on
 * stream, timed until every follower's event stream has carried it. Followers are plain event-stream readers (what
 * a browser's EventSource receives), on loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConsoleLine } from '../src/adapters/console/routes.js';
import { startWebServer } from '../src/adapters/web/server.js';
import { plainTextOf } from '../src/core/rich-text.js';
import { createBenchApp } from './app.js';
import type { SectionResult } from './report.js';
import { ms } from './report.js';
import { summarize } from './stats.js';

const FOLLOWERS = 20;
const CHANGES = 100;
const GOAL_MS = 2000;
const HOST = { userId: 'host', name: 'Host', role: 'moderator' as const, channel: 'live' };

/** Reads an event stream and calls `onState` with every state's JSON text. */
async function follow(url: string, onState: (data: string) => void, signal: AbortSignal): Promise<void> {
  const response = await fetch(url, { signal });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    while (reader) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
        if (data) onState(data);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
  } catch {
    // Aborted at the end of the run.
  }
}

export async function runWebLiveBenchmark(): Promise<SectionResult> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'bench-web-'));
  const app = await createBenchApp(join(dir, 'bot.db'), {
    STREAM_PER_USER_PER_MINUTE: '100000',
    STREAM_PER_USER_PER_SESSION: '100000',
  });
  const web = await startWebServer(
    app.deps,
    { host: '127.0.0.1', port: 0 },
    { undoMs: 0, keepAliveMs: 15_000, roleOf: async () => 'moderator', deliver: async () => undefined },
  );
  app.deps.settings.publicUrl = web.url;
  const stop = new AbortController();
  try {
    await runConsoleLine('/stream start title:"Bench"', HOST, app.deps, new Date());
    const reply = await runConsoleLine('/stream overlay', HOST, app.deps, new Date());
    const text = reply.messages.map((message) => ('view' in message ? plainTextOf(message.view.text ?? []) : '')).join('\n');
    const overlay = /(http:\/\/\S+\/overlay\/[A-Za-z0-9_-]+)/.exec(text)?.[1];
    if (!overlay) throw new Error('no overlay link');
    const waiting = new Map<number, { at: number; left: number }>();
    const latencies: number[] = [];
    const seen = Array.from({ length: FOLLOWERS }, () => new Set<number>());
    const connected = Array.from({ length: FOLLOWERS }, () => false);
    for (let index = 0; index < FOLLOWERS; index++) {
      void follow(
        `${overlay}/events`,
        (data) => {
          connected[index] = true;
          const onStream = (JSON.parse(data) as { onStream: { id: number } | null }).onStream?.id;
          if (onStream === undefined || seen[index]?.has(onStream)) return;
          seen[index]?.add(onStream);
          const wait = waiting.get(onStream);
          if (!wait) return;
          latencies.push(performance.now() - wait.at);
          wait.left -= 1;
        },
        stop.signal,
      );
    }
    while (!connected.every(Boolean)) await new Promise((resolve) => setTimeout(resolve, 10));
    for (let change = 0; change < CHANGES; change++) {
      const at = performance.now();
      const asked = await runConsoleLine(
        `/ask question:"Bench question number ${change} about windowing late events?"`,
        { ...HOST, userId: `viewer-${change}`, role: 'everyone' },
        app.deps,
        new Date(),
      );
      const id = Number(/#(\d+)/.exec(JSON.stringify(asked.messages))?.[1]);
      waiting.set(id, { at, left: FOLLOWERS });
      await runConsoleLine(`/stream approve id:${id} anyway:true`, HOST, app.deps, new Date());
      await runConsoleLine(`/stream highlight id:${id}`, HOST, app.deps, new Date());
      const deadline = performance.now() + 10_000;
      while ((waiting.get(id)?.left ?? 0) > 0 && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
    const timing = summarize(latencies);
    const expected = FOLLOWERS * CHANGES;
    return {
      name: 'web-live',
      status: 'ok',
      durationMs: Math.round(performance.now() - started),
      figures: { followers: FOLLOWERS, changes: CHANGES, received: latencies.length, expected, timing },
      tables: [
        {
          title: `Asked, approved and put on stream, until ${FOLLOWERS} overlays' event streams carried it`,
          columns: ['changes', 'received / expected', 'p50', 'p99', 'max'],
          rows: [[CHANGES, `${latencies.length} / ${expected}`, ms(timing.p50Ms), ms(timing.p99Ms), ms(timing.maxMs)]],
        },
      ],
      targets: [
        {
          name: 'web pages live',
          goal: `a change on every open page within ${GOAL_MS / 1000} s (p99)`,
          figure: ms(timing.p99Ms) ?? '-',
          met: latencies.length === expected && timing.p99Ms <= GOAL_MS,
        },
      ],
    };
  } finally {
    stop.abort();
    await web.stop();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
