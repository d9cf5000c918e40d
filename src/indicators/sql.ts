/**
 * SQL fragments shared by the indicator families: period bounds and the gemeente filter. They are `sql` fragments
 * (lens/sql.ts): every value in them is a bound parameter, so nothing a caller passes becomes SQL text.
 */
import { periodEnd, periodStart, type Period } from '../domain/periods.js';
import type { Lens } from '../lens/lens.js';
import { dateValue, joinSql, sql, type Sql } from '../lens/sql.js';
import { ratioHalfUp } from '../domain/decimal.js';
import { DROPOUT_REASONS, END_REASON_AS_PLANNED } from '../domain/codelists.js';
import type { Flag, IndicatorRow, Query } from './types.js';

/** The period's first and last day as DATE parameters. */
export function bounds(p: Period): { start: Sql; end: Sql } {
  return { start: dateValue(periodStart(p)), end: dateValue(periodEnd(p)) };
}

/** The query's gemeenten as parameters (TRUE when it asks for all of them). */
export function gemeenteFilter(q: Query, column: Sql = sql`gemeente_code`): Sql {
  if (q.gemeenten.length === 0) return sql`TRUE`;
  return sql`${column} IN (${joinSql(q.gemeenten.map((g) => sql`${g}`))})`;
}

/**
 * The split keys a controller asks for (issue 16.6), as `traj` columns: the care form from the region's mapping and
 * the youth's wijk, 'onbekend' where the data have none (so no row falls out of a split).
 */
export const CARE_FORM_KEY = sql`coalesce(care_form, 'onbekend')`;
export const WIJK_KEY = sql`coalesce(nullif(wijk_code, ''), 'onbekend')`;

/** The wijk names of the lens (`gemeente|code` → name), for a split by wijk shown in words. */
export async function wijkNames(lens: Lens): Promise<Map<string, string>> {
  const rows = await lens.query<{ g: string; code: string; name: string }>(
    sql`SELECT gemeente_code AS g, code, name FROM wijk`,
  );
  return new Map(rows.map((w) => [`${w.g}|${w.code}`, w.name]));
}

/** A split by wijk carries the wijk's name (the web shows words, not codes). */
export async function withWijkNames<T extends { gemeente: string; key?: string | null }>(
  lens: Lens,
  by: string | null,
  figures: readonly T[],
): Promise<T[]> {
  if (by !== 'wijk') return [...figures];
  const names = await wijkNames(lens);
  return figures.map((f) => {
    const label = names.get(`${f.gemeente}|${f.key ?? ''}`);
    return label ? { ...f, label } : f;
  });
}

/**
 * The end reason's class as SQL, from the one classification (domain/codelists.ts `endReasonClass`): 'volgens_plan',
 * 'uitval', 'overig', NULL without a reason. Built from the same constants, so dropout and completed_as_planned cannot
 * drift apart.
 */
export function endReasonClassSql(column: Sql = sql`end_reason`): Sql {
  const dropout = joinSql([...DROPOUT_REASONS].sort().map((c) => sql`${c}`));
  return sql`(CASE WHEN ${column} IS NULL OR ${column} = '' THEN NULL WHEN ${column} = ${END_REASON_AS_PLANNED} THEN 'volgens_plan'
    WHEN ${column} IN (${dropout}) THEN 'uitval' ELSE 'overig' END)`;
}

/** Active in the period: start <= period end and (end is null or end >= period start). */
export function activeIn(p: Period, start: Sql = sql`eff_start`, end: Sql = sql`eff_end`): Sql {
  const b = bounds(p);
  return sql`(${start} <= ${b.end} AND (${end} IS NULL OR ${end} >= ${b.start}))`;
}

/**
 * The last day the lens has data for; periods beyond it are flagged incomplete. A lens as of a date
 * (lens/scope.ts asOfViews): the last day of the data known on that date — the dates of the
 * trajectories as they stood then and the send days (Dagtekening) of the iJw messages and claims sent
 * by then — so data sent later make neither the data end nor a period's completeness move (issue 14).
 */
