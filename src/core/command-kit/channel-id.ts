/** A channel as typed or mentioned (`<#123>`, `<#C123|name>`, `#name`), reduced to what would be its id. */
export function channelIdOf(raw: string): string {
  const text = raw.trim();
  return /^<#([\w-]+)(?:\|[^>]*)?>$/.exec(text)?.[1] ?? text.replace(/^#/, '');
}
