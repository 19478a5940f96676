import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { webApi } from '@slack/bolt';
import type { Registry } from '../../core/command-kit/registry.js';
import { SUBMIT_QUESTION_CALLBACK_ID } from './action-ids.js';
import { SLASH_COMMAND } from './routes.js';

type SlackManifest = webApi.AppsManifestCreateArguments['manifest'];

interface ManifestOptions {
  /** HTTP mode: the public base URL Slack sends requests to. Socket Mode when absent. */
  requestUrl?: string;
}

/**
 * The fewest scopes the features need: `commands` (the slash command and the message shortcut), `chat:write`
 * (replies, posts, thread replies, direct messages), `users:read` (admins and owners are moderators), `pins:write`
 * (pinned posts) and `files:write` (exports as files). The App Home tab and its event need no scope.
 */
const BOT_SCOPES = ['chat:write', 'commands', 'files:write', 'pins:write', 'users:read'] as const;

const USAGE_HINT_MAX = 1000;

/** The committed manifest (Socket Mode), checked in CI to match the registry. */
export const MANIFEST_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../slack/manifest.json');

/** The Slack app manifest, generated from the command registry (`npm run manifest:slack`). */
export function buildManifest(registry: Registry, options: ManifestOptions = {}): SlackManifest {
  const events = options.requestUrl ? `${options.requestUrl.replace(/\/+$/, '')}/slack/events` : undefined;
  const names = [
    ...new Set(
      registry
        .leaves()
        .filter((command) => !command.leaf.hidden)
        .map((command) => command.path[0]),
    ),
  ];
  const onMessage = registry.onMessage();
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'Cookbook',
      description: 'Daily interview questions, topic lookups and quizzes from The Data Engineering Cookbook.',
      background_color: '#1f3a5f',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: 'cookbook', always_online: true },
      slash_commands: [
        {
          command: SLASH_COMMAND,
          description: 'Data-engineering study bot: type a command, e.g. help or topic kafka',
          usage_hint: names.join(' | ').slice(0, USAGE_HINT_MAX),
          should_escape: true,
          ...(events ? { url: events } : {}),
        },
      ],
      ...(onMessage
        ? {
            shortcuts: [
              {
                name: 'Submit as interview question',
                type: 'message' as const,
                callback_id: SUBMIT_QUESTION_CALLBACK_ID,
                description: 'Send this message to the live session as an interview question',
              },
            ],
          }
        : {}),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(events ? { request_url: events } : {}), bot_events: ['app_home_opened'] },
      interactivity: { is_enabled: true, ...(events ? { request_url: events } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !events,
      token_rotation_enabled: false,
    },
  };
}

export function manifestJson(manifest: SlackManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
