/**
 * Shared shape and printer for `npm run bench`: every area returns tables; index.ts prints them.
 * Figures are measured in the same run as the peers they are compared with, so ratios are fair.
 */
import { pathToFileURL } from 'node:url';

export interface BenchTable {
  title: string;
  /** Where it was measured, e.g. "Node 20 + jsdom" or "Chromium 156 (headless)". */
  environment: string;
  columns: string[];
  rows: (string | number)[][];
  /** Ratios, targets met or missed, caveats. */
  notes?: string[];
}

export function formatTable(table: BenchTable): string {
  const cells = [table.columns, ...table.rows.map((r) => r.map(formatCell))];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const line = (r: (string | number)[]) =>
    '| ' + r.map((c, i) => String(c ?? '').padEnd(widths[i])).join(' | ') + ' |';
  const out = [`## ${table.title}`, `(${table.environment})`, line(cells[0]),
    '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...cells.slice(1).map(line)];
  for (const n of table.notes ?? []) out.push(`- ${n}`);
  return out.join('\n') + '\n';
}

function formatCell(c: string | number): string {
  if (typeof c === 'number') return Number.isInteger(c) ? String(c) : c.toFixed(c < 10 ? 2 : 1);
  return c;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs one area when its file is the script given to tsx (`npx tsx bench/<area>.ts`). */
export function runStandalone(moduleUrl: string, area: () => Promise<BenchTable[]>): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  area().then(
    (tables) => {
      for (const t of tables) console.log(formatTable(t));
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
