/**
 * Budget burn and the year-end forecast (indicators.md, "Money"), for controllers.
 *
 * budget_burn: cost from 1 January to the end of the period ÷ the annual budget of that year (the
 * budget rows whose line is a youth-care taakveld, 6.72/6.82 and their 2023 split; all rows when a
 * gemeente budgets on its own posts), with the remaining budget.
 *
 * forecast_year_end = realised cost to date
 *   + continuation: every trajectory active at the end of the period costs its average claimed amount
 *     per month (over its last three claimed months) until the earlier of its planned end and 31 December
 *   + new inflow: trajectories started in the last 12 months per month × the average cost of a new
 *     trajectory in its first three months × the months left, counted half (they start during the rest of the year).
 * The range varies continuation ±10% and new inflow ±25%.
 */
import { dateValue, sql } from '../lens/sql.js';
import { periodEnd } from '../domain/periods.js';
import { centsToEuro, ratioHalfUp } from '../domain/decimal.js';
import type { IndicatorRow } from './types.js';
import { gemeenteFilter } from './sql.js';
import { COST, YOUTH_BUDGET_CENTS } from '../lens/money.js';
import { defineIndicator } from './kernel.js';
import { claimsCompleteThrough } from '../domain/claimLag.js';

/** The last day whose claims count as realised: the period's end, or earlier in a view as of a day (claimLag.ts). */
function claimsCut(end: string, asOf: string | null): string {
  if (asOf === null) return end;
  const through = claimsCompleteThrough(asOf);
  return through < end ? through : end;
}

export const budgetBurn = defineIndicator<{ gemeente_code: string; cost: number; budget: number | null }>({
  definition: {
    id: 'budget_burn',
    nameNl: 'budgetuitputting',
    nameEn: 'budget burn',
    definitionNl:
      'Kosten van 1 januari tot het einde van de periode ÷ de jaarbegroting jeugdhulp (taakvelden 6.72 en 6.82, vanaf 2023 hun splitsing; of de eigen begrotingsposten) × 100; de noemer is de begroting, het restant staat erbij.',
    definitionEn:
      'Cost from 1 January to the end of the period ÷ the annual youth-care budget × 100; the budget is the denominator, the remainder is given.',
    unit: 'procent',
    direction: 'neutraal',
    sources: ['declaraties', 'budget'],
    costBasis: {
      nl: 'declaraties van 1 januari t/m het einde van de periode ÷ eigen jaarbegroting',
      en: 'claims from 1 January to the end of the period ÷ own annual budget',
    },
    cbsNote: null,
  },
  // cost from 1 January: hidden when published if one of its months is (indicators/amountCells.ts)
  amounts: { months: 'yearToDate', split: () => '' },
  query: ({ q }) => {
    const end = periodEnd(q.period);
    return sql`
      WITH cost AS (
        SELECT gemeente_code, sum(${COST})::BIGINT AS cost FROM claim_line
        WHERE period_start BETWEEN ${dateValue(`${q.period.year}-01-01`)} AND ${dateValue(end)} AND ${gemeenteFilter(q)} GROUP BY 1),
      b AS (
        SELECT gemeente_code,
          ${YOUTH_BUDGET_CENTS} AS budget
        FROM budget WHERE year = ${q.period.year} AND ${gemeenteFilter(q)} GROUP BY 1)
      SELECT cost.gemeente_code, cost.cost, b.budget FROM cost LEFT JOIN b USING (gemeente_code) ORDER BY 1`;
  },
  toRows: (rows) =>
    rows.map((r) => ({
      gemeente: r.gemeente_code,
      value: r.budget ? ratioHalfUp(r.cost, r.budget, 100, 3) : null,
      numerator: centsToEuro(r.cost),
      denominator: r.budget ? centsToEuro(r.budget) : null,
      flags: r.budget ? [] : ['geen_noemer' as const],
      remaining: r.budget ? centsToEuro(r.budget - r.cost) : null,
    })),
});

export interface ForecastRow extends IndicatorRow {
  readonly realised: number;
  readonly continuation: number;
  readonly newInflow: number;
  readonly low: number;
  readonly high: number;
  readonly methodNl: string;
}

