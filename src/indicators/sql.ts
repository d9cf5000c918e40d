/**
 * SQL fragments shared by the indicator families: period bounds and the gemeente filter. Values are
 * validated before they are inlined (dates from period arithmetic, 4-digit codes), so no user text
 * reaches the SQL.
 */
import { periodEnd, periodStart, formatPeriod, type Period } from '../domain/periods.js';
import type { Lens } from '../lens/lens.js';
import type { Flag, IndicatorRow, Query, Unit } from './types.js';

export function bounds(p: Period): { start: string; end: string } {
  return { start: `DATE '${periodStart(p)}'`, end: `DATE '${periodEnd(p)}'` };
}

export function gemeenteFilter(q: Query, column = 'gemeente_code'): string {
  if (q.gemeenten.length === 0) return 'TRUE';
  for (const g of q.gemeenten) if (!/^\d{4}$/.test(g)) throw new Error(`invalid gemeente code ${g}`);
  return `${column} IN (${q.gemeenten.map((g) => `'${g}'`).join(',')})`;
}

/** Active in the period: start <= period end and (end is null or end >= period start). */
export function activeIn(p: Period, start = 'eff_start', end = 'eff_end'): string {
  const b = bounds(p);
  return `(${start} <= ${b.end} AND (${end} IS NULL OR ${end} >= ${b.start}))`;
}

/** The last day the lens has data for; periods beyond it are flagged incomplete. */
export async function dataEnd(lens: Lens): Promise<string> {
  const [r] = await lens.query<{ d: string | null }>(
    'SELECT CAST(greatest(max(allocation_date), max(end_date), max(start_date)) AS VARCHAR) AS d FROM traj',
  );
  return r?.d ?? '1900-01-01';
}

export function periodFlags(p: Period, lastDate: string): Flag[] {
  return periodEnd(p) > lastDate ? ['periode_niet_compleet'] : [];
}

export function row(
  indicator: string, unit: Unit, q: Query, gemeente: string,
  value: number | null, numerator: number | null, denominator: number | null, flags: Flag[], by: string | null = null, key: string | null = null,
): IndicatorRow {
  return { indicator, gemeente, period: formatPeriod(q.period), by, key, value, numerator, denominator, unit, flags };
}

export function pct(num: number, den: number | null): number | null {
  return den && den > 0 ? Math.round((num / den) * 100_000) / 1000 : null;
}

/** The row that stands for an indicator as a whole: the total, or the median for indicators split into statistics (waiting times). */
export function isHeadlineRow(r: Pick<IndicatorRow, 'key' | 'by'>): boolean {
  return r.key === null || (r.by === 'statistiek' && r.key === 'mediaan');
}
