/**
 * Flow (instroom, uitstroom, stand), duration, long-running trajectories and re-entry.
 * Definitions: shared/domain/indicators.md, "Use and flow".
 */
import { NORMS, normValue } from './norms.js';
import { periodEnd } from '../domain/periods.js';
import { ratioHalfUp } from '../domain/decimal.js';
import type { Indicator } from './types.js';
import { activeIn, bounds, dataEnd, endFromAllocation, gemeenteFilter, periodFlags, row, withEndFlag } from './sql.js';

export const inflowYouth: Indicator = {
  definition: {
    id: 'inflow_youth', nameNl: 'instroom (nieuwe cliënten)', nameEn: 'inflow (new clients)',
    definitionNl: 'Jeugdigen met een traject dat in de periode start en geen traject dat actief was in de 365 dagen vóór die start.',
    definitionEn: 'Youths with a trajectory starting in the period and no trajectory active in the 365 days before that start.',
    unit: 'aantal', direction: 'neutraal', dimensions: [], sources: ['trajecten'], cbsNote: null,
  },
  async compute(lens, q) {
    const b = bounds(q.period);
    const last = await dataEnd(lens);
    const rows = await lens.query<{ gemeente_code: string; n: number }>(`
      SELECT s.gemeente_code, count(DISTINCT s.youth_pseudonym)::INTEGER AS n
      FROM traj s
      WHERE s.eff_start BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q, 's.gemeente_code')}
        AND NOT EXISTS (
          SELECT 1 FROM traj p
          WHERE p.gemeente_code = s.gemeente_code AND p.youth_pseudonym = s.youth_pseudonym
            AND p.eff_start < s.eff_start AND (p.eff_end IS NULL OR p.eff_end >= s.eff_start - INTERVAL 365 DAY))
      GROUP BY 1 ORDER BY 1`);
    return rows.map((r) => row('inflow_youth', 'aantal', q, r.gemeente_code, r.n, r.n, null, periodFlags(q.period, last)));
  },
};

export const outflowYouth: Indicator = {
  definition: {
    id: 'outflow_youth', nameNl: 'uitstroom', nameEn: 'outflow',
    definitionNl: 'Jeugdigen met een traject dat in de periode eindigt en geen traject dat actief is op de dag na hun laatste einde in de periode.',
    definitionEn: 'Youths with a trajectory ending in the period and no trajectory active on the day after their last end in the period.',
    unit: 'aantal', direction: 'neutraal', dimensions: [], sources: ['trajecten'], cbsNote: null,
  },
  async compute(lens, q) {
    const b = bounds(q.period);
    const last = await dataEnd(lens);
    const rows = await lens.query<{ gemeente_code: string; n: number }>(`
      WITH last_end AS (
        SELECT gemeente_code, youth_pseudonym, max(eff_end) AS e FROM traj
        WHERE eff_end BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q)} GROUP BY 1, 2)
      SELECT l.gemeente_code, count(*)::INTEGER AS n FROM last_end l
      WHERE NOT EXISTS (
        SELECT 1 FROM traj t WHERE t.gemeente_code = l.gemeente_code AND t.youth_pseudonym = l.youth_pseudonym
          AND t.eff_start <= l.e + INTERVAL 1 DAY AND (t.eff_end IS NULL OR t.eff_end >= l.e + INTERVAL 1 DAY))
      GROUP BY 1 ORDER BY 1`);
    return withEndFlag(rows.map((r) => row('outflow_youth', 'aantal', q, r.gemeente_code, r.n, r.n, null, periodFlags(q.period, last))), await endFromAllocation(lens, q));
  },
};

export const stockYouth: Indicator = {
  definition: {
    id: 'stock_youth', nameNl: 'stand op peildatum', nameEn: 'stock on the reference date',
    definitionNl: 'Jeugdigen met een traject dat actief is op de laatste dag van de periode.',
    definitionEn: 'Youths with a trajectory active on the last day of the period.',
    unit: 'aantal', direction: 'neutraal', dimensions: [], sources: ['trajecten'], cbsNote: null,
  },
  async compute(lens, q) {
    const d = `DATE '${periodEnd(q.period)}'`;
    const last = await dataEnd(lens);
    const rows = await lens.query<{ gemeente_code: string; n: number }>(`
      SELECT gemeente_code, count(DISTINCT youth_pseudonym)::INTEGER AS n FROM traj
      WHERE eff_start <= ${d} AND (eff_end IS NULL OR eff_end >= ${d}) AND ${gemeenteFilter(q)} GROUP BY 1 ORDER BY 1`);
    return withEndFlag(rows.map((r) => row('stock_youth', 'aantal', q, r.gemeente_code, r.n, r.n, null, periodFlags(q.period, last))), await endFromAllocation(lens, q));
  },
};

