import { parseArgs } from 'node:util';

/** Figures as a Markdown table, and each target as met or missed. */

export interface Row {
  figure: string;
  value: string | number;
  target?: string;
  ok?: boolean;
}

export function printTable(title: string, rows: Row[]): void {
  const cells = rows.map((r) => [r.figure, String(r.value), r.target ?? '', r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED']);
  const header = ['figure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

export function allMet(rows: Row[]): boolean {
  return rows.every((r) => r.ok !== false);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : '–');
export const seconds = (value: number) => (Number.isFinite(value) ? `${(value / 1000).toFixed(1)} s` : '–');

export function args<T extends Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>>(options: T) {
  return parseArgs({ options, allowPositionals: false, strict: true }).values;
}
