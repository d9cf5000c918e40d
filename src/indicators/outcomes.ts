/** Outcomes: drop-out (uitval) and client satisfaction. */
import { sql, type Sql } from '../lens/sql.js';
import type { Query } from './types.js';
import { bounds, endReasonClassSql, gemeenteFilter, pct } from './sql.js';
import { defineIndicator } from './kernel.js';
import { ratioHalfUp } from '../domain/decimal.js';

/**
 * The share of the trajectories that ended in the period with a known end reason whose reason is of one class (uitval
 * for dropout, volgens plan for completed_as_planned): one denominator, so the classes add up to 100%.
 */
export function endReasonShare(cls: 'uitval' | 'volgens_plan') {
  return {
    dimensions: { aanbieder: sql`provider_agb`, productcategorie: sql`product_category` },
    query: ({ q, dim }: { q: Query; dim: Sql }) => {
      const b = bounds(q.period);
      return sql`
      SELECT gemeente_code, ${dim} AS k, count(*) FILTER (WHERE ${endReasonClassSql()} = ${cls})::INTEGER AS n,
        count(*)::INTEGER AS total
      FROM traj WHERE end_date BETWEEN ${b.start} AND ${b.end} AND ${endReasonClassSql()} IS NOT NULL AND ${gemeenteFilter(q)}
      GROUP BY ALL ORDER BY 1, 2`;
    },
    toRows: (rows: ReadonlyArray<{ gemeente_code: string; k: string | null; n: number; total: number }>) =>
      rows.map((r) => ({
        gemeente: r.gemeente_code,
        value: pct(r.n, r.total),
        numerator: r.n,
        denominator: r.total,
        key: r.k,
      })),
  };
}

export const dropout = defineIndicator<{ gemeente_code: string; k: string | null; n: number; total: number }>({
  definition: {
    id: 'dropout',
    nameNl: 'uitval',
    nameEn: 'drop-out',
    definitionNl:
      'Van de trajecten die in de periode eindigden met een bekende reden: het aandeel dat voortijdig en eenzijdig eindigde (reden beëindiging JZ588 32 door cliënt of 33 door aanbieder).',
    definitionEn:
      'Of trajectories ended in the period with a known reason, the share ended prematurely and unilaterally (JZ588 32 or 33).',
    unit: 'procent',
    direction: 'lager_beter',
    sources: ['trajecten', 'iJw JW307'],
    cbsNote: 'CBS codeert dit als 03/04 in de beleidsinformatie; de definitie is gelijk.',
  },
  ...endReasonShare('uitval'),
});

export const satisfaction = defineIndicator<{
  gemeente_code: string;
  k: string | null;
  total: number;
  n: number;
  ge7: number;
}>({
  definition: {
    id: 'satisfaction',
    nameNl: 'cliënttevredenheid',
    nameEn: 'client satisfaction',
    definitionNl:
      'Gemiddelde score (1–10) van de antwoorden in de periode, met het aantal antwoorden; onder 10 antwoorden wordt geen score getoond.',
    definitionEn:
      'Mean score (1–10) of the responses in the period, with the number of responses; hidden below 10 responses.',
    unit: 'score',
    direction: 'hoger_beter',
    sources: ['tevredenheid'],
    cbsNote: null,
  },
  dimensions: { aanbieder: sql`provider_agb` },
  // survey periods are half-years or quarters; a survey counts in every period it lies in
  query: ({ q, dim }) => {
    const b = bounds(q.period);
    return sql`
      SELECT gemeente_code, ${dim} AS k, sum(score) AS total, count(*)::INTEGER AS n, count(*) FILTER (WHERE score >= 7)::INTEGER AS ge7
      FROM satisfaction
      WHERE ${gemeenteFilter(q)} AND (
        CASE WHEN period LIKE '____H_' THEN make_date(CAST(left(period,4) AS INTEGER), CASE WHEN right(period,1)='1' THEN 1 ELSE 7 END, 1)
             WHEN period LIKE '____Q_' THEN make_date(CAST(left(period,4) AS INTEGER), (CAST(right(period,1) AS INTEGER)-1)*3+1, 1)
             WHEN period LIKE '____-__' THEN make_date(CAST(left(period,4) AS INTEGER), CAST(right(period,2) AS INTEGER), 1)
             ELSE make_date(CAST(left(period,4) AS INTEGER), 1, 1) END) BETWEEN ${b.start} AND ${b.end}
      GROUP BY ALL ORDER BY 1, 2`;
  },
  toRows: (rows) =>
    rows.map((r) => {
      const hidden = r.n < 10;
      return {
        gemeente: r.gemeente_code,
        // the mean to two decimals, half up on the exact sum ÷ count (Math.round(41 / 40 × 100) gave 102 for 103)
        value: hidden ? null : ratioHalfUp(r.total, r.n, 1, 2),
        numerator: r.ge7,
        denominator: r.n,
        key: r.k,
        flags: hidden ? ['weinig_waarnemingen' as const] : [],
      };
    }),
});

export const goalAttainment = defineIndicator<{ gemeente_code: string; k: string | null; n: number; total: number }>({
  definition: {
    id: 'goal_attainment',
    nameNl: 'doelrealisatie',
    nameEn: 'goal attainment',
    definitionNl:
      'Van de trajecten die in de periode eindigden en waarvan de uitkomst is vastgelegd: het aandeel waarvan de doelen (grotendeels) zijn bereikt ("ja"); per uitkomst ja / deels / nee op te splitsen.',
    definitionEn:
      'Of trajectories ended in the period with an outcome recorded, the share with goals (largely) reached ("ja"); split by outcome ja / deels / nee.',
    unit: 'procent',
    direction: 'hoger_beter',
    sources: ['trajecten'],
    cbsNote: null,
  },
  dimensions: { uitkomst: sql`goal_attainment`, aanbieder: sql`provider_agb` },
  query: ({ q, by, dim }) => {
    const b = bounds(q.period);
    return sql`
      SELECT gemeente_code, ${dim} AS k,
        ${by === 'uitkomst' ? sql`count(*)` : sql`count(*) FILTER (WHERE goal_attainment = 'ja')`}::INTEGER AS n,
        ${by === 'uitkomst' ? sql`(sum(count(*)) OVER (PARTITION BY gemeente_code))` : sql`count(*)`}::INTEGER AS total
      FROM traj WHERE end_date BETWEEN ${b.start} AND ${b.end} AND goal_attainment IS NOT NULL AND ${gemeenteFilter(q)}
      GROUP BY 1, 2 ORDER BY 1, 2`;
  },
  toRows: (rows) =>
    rows.map((r) => ({
      gemeente: r.gemeente_code,
      value: pct(r.n, r.total),
      numerator: r.n,
      denominator: r.total,
      key: r.k,
    })),
});
