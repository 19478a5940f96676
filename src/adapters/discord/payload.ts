import { MessageFlags } from 'discord.js';
import type { RenderedMessage } from './render.js';

/** Options for channel.send / user.send. */
export function sendOptions(rendered: RenderedMessage) {
  return {
    ...(rendered.content !== undefined ? { content: rendered.content } : {}),
    embeds: rendered.embeds,
    components: rendered.components,
    files: rendered.files,
    allowedMentions: rendered.allowedMentions,
  };
}

/** Options for an interaction reply or follow-up; ephemeral views are seen by the invoker only. */
export function replyOptions(rendered: RenderedMessage) {
  return { ...sendOptions(rendered), ...(rendered.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) };
}

/** Options for editing the deferred reply: every part is replaced. */
export function editOptions(rendered: RenderedMessage) {
  return { ...sendOptions(rendered), content: rendered.content ?? '' };
}
