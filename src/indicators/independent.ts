/**
 * An independent computation of the headline figure (% youths 0–17 with jeugdhulp in a period),
 * written as one plain DuckDB query straight on the lens's copied tables (not on the derived `traj`
 * table and not through the indicator module), so that it checks the code path and serves as the
 * speed baseline of issue 4.
 */
import type { Lens } from '../lens/lens.js';
import { dateValue, sql } from '../lens/sql.js';
import { periodEnd, periodStart, type Period } from '../domain/periods.js';

export async function headlineByHand(lens: Lens, p: Period): Promise<Array<{ gemeente: string; pct: number }>> {
  const s = periodStart(p);
  const e = periodEnd(p);
  return lens.query<{ gemeente: string; pct: number }>(sql`
    WITH inc AS (
      SELECT t.gemeente_code, count(DISTINCT t.youth_pseudonym) AS n
      FROM trajectory t
      WHERE NOT t.withdrawn
        AND coalesce(t.start_date, t.allocation_start, t.allocation_date) <= ${dateValue(e)}
        AND (CASE WHEN t.start_date IS NOT NULL THEN t.end_date ELSE coalesce(t.end_date, t.allocation_end) END IS NULL
             OR CASE WHEN t.start_date IS NOT NULL THEN t.end_date ELSE coalesce(t.end_date, t.allocation_end) END >= ${dateValue(s)})
      GROUP BY 1),
    pop AS (SELECT gemeente_code, sum(count) AS n FROM population WHERE wijk_code = '' AND age_from = 0 AND age_to = 17 AND year = ${p.year} GROUP BY 1)
    SELECT inc.gemeente_code AS gemeente, round(inc.n / pop.n * 100, 3) AS pct
    FROM inc JOIN pop USING (gemeente_code) ORDER BY 1`);
}
