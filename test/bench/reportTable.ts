import type { Figure } from './figures';

const HEADER = ['figure', 'value', 'target', 'ok/over'] as const;

/**
 * One table: figure, value, target and verdict, with the medians a ratio compares and the
 * reason for a missed target on indented lines under their row. Figures that could not be
 * measured are listed after it.
 */
export function formatTable(figures: readonly Figure[], failures: readonly string[]): string {
  const cells = figures.map((f) => [f.label, f.value, f.target, f.verdict === 'info' ? '—' : f.verdict]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const out = [line(HEADER), rule];
  figures.forEach((figure, i) => {
    out.push(line(cells[i]));
    if (figure.detail) {
      out.push(`    ${figure.detail}`);
    }
    if (figure.verdict === 'over' && figure.why) {
      out.push(`    over: ${figure.why}`);
    }
  });
  for (const failure of failures) {
    out.push(`not measured: ${failure}`);
  }
  return out.join('\n');
}
