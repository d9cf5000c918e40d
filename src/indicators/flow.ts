/**
 * Flow (instroom, uitstroom, stand), duration, long-running trajectories and re-entry.
 * Definitions: docs/domain/indicators.md, "Use and flow".
 */
import { dateValue, sql, type Sql } from '../lens/sql.js';
import { NORMS, normValue } from './norms.js';
import { periodEnd } from '../domain/periods.js';
import { ratioHalfUp } from '../domain/decimal.js';
import type { IndicatorDefinition, Query } from './types.js';
import { CARE_FORM_KEY, WIJK_KEY, activeIn, bounds, gemeenteFilter, withWijkNames } from './sql.js';
import { defineIndicator } from './kernel.js';

/**
 * The stock–flow bridge (issue 14.8). Conventions (docs/indicators.md, "Stand en stroom"):
 *  - stock at a date d: youths with a trajectory active on d (start <= d and end null or >= d);
 *  - the bridge of period [s, e] runs from the stock on s − 1 (the last day of the period before,
 *    so one period's end stock is the next one's start stock) to the stock on e;
 *  - in the window [s − 1, e] every youth with care is exactly one of: in care on s − 1 or not,
 *    and in care on e or not. Youths not in care on s − 1 who have care in the period came in:
 *    new inflow when nothing of theirs was active in the 365 days before their first start in the
 *    period, re-entry otherwise. Youths with care in the window who are not in care on e went out
 *    (outflow: their first day without care lies in the period).
 * So start + new inflow + re-entry − outflow = end holds for every gemeente and period by
 * construction, per youth. A youth who leaves and comes back within the period, or comes in and
 * leaves again, counts in the flows only by where they are at the two dates that bound it.
 */
interface FlowCounts {
  gemeente_code: string;
  /** the split's key (care form or wijk), null without a split */
  k: string | null;
  start_stock: number;
  new_inflow: number;
  re_entry: number;
  outflow: number;
  end_stock: number;
}

/**
 * The bridge per gemeente, or per gemeente and key of a split (issue 16.6): by care form the bridge runs over
 * the trajectories of that care form only (inflow into residential care, outflow from it; a youth can flow in
 * several care forms, and each care form's bridge closes on its own); by wijk over the youth's wijk (one per
 * youth, so the wijken add up to the gemeente).
 */
function flowCounts(q: Query, dim: Sql) {
  const b = bounds(q.period);
  const before = sql`(${b.start} - INTERVAL 1 DAY)`;
  return sql`
    WITH t AS (SELECT gemeente_code, youth_pseudonym, eff_start, eff_end, ${dim} AS k FROM traj WHERE ${gemeenteFilter(q)}),
    w AS (
      SELECT * FROM t WHERE eff_start <= ${b.end} AND (eff_end IS NULL OR eff_end >= ${before})),
    y AS (
      -- every row of w ends on or after s - 1 and starts on or before e
      SELECT gemeente_code, k, youth_pseudonym,
        bool_or(eff_start <= ${before}) AS at_start,
        bool_or(eff_end IS NULL OR eff_end >= ${b.end}) AS at_end,
        bool_or(eff_end IS NULL OR eff_end >= ${b.start}) AS in_period,
        min(eff_start) FILTER (WHERE eff_start >= ${b.start}) AS first_start
      FROM w GROUP BY 1, 2, 3),
    c AS (
      SELECT y.*, (in_period AND NOT at_start) AS entered,
        (in_period AND NOT at_start AND NOT EXISTS (
          SELECT 1 FROM t p WHERE p.gemeente_code = y.gemeente_code AND p.youth_pseudonym = y.youth_pseudonym
            AND p.k IS NOT DISTINCT FROM y.k
            AND p.eff_start < y.first_start AND (p.eff_end IS NULL OR p.eff_end >= y.first_start - INTERVAL 365 DAY))) AS is_new
      FROM y)
    SELECT gemeente_code, k,
      count(*) FILTER (WHERE at_start)::INTEGER AS start_stock,
      count(*) FILTER (WHERE is_new)::INTEGER AS new_inflow,
      count(*) FILTER (WHERE entered AND NOT is_new)::INTEGER AS re_entry,
      count(*) FILTER (WHERE NOT at_end)::INTEGER AS outflow,
      count(*) FILTER (WHERE at_end)::INTEGER AS end_stock
    FROM c GROUP BY 1, 2 ORDER BY 1, 2`;
}

const SPLITS_NL =
  'Naar zorgvorm telt de brug alleen de trajecten van die zorgvorm (instroom in en uitstroom uit bijvoorbeeld jeugdhulp met verblijf; een jeugdige kan in meer zorgvormen tellen); naar wijk telt de wijk van de jeugdige.';
