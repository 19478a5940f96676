import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN, blockActionsPayload, type Harness, interaction, MEMBER, slashCommand, startHarness } from './harness.js';

type Element = { type: string; action_id: string; value?: string; text?: { text: string } };

let h: Harness;
let editButton: Element | undefined;

const ORIGINAL = 'How does exactly-once delivery work in a streaming pipeline?';
const CHANGED = 'How does exactly-once delivery work end to end in Kafka?';

beforeAll(async () => {
  h = await startHarness('http');
  await slashCommand(h, 'stream start title:"Live 98"', ADMIN);
  await slashCommand(h, `ask question:"${ORIGINAL}"`, MEMBER);
  const mark = h.fake.mark();
  await slashCommand(h, 'stream queue', ADMIN);
  const elements = h.fake
    .shownSince(mark)
    .flatMap((item) => item.blocks as { elements?: Element[] }[])
    .flatMap((block) => block.elements ?? []);
  editButton = elements.find((element) => element.text?.text === 'Edit #1');
});
afterAll(async () => {
  await h.close();
});

function openedView(from: number) {
  const open = h.fake.calls.slice(from).find((call) => call.method === 'views.open');
  return open?.params.view as { blocks: { block_id: string; element?: { initial_value?: string } }[] } | undefined;
}

describe('GIVEN an "Edit #1" button shown to a moderator before the question changed', () => {
  test('WHEN it is clicked after another moderator edited the question THEN the form holds the text as it is now', async () => {
    expect(editButton?.value).toContain(ORIGINAL); // the button still carries the text it was shown with
    await slashCommand(h, `stream edit id:1 text:"${CHANGED}"`, ADMIN);
    const mark = h.fake.mark();
    await interaction(h, blockActionsPayload(h, { type: 'button', ...editButton }, ADMIN));
    const text = openedView(mark.calls)?.blocks.find((block) => block.block_id === 'text');
    expect(text?.element?.initial_value).toBe(CHANGED);
  });
});
