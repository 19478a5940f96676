/**
 * Discord's documented limits, written out independently of the renderer so the tests check it against Discord's
 * rules rather than against itself. Each function lists what Discord would refuse with 400 Invalid Form Body.
 */
type Json = Record<string, unknown>;

const len = (value: unknown): number => (typeof value === 'string' ? value.length : 0);

export function messageProblems(body: Json, fileCount: number, isEdit = false): string[] {
  const problems: string[] = [];
  const content = typeof body.content === 'string' ? body.content : '';
  const embeds = (body.embeds as Json[] | undefined) ?? [];
  const components = (body.components as Json[] | undefined) ?? [];
  if (content.length > 2000) problems.push(`content has ${content.length} characters (2,000)`);
  if (!isEdit && content.trim() === '' && embeds.length === 0 && fileCount === 0) problems.push('empty message');
  if (embeds.length > 10) problems.push(`${embeds.length} embeds (10)`);
  let total = 0;
  for (const embed of embeds) {
    const fields = (embed.fields as Json[] | undefined) ?? [];
    const footer = (embed.footer as Json | undefined)?.text;
    if (len(embed.title) > 256) problems.push(`embed title has ${len(embed.title)} characters (256)`);
    if (len(embed.description) > 4096) problems.push(`embed description has ${len(embed.description)} characters (4,096)`);
    if (len(footer) > 2048) problems.push(`embed footer has ${len(footer)} characters (2,048)`);
    if (fields.length > 25) problems.push(`${fields.length} embed fields (25)`);
    total += len(embed.title) + len(embed.description) + len(footer);
    for (const field of fields) {
      if (len(field.name) < 1 || len(field.name) > 256) problems.push(`field name has ${len(field.name)} characters (1-256)`);
      if (len(field.value) < 1 || len(field.value) > 1024)
        problems.push(`field value has ${len(field.value)} characters (1-1,024)`);
      total += len(field.name) + len(field.value);
    }
  }
  if (total > 6000) problems.push(`embeds have ${total} characters in all (6,000)`);
  if (fileCount > 10) problems.push(`${fileCount} files (10)`);
  problems.push(...componentProblems(components));
  return problems;
}

function componentProblems(rows: Json[]): string[] {
  const problems: string[] = [];
  if (rows.length > 5) problems.push(`${rows.length} action rows (5)`);
  const ids = new Set<string>();
  for (const row of rows) {
    const items = (row.components as Json[] | undefined) ?? [];
    if (row.type !== 1) problems.push(`top-level component of type ${String(row.type)} without the components-v2 flag`);
    const buttons = items.filter((item) => item.type === 2);
    const selects = items.filter((item) => item.type === 3);
    if (items.length === 0) problems.push('empty action row');
    if (buttons.length > 5) problems.push(`${buttons.length} buttons in a row (5)`);
    if (selects.length > 0 && items.length > 1) problems.push('a select shares its row');
    for (const item of items) {
      const id = String(item.custom_id ?? '');
      if (id.length < 1 || id.length > 100) problems.push(`custom_id has ${id.length} characters (1-100)`);
      if (ids.has(id)) problems.push(`custom_id "${id}" used twice`);
      ids.add(id);
      if (item.type === 2 && (len(item.label) < 1 || len(item.label) > 80)) {
        problems.push(`button label has ${len(item.label)} characters (1-80)`);
      }
      if (item.type === 3) {
        const options = (item.options as Json[] | undefined) ?? [];
        if (options.length < 1 || options.length > 25) problems.push(`select has ${options.length} options (1-25)`);
        if (len(item.placeholder) > 150) problems.push(`placeholder has ${len(item.placeholder)} characters (150)`);
        const values = new Set<string>();
        for (const option of options) {
          if (len(option.label) < 1 || len(option.label) > 100) problems.push(`option label has ${len(option.label)} characters`);
          if (len(option.value) < 1 || len(option.value) > 100) problems.push(`option value has ${len(option.value)} characters`);
          if (len(option.description) > 100) problems.push(`option description has ${len(option.description)} characters`);
          if (values.has(String(option.value))) problems.push(`option value "${String(option.value)}" used twice`);
          values.add(String(option.value));
        }
      }
    }
  }
  return problems;
}

export function modalProblems(data: Json): string[] {
  const problems: string[] = [];
  const id = String(data.custom_id ?? '');
  if (id.length < 1 || id.length > 100) problems.push(`modal custom_id has ${id.length} characters (1-100)`);
  if (len(data.title) < 1 || len(data.title) > 45) problems.push(`modal title has ${len(data.title)} characters (1-45)`);
  const labels = (data.components as Json[] | undefined) ?? [];
  if (labels.length < 1 || labels.length > 5) problems.push(`modal has ${labels.length} components (1-5)`);
  for (const label of labels) {
    const input = (label.component as Json | undefined) ?? {};
    if (label.type !== 18 || input.type !== 4) problems.push('modal component is not a label around a text input');
    if (len(label.label) < 1 || len(label.label) > 45) problems.push(`input label has ${len(label.label)} characters (1-45)`);
    if (len(input.custom_id) < 1 || len(input.custom_id) > 100) problems.push('input custom_id length');
    if (len(input.placeholder) > 100) problems.push(`placeholder has ${len(input.placeholder)} characters (100)`);
    if (len(input.value) > 4000) problems.push(`value has ${len(input.value)} characters (4,000)`);
    const max = input.max_length === undefined ? 4000 : Number(input.max_length);
    if (max < 1 || max > 4000) problems.push(`max_length ${max} (1-4,000)`);
    const min = input.min_length === undefined ? 0 : Number(input.min_length);
    if (min < 0 || min > 4000 || min > max) problems.push(`min_length ${min}`);
  }
  return problems;
}

export function choicesProblems(data: Json): string[] {
  const choices = (data.choices as Json[] | undefined) ?? [];
  const problems: string[] = [];
  if (choices.length > 25) problems.push(`${choices.length} autocomplete choices (25)`);
  for (const choice of choices) {
    if (len(choice.name) < 1 || len(choice.name) > 100) problems.push(`choice name has ${len(choice.name)} characters (1-100)`);
    if (len(choice.value) < 1 || len(choice.value) > 100)
      problems.push(`choice value has ${len(choice.value)} characters (1-100)`);
  }
  return problems;
}
