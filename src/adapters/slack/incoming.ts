/**
 * Turns Slack's encoded text (slash command text, message text) back into what the person typed: entities decoded,
 * links as their address, channel names as `#name`, and every mention made inert. A user mention keeps the user id
 * (`@U123`) so that user options still resolve it.
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<#([CG][A-Z0-9]+)(?:\|([^>]*))?>/g, (_match, id: string, name?: string) => `#${name || id}`)
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_match, name?: string) => name || '@group')
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<mailto:([^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/<((?:https?|ftp):\/\/[^|>]+)(?:\|([^>]*))?>/g, (_match, url: string, label?: string) =>
      label && label !== url && !url.endsWith(`//${label}`) ? `${label} (${url})` : url,
    )
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
