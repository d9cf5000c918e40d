/** Dutch number formats for people (1.234.567; 12,3%; € 1.234). */
const int = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const eur = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

export const fmtInt = (n: number | null): string => (n === null ? '–' : int.format(n));
export const fmtPct = (n: number | null): string => (n === null ? '–' : `${one.format(n)}%`);
export const fmtEur = (n: number | null): string => (n === null ? '–' : eur.format(n));

/** A plain text table with right-aligned number columns. */
export function table(headers: string[], rows: string[][], numeric: boolean[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