const SPLITS_EN =
  'By care form the bridge counts only the trajectories of that care form (inflow into and outflow from, for example, residential care; a youth can count in several care forms); by wijk the youth\u2019s wijk counts.';

/** The splits of the flows and the stock: care form and wijk (issue 16.6). */
const YOUTH_FLOW_SPLITS = { zorgvorm: CARE_FORM_KEY, wijk: WIJK_KEY };

/** One count of the bridge as an indicator of its own (zero rows are left out, as everywhere). */
function flowIndicator(definition: Omit<IndicatorDefinition, 'dimensions'>, pick: (c: FlowCounts) => number) {
  return defineIndicator({
    definition: {
      ...definition,
      definitionNl: `${definition.definitionNl} ${SPLITS_NL}`,
      definitionEn: `${definition.definitionEn} ${SPLITS_EN}`,
    },
    dimensions: YOUTH_FLOW_SPLITS,
    endFlag: true,
    async figures({ lens, q, dim, by }) {
      const rows = await lens.query<FlowCounts>(flowCounts(q, dim));
      const figures = rows
        .filter((c) => pick(c) > 0)
        .map((c) => ({ gemeente: c.gemeente_code, value: pick(c), numerator: pick(c), key: c.k }));
      return withWijkNames(lens, by, figures);
    },
  });
}

export const inflowYouth = flowIndicator(
  {
    id: 'inflow_youth',
    nameNl: 'instroom (nieuwe cliënten)',
    nameEn: 'inflow (new clients)',
    definitionNl:
      'Jeugdigen die op de dag vóór de periode geen jeugdhulp hadden, in de periode een traject kregen en in de 365 dagen vóór hun eerste start in de periode geen traject hadden. Met herinstroom en uitstroom sluit de stand: stand begin + instroom + herinstroom − uitstroom = stand eind.',
    definitionEn:
      'Youths not in care on the day before the period who got a trajectory in the period and had none active in the 365 days before their first start in it. With re-entry and outflow the stock adds up: start + inflow + re-entry − outflow = end.',
    unit: 'aantal',
    direction: 'neutraal',
    sources: ['trajecten'],
    cbsNote: null,
  },
  (c) => c.new_inflow,
);

export const reentryYouth = flowIndicator(
  {
    id: 'reentry_youth',
    nameNl: 'herinstroom (aantal)',
    nameEn: 're-entry (count)',
    definitionNl:
      'Jeugdigen die op de dag vóór de periode geen jeugdhulp hadden en in de periode weer een traject kregen, terwijl ze in de 365 dagen vóór die start wel een traject hadden (terugkeer na een onderbreking). Geen nieuwe instroom, wel een deel van de stand.',
    definitionEn:
      'Youths not in care on the day before the period who got a trajectory in it while they had one active in the 365 days before that start (return after a break). Not new inflow, but part of the stock.',
    unit: 'aantal',
    direction: 'neutraal',
    sources: ['trajecten'],
    cbsNote: null,
  },
  (c) => c.re_entry,
);

export const outflowYouth = flowIndicator(
  {
    id: 'outflow_youth',
    nameNl: 'uitstroom',
    nameEn: 'outflow',
    definitionNl:
      'Jeugdigen die op de dag vóór de periode of in de periode jeugdhulp hadden en op de laatste dag van de periode niet meer: hun eerste dag zonder traject valt in de periode (wie op de laatste dag nog zorg heeft, telt in de stand en stroomt pas de volgende periode uit).',
    definitionEn:
      'Youths in care on the day before the period or during it who are no longer in care on its last day: their first day without a trajectory lies in the period (care on the last day counts in the stock, the outflow falls in the next period).',
    unit: 'aantal',
    direction: 'neutraal',
    sources: ['trajecten'],
    cbsNote: null,
  },
  (c) => c.outflow,
);

const BRIDGE_KEYS = [
  ['begin', 'start_stock'],
  ['instroom', 'new_inflow'],
  ['herinstroom', 're_entry'],
  ['uitstroom', 'outflow'],
  ['eind', 'end_stock'],
] as const;

export const stockBridge = defineIndicator<FlowCounts>({
  definition: {
    id: 'stock_bridge',
    nameNl: 'standenbrug',
    nameEn: 'stock–flow bridge',
    definitionNl:
      'Van de stand op de dag vóór de periode naar de stand op de laatste dag: stand begin + instroom (nieuw) + herinstroom − uitstroom = stand eind, per jeugdige en dus exact. Stand = jeugdigen met een traject dat op die dag actief is.',
    definitionEn:
      'From the stock on the day before the period to the stock on its last day: start + new inflow + re-entry − outflow = end, per youth and so exactly. Stock = youths with a trajectory active on that day.',
    unit: 'aantal',
    direction: 'neutraal',
    sources: ['trajecten'],
    cbsNote: null,
  },
  dimensions: { post: null },
  endFlag: true,
  query: ({ q }) => flowCounts(q, sql`NULL`),
  toRows: (rows) =>
    rows.flatMap((c) =>
      BRIDGE_KEYS.map(([k, f]) => ({ gemeente: c.gemeente_code, value: c[f], numerator: c[f], by: 'post', key: k })),
    ),
});

