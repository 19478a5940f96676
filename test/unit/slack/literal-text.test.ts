import { describe, expect, test } from 'vitest';
import { renderBlocks } from '../../../src/adapters/slack/render.js';
import { rich } from '../../../src/core/rich-text.js';
import type { View } from '../../../src/core/view.js';
import { md } from '../../support/messages.js';

type TextObject = { type: string; text: string; verbatim?: boolean };
type AnyBlock = { type: string; text?: TextObject; fields?: TextObject[]; elements?: TextObject[] };

/** What Slack formats: a marker at a word boundary, non-space right inside, the same marker at a word boundary. */
const SPANS: RegExp[] = ['*', '_', '~'].map((marker) => {
  const m = marker === '*' ? '\\*' : marker;
  return new RegExp(`(^|[^\\p{L}\\p{N}])${m}[^\\s${m}](?:[^${m}\\n]*?[^\\s${m}])?${m}(?=$|[^\\p{L}\\p{N}])`, 'u');
});
const CODE = /`[^`\n]+`/;
const LOOK_ALIKES: Record<string, string> = { '\u2217': '*', '\u02CD': '_', '\u223C': '~', '\u02CB': '`' };

const mrkdwnObjects = (blocks: AnyBlock[]): TextObject[] =>
  blocks.flatMap((block) => [
    ...(block.text?.type === 'mrkdwn' ? [block.text] : []),
    ...(block.fields ?? []).filter((field) => field.type === 'mrkdwn'),
    ...(block.elements ?? []).filter((element) => element.type === 'mrkdwn'),
  ]);

const HOSTILE = [
  '*bold* _italic_ ~strike~ `code`',
  '**double** __under__ ```block```',
  'see #general and @here or @channel, mail a@b.co, visit example.com',
  'snake_case_name and 2*3*4 stay as they are',
  '*_~`mixed`~_*',
];

describe('GIVEN user text with Slack formatting characters', () => {
  test.each(HOSTILE)(
    'WHEN %j is shown in a section, a field and a footer THEN it formats nothing and reads as typed',
    (typed) => {
      const view: View = {
        ephemeral: false,
        text: rich(`Question: ${typed}`),
        fields: [{ name: 'Asked', value: rich(typed) }],
        footer: typed,
      };
      const objects = mrkdwnObjects(renderBlocks(view, 50) as AnyBlock[]);
      expect(objects.length).toBeGreaterThanOrEqual(3);
      for (const object of objects) {
        expect(object.verbatim, object.text).toBe(true);
        const userPart = object.text.slice(object.text.lastIndexOf('\n') + 1).replace(/^Question: /, '');
        for (const span of SPANS) expect(userPart, `${span} in ${userPart}`).not.toMatch(span);
        expect(userPart).not.toMatch(CODE);
        const readBack = userPart.replace(/[\u2217\u02CD\u223C\u02CB]/g, (c) => LOOK_ALIKES[c] as string);
        expect(readBack).toBe(typed);
      }
    },
  );

  test('WHEN formatting characters sit inside words THEN they are kept as the very same characters', () => {
    const [block] = renderBlocks({ ephemeral: false, text: rich('snake_case and 2*3') }, 50) as AnyBlock[];
    expect(md(block?.text?.text)).toBe('snake_case and 2*3');
  });
});
