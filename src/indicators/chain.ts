/** Chain quality: allocations without a start, claims without a (matching) allocation. */
import { addDays } from '../domain/dates.js';
import { periodEnd } from '../domain/periods.js';
import type { Indicator } from './types.js';
import { bounds, dataEnd, gemeenteFilter, periodFlags, row } from './sql.js';

export const ALLOCATION_WITHOUT_START_DAYS = 42;

export const allocationsWithoutStart: Indicator = {
  definition: {
    id: 'allocations_without_start', nameNl: 'toewijzingen zonder start', nameEn: 'allocations without a start',
    definitionNl: `Toewijzingen die op de laatste dag van de periode ouder zijn dan ${ALLOCATION_WITHOUT_START_DAYS} dagen en geen start (JW305) hebben, en niet zijn ingetrokken.`,
    definitionEn: `Allocations older than ${ALLOCATION_WITHOUT_START_DAYS} days on the last day of the period without a start message, not withdrawn.`,
    unit: 'aantal', direction: 'lager_beter', dimensions: ['aanbieder'], sources: ['trajecten', 'iJw JW301/JW305'], cbsNote: null,
  },
  async compute(lens, q) {
    const cutoff = addDays(periodEnd(q.period), -ALLOCATION_WITHOUT_START_DAYS);
    const last = await dataEnd(lens);
    const dim = q.by === 'aanbieder' ? 'provider_agb' : 'NULL';
    const rows = await lens.query<{ gemeente_code: string; k: string | null; n: number }>(`
      SELECT gemeente_code, ${dim} AS k, count(*)::INTEGER AS n FROM trajectory
      WHERE start_date IS NULL AND NOT withdrawn AND allocation_date <= DATE '${cutoff}'
        AND (allocation_end IS NULL OR allocation_end >= DATE '${periodEnd(q.period)}') AND ${gemeenteFilter(q)}
      GROUP BY 1, 2 ORDER BY 1, 2`);
    return rows.map((r) => row('allocations_without_start', 'aantal', q, r.gemeente_code, r.n, r.n, null, periodFlags(q.period, last), q.by ?? null, r.k));
  },
};

export const claimsWithoutAllocation: Indicator = {
  definition: {
    id: 'claims_without_allocation', nameNl: 'declaraties zonder toewijzing', nameEn: 'claims without an allocation',
    definitionNl: 'Declaratieregels met een prestatieperiode in de periode waarvan het traject of toewijzingsnummer onbekend is, of waarvan de prestatieperiode buiten de looptijd van de toewijzing valt.',
    definitionEn: 'Claim lines in the period whose trajectory or allocation number is unknown, or whose product period falls outside the allocation.',
    unit: 'aantal', direction: 'lager_beter', dimensions: ['reden'], sources: ['declaraties', 'trajecten'], cbsNote: null,
  },
  async compute(lens, q) {
    const b = bounds(q.period);
    const last = await dataEnd(lens);
    const rows = await lens.query<{ gemeente_code: string; k: string; n: number; total: number }>(`
      WITH c AS (
        SELECT c.gemeente_code,
          -- two equi-joins instead of one OR-join: the claim names its trajectory, or only its allocation
          CASE WHEN coalesce(t1.trajectory_id, t2.trajectory_id) IS NULL THEN 'onbekende toewijzing'
               WHEN c.period_start < coalesce(t1.eff_start, t2.eff_start)
                 OR c.period_end > coalesce(t1.eff_end, t1.allocation_end, t2.eff_end, t2.allocation_end, DATE '9999-12-31') THEN 'buiten looptijd toewijzing'
               ELSE 'in orde' END AS k
        FROM claim_line c
        LEFT JOIN traj t1 ON t1.gemeente_code = c.gemeente_code AND t1.trajectory_id = c.trajectory_id
        -- a condition on the claim alone in ON defeats the hash join: join on the allocation plainly; t1 wins in the CASE
        LEFT JOIN (SELECT * FROM traj WHERE allocation_number IS NOT NULL) t2
          ON t2.gemeente_code = c.gemeente_code AND t2.allocation_number = c.allocation_number
        WHERE c.period_start BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q, 'c.gemeente_code')})
      SELECT gemeente_code, k, count(*)::INTEGER AS n, (sum(count(*)) OVER (PARTITION BY gemeente_code))::INTEGER AS total
      FROM c GROUP BY 1, 2 ORDER BY 1, 2`);
    const out = [];
    const gemeenten = [...new Set(rows.map((r) => r.gemeente_code))];
    for (const g of gemeenten) {
      const mine = rows.filter((r) => r.gemeente_code === g);
      const total = mine[0]!.total;
      const bad = mine.filter((r) => r.k !== 'in orde');
      if (q.by === 'reden') for (const r of bad) out.push(row('claims_without_allocation', 'aantal', q, g, r.n, r.n, total, periodFlags(q.period, last), 'reden', r.k));
      else {
        const n = bad.reduce((s, r) => s + r.n, 0);
        out.push(row('claims_without_allocation', 'aantal', q, g, n, n, total, periodFlags(q.period, last)));
      }
    }
    return out;
  },
};
