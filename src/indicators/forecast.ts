/**
 * Budget burn and the year-end forecast (indicators.md, "Money"), for controllers.
 *
 * budget_burn: cost from 1 January to the end of the period ÷ the annual budget of that year (the
 * budget rows whose line is a youth-care taakveld, 6.72/6.82 and their 2023 split; all rows when a
 * gemeente budgets on its own posts), with the remaining budget.
 *
 * forecast_year_end = realised cost to date (claims and payments outside iJw, as budget_burn counts them)
 *   + continuation: every trajectory active at the end of the period costs its average claimed amount
 *     per month (over its last three claimed months) until the earlier of its planned end and 31 December; without
 *     a planned end each month counts as the chance the care still runs then (the gemeente's monthly ending rate)
 *   + new inflow: trajectories started in the last 12 months per month × for each month left, what a new
 *     trajectory starting then costs up to December (the mean cost of new trajectories in their first, second, …
 *     month), over the trajectories whose money arrives as claims (not those a taakgericht or resultaat contract
 *     covers: they are paid by lump sum or tranche, and the payments term below holds their money);
 *   + payments outside iJw for the months left: the year's payments to date ÷ the months from January × the months
 *     left (a straight line).
 * The range varies continuation ±10%, new inflow ±25% and the payments' straight line ±10%.
 */
import { dateValue, sql } from '../lens/sql.js';
import { periodEnd } from '../domain/periods.js';
import { centsToEuro, ratioHalfUp, roundHalfUp } from '../domain/decimal.js';
import type { IndicatorRow } from './types.js';
import { gemeenteFilter } from './sql.js';
import { COST, COST_LINES, smallClientPaymentMonths, YOUTH_BUDGET_CENTS } from '../lens/money.js';
import { CONTRACT_COVERS } from '../lens/contractMoney.js';
import { defineIndicator } from './kernel.js';
import { claimsCompleteThrough } from '../domain/claimLag.js';

/** The last day whose claims count as realised: the period's end, or earlier in a view as of a day (claimLag.ts). */
function claimsCut(end: string, asOf: string | null): string {
  if (asOf === null) return end;
  const through = claimsCompleteThrough(asOf);
  return through < end ? through : end;
}

export const budgetBurn = defineIndicator<{
  gemeente_code: string;
  cost: number;
  budget: number | null;
  small_clients: boolean;
}>({
  definition: {
    id: 'budget_burn',
    nameNl: 'budgetuitputting',
    nameEn: 'budget burn',
    definitionNl:
      'Kosten van 1 januari tot het einde van de periode — declaraties plus betalingen buiten iJw (lumpsum, tranches, pgb, subsidies), als bij kosten alle financieringsvormen — ÷ de jaarbegroting jeugdhulp (taakvelden 6.72 en 6.82, vanaf 2023 hun splitsing; of de eigen begrotingsposten) × 100; de noemer is de begroting, het restant staat erbij.',
    definitionEn:
      'Cost from 1 January to the end of the period — claims plus payments outside iJw (lump sums, tranches, pgb, subsidies), as in cost, all financing forms — ÷ the annual youth-care budget × 100; the budget is the denominator, the remainder is given.',
    unit: 'procent',
    direction: 'neutraal',
    sources: ['declaraties', 'betalingen', 'budget'],
    costBasis: {
      nl: 'declaraties en betalingen buiten iJw van 1 januari t/m het einde van de periode ÷ eigen jaarbegroting',
      en: 'claims and payments outside iJw from 1 January to the end of the period ÷ own annual budget',
    },
    cbsNote: null,
  },
  // cost from 1 January: hidden when published if one of its months is (indicators/amountCells.ts)
  amounts: { months: 'yearToDate', split: () => '' },
  query: ({ q }) => {
    const end = periodEnd(q.period);
    return sql`
      WITH cost AS (
        SELECT gemeente_code, sum(cents)::BIGINT AS cost FROM ${COST_LINES} cost_line
        WHERE period_start BETWEEN ${dateValue(`${q.period.year}-01-01`)} AND ${dateValue(end)} AND ${gemeenteFilter(q)} GROUP BY 1),
      small AS ${smallClientPaymentMonths(dateValue(`${q.period.year}-01-01`), dateValue(end), sql`NULL`, gemeenteFilter(q))},
      b AS (
        SELECT gemeente_code,
          ${YOUTH_BUDGET_CENTS} AS budget
        FROM budget WHERE year = ${q.period.year} AND ${gemeenteFilter(q)} GROUP BY 1)
      SELECT cost.gemeente_code, cost.cost, b.budget, cost.gemeente_code IN (SELECT gemeente_code FROM small) AS small_clients
      FROM cost LEFT JOIN b USING (gemeente_code) ORDER BY 1`;
  },
  toRows: (rows) =>
    rows.map((r) => ({
      gemeente: r.gemeente_code,
      value: r.budget ? ratioHalfUp(r.cost, r.budget, 100, 3) : null,
      numerator: centsToEuro(r.cost),
      denominator: r.budget ? centsToEuro(r.budget) : null,
      flags: r.budget ? [] : ['geen_noemer' as const],
      remaining: r.budget ? centsToEuro(r.budget - r.cost) : null,
      // a month of 1–9 youths in payments that name their client: spent − published claims would give them back
      ...(r.small_clients ? { hiddenWhenPublished: true } : {}),
    })),
});