export const stockYouth = defineIndicator({
  definition: {
    id: 'stock_youth',
    nameNl: 'stand op peildatum',
    nameEn: 'stock on the reference date',
    definitionNl:
      'Jeugdigen met een traject dat actief is op de laatste dag van de periode; naar zorgvorm (een jeugdige met trajecten in twee zorgvormen telt in beide) en naar wijk van de jeugdige.',
    definitionEn:
      'Youths with a trajectory active on the last day of the period; by care form (a youth in two care forms counts in both) and by the youth\u2019s wijk.',
    unit: 'aantal',
    direction: 'neutraal',
    sources: ['trajecten'],
    cbsNote: null,
  },
  dimensions: YOUTH_FLOW_SPLITS,
  endFlag: true,
  async figures({ lens, q, dim, by }) {
    const d = dateValue(periodEnd(q.period));
    const rows = await lens.query<{ gemeente_code: string; k: string | null; n: number }>(sql`
      SELECT gemeente_code, ${dim} AS k, count(DISTINCT youth_pseudonym)::INTEGER AS n FROM traj
      WHERE eff_start <= ${d} AND (eff_end IS NULL OR eff_end >= ${d}) AND ${gemeenteFilter(q)} GROUP BY 1, 2 ORDER BY 1, 2`);
    return withWijkNames(
      lens,
      by,
      rows.map((r) => ({ gemeente: r.gemeente_code, value: r.n, numerator: r.n, key: r.k })),
    );
  },
});

const STATISTICS = ['mediaan', 'p75', 'gemiddelde'] as const;

export const duration = defineIndicator<{
  gemeente_code: string;
  k: string | null;
  med: number;
  p75: number;
  mean: number;
  n: number;
}>({
  definition: {
    id: 'duration',
    nameNl: 'duur',
    nameEn: 'duration',
    definitionNl:
      'Van de gestarte trajecten die in de periode eindigden (stopbericht, anders de einddatum van de toewijzing): mediaan, 75e percentiel en gemiddelde in dagen van start tot einde, per productcategorie of per zorgvorm (zonder en met verblijf, jeugdbescherming, jeugdreclassering).',
    definitionEn:
      'Of trajectories ended in the period: median, P75 and mean days from start to end, per product category or per care form (without and with residence, child protection, youth probation).',
    unit: 'dagen',
    direction: 'neutraal',
    sources: ['trajecten'],
    cbsNote: null,
  },
  dimensions: { statistiek: null, productcategorie: sql`product_category`, zorgvorm: CARE_FORM_KEY },
  endFlag: true,
  query: ({ q, dim }) => {
    const b = bounds(q.period);
    return sql`
      SELECT gemeente_code, ${dim} AS k,
        quantile_cont(date_diff('day', eff_start, eff_end), 0.5) AS med, quantile_cont(date_diff('day', eff_start, eff_end), 0.75) AS p75,
        avg(date_diff('day', eff_start, eff_end)) AS mean, count(*)::INTEGER AS n
      FROM traj WHERE eff_end BETWEEN ${b.start} AND ${b.end} AND start_date IS NOT NULL AND ${gemeenteFilter(q)}
      GROUP BY 1, 2 ORDER BY 1, 2`;
  },
  toRows: (rows, { by }) => {
    // by product category or care form the keys are "45:mediaan", "met_verblijf:p75"
    const keyed = by === 'productcategorie' || by === 'zorgvorm' ? by : null;
    return rows.flatMap((r) =>
      STATISTICS.map((stat) => ({
        gemeente: r.gemeente_code,
        value: Math.round((stat === 'mediaan' ? r.med : stat === 'p75' ? r.p75 : r.mean) * 10) / 10,
        denominator: r.n,
        by: keyed ?? 'statistiek',
        key: keyed ? `${r.k}:${stat}` : stat,
      })),
    );
  },
});

/** Default; a region sets its own in Beheer (indicators/norms.ts). */
export const LONG_RUNNING_MONTHS = NORMS.lang_lopend_maanden.default;

