import { UserError } from '../errors.js';
import type { OptionValue } from '../invocation.js';
import { command, type RichNode, rich } from '../rich-text.js';
import { cleanText } from '../text.js';
import { channelIdOf } from './channel-id.js';
import type { OptionSpec } from './define.js';

const TRUE = new Set(['true', 'yes', 'y', 'on', '1']);
const FALSE = new Set(['false', 'no', 'n', 'off', '0']);
const DEFAULT_MAX_LENGTH = 2000;

/** Checks and converts raw option values (strings from text, typed values from Discord) against the specs. */
export function coerceOptions(
  path: readonly string[],
  specs: readonly OptionSpec[],
  raw: Record<string, OptionValue>,
): Record<string, OptionValue> {
  const result: Record<string, OptionValue> = {};
  const commandName = command(path.join(' '));
  for (const name of Object.keys(raw)) {
    if (!specs.some((spec) => spec.name === name)) {
      const known = specs.map((spec) => spec.name).join(', ') || 'none';
      throw new UserError('unknown-option', rich(commandName, ` has no option "${name}". Its options: ${known}.`));
    }
  }
  for (const spec of specs) {
    const value = raw[spec.name];
    if (value === undefined || (typeof value === 'string' && value.trim() === '' && spec.type !== 'string')) {
      if (spec.required)
        throw new UserError('missing-option', rich(commandName, ` needs the option "${spec.name}" (${spec.description}).`));
      continue;
    }
    result[spec.name] = coerceOne(commandName, spec, value);
  }
  return result;
}

function coerceOne(commandName: RichNode, spec: OptionSpec, value: OptionValue): OptionValue {
  const label = `"${spec.name}"`;
  switch (spec.type) {
    case 'integer': {
      const number = typeof value === 'number' ? value : Number(String(value).trim());
      if (!Number.isInteger(number)) throw new UserError('bad-option', `${label} must be a whole number.`);
      if (spec.min !== undefined && number < spec.min)
        throw new UserError('bad-option', `${label} must be at least ${spec.min}.`);
      if (spec.max !== undefined && number > spec.max) throw new UserError('bad-option', `${label} must be at most ${spec.max}.`);
      return number;
    }
    case 'number': {
      const number = typeof value === 'number' ? value : Number(String(value).trim());
      if (!Number.isFinite(number) || String(value).trim() === '')
        throw new UserError('bad-option', `${label} must be a number.`);
      if (spec.min !== undefined && number < spec.min)
        throw new UserError('bad-option', `${label} must be at least ${spec.min}.`);
      if (spec.max !== undefined && number > spec.max) throw new UserError('bad-option', `${label} must be at most ${spec.max}.`);
      return number;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const text = String(value).trim().toLowerCase();
      if (TRUE.has(text)) return true;
      if (FALSE.has(text)) return false;
      throw new UserError('bad-option', `${label} must be true or false.`);
    }
    case 'user': {
      const text = String(value).trim();
      const id = /^<@!?([A-Za-z0-9_.-]+)(?:\|[^>]*)?>$/.exec(text)?.[1] ?? text.replace(/^@/, '');
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id)) throw new UserError('bad-option', `${label} must name a user.`);
      return id;
    }
    case 'channel': {
      const id = channelIdOf(String(value));
      if (!/^[\w.-]{1,64}$/.test(id)) throw new UserError('bad-option', `${label} must name a channel.`);
      return id;
    }
    case 'string': {
      const text = cleanText(String(value));
      if (spec.required && text === '') {
        throw new UserError('missing-option', rich(commandName, ` needs the option "${spec.name}" (${spec.description}).`));
      }
      const max = spec.maxLength ?? DEFAULT_MAX_LENGTH;
      if (text.length > max)
        throw new UserError('too-long', `${label} can be at most ${max} characters (it has ${text.length}).`);
      if (spec.minLength !== undefined && text.length < spec.minLength) {
        throw new UserError('too-short', `${label} needs at least ${spec.minLength} characters.`);
      }
      if (spec.choices) {
        const lower = text.toLowerCase();
        const choice = spec.choices.find((c) => c.value.toLowerCase() === lower || c.name.toLowerCase() === lower);
        if (!choice) {
          const names = spec.choices.map((c) => c.value).join(', ');
          throw new UserError('bad-choice', `${label} must be one of: ${names}.`);
        }
        return choice.value;
      }
      return text;
    }
  }
}
