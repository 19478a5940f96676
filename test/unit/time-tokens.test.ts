import { describe, expect, it } from 'vitest';
import { renderView as renderConsole } from '../../src/adapters/console/render.js';
import { renderView as renderDiscord } from '../../src/adapters/discord/render.js';
import { renderMessage as renderSlack } from '../../src/adapters/slack/render.js';
import { showInstant, showRelative, showTimeOfDay } from '../../src/core/daily/time.js';
import { plainTextOf, rich } from '../../src/core/rich-text.js';
import { cleanText } from '../../src/core/text.js';
import type { View } from '../../src/core/view.js';
import { md } from '../support/messages.js';

const SLOT = new Date('2026-12-01T08:00:00Z');
const SECONDS = SLOT.getTime() / 1000;
const NOW = new Date('2026-12-01T06:00:00Z');

const view: View = {
  title: `Closes ${plainTextOf(rich(showInstant(SLOT, 'Europe/Berlin')))}`,
  text: rich(
    'It closes ',
    showRelative(SLOT, NOW),
    ', on ',
    showInstant(SLOT, 'Europe/Berlin'),
    ', at ',
    showTimeOfDay(SLOT, 'Europe/Berlin'),
    '.',
  ),
  fields: [{ name: 'Open until', value: rich(showInstant(SLOT, 'Europe/Berlin')) }],
  ephemeral: false,
};

describe('times each reader sees in their own clock', () => {
  it('GIVEN a time in a view THEN Discord gets <t:…:f>, <t:…:R> and <t:…:t> where it renders them, text in the title', () => {
    const embed = renderDiscord(view).embeds[0];
    expect(embed?.description).toBe(`It closes <t:${SECONDS}:R>, on <t:${SECONDS}:f>, at <t:${SECONDS}:t>.`);
    expect(md(embed?.fields?.[0]?.value)).toBe(`<t:${SECONDS}:f>`);
    expect(embed?.title).toBe('Closes Tue 1 Dec 2026, 09:00 Europe/Berlin');
  });

  it('GIVEN a time in a view THEN Slack gets <!date^…> tokens with the channel’s clock as fallback, plain text in the header', () => {
    const message = renderSlack(view);
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain(`<!date^${SECONDS}^{ago}|in 2 hours>`);
    expect(shown).toContain(`<!date^${SECONDS}^{date_short_pretty} {time}|Tue 1 Dec 2026, 09:00 Europe/Berlin>`);
    expect(shown).toContain(`<!date^${SECONDS}^{time}|09:00>`);
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Closes Tue 1 Dec 2026, 09:00 Europe/Berlin' } });
    expect(md(message.text)).not.toMatch(/[\u2060\u2061]|<!date/);
  });

  it('GIVEN a time in a view THEN the console shows it in the channel’s zone, without UTC', () => {
    expect(renderConsole(view)).toContain('It closes in 2 hours, on Tue 1 Dec 2026, 09:00 Europe/Berlin, at 09:00.');
  });

  it('GIVEN user text that imitates a time token THEN it stays text on every platform', () => {
    const forged = '\u20601700000000d\u2061fake\u2060';
    for (const safe of [forged, cleanText(forged)]) {
      const userView: View = { text: rich(`said: ${safe}`), ephemeral: false };
      expect(renderDiscord(userView).content).not.toContain('<t:');
      expect(JSON.stringify(renderSlack(userView).blocks)).not.toContain('<!date');
    }
  });
});