export const longRunning = defineIndicator({
  definition: {
    id: 'long_running',
    nameNl: 'langlopende trajecten',
    nameEn: 'long-running trajectories',
    definitionNl: `Trajecten die actief zijn in de periode en op het eerdere van hun einde en het einde van de periode langer dan de norm lopen (standaard ${LONG_RUNNING_MONTHS} maanden; de regio kan een eigen norm instellen in Beheer).`,
    definitionEn: `Trajectories active in the period that have run longer than the norm (default ${LONG_RUNNING_MONTHS} months; a region can set its own) at the earlier of their end and the period end.`,
    unit: 'aantal',
    direction: 'neutraal',
    sources: ['trajecten'],
    cbsNote: null,
  },
  // the declared split by product category (found by the differential tests: it used to be ignored)
  dimensions: { productcategorie: sql`product_category` },
  endFlag: true,
  async figures({ lens, q, dim }) {
    const b = bounds(q.period);
    const months = Math.round(await normValue(lens, 'lang_lopend_maanden', q.gemeenten));
    const rows = await lens.query<{ gemeente_code: string; k: string | null; n: number; active: number }>(sql`
      SELECT gemeente_code, ${dim} AS k,
        count(*) FILTER (WHERE least(coalesce(eff_end, ${b.end}), ${b.end}) > eff_start + to_months(${months}))::INTEGER AS n,
        count(*)::INTEGER AS active
      FROM traj WHERE ${activeIn(q.period)} AND ${gemeenteFilter(q)} GROUP BY 1, 2 ORDER BY 1, 2`);
    return rows.map((r) => ({
      gemeente: r.gemeente_code,
      value: r.n,
      numerator: r.n,
      denominator: r.active,
      key: r.k,
    }));
  },
});

export const reEntry = defineIndicator({
  definition: {
    id: 're_entry',
    nameNl: 'herinstroom',
    nameEn: 're-entry',
    definitionNl:
      'Van de jeugdigen van wie de zorg in de periode eindigde en van wie elk traject dat in de periode eindigde volgens plan eindigde (reden 31), zonder traject dat na hun laatste einde doorloopt: het aandeel met een nieuw traject binnen 365 dagen na dat laatste einde. Een eerder, onvoorzien einde vóór de periode telt niet mee.',
    definitionEn:
      'Of youths whose care ended in the period, every trajectory ending in the period as planned (reason 31) and none running past their last end: the share with a new trajectory within 365 days of that end. An earlier unplanned end before the period does not count.',
    unit: 'procent',
    direction: 'lager_beter',
    sources: ['trajecten'],
    cbsNote: null,
  },
  // a youth is "done" at e when nothing of theirs runs past e; every trajectory of theirs that ended in the
  // period ended with 31. An earlier unplanned end (before the period) does not count: the catalogue says
  // "all ended volgens plan in a period" (decided against a 365-day look-back, which the definition does not name)
  query: ({ q }) => {
    const b = bounds(q.period);
    return sql`
      WITH ends AS (
        SELECT gemeente_code, youth_pseudonym, max(eff_end) AS e FROM traj
        WHERE eff_end BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q)} GROUP BY 1, 2),
      done AS (
        SELECT e.* FROM ends e
        WHERE NOT EXISTS (SELECT 1 FROM traj t WHERE t.gemeente_code = e.gemeente_code AND t.youth_pseudonym = e.youth_pseudonym
                            AND t.eff_start <= e.e AND (t.eff_end IS NULL OR t.eff_end > e.e))
          AND NOT EXISTS (SELECT 1 FROM traj t WHERE t.gemeente_code = e.gemeente_code AND t.youth_pseudonym = e.youth_pseudonym
                            AND t.eff_end BETWEEN ${b.start} AND e.e AND coalesce(t.end_reason, '') <> '31'))
      SELECT d.gemeente_code, count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM traj n WHERE n.gemeente_code = d.gemeente_code AND n.youth_pseudonym = d.youth_pseudonym
                 AND n.eff_start > d.e AND n.eff_start <= d.e + INTERVAL 365 DAY))::INTEGER AS n,
             count(*)::INTEGER AS total
      FROM done d GROUP BY 1 ORDER BY 1`;
  },
  toRows: (rows: ReadonlyArray<{ gemeente_code: string; n: number; total: number }>, { q, last }) => {
    // re-entry needs 365 days after the period: younger periods are not complete yet
    const followUp = new Date(Date.parse(`${periodEnd(q.period)}T00:00:00Z`) + 365 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const flags = last !== null && followUp > last ? (['periode_niet_compleet'] as const) : [];
    return rows.map((r) => ({
      gemeente: r.gemeente_code,
      value: r.total ? ratioHalfUp(r.n, r.total, 100, 3) : null,
      numerator: r.n,
      denominator: r.total,
      flags,
    }));
  },
});
