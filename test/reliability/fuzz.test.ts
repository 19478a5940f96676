import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { recordConsoleDeliveries, runConsoleLine } from '../../src/adapters/console/routes.js';
import { formatCommandLine } from '../../src/core/command-kit/command-line.js';
import type { OptionSpec } from '../../src/core/command-kit/define.js';
import { dispatch, dispatchLine } from '../../src/core/command-kit/dispatch.js';
import type { Invocation, OptionValue, Platform, Role } from '../../src/core/invocation.js';
import { createLogger } from '../../src/log.js';
import { createTestApp, PROJECT_ROOT } from '../support/app.js';
import { firstView, md } from '../support/messages.js';
import { renderProblems } from './support/render-checks.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const LINE_RUNS = Math.ceil(RUNS / 5);

const logged: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    logged.push(String(chunk));
    done();
  },
});
const app = await createTestApp(
  { STREAM_PER_USER_PER_MINUTE: '1000', STREAM_PER_USER_PER_SESSION: '1000' },
  createLogger('error', [], sink),
);
afterAll(() => app.close());
const deps = app.deps;
const leaves = deps.registry.leaves();
const hostile = (
  JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/hostile-strings.json'), 'utf8')) as { text: string }[]
).map((entry) => entry.text);

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  maxLength: 30,
});
const plausible = fc.constantFrom(
  '09:00',
  '9:5',
  '25:00',
  'Europe/Berlin',
  'Mars/Olympus',
  'weekdays',
  'mon-fri',
  'kafka',
  '20.3',
  'votes',
  'markdown',
  'on',
  'off',
  'true',
  '1',
  '0',
  '-1',
  '',
);

const WORDS = [
  'how',
  'does',
  'kafka',
  'spark',
  'partition',
  'replicate',
  'data',
  'lake',
  'stream',
  'join',
  'schema',
  'why',
  'airflow',
  'batch',
];
/** Something shaped like a real question or answer. */
const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 14 }).map((words) => `${words.join(' ')}?`);
const weighted = <T>(...pairs: [number, fc.Arbitrary<T>][]) =>
  fc.oneof(...pairs.map(([weight, arbitrary]) => ({ weight, arbitrary })));

function stringValue(spec: Extract<OptionSpec, { type: 'string' }>): fc.Arbitrary<OptionValue> {
  const options: [number, fc.Arbitrary<OptionValue>][] = [
    [4, sentence],
    [3, plausible],
    [2, fc.string({ maxLength: 40 })],
    [2, fc.constantFrom(...hostile)],
    [1, fc.string({ unit: 'grapheme', maxLength: 40 })],
    [1, codeUnits],
    [1, fc.string({ minLength: 200, maxLength: 2500 })],
    [1, fc.oneof(fc.integer(), fc.boolean())],
  ];
  if (spec.choices) options.push([8, fc.constantFrom(...spec.choices.map((choice) => choice.value))]);
  const complete = spec.autocomplete;
  if (complete) options.push([8, fc.string({ maxLength: 3 }).map((partial) => complete(partial, deps)[0]?.value ?? partial)]);
  return weighted(...options);
}

function optionValue(spec: OptionSpec): fc.Arbitrary<OptionValue> {
  switch (spec.type) {
    case 'string':
      return stringValue(spec);
    case 'integer':
    case 'number':
      return weighted<OptionValue>(
        [8, fc.integer({ min: 1, max: 6 })],
        [1, fc.integer()],
        [1, fc.double()],
        [1, fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, -1, 2 ** 53 + 1, 1e308)],
        [1, fc.string({ maxLength: 6 })],
        [2, fc.nat(12).map(String)],
        [1, fc.boolean()],
      );
    case 'boolean':
      return weighted<OptionValue>(
        [8, fc.boolean()],
        [1, fc.constantFrom('true', 'false', 'yes', 'NO', 'maybe', '', ' 1 ')],
        [1, fc.integer({ min: -1, max: 2 })],
      );
    case 'channel':
      return weighted<OptionValue>(
        [6, fc.constantFrom('c1', '<#C024BE91L>', '<#C024BE91L|general>', '#general')],
        [1, fc.constantFrom('', '<!here>')],
        [1, fc.constantFrom(...hostile)],
      );
    case 'user':
      return weighted<OptionValue>(
        [6, fc.constantFrom('u1', 'u2', '<@u3>', '<@!123456789012345678>', '@u4', '<@U024BE7LH|bob>')],
        [1, fc.constantFrom('', '@everyone', '<!here>')],
        [1, fc.string({ maxLength: 20 })],
        [1, fc.constantFrom(...hostile)],
      );
  }
}

/** Built once per command: constructing arbitraries is far dearer than drawing from them. */
const unknownOption = weighted<[string, string] | null>(
  [11, fc.constant(null)],
  [1, fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), fc.string({ maxLength: 10 }))],
);
const leafArbitraries = leaves.map((leaf) => {
  const specs = leaf.leaf.options ?? [];
  const options = fc
    .tuple(...specs.map((spec) => fc.option(optionValue(spec), { nil: undefined, freq: spec.required ? 8 : 2 })))
    .map((values) => {
      const out: Record<string, OptionValue> = {};
      specs.forEach((spec, i) => {
        const value = values[i];
        if (value !== undefined) out[spec.name] = value;
      });
      return out;
    });
  return fc.record({ path: fc.constant(leaf.path), options, unknownOption });
});