export function dataEnd(lens: Lens): Promise<string> {
  // every indicator asks; the lens does not change under one Lens (the claims are capped at today: keyed by it)
  return lens.memo(`dataEnd:${new Date().toISOString().slice(0, 10)}`, () => scanDataEnd(lens));
}

async function scanDataEnd(lens: Lens): Promise<string> {
  const asOf = lens.asOf;
  if (asOf !== null) {
    // the answer is capped at the as-of day (below): once a cheaper source reaches that day, the claims need not be
    // read through the as-of views, the costly part (1,7 s of a national report's 11 s)
    for (const q of [
      sql`SELECT CAST(max(sent_date) AS VARCHAR) AS d FROM ijw_event`,
      sql`SELECT CAST(greatest(max(allocation_date), max(end_date), max(start_date)) AS VARCHAR) AS d FROM traj`,
    ]) {
      const [r] = await lens.query<{ d: string | null }>(q);
      if (r?.d && r.d >= asOf) return asOf;
    }
  }
  // claims count too (a gemeente whose claims reach further than its trajectories: red team 17), but a product period
  // is care delivered, so never beyond today (a typo in one line must not offer periods up to 2099)
  const dates = sql`SELECT greatest(
      (SELECT greatest(max(allocation_date), max(end_date), max(start_date)) FROM traj),
      -- (not least(…, current_date): DuckDB's least skips NULL, so a lens without claims ended today, and every period
      -- up to today counted as complete; found by the differential test of lasting_outcome on the iJw route)
      (SELECT CASE WHEN max(period_end) > current_date THEN current_date ELSE max(period_end) END FROM claim_line))`;
  const [r] = await lens.query<{ d: string | null }>(
    lens.asOf
      ? sql`SELECT CAST(greatest((${dates}), (SELECT max(sent_date) FROM ijw_event),
          (SELECT max(sent_date) FROM claim_line)) AS VARCHAR) AS d`
      : sql`SELECT CAST((${dates}) AS VARCHAR) AS d`,
  );
  const d = r?.d ?? '1900-01-01';
  // (an allocation known on the date may carry a later allocation date: the data still end on the date)
  return asOf !== null && d > asOf ? asOf : d;
}

/** Flag a figure when more than 2% of the trajectories behind it lack an actual start or stop message. */
export const ALLOCATION_DATES_THRESHOLD = 0.02;

/**
 * Gemeenten where more than ALLOCATION_DATES_THRESHOLD of the trajectories active in the period
 * ended, by the period's end, on their allocation's Einddatum because the stop message is missing
 * (lens `traj.end_from_allocation`): their figures carry `einde_uit_toewijzing`.
 */
export function endFromAllocation(lens: Lens, q: Query): Promise<Set<string>> {
  // every trajectory figure of a period asks the same (a page, a report, the catalogue recomputed): once per lens
  const { kind, year, index } = q.period;
  return lens.memo(`endFromAllocation:${kind}:${year}:${index}:${[...q.gemeenten].sort().join(',')}`, async () => {
    const b = bounds(q.period);
    const rows = await lens.query<{ g: string; n: number; total: number }>(sql`
      SELECT gemeente_code AS g, count(*) FILTER (WHERE end_from_allocation AND eff_end <= ${b.end})::INTEGER AS n,
        count(*)::INTEGER AS total
      FROM traj WHERE ${activeIn(q.period)} AND ${gemeenteFilter(q)} GROUP BY 1`);
    return new Set(rows.filter((r) => r.n > ALLOCATION_DATES_THRESHOLD * r.total).map((r) => r.g));
  });
}

export function periodFlags(p: Period, lastDate: string): Flag[] {
  return periodEnd(p) > lastDate ? ['periode_niet_compleet'] : [];
}

/** num ÷ den × 100 to three decimals, in exact decimal arithmetic, half up (domain/decimal.ts). */
export function pct(num: number, den: number | null): number | null {
  return den && den > 0 ? ratioHalfUp(num, den, 100, 3) : null;
}

/** The row that stands for an indicator as a whole: the total, or the median for indicators split into statistics (waiting times). */
export function isHeadlineRow(r: Pick<IndicatorRow, 'key' | 'by'>): boolean {
  return r.key === null || (r.by === 'statistiek' && r.key === 'mediaan');
}
