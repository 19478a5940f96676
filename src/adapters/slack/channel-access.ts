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

/** A channel option as the bot writes it into a line: `channel:C024BE91L`. */
const CHANNEL_OPTION = /(?:^|\s)channel:"?([CG][A-Z0-9]+)\b/g;

/**
 * Channel checks for a click on a button of a private (ephemeral) message. The button runs a command line the bot
 * wrote after checking the channels it names, into a message only the clicking person was shown, and Slack signs the
 * click. A button of a message others can see grants nothing.
 */
export function slackActionChannelAccess(line: string, ephemeral: boolean): (channel: string) => Promise<ChannelAccess> {
  const named = new Set(ephemeral ? Array.from(line.matchAll(CHANNEL_OPTION), (match) => match[1]) : []);
  return (channel) => Promise.resolve(named.has(channel) ? 'visible' : 'unknown');
}
