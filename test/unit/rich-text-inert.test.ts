import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalText } from '../../src/adapters/console/render.js';
import { discordMarkdown, renderView as renderDiscord } from '../../src/adapters/discord/render.js';
import { toMrkdwn } from '../../src/adapters/slack/mrkdwn.js';
import { renderBlocks } from '../../src/adapters/slack/render.js';
import { bold, command, italic, lineBreak, link, list, quote, type RichText, rich, time } from '../../src/core/rich-text.js';
import { timesAsText } from '../../src/core/view.js';
import { PROJECT_ROOT } from '../support/app.js';

const corpus = (
  JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/hostile-strings.json'), 'utf8')) as { text: string }[]
).map((entry) => entry.text);

/** Hostile strings, and strings made of the characters any of the three could read as markup. */
const MARKUP = [...'*_~`|[]()<>#-!@&:.^/\\ \n', '1.', '<@123>', '<!here>', '<t:1:R>', '\u2060', '\u2061', 'a', 'Z', '9'];
const userText = fc.oneof(
  fc.constantFrom(...corpus),
  fc.string({ unit: fc.constantFrom(...MARKUP), maxLength: 40 }),
  fc.string(),
);

/**
 * The places a text node can sit in a tree, with the texts each place shows unchanged: an empty span shows nothing and
 * Slack moves spaces at a span's edges outside it; Slack shows "|" in a link label as "¦"; a quote marks every line.
 */
const spanText = userText.filter((text) => timesAsText(text).trim() === timesAsText(text) && timesAsText(text) !== '');
const PLACES: { name: string; wrap: (text: string) => RichText; texts: fc.Arbitrary<string> }[] = [
  { name: 'alone', wrap: (text) => rich(text), texts: userText },
  { name: 'after a line break', wrap: (text) => rich('Asked:', lineBreak, text), texts: userText },
  { name: 'in bold', wrap: (text) => rich(bold(text)), texts: spanText },
  { name: 'in italics', wrap: (text) => rich('x ', italic(text), ' y'), texts: spanText },
  {
    name: 'as a link label',
    wrap: (text) => rich(link('https://example.com/a', text)),
    texts: userText.filter((text) => !text.includes('|')),
  },
  { name: 'as a list item', wrap: (text) => rich('Items:', list([text, 'next'])), texts: userText },
  { name: 'in a quote', wrap: (text) => rich(quote(text)), texts: userText.filter((text) => !text.includes('\n')) },
];
const PLACEHOLDER = 'PLACEHOLDER';

/** Discord reads a backslash before any character that is not a letter, digit or space as that character, literally. */
function discordLiteral(rendered: string): { live: string; literal: string } {
  let live = '';
  let literal = '';
  for (let i = 0; i < rendered.length; i += 1) {
    const char = rendered[i] as string;
    const next = rendered[i + 1];
    if (char === '\\' && next !== undefined && !/[\p{L}\p{N}\s]/u.test(next)) {
      literal += next;
      live += 'E';
      i += 1;
    } else {
      literal += char;
      live += char;
    }
  }
  return { live, literal };
}

const LOOK_ALIKES: Record<string, string> = { '\u2217': '*', '\u02CD': '_', '\u223C': '~', '\u02CB': '`' };
const slackLiteral = (rendered: string) =>
  rendered
    .replace(/[\u2217\u02CD\u223C\u02CB]/g, (char) => LOOK_ALIKES[char] as string)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
/** A Slack span: a mark at a word boundary, non-space right inside, the same mark at a word boundary. */
const SLACK_SPANS = ['\\*', '_', '~'].map(
  (mark) =>
    new RegExp(`(^|[^\\p{L}\\p{N}])${mark}[^\\s${mark}](?:[^${mark}\\n]*?[^\\s${mark}])?${mark}(?=$|[^\\p{L}\\p{N}])`, 'u'),
);

/** What a text node reads as: time markers can only come from a time node, so a text node's own are dropped. */
const asWritten = (text: string) => timesAsText(text);

