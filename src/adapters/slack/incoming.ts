/**
 * Turns Slack's encoded text (slash command text, message text) back into what the person typed: entities decoded,
 * links as their address, and every mention made inert. User and channel mentions keep their ids (`@U123`,
 * `#C123`) so that options naming a person or a channel still resolve them.
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/g, '#$1')
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
