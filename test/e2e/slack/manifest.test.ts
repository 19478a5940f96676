import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildManifest, MANIFEST_PATH, manifestJson } from '../../../src/adapters/slack/manifest.js';
import { Registry } from '../../../src/core/command-kit/registry.js';
import { allCommands } from '../../../src/core/commands/all.js';

const registry = new Registry(allCommands);

describe('GIVEN the Slack app manifest', () => {
  test('THEN the committed slack/manifest.json is what the registry generates (npm run manifest:slack)', () => {
    expect(readFileSync(MANIFEST_PATH, 'utf8')).toBe(manifestJson(buildManifest(registry)));
  });

  test('THEN it asks for the fewest scopes, one slash command, and Socket Mode', () => {
    const manifest = buildManifest(registry);
    expect(manifest.oauth_config?.scopes?.bot).toEqual(['chat:write', 'commands', 'files:write', 'pins:write', 'users:read']);
    expect(manifest.features?.slash_commands?.map((command) => command.command)).toEqual(['/cookbook']);
    expect(manifest.features?.slash_commands?.[0]?.should_escape).toBe(true);
    expect(manifest.settings?.socket_mode_enabled).toBe(true);
    expect(manifest.settings?.event_subscriptions?.bot_events).toEqual(['app_home_opened']);
    expect(JSON.stringify(manifest)).not.toContain('request_url');
  });

  test('THEN every top-level command is named in the usage hint and /ask brings the message shortcut', () => {
    const manifest = buildManifest(registry);
    const hint = manifest.features?.slash_commands?.[0]?.usage_hint ?? '';
    const visible = registry.leaves().filter((command) => !command.leaf.hidden);
    for (const command of visible) expect(hint).toContain(command.path[0]);
    const shortcuts = manifest.features?.shortcuts ?? [];
    expect(shortcuts.map((shortcut) => shortcut.name)).toEqual(registry.resolve(['ask']) ? ['Submit as interview question'] : []);
    const withoutAsk = buildManifest(new Registry(allCommands.filter((command) => command.name !== 'ask')));
    expect(withoutAsk.features?.shortcuts).toBeUndefined();
  });

  test('WHEN generated for HTTP mode THEN every request URL points at /slack/events and Socket Mode is off', () => {
    const manifest = buildManifest(registry, { requestUrl: 'https://bot.example.org/' });
    const url = 'https://bot.example.org/slack/events';
    expect(manifest.features?.slash_commands?.[0]?.url).toBe(url);
    expect(manifest.settings?.interactivity?.request_url).toBe(url);
    expect(manifest.settings?.event_subscriptions?.request_url).toBe(url);
    expect(manifest.settings?.socket_mode_enabled).toBe(false);
  });
});
