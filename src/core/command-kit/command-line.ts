import { UserError } from '../errors.js';
import type { OptionValue } from '../invocation.js';
import { command, rich } from '../rich-text.js';
import { cleanLine, trimAtWord } from '../text.js';
import type { Registry, ResolvedCommand } from './registry.js';

interface ParsedLine {
  resolved: ResolvedCommand;
  options: Record<string, OptionValue>;
}

interface Token {
  text: string;
  /** The part before the first colon of an unquoted `name:value` token. */
  key?: string;
}

/** Splits a line into words; double or single quotes group words, `name:"a b"` keeps its name. */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let current = '';
  let key: string | undefined;
  let quote: string | null = null;
  let started = false;
  const push = () => {
    if (started) tokens.push(key === undefined ? { text: current } : { text: current, key });
    current = '';
    key = undefined;
    started = false;
  };
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = null;
      else current += char;
    } else if (char === '"' || char === '“' || char === '”' || (char === "'" && current === '')) {
      quote = char === '“' ? '”' : char;
      started = true;
    } else if (/\s/.test(char)) {
      push();
    } else if (char === ':' && key === undefined && /^[a-z][a-z0-9-]*$/.test(current)) {
      key = current;
      current = '';
      started = true;
    } else {
      current += char;
      started = true;
    }
  }
  if (quote) throw new UserError('unclosed-quote', 'A quote is opened but never closed.');
  push();
  return tokens;
}

/** Turns `/daily schedule time:09:00 timezone:"Europe/Berlin"` into a command and raw option values. */
export function parseCommandLine(line: string, registry: Registry): ParsedLine {
  const trimmed = line.trim().replace(/^\//, '');
  if (trimmed === '') throw new UserError('empty-command', rich('Type a command, for example ', command('help', 'code'), '.'));
  const tokens = tokenize(trimmed);
  const words = tokens.slice(0, 2).map((token) => (token.key === undefined ? token.text : ''));
  const found = registry.resolve(words);
  if (!found) {
    const typed = trimAtWord(cleanLine(words[0] ?? ''), 40);
    throw new UserError(
      'unknown-command',
      rich('There is no command "', command(typed), '". Type ', command('help'), ' to see every command.'),
    );
  }
  if ('group' in found) {
    const names = 'subcommands' in found.group ? found.group.subcommands.map((sub) => sub.name).join(', ') : '';
    const what = found.unknownSub
      ? rich(`"${trimAtWord(cleanLine(found.unknownSub), 40)}" is not a subcommand of `, command(found.group.name), '.')
      : rich(command(found.group.name), ' needs a subcommand.');
    throw new UserError('unknown-subcommand', rich(what, ` Choose one of: ${names}.`));
  }
  const specs = found.leaf.options ?? [];
  const options: Record<string, OptionValue> = {};
  const bare: string[] = [];
  // Unquoted words right after a text option continue its value: `/answer text:A topic is a log`.
  let openText: string | undefined;
  for (const token of tokens.slice(found.consumed)) {
    const spec = token.key === undefined ? undefined : specs.find((option) => option.name === token.key);
    if (token.key !== undefined && spec) {
      if (token.key in options) {
        throw new UserError('repeated-option', `The option "${token.key}" is given twice.`);
      }
      options[token.key] = token.text;
      openText = spec.type === 'string' ? token.key : undefined;
    } else if (token.key !== undefined && specs.length > 0 && bare.length === 0 && looksLikeOption(token.key)) {
      const known = specs.map((option) => option.name).join(', ');
      throw new UserError(
        'unknown-option',
        rich(command(found.path.join(' ')), ` has no option "${token.key}". Its options: ${known}.`),
      );
    } else if (openText !== undefined) {
      options[openText] = `${String(options[openText])} ${token.key === undefined ? token.text : `${token.key}:${token.text}`}`;
    } else {
      bare.push(token.key === undefined ? token.text : `${token.key}:${token.text}`);
    }
  }
  if (bare.length > 0) {
    const target =
      specs.find((option) => option.type === 'string' && option.required && !(option.name in options)) ??
      specs.find((option) => option.type === 'string' && !(option.name in options));
    if (!target) {
      throw new UserError(
        'unexpected-text',
        rich(command(found.path.join(' ')), ' does not take free text; write options as name:value.'),
      );
    }
    options[target.name] = bare.join(' ');
  }
  return { resolved: found, options };
}

function looksLikeOption(key: string): boolean {
  return key.length <= 32 && !/^https?$/.test(key);
}

/** Writes a command and options as a line `parseCommandLine` reads back; used for action ids. */
export function formatCommandLine(path: string[], options: Record<string, OptionValue> = {}): string {
  const parts = [`/${path.join(' ')}`];
  for (const [name, value] of Object.entries(options)) {
    const text = String(value);
    parts.push(/[\s"':]/.test(text) || text === '' ? `${name}:"${text.replaceAll('"', "'")}"` : `${name}:${text}`);
  }
  return parts.join(' ');
}