export const duration: Indicator = {
  definition: {
    id: 'duration', nameNl: 'duur', nameEn: 'duration',
    definitionNl: 'Van de gestarte trajecten die in de periode eindigden (stopbericht, anders de einddatum van de toewijzing): mediaan, 75e percentiel en gemiddelde in dagen van start tot einde, per productcategorie.',
    definitionEn: 'Of trajectories ended in the period: median, P75 and mean days from start to end, per product category.',
    unit: 'dagen', direction: 'neutraal', dimensions: ['statistiek', 'productcategorie'], sources: ['trajecten'], cbsNote: null,
  },
  async compute(lens, q) {
    const b = bounds(q.period);
    const last = await dataEnd(lens);
    const byCat = q.by === 'productcategorie';
    const rows = await lens.query<{ gemeente_code: string; k: string | null; med: number; p75: number; mean: number; n: number }>(`
      SELECT gemeente_code, ${byCat ? 'product_category' : 'NULL'} AS k,
        quantile_cont(date_diff('day', eff_start, eff_end), 0.5) AS med, quantile_cont(date_diff('day', eff_start, eff_end), 0.75) AS p75,
        avg(date_diff('day', eff_start, eff_end)) AS mean, count(*)::INTEGER AS n
      FROM traj WHERE eff_end BETWEEN ${b.start} AND ${b.end} AND start_date IS NOT NULL AND ${gemeenteFilter(q)}
      GROUP BY 1, 2 ORDER BY 1, 2`);
    const ends = await endFromAllocation(lens, q);
    return withEndFlag(rows.flatMap((r) => (['mediaan', 'p75', 'gemiddelde'] as const).map((stat) => {
      const v = stat === 'mediaan' ? r.med : stat === 'p75' ? r.p75 : r.mean;
      return row('duration', 'dagen', q, r.gemeente_code, Math.round(v * 10) / 10, null, r.n, periodFlags(q.period, last),
        byCat ? 'productcategorie' : 'statistiek', byCat ? `${r.k}:${stat}` : stat);
    })), ends);
  },
};

/** Default; a region sets its own in Beheer (indicators/norms.ts). */
export const LONG_RUNNING_MONTHS = NORMS.lang_lopend_maanden.default;

export const longRunning: Indicator = {
  definition: {
    id: 'long_running', nameNl: 'langlopende trajecten', nameEn: 'long-running trajectories',
    definitionNl: `Trajecten die actief zijn in de periode en op het eerdere van hun einde en het einde van de periode langer dan de norm lopen (standaard ${LONG_RUNNING_MONTHS} maanden; de regio kan een eigen norm instellen in Beheer).`,
    definitionEn: `Trajectories active in the period that have run longer than the norm (default ${LONG_RUNNING_MONTHS} months; a region can set its own) at the earlier of their end and the period end.`,
    unit: 'aantal', direction: 'neutraal', dimensions: ['productcategorie'], sources: ['trajecten'], cbsNote: null,
  },
  async compute(lens, q) {
    const b = bounds(q.period);
    const last = await dataEnd(lens);
    const months = Math.round(await normValue(lens, 'lang_lopend_maanden', q.gemeenten));
    const rows = await lens.query<{ gemeente_code: string; n: number; active: number }>(`
      SELECT gemeente_code,
        count(*) FILTER (WHERE least(coalesce(eff_end, ${b.end}), ${b.end}) > eff_start + INTERVAL ${months} MONTH)::INTEGER AS n,
        count(*)::INTEGER AS active
      FROM traj WHERE ${activeIn(q.period)} AND ${gemeenteFilter(q)} GROUP BY 1 ORDER BY 1`);
    return withEndFlag(rows.map((r) => row('long_running', 'aantal', q, r.gemeente_code, r.n, r.n, r.active, periodFlags(q.period, last))), await endFromAllocation(lens, q));
  },
};

export const reEntry: Indicator = {
  definition: {
    id: 're_entry', nameNl: 'herinstroom', nameEn: 're-entry',
    definitionNl: 'Van de jeugdigen van wie alle trajecten volgens plan eindigden (reden 31) met het laatste einde in de periode: het aandeel met een nieuw traject binnen 365 dagen daarna.',
    definitionEn: 'Of youths whose trajectories all ended as planned (reason 31), the last end in the period: the share with a new trajectory within 365 days.',
    unit: 'procent', direction: 'lager_beter', dimensions: [], sources: ['trajecten'], cbsNote: null,
  },
  async compute(lens, q) {
    const b = bounds(q.period);
    const last = await dataEnd(lens);
    // a youth is "done" at e when nothing of theirs runs past e; all trajectories ending up to e ended with 31
    const rows = await lens.query<{ gemeente_code: string; n: number; total: number }>(`
      WITH ends AS (
        SELECT gemeente_code, youth_pseudonym, max(eff_end) AS e FROM traj
        WHERE eff_end BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q)} GROUP BY 1, 2),
      done AS (
        SELECT e.* FROM ends e
        WHERE NOT EXISTS (SELECT 1 FROM traj t WHERE t.gemeente_code = e.gemeente_code AND t.youth_pseudonym = e.youth_pseudonym
                            AND t.eff_start <= e.e AND (t.eff_end IS NULL OR t.eff_end > e.e))
          AND NOT EXISTS (SELECT 1 FROM traj t WHERE t.gemeente_code = e.gemeente_code AND t.youth_pseudonym = e.youth_pseudonym
                            AND t.eff_end BETWEEN e.e - INTERVAL 365 DAY AND e.e AND coalesce(t.end_reason, '') <> '31'))
      SELECT d.gemeente_code, count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM traj n WHERE n.gemeente_code = d.gemeente_code AND n.youth_pseudonym = d.youth_pseudonym
                 AND n.eff_start > d.e AND n.eff_start <= d.e + INTERVAL 365 DAY))::INTEGER AS n,
             count(*)::INTEGER AS total
      FROM done d GROUP BY 1 ORDER BY 1`);
    const flags = periodFlags(q.period, last);
    // re-entry needs 365 days after the period: younger periods are not complete yet
    const followUp = new Date(Date.parse(`${periodEnd(q.period)}T00:00:00Z`) + 365 * 86_400_000).toISOString().slice(0, 10);
    if (followUp > last && !flags.includes('periode_niet_compleet')) flags.push('periode_niet_compleet');
    return rows.map((r) => row('re_entry', 'procent', q, r.gemeente_code, r.total ? ratioHalfUp(r.n, r.total, 100, 3) : null, r.n, r.total, flags));
  },
};
