import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockMarkdown, inlineMarkdown } from '../../src/core/community/neutralise.js';
import hostile from '../fixtures/hostile-strings.json' with { type: 'json' };

/** What would end or escape a list item when the line is indented under it (CommonMark). */
function breaksTheList(lines: string[]): string | undefined {
  let open: string | undefined;
  for (const line of lines) {
    const fence = /^(`{3,}|~{3,})(.*)$/.exec(line);
    if (open) {
      const marker = fence?.[1] ?? '';
      if (marker[0] === open[0] && marker.length >= open.length && fence?.[2]?.trim() === '') open = undefined;
      continue;
    }
    // A backtick fence's info string cannot hold a backtick: such a line is inline code, not a fence.
    if (fence && !(fence[1]?.startsWith('`') && fence[2]?.includes('`'))) {
      open = fence[1];
      continue;
    }
    if (/^\s/.test(line)) continue;
    if (/^#|<|^\[[^\]]*\]:|^=+\s*$|^([-*_])(\s*\1){2,}\s*$/.test(line)) return line;
  }
  return open ? `unclosed fence ${open}` : undefined;
}

const markdownish = fc.array(
  fc.oneof(
    fc.constantFrom(
      '#',
      '##',
      '```',
      '~~~',
      '````js',
      '<div>',
      '</details>',
      '===',
      '---',
      '* * *',
      '[x]: http://a',
      '> ',
      '- ',
      '1. ',
    ),
    fc.string({ maxLength: 12 }),
  ),
  { maxLength: 12 },
);

describe('neutralising user text for the Markdown export', () => {
  it('GIVEN any mix of headings, HTML, fences and breaks THEN no line leaves the list item and every fence is closed', () => {
    fc.assert(
      fc.property(markdownish, fc.array(fc.constantFrom('\n', ' ', ''), { minLength: 12, maxLength: 12 }), (parts, joins) => {
        const text = parts.map((part, i) => `${part}${joins[i] ?? ''}`).join('');
        expect(breaksTheList(blockMarkdown(text)), JSON.stringify(text)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('GIVEN the hostile strings THEN none breaks the list and none keeps HTML or a heading', () => {
    for (const { name, text } of hostile as { name: string; text: string }[]) {
      expect(breaksTheList(blockMarkdown(text)), name).toBeUndefined();
      expect(inlineMarkdown(text), name).not.toMatch(/<|\n/);
    }
  });

  it('GIVEN a closed code block THEN it is kept as written, indentation and all', () => {
    const text = 'Use a window:\n```sql\nSELECT id,\n    rank() OVER (ORDER BY v)\nFROM t;\n```\nThat ranks rows.';
    expect(blockMarkdown(text)).toEqual([
      'Use a window:',
      '```sql',
      'SELECT id,',
      '    rank() OVER (ORDER BY v)',
      'FROM t;',
      '```',
      'That ranks rows.',
    ]);
  });

  it('GIVEN a question with emphasis and code marks THEN the bold item shows them as written', () => {
    expect(inlineMarkdown('What is *args and `__init__`? <br>')).toBe('What is \\*args and \\`\\_\\_init\\_\\_\\`? &lt;br>');
  });
});
