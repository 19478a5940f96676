/**
 * Every way a rendered surface breaks Slack's limits or lets user text notify someone; empty when it is fine.
 * With `markup: false` only the limits Slack itself enforces (the fake refuses those with invalid_blocks).
 */
export function blockKitProblems(blocks: unknown[], maxBlocks = 50, { markup = true } = {}): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks (max ${maxBlocks})`);
  const actionIds = new Set<string>();
  const text = (where: string, value: unknown, max: number) => {
    const object = value as { type?: string; text?: string } | undefined;
    if (!object || typeof object.text !== 'string') return problems.push(`${where}: missing text`);
    if (object.text.length > max) problems.push(`${where}: ${object.text.length} characters (max ${max})`);
    if (object.text.trim() === '') problems.push(`${where}: empty text`);
    if (markup) for (const problem of markupProblems(object.text)) problems.push(`${where}: ${problem}`);
  };
  for (const [index, raw] of blocks.entries()) {
    const block = raw as Record<string, unknown>;
    const where = `block ${index} (${String(block.type)})`;
    switch (block.type) {
      case 'header':
        text(where, block.text, 150);
        if ((block.text as { type?: string }).type !== 'plain_text') problems.push(`${where}: header must be plain_text`);
        break;
      case 'section': {
        if (block.text) text(where, block.text, 3000);
        const fields = (block.fields as unknown[] | undefined) ?? [];
        if (fields.length > 10) problems.push(`${where}: ${fields.length} fields (max 10)`);
        for (const field of fields) text(`${where} field`, field, 2000);
        if (!block.text && fields.length === 0) problems.push(`${where}: neither text nor fields`);
        break;
      }
      case 'context': {
        const elements = block.elements as unknown[];
        if (elements.length > 10) problems.push(`${where}: ${elements.length} elements (max 10)`);
        for (const element of elements) text(`${where} element`, element, 3000);
        break;
      }
      case 'actions': {
        const elements = block.elements as Record<string, unknown>[];
        if (elements.length > 25) problems.push(`${where}: ${elements.length} elements (max 25)`);
        for (const element of elements) {
          const id = String(element.action_id);
          if (id.length > 255) problems.push(`${where}: action_id of ${id.length} characters`);
          if (actionIds.has(id)) problems.push(`${where}: action_id ${id} repeated`);
          actionIds.add(id);
          if (element.type === 'button') {
            text(`${where} button`, element.text, 75);
            if (String(element.value ?? '').length > 2000) problems.push(`${where}: button value too long`);
          } else if (element.type === 'static_select') {
            text(`${where} select placeholder`, element.placeholder, 150);
            const options = element.options as { text: unknown; value: string }[];
            if (options.length > 100) problems.push(`${where}: ${options.length} options (max 100)`);
            for (const option of options) {
              text(`${where} option`, option.text, 75);
              if (option.value.length > 150) problems.push(`${where}: option value too long`);
            }
          } else {
            problems.push(`${where}: unexpected element ${String(element.type)}`);
          }
        }
        break;
      }
      case 'divider':
        break;
      case 'input':
        text(`${where} label`, block.label, 2000);
        break;
      case 'image':
      case 'rich_text':
      case 'file':
        break;
      default:
        problems.push(`${where}: unexpected block type`);
    }
  }
  return problems;
}

/**
 * Markup that would make Slack notify or link: any `<` that does not open one of our own links, and any
 * broadcast. Only `<https://…|label>` links from our content, `<@U…>` from a View's deliberate mentions and
 * `<!date^…|fallback>` times pass.
 */
export function markupProblems(text: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(/<([^>]*)>?/g)) {
    const inside = match[1] ?? '';
    if (/^https?:\/\/[^\s|<>]+\|[^<>]*$/.test(inside) && match[0].endsWith('>')) continue;
    if (/^@[UW][A-Z0-9]+$/.test(inside) && match[0].endsWith('>')) continue;
    if (/^!date\^\d+\^[^|<>]+\|[^<>]+$/.test(inside) && match[0].endsWith('>')) continue;
    problems.push(`raw markup ${JSON.stringify(match[0].slice(0, 40))}`);
  }
  if (/&(?!amp;|lt;|gt;)/.test(text)) problems.push('an unescaped &');
  return problems;
}

/** What Slack checks in a modal besides its blocks: a title of at most 24 characters, buttons of at most 24. */
export function modalProblems(view: Record<string, unknown>): string[] {
  const problems = blockKitProblems((view.blocks as unknown[] | undefined) ?? [], 100, { markup: false });
  for (const key of ['title', 'submit', 'close'] as const) {
    const text = (view[key] as { text?: string } | undefined)?.text;
    if (text === undefined) {
      if (key === 'title' && view.type === 'modal') problems.push('modal without a title');
      continue;
    }
    if (text.length > 24) problems.push(`${key}: ${text.length} characters (max 24)`);
  }
  return problems;
}
