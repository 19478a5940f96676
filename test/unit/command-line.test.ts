import { describe, expect, it } from 'vitest';
import { formatCommandLine, parseCommandLine } from '../../src/core/command-kit/command-line.js';
import { defineCommand } from '../../src/core/command-kit/define.js';
import { Registry } from '../../src/core/command-kit/registry.js';
import { errorOf } from '../support/errors.js';

const noop = () => ({ ephemeral: false });
const registry = new Registry([
  defineCommand({
    name: 'topic',
    description: 'Look up a topic',
    options: [
      { name: 'query', type: 'string', description: 'What to look up', required: true },
      { name: 'private', type: 'boolean', description: 'Only you see it' },
    ],
    run: noop,
  }),
  defineCommand({
    name: 'daily',
    description: 'Daily question',
    subcommands: [
      {
        name: 'schedule',
        description: 'Schedule it',
        options: [
          { name: 'time', type: 'string', description: 'HH:MM', required: true },
          { name: 'timezone', type: 'string', description: 'IANA zone', required: true },
        ],
        run: noop,
      },
      { name: 'status', description: 'Show it', run: noop },
    ],
  }),
]);

describe('typed command lines', () => {
  it('GIVEN bare text THEN it fills the first required text option', () => {
    const parsed = parseCommandLine('/topic spark streaming', registry);
    expect(parsed.resolved.path).toEqual(['topic']);
    expect(parsed.options).toEqual({ query: 'spark streaming' });
  });

  it('GIVEN name:value pairs with colons and quotes THEN values keep their colons and spaces', () => {
    const parsed = parseCommandLine('/daily schedule time:09:00 timezone:"Europe/Berlin"', registry);
    expect(parsed.resolved.path).toEqual(['daily', 'schedule']);
    expect(parsed.options).toEqual({ time: '09:00', timezone: 'Europe/Berlin' });
  });

  it('GIVEN unquoted words after a text option THEN they continue its value up to the next option', () => {
    const parsed = parseCommandLine('/daily schedule time:09:00 timezone:Europe/Berlin', registry);
    expect(parsed.options.timezone).toBe('Europe/Berlin');
    const topic = parseCommandLine('/topic query:spark streaming private:true', registry);
    expect(topic.options).toEqual({ query: 'spark streaming', private: 'true' });
  });

  it('GIVEN an unknown command THEN the error names it and points to /help', () => {
    const error = errorOf(() => parseCommandLine('/nonsense', registry));
    expect(error.code).toBe('unknown-command');
    expect(error.message).toContain('/nonsense');
    expect(error.message).toContain('/help');
  });

  it('GIVEN a group without a subcommand THEN the error lists the subcommands', () => {
    expect(errorOf(() => parseCommandLine('/daily', registry)).message).toContain('schedule, status');
    expect(errorOf(() => parseCommandLine('/daily explode', registry)).code).toBe('unknown-subcommand');
  });

  it('GIVEN a misspelt option name THEN it is refused with the list of options', () => {
    const error = errorOf(() => parseCommandLine('/daily schedule tme:09:00', registry));
    expect(error.message).toContain('time, timezone');
  });

  it('GIVEN an unclosed quote THEN it is a clear user error', () => {
    expect(errorOf(() => parseCommandLine('/topic query:"kafka', registry)).code).toBe('unclosed-quote');
  });

  it('GIVEN a formatted action id THEN parsing it gives the same command and options back', () => {
    const line = formatCommandLine(['daily', 'schedule'], { time: '09:00', timezone: 'America/New_York' });
    const parsed = parseCommandLine(line, registry);
    expect(parsed.options).toEqual({ time: '09:00', timezone: 'America/New_York' });
  });
});

describe('the command registry', () => {
  it('GIVEN two commands with the same name or alias THEN start-up fails naming it', () => {
    const one = defineCommand({ name: 'quiz', description: 'Quiz', run: noop });
    const two = defineCommand({ name: 'trivia', description: 'Trivia', aliases: ['quiz'], run: noop });
    expect(() => new Registry([one, two])).toThrow(/"quiz" is defined twice/);
  });

  it('GIVEN a required option after an optional one THEN the definition is refused', () => {
    const bad = defineCommand({
      name: 'bad',
      description: 'Bad',
      options: [
        { name: 'a', type: 'string', description: 'A' },
        { name: 'b', type: 'string', description: 'B', required: true },
      ],
      run: noop,
    });
    expect(() => new Registry([bad])).toThrow(/required option "b" after an optional one/);
  });
});
