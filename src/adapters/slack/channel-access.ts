import type { ChannelAccess } from '../../core/invocation.js';

const REFERENCE = /<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/g;

/**
 * Channel checks for one slash command. Slack escapes every "<" a person types, so a reference <#C…|name> in the raw
 * command text was written by Slack itself for a channel of this workspace the person could pick. Those channels are
 * visible; anything else (a bare id, a user id that would open a direct message) is not trusted.
 */
export function slackChannelAccess(rawCommandText: string): (channel: string) => Promise<ChannelAccess> {
  const referenced = new Set(Array.from(rawCommandText.matchAll(REFERENCE), (match) => match[1]));
  return (channel) => Promise.resolve(referenced.has(channel) ? 'visible' : 'unknown');
}