const invocationArb = fc.record({
  command: fc.oneof(...leafArbitraries),
  role: fc.constantFrom<Role>('everyone', 'moderator', 'admin', 'admin'),
  userId: fc.constantFrom('u1', 'u2', 'u3', 'host'),
  name: fc.oneof(fc.constantFrom('Ana', 'Bo'), fc.string({ maxLength: 40 }), fc.constantFrom(...hostile)),
  channel: fc.constantFrom('fuzz-live', 'fuzz-daily', 'fuzz-empty'),
  platform: fc.constantFrom<Platform>('console', 'console', 'console', 'discord', 'slack'),
  now: fc.date({ min: new Date('2026-11-20T00:00:00Z'), max: new Date('2026-12-20T00:00:00Z'), noInvalidDate: true }),
  asLine: fc.boolean(),
  // Mostly none, sometimes fresh, sometimes a redelivery of an earlier key.
  idempotencyKey: weighted<string | undefined>(
    [8, fc.constant(undefined)],
    [1, fc.uuid()],
    [1, fc.constantFrom('key-1', 'key-2')],
  ),
});

describe('fuzzing every command', () => {
  it(`GIVEN ${RUNS} generated invocations of every command, option type and role THEN no unexpected error, every refusal a clear UserError`, async () => {
    const start = new Date('2026-12-01T08:00:00Z');
    const host = { userId: 'host', name: 'Host', role: 'admin' as const };
    for (const line of ['/stream start title:"Fuzz live"', '/ask question:"How does Kafka keep order within a partition?"']) {
      expect((await runConsoleLine(line, { ...host, channel: 'fuzz-live' }, deps, start)).status).toBe('ok');
    }
    for (const line of ['/daily schedule time:09:00 timezone:UTC', '/daily now']) {
      expect((await runConsoleLine(line, { ...host, channel: 'fuzz-daily' }, deps, start)).status).toBe('ok');
    }
    const seenCommands = new Set<string>();
    const statuses: Record<string, number> = {};

    await fc.assert(
      fc.asyncProperty(invocationArb, async (input) => {
        const tenant = input.platform === 'console' ? 'console' : input.platform === 'discord' ? '111111111111111111' : 'T0FUZZ';
        const { path, unknownOption } = input.command;
        const options = unknownOption
          ? { ...input.command.options, [unknownOption[0]]: unknownOption[1] }
          : input.command.options;
        const context: Omit<Invocation, 'command' | 'options'> = {
          platform: input.platform,
          tenant,
          channel: input.channel,
          user: { id: input.userId, name: input.name, role: input.role },
          now: input.now,
          ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
        };
        const result = input.asLine
          ? await dispatchLine(formatCommandLine(path, options), context, deps)
          : await dispatch({ ...context, command: path, options }, deps);
        await recordConsoleDeliveries(result.messages, deps, input.now);
        seenCommands.add(path.join(' '));
        statuses[result.status] = (statuses[result.status] ?? 0) + 1;

        const what = `/${path.join(' ')} ${JSON.stringify(options).slice(0, 300)}`;
        expect(result.status, `${what} -> ${JSON.stringify(firstView(result)?.text)}\n${logged.join('').slice(-1500)}`).not.toBe(
          'error',
        );
        if (result.status === 'user-error') {
          expect(result.messages).toHaveLength(1);
          expect(md(firstView(result)?.text).trim(), what).toBeTruthy();
          expect(firstView(result)?.ephemeral).toBe(true);
        }
        for (const message of result.messages) expect(renderProblems(message), what).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );

    console.info(`fuzz: ${RUNS} invocations, seed ${SEED}: ${JSON.stringify(statuses)}`);
    expect([...seenCommands].sort()).toEqual(leaves.map((leaf) => leaf.path.join(' ')).sort());
    expect(statuses.ok ?? 0).toBeGreaterThan(RUNS / 20);
    expect(statuses['user-error'] ?? 0).toBeGreaterThan(RUNS / 20);
    expect(logged).toEqual([]);
  }, 300_000);

  it('GIVEN typed lines made of command names, options, quotes and hostile text THEN every refusal is a clean UserError', async () => {
    const names = [...new Set(leaves.flatMap((leaf) => leaf.path))];
    const token = weighted<string>(
      [4, fc.constantFrom(...names)],
      [
        3,
        fc
          .tuple(fc.constantFrom(...leaves.flatMap((leaf) => (leaf.leaf.options ?? []).map((o) => o.name))), sentence)
          .map(([n, v]) => `${n}:${v}`),
      ],
      [2, fc.constantFrom(...hostile).map((text) => text.slice(0, 300))],
      [2, fc.string({ maxLength: 20 })],
      [1, codeUnits],
      [1, fc.constantFrom('"', "'", '“', ':', 'x:"open', '""', '--', '/')],
      [1, fc.constantFrom('[x](https://evil.example/a)', '<https://evil.example|x>', '<!here>', '<@U024BE7LH>', '@everyone')],
    );
    const line = fc
      .tuple(fc.boolean(), fc.array(token, { minLength: 0, maxLength: 6 }))
      .map(([slash, parts]) => `${slash ? '/' : ''}${parts.join(' ')}`);
    await fc.assert(
      fc.asyncProperty(line, fc.constantFrom<Role>('everyone', 'admin'), async (typed, role) => {
        const context = {
          platform: 'slack' as const,
          tenant: 'T0FUZZ',
          channel: 'fuzz-lines',
          user: { id: 'u9', name: 'Nine', role },
          now: new Date('2026-12-01T10:00:00Z'),
        };
        const result = await dispatchLine(typed, context, deps);
        expect(result.status, `${JSON.stringify(typed)} -> ${JSON.stringify(firstView(result)?.text)}`).not.toBe('error');
        if (result.status === 'user-error') expect(md(firstView(result)?.text).trim()).toBeTruthy();
        for (const message of result.messages) expect(renderProblems(message), JSON.stringify(typed)).toEqual([]);
      }),
      { numRuns: LINE_RUNS, seed: SEED, endOnFailure: true },
    );
    expect(logged).toEqual([]);
  }, 120_000);
});
