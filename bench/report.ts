/** One table of the printed report. */
export interface Table {
  title: string;
  columns: string[];
  rows: (string | number | undefined)[][];
}

/** A figure set against the target; reported, never asserted. */
export interface Target {
  name: string;
  goal: string;
  figure: string;
  met: boolean | undefined;
  /** When missed (or unmeasured): by how much, and what would reach it. */
  note?: string;
}

export interface SectionResult {
  name: string;
  status: 'ok' | 'skipped' | 'failed';
  /** Why a section was skipped or failed, or a caveat about its figures. */
  note?: string;
  durationMs: number;
  figures: unknown;
  tables: Table[];
  targets: Target[];
}

export function formatTable(table: Table): string {
  const cells = table.rows.map((row) => row.map((cell) => (cell === undefined ? '-' : String(cell))));
  const widths = table.columns.map((column, i) => Math.max(column.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [table.title, line(table.columns), rule, ...cells.map(line)].join('\n');
}

export function targetTable(targets: Target[]): Table {
  return {
    title: 'Targets (reported, not asserted)',
    columns: ['target', 'goal', 'figure', 'met', 'note'],
    rows: targets.map((target) => [
      target.name,
      target.goal,
      target.figure,
      target.met === undefined ? 'n/a' : target.met ? 'yes' : 'NO',
      target.note ?? '',
    ]),
  };
}

/** Milliseconds as text with sensible precision. */
export function ms(value: number | undefined): string | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  if (value < 1) return `${value.toFixed(3)} ms`;
  if (value < 100) return `${value.toFixed(2)} ms`;
  return `${Math.round(value)} ms`;
}

export function pct(value: number | undefined): string | undefined {
  return value === undefined || !Number.isFinite(value) ? undefined : `${(value * 100).toFixed(1)}%`;
}

export function times(value: number | undefined): string | undefined {
  return value === undefined || !Number.isFinite(value) ? undefined : `${value.toFixed(value < 10 ? 2 : 1)}x`;
}
