import { describe, expect, test } from 'vitest';
import { fromSlackText } from '../../../src/adapters/slack/incoming.js';

describe('GIVEN text as Slack sends it to the app', () => {
  test('WHEN it holds entities THEN they are decoded to what the person typed', () => {
    expect(fromSlackText('a &lt; b &amp;&amp; c &gt; d')).toBe('a < b && c > d');
  });

  test('WHEN it holds user mentions THEN they become @ids that user options read and that notify no one', () => {
    expect(fromSlackText('moderators add user:<@U0123ABC|max>')).toBe('moderators add user:@U0123ABC');
    expect(fromSlackText('<@W99>')).toBe('@W99');
  });

  test('WHEN it holds broadcasts, channels, groups and links THEN they become plain words and ids', () => {
    expect(fromSlackText('<!channel> <!here|here> <!everyone>')).toBe('@channel @here @everyone');
    expect(fromSlackText('in <#C024BE7LR|general> and <#C1>')).toBe('in #C024BE7LR and #C1');
    expect(fromSlackText('<!subteam^S1|@data-team>')).toBe('@data-team');
    expect(fromSlackText('see <https://a.example/x?y=1&amp;z=2>')).toBe('see https://a.example/x?y=1&z=2');
    expect(fromSlackText('<https://a.example|the docs>')).toBe('the docs (https://a.example)');
    expect(fromSlackText('<https://kafka.apache.org|kafka.apache.org>')).toBe('https://kafka.apache.org');
    expect(fromSlackText('<mailto:a@b.example|a@b.example>')).toBe('a@b.example');
  });

  test('WHEN a broadcast is written escaped THEN decoding yields the characters, which the renderer escapes again', () => {
    expect(fromSlackText('&lt;!channel&gt;')).toBe('<!channel>');
  });
});