export const FORECAST_METHOD_NL =
  'Gerealiseerd tot nu + doorloop van lopende trajecten (gemiddeld gedeclareerd bedrag per maand over hun laatste drie complete maanden, tot hun geplande einde of 31 december; in een rapport ook over de maanden van de periode waarvoor ze nog niets gedeclareerd hebben, want declaraties komen na afloop van de maand binnen) + nieuwe instroom (gemiddeld aantal nieuwe trajecten per maand over de afgelopen 12 maanden × gemiddelde kosten van een nieuw traject in de eerste drie maanden × resterende maanden, voor de helft). Bandbreedte: doorloop ±10%, instroom ±25%.';

export const forecastYearEnd = defineIndicator<{
  gemeente_code: string;
  realised: number;
  continuation: number;
  started: number;
  first_cents: number;
  first_n: number;
}>({
  definition: {
    id: 'forecast_year_end',
    nameNl: 'prognose jaareinde',
    nameEn: 'year-end forecast',
    definitionNl: FORECAST_METHOD_NL,
    definitionEn:
      'Realised cost to date + continuation of active trajectories (their recent monthly claimed amount until their planned end or 31 December) + expected new inflow (trailing 12-month inflow × mean cost of a new trajectory in its first months); range: continuation ±10%, inflow ±25%.',
    unit: 'euro',
    direction: 'neutraal',
    sources: ['declaraties', 'trajecten'],
    costBasis: {
      nl: 'declaraties + verwachting, kalenderjaar van de periode',
      en: 'claims + expected, calendar year of the period',
    },
    cbsNote: null,
  },
  amounts: { months: 'yearToDate', split: () => '' },
  query: ({ q, lens }) => {
    const end = periodEnd(q.period);
    const year = q.period.year;
    // in a report as of the period's end the claims of its last month(s) are not all in (domain/claimLag.ts): the
    // monthly amount of a trajectory comes from complete months only, and a pending month without a claim of the
    // trajectory yet is continued like the rest of the year instead of counting as € 0
    const cut = claimsCut(end, lens.asOf);
    return sql`
      WITH c AS (
        SELECT cl.gemeente_code, cl.trajectory_id, date_trunc('month', cl.period_start) AS m, sum(${COST}) AS cents
        FROM claim_line cl WHERE cl.period_start <= ${dateValue(end)} AND cl.trajectory_id IS NOT NULL AND ${gemeenteFilter(q, sql`cl.gemeente_code`)}
        GROUP BY 1, 2, 3),
      -- every line of the year counts, also one naming only its allocation (as budget_burn)
      realised AS (
        SELECT gemeente_code, sum(${COST})::BIGINT AS cents FROM claim_line
        WHERE period_start BETWEEN ${dateValue(`${year}-01-01`)} AND ${dateValue(end)} AND ${gemeenteFilter(q)}
        GROUP BY 1),
      recent AS (
        SELECT gemeente_code, trajectory_id, avg(cents) AS per_month FROM (
          SELECT *, row_number() OVER (PARTITION BY gemeente_code, trajectory_id ORDER BY m DESC) AS rn FROM c
          WHERE m <= ${dateValue(cut)}) WHERE rn <= 3 GROUP BY 1, 2),
      active AS (
        SELECT t.gemeente_code, t.trajectory_id, date_trunc('month', t.eff_start) AS sm,
          least(coalesce(t.allocation_end, ${dateValue(`${year}-12-31`)}), ${dateValue(`${year}-12-31`)}) AS until
        -- as of the end of the period: an end recorded later is not known yet, so it cannot be used
        FROM traj t WHERE t.eff_start <= ${dateValue(end)} AND (t.eff_end IS NULL OR t.eff_end > ${dateValue(end)}) AND ${gemeenteFilter(q, sql`t.gemeente_code`)}),
      -- the months after the last complete one up to the period's end (none on all data)
      pending AS (
        SELECT unnest(generate_series(date_trunc('month', ${dateValue(cut)} + INTERVAL 1 DAY),
          date_trunc('month', ${dateValue(end)}), INTERVAL 1 MONTH)) AS m),
      unclaimed AS (
        SELECT a.gemeente_code, a.trajectory_id, count(*) AS n
        FROM active a JOIN pending p ON p.m >= a.sm
        WHERE NOT EXISTS (SELECT 1 FROM c WHERE c.gemeente_code = a.gemeente_code AND c.trajectory_id = a.trajectory_id AND c.m = p.m)
        GROUP BY 1, 2),
      continuation AS (
        SELECT a.gemeente_code,
          sum(r.per_month * (greatest(0, date_diff('month', ${dateValue(end)}, a.until)) + coalesce(u.n, 0))) AS cents
        FROM active a JOIN recent r USING (gemeente_code, trajectory_id)
          LEFT JOIN unclaimed u USING (gemeente_code, trajectory_id) GROUP BY 1),
      -- months counted whole: the 12 (24) months up to and including the month of the period's end
      started AS (
        SELECT t.gemeente_code, t.trajectory_id, date_trunc('month', t.eff_start) AS sm,
          date_trunc('month', t.eff_start) > date_trunc('month', ${dateValue(end)}) - INTERVAL 12 MONTH AS last12
        FROM traj t WHERE t.eff_start <= ${dateValue(end)} AND ${gemeenteFilter(q, sql`t.gemeente_code`)}
          AND date_trunc('month', t.eff_start) > date_trunc('month', ${dateValue(end)}) - INTERVAL 24 MONTH),
      -- what a new trajectory cost in its start month and the two after (not before its start, not its monthly mean)
      first_cost AS (
        SELECT s.gemeente_code, s.trajectory_id, sum(c.cents) AS cents
        FROM started s JOIN c USING (gemeente_code, trajectory_id)
        WHERE c.m >= s.sm AND c.m < s.sm + INTERVAL 3 MONTH GROUP BY 1, 2),
      first_months AS (
        SELECT gemeente_code, sum(cents)::BIGINT AS cents, count(*) AS n FROM first_cost GROUP BY 1),
      inflow AS (
        SELECT gemeente_code, count(*) AS started FROM started WHERE last12 GROUP BY 1)
      -- a gemeente with a claim line this year up to the period's end (docs/indicators.md)
      SELECT r.gemeente_code, r.cents AS realised, coalesce(co.cents, 0) AS continuation,
        coalesce(i.started, 0)::BIGINT AS started, coalesce(f.cents, 0) AS first_cents,
        coalesce(f.n, 0)::BIGINT AS first_n
      FROM realised r LEFT JOIN continuation co USING (gemeente_code) LEFT JOIN inflow i USING (gemeente_code)
        LEFT JOIN first_months f USING (gemeente_code) ORDER BY 1`;
  },
  toRows: (rows, { period, lens }) => {
    // the months from the last complete claims to 31 December (12 when none of this year is complete yet)
    const cut = claimsCut(periodEnd(period), lens.asOf);
    const monthsLeft = Number(cut.slice(0, 4)) < period.year ? 12 : 12 - Number(cut.slice(5, 7));
    return rows.map((r) => {
      // new inflow = started / 12 × (first-months cost / n) × months left / 2, rounded once, exactly, in whole cents
      const inflow =
        r.first_n === 0 || monthsLeft === 0
          ? 0
          : (ratioHalfUp(Number(r.started) * Number(r.first_cents) * monthsLeft, 24 * Number(r.first_n), 1, 0) ?? 0);
      // continuation is an average of cents (not whole): it is rounded to a cent, the total is the sum in cents
      const euro = (c: number) => centsToEuro(Math.round(c));
      const value = centsToEuro(Number(r.realised) + Math.round(r.continuation) + inflow);
      return {
        gemeente: r.gemeente_code,
        value,
        realised: euro(Number(r.realised)),
        continuation: euro(r.continuation),
        newInflow: centsToEuro(inflow),
        low: euro(Number(r.realised) + 0.9 * r.continuation + 0.75 * inflow),
        high: euro(Number(r.realised) + 1.1 * r.continuation + 1.25 * inflow),
        methodNl: FORECAST_METHOD_NL,
      };
    });
  },
});
