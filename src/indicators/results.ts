/**
 * Results that last (issue 20): care completed as planned, and whether a youth stays out of care after a planned
 * end. Definitions: docs/indicators.md, "Afgerond volgens plan en blijvend resultaat".
 */
import { dateValue, sql, type Sql } from '../lens/sql.js';
import { periodEnd } from '../domain/periods.js';
import { addMonths } from '../domain/dates.js';
import type { Flag } from './types.js';
import { bounds, endReasonClassSql, gemeenteFilter, pct } from './sql.js';
import { defineIndicator, type Figure } from './kernel.js';
import { endReasonShare } from './outcomes.js';

export const completedAsPlanned = defineIndicator<{
  gemeente_code: string;
  k: string | null;
  n: number;
  total: number;
}>({
  definition: {
    id: 'completed_as_planned',
    nameNl: 'afgerond volgens plan',
    nameEn: 'completed as planned',
    definitionNl:
      'Van de trajecten die in de periode eindigden (stopbericht) met een bekende reden: het aandeel dat volgens plan eindigde (reden beëindiging JZ588 31). Zelfde noemer als uitval: volgens plan + uitval (32, 33) + overige redenen = 100%.',
    definitionEn:
      'Of trajectories ended in the period (stop message) with a known reason, the share ended as planned (JZ588 31). Same denominator as drop-out: as planned + drop-out (32, 33) + other reasons = 100%.',
    unit: 'procent',
    direction: 'hoger_beter',
    sources: ['trajecten', 'iJw JW307'],
    cbsNote: null,
  },
  ...endReasonShare('volgens_plan'),
});

/** The follow-up windows of lasting_outcome, in calendar months after the end (31 August + 6 months = 28 February). */
export const LASTING_MONTHS = [6, 12] as const;
const horizonKey = (h: number) => `${h}_maanden`;

interface LastingCounts {
  gemeente_code: string;
  k: string | null;
  exits: number;
  obs6: number;
  lasting6: number;
  obs12: number;
  lasting12: number;
}

/**
 * Per gemeente and key: the youths whose first planned exit in the period falls under the key (the provider or
 * category of a trajectory ending as planned on that day), those with 6 and 12 months of data after it, and of those
 * the ones without a new trajectory in that window.
 */
function lastingQuery(q: Parameters<typeof gemeenteFilter>[0], dim: Sql, last: string): Sql {
  const b = bounds(q.period);
  const end = dateValue(last);
  const isNew = (h: number) => sql`EXISTS (SELECT 1 FROM t n WHERE n.gemeente_code = x.gemeente_code
      AND n.youth_pseudonym = x.youth_pseudonym AND n.eff_start > x.e AND n.eff_start <= x.e + to_months(${h}))`;
  return sql`
    WITH t AS (SELECT *, ${dim} AS k FROM traj WHERE ${gemeenteFilter(q)}),
    -- a planned end after which nothing of the youth runs on: one still open, or ending later, is not "done"
    ex AS (
      SELECT p.gemeente_code, p.youth_pseudonym, p.end_date AS e, p.k FROM t p
      WHERE p.end_date BETWEEN ${b.start} AND ${b.end} AND ${endReasonClassSql(sql`p.end_reason`)} = 'volgens_plan'
        AND NOT EXISTS (SELECT 1 FROM t o WHERE o.gemeente_code = p.gemeente_code AND o.youth_pseudonym = p.youth_pseudonym
          AND o.eff_start <= p.end_date AND (o.eff_end IS NULL OR o.eff_end > p.end_date))),
    -- a youth counts once, at the first such exit in the period (a later one would hide a return in between)
    x AS (
      SELECT ex.* FROM ex JOIN (SELECT gemeente_code, youth_pseudonym, min(e) AS e FROM ex GROUP BY 1, 2) f
        USING (gemeente_code, youth_pseudonym, e)),
    y AS (SELECT x.*, ${isNew(6)} AS new6, ${isNew(12)} AS new12 FROM x)
    SELECT gemeente_code, k, count(DISTINCT youth_pseudonym)::INTEGER AS exits,
      count(DISTINCT youth_pseudonym) FILTER (WHERE e + to_months(6) <= ${end})::INTEGER AS obs6,
      count(DISTINCT youth_pseudonym) FILTER (WHERE e + to_months(6) <= ${end} AND NOT new6)::INTEGER AS lasting6,
      count(DISTINCT youth_pseudonym) FILTER (WHERE e + to_months(12) <= ${end})::INTEGER AS obs12,
      count(DISTINCT youth_pseudonym) FILTER (WHERE e + to_months(12) <= ${end} AND NOT new12)::INTEGER AS lasting12
    FROM y GROUP BY 1, 2 ORDER BY 1, 2`;
}

/** An end on the period's last day has no h months of data after it yet: some ends of the period were left out. */
function followUpIncomplete(periodLast: string, h: number, last: string): boolean {
  return addMonths(periodLast, h) > last;
}

export const lastingOutcome = defineIndicator({
  definition: {
    id: 'lasting_outcome',
    nameNl: 'blijvend resultaat',
    nameEn: 'lasting outcome',
    definitionNl:
      'Van de jeugdigen van wie een traject in de periode volgens plan eindigde (reden 31) zonder dat er daarna nog een traject van hen doorliep: het aandeel zonder nieuw traject (elke aanbieder, elk product, dezelfde gemeente) dat binnen 12 maanden (naar termijn ook 6 maanden) na dat einde startte. Een jeugdige telt één keer, bij het eerste zo’n einde in de periode; naar aanbieder en productcategorie van het traject dat toen eindigde. Alleen beëindigingen met 12 (of 6) maanden gegevens erna tellen; is de periode daarvoor te recent, dan staat dat erbij.',
    definitionEn:
      'Of youths with a trajectory ended as planned (reason 31) in the period with nothing of theirs running on after it: the share without a new trajectory (any provider, any product, same gemeente) starting within 12 months (by term also 6 months) after that end. A youth counts once, at the first such end in the period; by provider and product category of the trajectory that ended then. Only ends with 12 (or 6) months of data after them count; a period too recent for that is flagged.',
    unit: 'procent',
    direction: 'hoger_beter',
    sources: ['trajecten', 'iJw JW301/JW305/JW307'],
    cbsNote: null,
  },
  dimensions: { termijn: null, aanbieder: sql`provider_agb`, productcategorie: sql`product_category` },
  async figures({ lens, q, dim, by, last }) {
    const dataLast = last ?? periodEnd(q.period);
    const rows = await lens.query<LastingCounts>(lastingQuery(q, dim, dataLast));
    const share = (r: LastingCounts, h: 6 | 12, key: string | null): Figure => {
      const [n, d] = h === 6 ? [r.lasting6, r.obs6] : [r.lasting12, r.obs12];
      const flags: Flag[] = followUpIncomplete(periodEnd(q.period), h, dataLast) ? ['vervolg_onvolledig'] : [];
      return { gemeente: r.gemeente_code, value: pct(n, d), numerator: n, denominator: d, key, flags };
    };
    // the headline is the year (what "independent afterwards" means); the six months come sooner, by term or split
    if (by === null) return rows.map((r) => share(r, 12, null));
    if (by === 'termijn') return rows.flatMap((r) => LASTING_MONTHS.map((h) => share(r, h, horizonKey(h))));
    return rows.flatMap((r) => LASTING_MONTHS.map((h) => share(r, h, `${r.k ?? 'onbekend'}:${horizonKey(h)}`)));
  },
});