describe('GIVEN text a person wrote, as a text node of rich text', () => {
  it('WHEN Discord renders it THEN every character that could be markup is escaped and it reads as written', () => {
    fc.assert(
      fc.property(userText, (text) => {
        const { live, literal } = discordLiteral(discordMarkdown(rich(text)));
        expect(live).not.toMatch(/[*_~`|[\]()<\\]/);
        expect(live).not.toMatch(/(^|\n)\s*([#>-]|\d+\.)/);
        expect(literal).toBe(asWritten(text));
      }),
      { numRuns: 400 },
    );
  });

  it('WHEN Slack renders it THEN it holds no raw < > &, no span and no code, and reads as written', () => {
    fc.assert(
      fc.property(userText, (text) => {
        const rendered = toMrkdwn(rich(text));
        expect(rendered).not.toMatch(/[<>`]/);
        expect(rendered).not.toMatch(/&(?!amp;|lt;|gt;)/);
        for (const span of SLACK_SPANS) expect(rendered).not.toMatch(span);
        expect(slackLiteral(rendered)).toBe(asWritten(text));
      }),
      { numRuns: 400 },
    );
  });

  it('WHEN the console renders it THEN it is shown exactly as written', () => {
    fc.assert(
      fc.property(userText, (text) => {
        expect(terminalText(rich(text))).toBe(asWritten(text));
      }),
      { numRuns: 200 },
    );
  });

  it.each(PLACES)('WHEN it sits $name THEN each renderer shows it as it shows it alone', ({ wrap, texts }) => {
    for (const render of [discordMarkdown, toMrkdwn, terminalText]) {
      fc.assert(
        fc.property(texts, (text) => {
          const alone = render(rich(text));
          const expected = render(wrap(PLACEHOLDER)).replace(PLACEHOLDER, () => alone);
          expect(render(wrap(text))).toBe(expected);
        }),
        { numRuns: 100 },
      );
    }
  });

  it('WHEN every hostile string goes into a shared view on Discord THEN nobody is pinged', () => {
    for (const text of corpus) {
      const rendered = renderDiscord({ ephemeral: false, title: 'Question', text: rich(bold('Asked: '), text) });
      expect(rendered.allowedMentions).toEqual({ parse: [] });
    }
  });

  it('WHEN every hostile string goes into a Slack message THEN no block holds a mention, broadcast or link', () => {
    for (const text of corpus) {
      const blocks = JSON.stringify(
        renderBlocks({ ephemeral: false, text: rich(text), fields: [{ name: 'By', value: rich(text) }] }, 50),
      );
      expect(blocks).not.toMatch(/<[@#!]|<https?:|<mailto:/);
    }
  });
});

describe('GIVEN rich text the bot wrote', () => {
  const at = new Date('2026-12-01T09:30:00Z');
  const text = rich(
    bold('Daily question'),
    ' closes ',
    time(at, 'relative', 'in 2 hours'),
    lineBreak,
    list(['first', rich('see ', link('https://example.com/x_(y)', 'the book'))]),
    quote('a quote'),
    'after',
  );

  it('WHEN Discord renders it THEN it is Discord Markdown with a timestamp', () => {
    expect(discordMarkdown(text)).toBe(
      '**Daily question** closes <t:1796117400:R>\n- first\n- see [the book](https://example.com/x_%28y%29)\n> a quote\nafter',
    );
  });

  it('WHEN Slack renders it THEN it is mrkdwn with a date token and bullets', () => {
    expect(toMrkdwn(text)).toBe(
      '*Daily question* closes <!date^1796117400^{ago}|in 2 hours>\n• first\n• see <https://example.com/x_(y)|the book>\n>a quote\nafter',
    );
  });

  it('WHEN the console renders it THEN emphasis goes and links show their address', () => {
    expect(terminalText(text)).toBe(
      'Daily question closes in 2 hours\n- first\n- see the book <https://example.com/x_(y)>\n> a quote\nafter',
    );
  });

  it('WHEN a link has an address that is not a web address THEN only its label is shown', () => {
    expect(discordMarkdown(rich(link('javascript:alert(1)', 'click')))).toBe('click');
    expect(toMrkdwn(rich(link('mailto:a@b.co', 'mail')))).toBe('mail');
  });
});

describe('GIVEN a command to type, and a person who wrote a command name in their text', () => {
  const said = 'Why does /help list /topic first?';
  const text = rich(said, ' Type ', command('help'), ' or ', command('topic kafka', 'code'), '.');

  it('WHEN Slack renders it THEN the command reads as typed under /cookbook and the person’s words stay as written', () => {
    expect(slackLiteral(toMrkdwn(text))).toBe(`${said} Type /cookbook help or \`/cookbook topic kafka\`.`);
  });

  it('WHEN Discord or the console renders it THEN the command reads as typed there', () => {
    expect(discordMarkdown(text)).toBe(`${said} Type /help or \`/topic kafka\`.`);
    expect(terminalText(text)).toBe(`${said} Type /help or /topic kafka.`);
  });
});