export interface ForecastRow extends IndicatorRow {
  /** spent from 1 January up to the period's end: claims and payments outside iJw (budget_burn's amount) */
  readonly realised: number;
  /** of `realised`, the payments outside iJw (lump sums, tranches, pgb, subsidies) */
  readonly realisedPayments: number;
  readonly continuation: number;
  readonly newInflow: number;
  /** payments outside iJw expected in the months left (a straight line through the year's payments so far) */
  readonly payments: number;
  readonly low: number;
  readonly high: number;
  readonly methodNl: string;
}

/** The cost curve as the query gives it: per month index, how many new trajectories were seen and their cents. */
function parseCurve(text: string): Map<number, { n: bigint; cents: bigint }> {
  const out = new Map<number, { n: bigint; cents: bigint }>();
  for (const part of text ? text.split(',') : []) {
    const [o, n, cents] = part.split(':');
    out.set(Number(o), { n: BigInt(n!), cents: BigInt(cents!) });
  }
  return out;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

/**
 * New inflow in whole cents (docs/indicators.md, forecast_year_end): starts per month (the 12 months up to the
 * period's end ÷ 12) × for each of the M months left a start in that month, what a new trajectory costs in the months
 * up to December — Σ over month index o < M of (M − o) × the mean cost in its o-th month. A month index no new
 * trajectory has reached yet takes the mean of the one before. Exact (fractions of whole numbers), rounded once, half
 * away from zero. Early in the year a start has most of the year ahead of it: the former "first three months × M ÷ 2"
 * counted it for a month and a half, and January's forecast ran 11% low (red team 7 F4).
 */
export function newInflowCents(
  started: number,
  curve: ReadonlyMap<number, { n: bigint; cents: bigint }>,
  monthsLeft: number,
): number {
  if (started === 0 || monthsLeft <= 0 || curve.size === 0) return 0;
  let num = 0n;
  let den = 1n;
  let last: { n: bigint; cents: bigint } | undefined;
  for (let o = 0; o < monthsLeft; o++) {
    last = curve.get(o) ?? last;
    if (!last) continue;
    // num/den + (M − o) × cents/n
    num = num * last.n + BigInt(monthsLeft - o) * last.cents * den;
    den *= last.n;
    const g = gcd(num, den);
    if (g > 1n) {
      num /= g;
      den /= g;
    }
  }
  // × started ÷ 12, half away from zero
  const top = num * BigInt(started);
  const bottom = den * 12n;
  const neg = top < 0n;
  const a = neg ? -top : top;
  let q = a / bottom;
  if ((a % bottom) * 2n >= bottom) q += 1n;
  return Number(neg ? -q : q);
}

/**
 * The payments outside iJw expected in the months left (docs/indicators.md, forecast_year_end): the year's payments
 * so far ÷ the months from January up to the period's end × the months left, in whole cents, half away from zero.
 */
export function paymentsAheadCents(paidCents: bigint, monthsSoFar: number, monthsLeft: number): number {
  if (monthsSoFar <= 0 || monthsLeft <= 0) return 0;
  const top = paidCents * BigInt(monthsLeft);
  const bottom = BigInt(monthsSoFar);
  const a = top < 0n ? -top : top;
  let q = a / bottom;
  if ((a % bottom) * 2n >= bottom) q += 1n;
  return Number(top < 0n ? -q : q);
}

export const FORECAST_METHOD_NL =
  'Gerealiseerd tot nu (declaraties plus betalingen buiten iJw: lumpsum, tranches, pgb, subsidies, als bij de budgetuitputting) + doorloop van lopende trajecten (gemiddeld gedeclareerd bedrag per maand over hun laatste drie complete maanden, tot hun geplande einde of 31 december, zonder gepland einde naar de kans dat de zorg dan nog loopt (hoe vaak zorg per maand eindigt in de gemeente); in een rapport ook over de maanden van de periode waarvoor ze nog niets gedeclareerd hebben, want declaraties komen na afloop van de maand binnen) + nieuwe instroom (gemiddeld aantal nieuwe trajecten per maand over de afgelopen 12 maanden × wat een nieuw traject dat in een van de resterende maanden begint tot 31 december kost, naar de gemiddelde kosten van nieuwe trajecten in hun eerste, tweede, … maand; alleen trajecten die met declaraties betaald worden, niet die onder een taakgericht of resultaatgericht contract vallen) + betalingen buiten iJw voor de resterende maanden (de betalingen van dit jaar tot nu ÷ het aantal maanden sinds januari × de resterende maanden). Bandbreedte: doorloop ±10%, instroom ±25%, betalingen ±10%.';

export const forecastYearEnd = defineIndicator<{
  gemeente_code: string;
  realised: number;
  paid: number;
  continuation: number;
  started: number;
  small_clients: boolean;
  /** "o:n:cents,…": per month of a new trajectory (0 = its start month) how many were seen and what they cost */
  curve: string;
}>({
  definition: {
    id: 'forecast_year_end',
    nameNl: 'prognose jaareinde',
    nameEn: 'year-end forecast',
    definitionNl: FORECAST_METHOD_NL,
    definitionEn:
      "Realised cost to date (claims plus payments outside iJw: lump sums, tranches, pgb, subsidies, as in budget burn) + continuation of active trajectories (their recent monthly claimed amount until their planned end or 31 December; without a planned end weighted by the chance the care still runs, from the monthly ending rate) + expected new inflow (trailing 12-month inflow per month × for each month left, what a trajectory starting then costs up to 31 December, from the mean cost of new trajectories in their first, second, … month; only trajectories paid by claims, not those a taakgericht or result-based contract covers) + payments outside iJw for the months left (this year's payments so far ÷ the months since January × the months left); range: continuation ±10%, inflow ±25%, payments ±10%.",
    unit: 'euro',
    direction: 'neutraal',
    sources: ['declaraties', 'betalingen', 'contracten', 'trajecten'],
    costBasis: {
      nl: 'declaraties en betalingen buiten iJw (lumpsum, tranches, pgb, subsidies) + verwachting, kalenderjaar van de periode',
      en: 'claims and payments outside iJw (lump sums, tranches, pgb, subsidies) + expected, calendar year of the period',
    },
    cbsNote: null,
  },
  // it stands on trajectories too (continuation, inflow): a gemeente without claims yet simply has no forecast row
  amounts: { months: 'yearToDate', split: () => '', fromClaimsOnly: false },
  query: ({ q, lens }) => {
    const end = periodEnd(q.period);
    const year = q.period.year;
    // in a report as of the period's end the claims of its last month(s) are not all in (domain/claimLag.ts): the
    // monthly amount of a trajectory comes from complete months only, and a pending month without a claim of the
    // trajectory yet is continued like the rest of the year instead of counting as € 0
    const cut = claimsCut(end, lens.asOf);
    return sql`
      WITH
      active AS (
        SELECT t.gemeente_code, t.trajectory_id, date_trunc('month', t.eff_start) AS sm,
          least(coalesce(t.allocation_end, ${dateValue(`${year}-12-31`)}), ${dateValue(`${year}-12-31`)}) AS until
        -- as of the end of the period: an end recorded later is not known yet, so it cannot be used
        FROM traj t WHERE t.eff_start <= ${dateValue(end)} AND (t.eff_end IS NULL OR t.eff_end > ${dateValue(end)}) AND ${gemeenteFilter(q, sql`t.gemeente_code`)}),
      -- months counted whole: the 12 (24) months up to and including the month of the period's end
      -- only trajectories whose money arrives as claims: one that a taakgericht (lump sum) or resultaat (tranches)
      -- contract of its gemeente covers on its start is paid outside iJw, and the payments term holds that money.
      -- Counted here, each at a claims trajectory's cost, they added cost that never comes (red team: 25 of 45 starts)
      started AS (
        SELECT t.gemeente_code, t.trajectory_id, date_trunc('month', t.eff_start) AS sm,
          date_trunc('month', t.eff_start) > date_trunc('month', ${dateValue(end)}) - INTERVAL 12 MONTH AS last12
        FROM traj t WHERE t.eff_start <= ${dateValue(end)} AND ${gemeenteFilter(q, sql`t.gemeente_code`)}
          AND date_trunc('month', t.eff_start) > date_trunc('month', ${dateValue(end)}) - INTERVAL 24 MONTH
          AND NOT EXISTS (
            SELECT 1 FROM contract c WHERE c.financing_form IN ('taakgericht', 'resultaat') AND ${CONTRACT_COVERS}
              AND (c.start_date IS NULL OR c.start_date <= t.eff_start)
              AND (c.current_end_date IS NULL OR t.eff_start <= c.current_end_date))),
      -- the claimed months of the trajectories the forecast looks at (running at the period's end, or started in the
      -- 24 months before it); grouping the claims of every trajectory ever was most of the time at national size
      rel AS (SELECT gemeente_code, trajectory_id FROM active UNION SELECT gemeente_code, trajectory_id FROM started),
      c AS (
        SELECT cl.gemeente_code, cl.trajectory_id, date_trunc('month', cl.period_start) AS m, sum(${COST}) AS cents
        FROM claim_line cl SEMI JOIN rel ON rel.gemeente_code = cl.gemeente_code AND rel.trajectory_id = cl.trajectory_id
        WHERE cl.period_start <= ${dateValue(end)} AND ${gemeenteFilter(q, sql`cl.gemeente_code`)}
        GROUP BY 1, 2, 3),
      -- every line of the year counts, also one naming only its allocation, and every payment outside iJw: the
      -- lines budget_burn and cost_all_forms count, so the forecast starts from what the Overzicht calls spent (it
      -- counted claims only and stood below it where lump sums and tranches pay part of the care: red team)
      -- the gemeenten with a claim line or a payment in the 12 months up to the period's end: a January report, made
      -- before any January claim is in, still has a forecast (it had none: no claim line of the year yet)
      realised AS (
        SELECT gemeente_code,
          coalesce(sum(cents) FILTER (WHERE period_start >= ${dateValue(`${year}-01-01`)}), 0)::BIGINT AS cents,
          coalesce(sum(cents) FILTER (WHERE period_start >= ${dateValue(`${year}-01-01`)} AND source = 'betaling'), 0)::BIGINT AS paid
        FROM ${COST_LINES} cost_line
        WHERE period_start >= date_trunc('month', ${dateValue(end)}) - INTERVAL 11 MONTH
          AND period_start <= ${dateValue(end)} AND ${gemeenteFilter(q)}
        GROUP BY 1),
      -- a month of 1–9 youths in payments that name their client: as budget_burn, the amount is hidden when published
      small AS ${smallClientPaymentMonths(dateValue(`${year}-01-01`), dateValue(end), sql`NULL`, gemeenteFilter(q))},
      recent AS (
        SELECT gemeente_code, trajectory_id, avg(cents) AS per_month FROM (
          SELECT *, row_number() OVER (PARTITION BY gemeente_code, trajectory_id ORDER BY m DESC) AS rn FROM c
          WHERE m <= ${dateValue(cut)}) WHERE rn <= 3 GROUP BY 1, 2),
      -- the months after the last complete one up to the period's end (none on all data)
      pending AS (
        SELECT unnest(generate_series(date_trunc('month', ${dateValue(cut)} + INTERVAL 1 DAY),
          date_trunc('month', ${dateValue(end)}), INTERVAL 1 MONTH)) AS m),
      unclaimed AS (
        SELECT a.gemeente_code, a.trajectory_id, count(*) AS n
        FROM active a JOIN pending p ON p.m >= a.sm
        WHERE NOT EXISTS (SELECT 1 FROM c WHERE c.gemeente_code = a.gemeente_code AND c.trajectory_id = a.trajectory_id AND c.m = p.m)
        GROUP BY 1, 2),
      -- how often care ends: of the trajectories running at the start of each of the 12 months up to the last
      -- complete one, the share whose end fell in that month
      hazard AS (
        SELECT t.gemeente_code, count(*) FILTER (WHERE t.eff_end < m.m + INTERVAL 1 MONTH) / count(*) AS h
        FROM traj t JOIN (SELECT unnest(generate_series(date_trunc('month', ${dateValue(cut)}) - INTERVAL 11 MONTH,
            date_trunc('month', ${dateValue(cut)}), INTERVAL 1 MONTH)) AS m) m
          ON t.eff_start <= m.m AND (t.eff_end IS NULL OR t.eff_end >= m.m)
        WHERE ${gemeenteFilter(q, sql`t.gemeente_code`)} GROUP BY 1),
      -- a month after the period's end counts as the chance the care still runs then, (1 − h) per month, up to the
      -- planned end (none: December). A planned end is an upper bound, not a forecast: allocations are set for longer
      -- than care lasts, and counted whole to it the forecast ran 10% high early in the year on a demo whose ends are
      -- set as a gemeente sets them (red team 8 F3). A pending month counts whole: it ran on the period's end
      -- Each trajectory's term is a float; summed as floats their total depended on the order the threads added them,
      -- and the forecast of one gemeente came out a cent apart in 2 of 40 runs of the same call (the region demo as of
      -- 2025-06-30). Each term to a millionth of a cent, then added exactly: the same data give the same cent
      continuation AS (
        SELECT a.gemeente_code,
          CAST(sum(CAST(r.per_month * (coalesce(u.n, 0) + CASE
            WHEN coalesce(z.h, 0) > 0 THEN
              (1 - z.h) * (1 - pow(1 - z.h, greatest(0, date_diff('month', ${dateValue(end)}, a.until)))) / z.h
            ELSE greatest(0, date_diff('month', ${dateValue(end)}, a.until)) END) AS DECIMAL(38, 6))) AS DOUBLE) AS cents
        FROM active a JOIN recent r USING (gemeente_code, trajectory_id)
          LEFT JOIN unclaimed u USING (gemeente_code, trajectory_id) LEFT JOIN hazard z USING (gemeente_code) GROUP BY 1),
      -- the new trajectories whose cost is known: a claim line in a complete month
      claimed AS (
        SELECT DISTINCT s.gemeente_code, s.trajectory_id, s.sm
        FROM started s JOIN c USING (gemeente_code, trajectory_id) WHERE c.m <= ${dateValue(cut)}),
      -- the cost curve of a new trajectory: what it cost in its o-th month (0 = the start month), over the new
      -- trajectories whose o-th month is complete (none of a month: € 0, it ended or paused) — how many have it
      -- complete from the starts per month alone, what it cost from the claimed months themselves (every trajectory ×
      -- twelve months joined to the claimed months was a second at national size, issue 18.3)
      curve_n AS (
        SELECT k.gemeente_code, o.o, sum(k.cnt) AS n
        FROM (SELECT gemeente_code, sm, count(*) AS cnt FROM claimed GROUP BY 1, 2) k
        JOIN (SELECT unnest(range(0, 12)) AS o) o
          ON k.sm + to_months(CAST(o.o AS INTEGER)) <= date_trunc('month', ${dateValue(cut)})
        GROUP BY 1, 2),
      curve_c AS (
        SELECT k.gemeente_code, date_diff('month', k.sm, c.m) AS o, sum(c.cents) AS cents
        FROM claimed k JOIN c USING (gemeente_code, trajectory_id)
        WHERE c.m >= k.sm AND c.m < k.sm + INTERVAL 12 MONTH AND c.m <= date_trunc('month', ${dateValue(cut)})
        GROUP BY 1, 2),
      curve AS (
        SELECT n.gemeente_code, n.o, n.n, coalesce(cc.cents, 0) AS cents
        FROM curve_n n LEFT JOIN curve_c cc ON cc.gemeente_code = n.gemeente_code AND cc.o = n.o),
      curves AS (
        SELECT gemeente_code, string_agg(o || ':' || n || ':' || CAST(cents AS VARCHAR), ',' ORDER BY o) AS curve
        FROM curve GROUP BY 1),
      inflow AS (
        SELECT gemeente_code, count(*) AS started FROM started WHERE last12 GROUP BY 1)
      -- a gemeente with a claim line or a payment in the 12 months up to the period's end (docs/indicators.md)
      SELECT r.gemeente_code, r.cents AS realised, r.paid, coalesce(co.cents, 0) AS continuation,
        coalesce(i.started, 0)::BIGINT AS started, coalesce(cv.curve, '') AS curve,
        r.gemeente_code IN (SELECT gemeente_code FROM small) AS small_clients
      FROM realised r LEFT JOIN continuation co USING (gemeente_code) LEFT JOIN inflow i USING (gemeente_code)
        LEFT JOIN curves cv USING (gemeente_code) ORDER BY 1`;
  },
  toRows: (rows, { period, lens }) => {
    // the months from the last complete claims to 31 December (12 when none of this year is complete yet)
    const cut = claimsCut(periodEnd(period), lens.asOf);
    const monthsLeft = Number(cut.slice(0, 4)) < period.year ? 12 : 12 - Number(cut.slice(5, 7));
    // payments have no claims' lag: they count up to the period's end, and the months left are counted from there; as
    // of a day before the period's end, up to that day (a payment counts from the start of its month): the payments of
    // January to May divided by the six months to June gave too little ahead (red team 27)
    const paidTo = lens.asOf !== null && lens.asOf < periodEnd(period) ? lens.asOf : periodEnd(period);
    const endMonth = Number(paidTo.slice(0, 4)) < period.year ? 0 : Number(paidTo.slice(5, 7));
    return rows.map((r) => {
      const inflow = newInflowCents(Number(r.started), parseCurve(r.curve), monthsLeft);
      const ahead = paymentsAheadCents(BigInt(r.paid), endMonth, 12 - endMonth);
      // continuation is an average of cents (not whole): it is rounded to a cent, half away from zero as every amount
      // (Math.round took −1.376,675 to −1.376,67 where the definition gives −1.376,68), the total is the sum in cents
      const euro = (c: number) => centsToEuro(roundHalfUp(c, 0));
      const realised = Number(r.realised);
      const value = centsToEuro(realised + roundHalfUp(r.continuation, 0) + inflow + ahead);
      return {
        gemeente: r.gemeente_code,
        value,
        realised: euro(realised),
        realisedPayments: euro(Number(r.paid)),
        continuation: euro(r.continuation),
        newInflow: centsToEuro(inflow),
        payments: centsToEuro(ahead),
        low: euro(realised + 0.9 * r.continuation + 0.75 * inflow + 0.9 * ahead),
        high: euro(realised + 1.1 * r.continuation + 1.25 * inflow + 1.1 * ahead),
        methodNl: FORECAST_METHOD_NL,
        // the realised payments are budget_burn's: hidden when published where its amount is (red team 20)
        ...(r.small_clients ? { hiddenWhenPublished: true } : {}),
      };
    });
  },
});
