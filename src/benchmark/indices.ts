/**
 * Index figures for comparing gemeenten (catalogue: index_pct): value ÷ value in the base period
 * × 100, rounded to a whole number, computed on percentages, never on counts (base default
 * 2017 H1, as in the Verwey-Jonker report). Computed on the lens from imported CBS tables.
 */
import type { Lens } from '../lens/lens.js';
import { sql } from '../lens/sql.js';
import { cbsPeriodKey, parsePeriod } from '../domain/periods.js';
import { ratioHalfUp } from '../domain/decimal.js';

export interface IndexRow {
  readonly region: string;
  readonly gemeente: string | null;
  readonly base: number | null;
  readonly value: number | null;
  readonly index: number | null;
  /** CBS status of the later figure (voorlopig, nader voorlopig …) */
  readonly status: string | null;
}

/** Exact decimal, half up (8.2 ÷ 8.0 × 100 = 102.5 → 103; binary floating point gave 102). */
export function indexOf(value: number | null, base: number | null): number | null {
  if (value === null || base === null || base === 0) return null;
  return ratioHalfUp(value, base, 100, 0);
}

export interface IndexQuery {
  readonly table: string;
  readonly topic: string;
  /** our notation or CBS keys: 2017H1 / 2017HJ01 */
  readonly basePeriod: string;
  readonly period: string;
}

export async function indexSeries(lens: Lens, q: IndexQuery): Promise<IndexRow[]> {
  const base = cbsPeriodKey(parsePeriod(q.basePeriod));
  const per = cbsPeriodKey(parsePeriod(q.period));
  const rows = await lens.query<{
    region: string;
    gemeente: string | null;
    base: number | null;
    value: number | null;
    status: string | null;
  }>(sql`
    SELECT region_key AS region, any_value(gemeente_code) AS gemeente,
      max(value) FILTER (WHERE period_key = ${base}) AS base,
      max(value) FILTER (WHERE period_key = ${per}) AS value,
      max(status) FILTER (WHERE period_key = ${per}) AS status
    FROM cbs_observation WHERE table_id = ${q.table} AND topic = ${q.topic} AND dims_key = ''
    GROUP BY region_key ORDER BY region_key`);
  return rows.map((r) => ({ ...r, index: indexOf(r.value, r.base) }));
}
