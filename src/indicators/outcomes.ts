/** Outcomes: drop-out (uitval) and client satisfaction. */
import { sql } from '../lens/sql.js';
import type { Indicator } from './types.js';
import { bounds, dataEnd, gemeenteFilter, pct, periodFlags, row } from './sql.js';

export const dropout: Indicator = {
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
    dimensions: ['aanbieder', 'productcategorie'],
    sources: ['trajecten', 'iJw JW307'],
    cbsNote: 'CBS codeert dit als 03/04 in de beleidsinformatie; de definitie is gelijk.',
  },
  async compute(lens, q) {
    const b = bounds(q.period);
    const last = await dataEnd(lens);
    const dim =
      q.by === 'aanbieder' ? sql`provider_agb` : q.by === 'productcategorie' ? sql`product_category` : sql`NULL`;
    const rows = await lens.query<{ gemeente_code: string; k: string | null; n: number; total: number }>(sql`
      SELECT gemeente_code, ${dim} AS k, count(*) FILTER (WHERE end_reason IN ('32','33'))::INTEGER AS n, count(*)::INTEGER AS total
      FROM traj WHERE end_date BETWEEN ${b.start} AND ${b.end} AND end_reason IS NOT NULL AND ${gemeenteFilter(q)}
      GROUP BY ALL ORDER BY 1, 2`);
    return rows.map((r) =>
      row(
        'dropout',
        'procent',
        q,
        r.gemeente_code,
        pct(r.n, r.total),
        r.n,
        r.total,
        periodFlags(q.period, last),
        q.by ?? null,
        r.k,
      ),
    );
  },
};

export const satisfaction: Indicator = {
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
    dimensions: ['aanbieder'],
    sources: ['tevredenheid'],
    cbsNote: null,
  },
  async compute(lens, q) {
    const last = await dataEnd(lens);
    // survey periods are half-years or quarters; a survey counts in every period it lies in
    const b = bounds(q.period);
    const dim = q.by === 'aanbieder' ? sql`provider_agb` : sql`NULL`;
    const rows = await lens.query<{
      gemeente_code: string;
      k: string | null;
      mean: number;
      n: number;
      ge7: number;
    }>(sql`
      SELECT gemeente_code, ${dim} AS k, avg(score) AS mean, count(*)::INTEGER AS n, count(*) FILTER (WHERE score >= 7)::INTEGER AS ge7
      FROM satisfaction
      WHERE ${gemeenteFilter(q)} AND (
        CASE WHEN period LIKE '____H_' THEN make_date(CAST(left(period,4) AS INTEGER), CASE WHEN right(period,1)='1' THEN 1 ELSE 7 END, 1)
             WHEN period LIKE '____Q_' THEN make_date(CAST(left(period,4) AS INTEGER), (CAST(right(period,1) AS INTEGER)-1)*3+1, 1)
             WHEN period LIKE '____-__' THEN make_date(CAST(left(period,4) AS INTEGER), CAST(right(period,2) AS INTEGER), 1)
             ELSE make_date(CAST(left(period,4) AS INTEGER), 1, 1) END) BETWEEN ${b.start} AND ${b.end}
      GROUP BY ALL ORDER BY 1, 2`);
    return rows.map((r) => {
      const hidden = r.n < 10;
      return row(
        'satisfaction',
        'score',
        q,
        r.gemeente_code,
        hidden ? null : Math.round(r.mean * 100) / 100,
        r.ge7,
        r.n,
        hidden ? [...periodFlags(q.period, last), 'weinig_waarnemingen'] : periodFlags(q.period, last),
        q.by ?? null,
        r.k,
      );
    });
  },
};

export const goalAttainment: Indicator = {
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
    dimensions: ['uitkomst', 'aanbieder'],
    sources: ['trajecten'],
    cbsNote: null,
  },
  async compute(lens, q) {
    const b = bounds(q.period);
    const last = await dataEnd(lens);
    const dim = q.by === 'uitkomst' ? sql`goal_attainment` : q.by === 'aanbieder' ? sql`provider_agb` : sql`NULL`;
    const rows = await lens.query<{ gemeente_code: string; k: string | null; n: number; total: number }>(sql`
      SELECT gemeente_code, ${dim} AS k,
        ${q.by === 'uitkomst' ? sql`count(*)` : sql`count(*) FILTER (WHERE goal_attainment = 'ja')`}::INTEGER AS n,
        ${q.by === 'uitkomst' ? sql`(sum(count(*)) OVER (PARTITION BY gemeente_code))` : sql`count(*)`}::INTEGER AS total
      FROM traj WHERE end_date BETWEEN ${b.start} AND ${b.end} AND goal_attainment IS NOT NULL AND ${gemeenteFilter(q)}
      GROUP BY 1, 2 ORDER BY 1, 2`);
    return rows.map((r) =>
      row(
        'goal_attainment',
        'procent',
        q,
        r.gemeente_code,
        pct(r.n, r.total),
        r.n,
        r.total,
        periodFlags(q.period, last),
        q.by ?? null,
        r.k,
      ),
    );
  },
};
