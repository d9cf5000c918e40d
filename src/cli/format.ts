/** Dutch number formats for people (1.234.567; 12,3%; € 1.234). */
const int = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const eur = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 });
const small = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 3 });

export const fmtInt = (n: number | null): string => (n === null ? '–' : int.format(n));
/** A share below 1% keeps its decimals (0,017%, not 0,0%: red team 29). */
export const fmtPct = (n: number | null): string =>
  n === null ? '–' : `${(n !== 0 && Math.abs(n) < 1 ? small : one).format(n)}%`;
/** Whole euros, and cents when there are (a cost per inhabitant of € 0,03 read € 0: red team 29). */
export const fmtEur = (n: number | null): string =>
  n === null ? '–' : Number.isInteger(n) ? eur.format(n) : cents.format(n);

/** A plain text table with right-aligned number columns. */
export function table(headers: string[], rows: string[][], numeric: boolean[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
