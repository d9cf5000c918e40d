/**
 * The 18-/18+ transition (issue 20): verlengde jeugdhulp (youths 18–22 in care) and what happens to youths who turn
 * 18 while in care. Definitions: docs/indicators.md, "De overgang 18-/18+".
 */
import { dateValue, sql, type Sql } from '../lens/sql.js';
import { addMonths } from '../domain/dates.js';
import { periodEnd } from '../domain/periods.js';
import type { Flag } from './types.js';
import { CARE_FORM_KEY, activeIn, bounds, gemeenteFilter } from './sql.js';
import { defineIndicator } from './kernel.js';

/** Age on 1 January of the period's year, as the age splits compute it (use.ts): only the birth month is known. */
const ageOnJanuary1 = (year: number): Sql => sql`(${year} - CAST(substr(birth_month, 1, 4) AS INTEGER) - 1)`;

export const youth1822InCare = defineIndicator({
  definition: {
    id: 'youth_18_22_in_care',
    nameNl: 'jongeren 18–22 met jeugdhulp (verlengde jeugdhulp)',
    nameEn: 'young adults 18–22 in care (extended youth care)',
    definitionNl:
      'Aantal verschillende jongeren van 18 tot en met 22 jaar (leeftijd op 1 januari van het jaar van de periode, zoals de splitsing naar leeftijd: jaar − geboortejaar − 1) met minstens één traject dat actief is in de periode; gelijk aan jeugdigen met jeugdhulp in de leeftijdsband 18–22. Naar zorgvorm (een jongere kan in meer zorgvormen tellen).',
    definitionEn:
      'Distinct young people aged 18 to 22 (age on 1 January of the period\u2019s year, as the age split: year − birth year − 1) with at least one trajectory active in the period; equals youths in care in the age band 18–22. By care form (a young person can count in several).',
    unit: 'aantal',
    direction: 'neutraal',
    sources: ['trajecten'],
    cbsNote: 'CBS telt jeugdhulp na 18 jaar apart (verlengde jeugdhulp, tot 23 jaar).',
  },
  dimensions: { zorgvorm: CARE_FORM_KEY },
  endFlag: true,
  async figures({ lens, q, dim }) {
    const age = ageOnJanuary1(q.period.year);
    const rows = await lens.query<{ gemeente_code: string; k: string | null; n: number }>(sql`
      SELECT gemeente_code, ${dim} AS k, count(DISTINCT youth_pseudonym)::INTEGER AS n FROM traj
      WHERE ${activeIn(q.period)} AND birth_month IS NOT NULL AND ${age} BETWEEN 18 AND 22 AND ${gemeenteFilter(q)}
      GROUP BY 1, 2 ORDER BY 1, 2`);
    return rows.map((r) => ({ gemeente: r.gemeente_code, value: r.n, numerator: r.n, key: r.k }));
  },
});

/** The outcomes of the transition at 18, in the order shown. */
export const TRANSITION_OUTCOMES = ['doorloopt', 'beeindigd', 'herinstroom', 'nog_onbekend'] as const;

export const transitionAt18 = defineIndicator({
  definition: {
    id: 'transition_at_18',
    nameNl: 'overgang op 18',
    nameEn: 'transition at 18',
    definitionNl:
      'Jeugdigen die in de periode 18 werden (de eerste dag van hun geboortemaand; de dag is niet bekend) en in de drie maanden daarvoor jeugdhulp hadden, naar wat er daarna gebeurde: doorloopt (3 maanden na hun 18e loopt een traject), beëindigd (dan geen traject meer en tot 12 maanden na hun 18e geen nieuw), herinstroom (dan geen traject, maar binnen 12 maanden na hun 18e startte er een nieuw) of nog onbekend (die termijn is nog niet voorbij in de gegevens).',
    definitionEn:
      'Youths who turned 18 in the period (the first day of their birth month; the day is not known) with care in the three months before, by what happened next: continues (a trajectory runs 3 months after their 18th birthday), ended (none then and no new one up to 12 months after it), re-entered (none then, but a new one started within 12 months after it) or not known yet (that time has not passed in the data).',
    unit: 'aantal',
    direction: 'neutraal',
    sources: ['trajecten'],
    cbsNote: null,
  },
  dimensions: { uitkomst: null },
  endFlag: true,
  async figures({ lens, q, by, last, period }) {
    const b = bounds(q.period);
    const dataLast = last ?? periodEnd(period);
    const end = dateValue(dataLast);
    const rows = await lens.query<{ gemeente_code: string; k: string; n: number }>(sql`
      WITH t AS (SELECT * FROM traj WHERE ${gemeenteFilter(q)}),
      c AS (
        SELECT DISTINCT gemeente_code, youth_pseudonym,
          CAST(CAST(birth_month || '-01' AS DATE) + INTERVAL 18 YEAR AS DATE) AS d
        FROM t WHERE birth_month IS NOT NULL),
      cohort AS (
        SELECT c.* FROM c WHERE c.d BETWEEN ${b.start} AND ${b.end} AND EXISTS (
          SELECT 1 FROM t WHERE t.gemeente_code = c.gemeente_code AND t.youth_pseudonym = c.youth_pseudonym
            AND t.eff_start <= c.d - INTERVAL 1 DAY AND (t.eff_end IS NULL OR t.eff_end >= c.d - to_months(3)))),
      o AS (
        SELECT gemeente_code, youth_pseudonym,
          CASE
            WHEN d + to_months(3) > ${end} THEN 'nog_onbekend'
            WHEN EXISTS (SELECT 1 FROM t WHERE t.gemeente_code = cohort.gemeente_code AND t.youth_pseudonym = cohort.youth_pseudonym
              AND t.eff_start <= d + to_months(3) AND (t.eff_end IS NULL OR t.eff_end >= d + to_months(3))) THEN 'doorloopt'
            WHEN EXISTS (SELECT 1 FROM t WHERE t.gemeente_code = cohort.gemeente_code AND t.youth_pseudonym = cohort.youth_pseudonym
              AND t.eff_start > d + to_months(3) AND t.eff_start <= least(d + to_months(12), ${end})) THEN 'herinstroom'
            WHEN d + to_months(12) <= ${end} THEN 'beeindigd'
            ELSE 'nog_onbekend' END AS k
        FROM cohort)
      SELECT gemeente_code, k, count(*)::INTEGER AS n FROM o GROUP BY 1, 2 ORDER BY 1, 2`);
    // a birthday on the period's last day has its year after 18 only when the data reach a year past the period
    const flags: Flag[] = addMonths(periodEnd(period), 12) > dataLast ? ['vervolg_onvolledig'] : [];
    if (by === 'uitkomst') {
      const order = (k: string) => TRANSITION_OUTCOMES.indexOf(k as (typeof TRANSITION_OUTCOMES)[number]);
      return rows
        .sort((a, b2) => a.gemeente_code.localeCompare(b2.gemeente_code) || order(a.k) - order(b2.k))
        .map((r) => ({ gemeente: r.gemeente_code, value: r.n, numerator: r.n, key: r.k, flags }));
    }
    const total = new Map<string, number>();
    for (const r of rows) total.set(r.gemeente_code, (total.get(r.gemeente_code) ?? 0) + r.n);
    return [...total].map(([g, n]) => ({ gemeente: g, value: n, numerator: n, flags }));
  },
});
