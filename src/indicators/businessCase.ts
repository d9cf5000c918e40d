/**
 * Business cases (indicators.md, "Goals and business cases"): a yearly investment (e.g. a
 * Jeugd- en gezinsteam) against the savings it brings, where
 *   savings = the baseline cost path of the care the investment is meant to replace − the realised cost.
 * The baseline path starts at the realised cost of the baseline year and either stays flat
 * ("vast") or follows the growth of the years before it ("trend", the average yearly growth of up to
 * three complete years before the baseline year). Budget-neutral = the first year in which the
 * savings cover that year's investment; break-even = the first year in which the savings since
 * the start cover all investment since the start. Only complete years count for those two.
 */
import type { Lens } from '../lens/lens.js';
import { joinSql, sql, type Sql } from '../lens/sql.js';
import { CLAIM_COST } from './money.js';

export interface BusinessCaseSpec {
  readonly id?: number;
  readonly gemeente: string;
  readonly title: string;
  readonly description?: string | null;
  /** the care the investment replaces: allocation intensities (A–I) and/or product categories */
  readonly intensities: readonly string[];
  readonly productCategories: readonly string[];
  readonly baselineYear: number;
  readonly startYear: number;
  readonly baselineMethod: 'vast' | 'trend';
  /** per year, eurocent */
  readonly investmentCents: Readonly<Record<string, number>>;
  readonly targetSavingsCents: Readonly<Record<string, number>>;
  readonly owner?: string | null;
}

export interface YearLine {
  readonly year: number;
  readonly baselineCents: number | null;
  readonly realisedCents: number | null;
  readonly savingsCents: number | null;
  readonly investmentCents: number;
  readonly netCents: number | null;
  readonly cumulativeNetCents: number | null;
  readonly targetSavingsCents: number | null;
  /** false for a year the data does not fully cover (its realised cost is still growing) */
  readonly complete: boolean;
}

export interface BusinessCaseResult {
  readonly spec: BusinessCaseSpec;
  readonly lines: readonly YearLine[];
  /** average yearly growth used for the baseline path (0 for "vast") */
  readonly growth: number;
  readonly budgetNeutralYear: number | null;
  readonly breakEvenYear: number | null;
  /** all planned investment, every year */
  readonly totalInvestmentCents: number;
  /** investment and savings over the complete years since the start: what the summary compares */
  readonly investedSoFarCents: number;
  readonly totalSavingsCents: number | null;
  readonly problems: readonly string[];
  readonly methodNl: string;
  readonly methodEn: string;
}

export interface CostYears {
  /** realised cost per calendar year, eurocent */
  readonly byYear: ReadonlyMap<number, number>;
  /** distinct youths behind each year's cost (claim lines not rejected) */
  readonly youthsByYear?: ReadonlyMap<number, number>;
  readonly firstCompleteYear: number | null;
  readonly lastCompleteYear: number | null;
}

const cents = (v: number | undefined): number => (v === undefined || !Number.isFinite(v) ? 0 : Math.round(v));

/** Average yearly growth over up to three complete years ending at `to`; 0 when there is too little. */
export function trendGrowth(byYear: ReadonlyMap<number, number>, to: number, firstComplete: number): number {
  const from = Math.max(firstComplete, to - 3);
  const a = byYear.get(from);
  const b = byYear.get(to);
  if (from >= to || !a || !b || a <= 0 || b <= 0) return 0;
  return (b / a) ** (1 / (to - from)) - 1;
}

export function evaluateBusinessCase(spec: BusinessCaseSpec, cost: CostYears): BusinessCaseResult {
  const problems: string[] = [];
  const complete = (y: number) =>
    cost.firstCompleteYear !== null &&
    cost.lastCompleteYear !== null &&
    y >= cost.firstCompleteYear &&
    y <= cost.lastCompleteYear;
  const hidden = (cost as { hidden?: ReadonlySet<number> }).hidden ?? new Set<number>();
  const trendYears = [0, 1, 2, 3].map((k) => spec.baselineYear - k);
  const base = cost.byYear.get(spec.baselineYear);
  if (hidden.has(spec.baselineYear) || (spec.baselineMethod === 'trend' && trendYears.some((y) => hidden.has(y)))) {
    problems.push(
      `Het basispad is onderdrukt: de kosten van ${spec.baselineYear} of de jaren van de trend rusten op minder dan 10 jeugdigen.`,
    );
  } else if (!complete(spec.baselineYear) || base === undefined) {
    problems.push(
      `Het basisjaar ${spec.baselineYear} valt niet volledig binnen de gegevens (${cost.firstCompleteYear ?? '–'} t/m ${cost.lastCompleteYear ?? '–'}); er is geen basispad te berekenen.`,
    );
  }
  const growth =
    spec.baselineMethod === 'trend' && cost.firstCompleteYear !== null
      ? trendGrowth(cost.byYear, spec.baselineYear, cost.firstCompleteYear)
      : 0;
  const years = [...Object.keys(spec.investmentCents), ...Object.keys(spec.targetSavingsCents)].map(Number);
  const lastYear = Math.max(
    spec.startYear,
    cost.lastCompleteYear ?? spec.startYear,
    ...years,
    ...[...cost.byYear.keys()].filter((y) => y >= spec.startYear),
  );
  const lines: YearLine[] = [];
  let cumulative = 0;
  let cumulativeKnown = true;
  for (let year = spec.baselineYear; year <= lastYear; year++) {
    const baseline =
      base === undefined || problems.length > 0 ? null : Math.round(base * (1 + growth) ** (year - spec.baselineYear));
    const realised = cost.byYear.get(year) ?? null;
    const invest = cents(spec.investmentCents[String(year)]);
    const running = year >= spec.startYear;
    const savings = running && baseline !== null && realised !== null && complete(year) ? baseline - realised : null;
    const net = running ? (savings === null ? null : savings - invest) : null;
    if (running) {
      if (net === null) cumulativeKnown = false;
      else cumulative += net;
    }
    const target = spec.targetSavingsCents[String(year)];
    lines.push({
      year,
      baselineCents: baseline,
      realisedCents: realised,
      savingsCents: savings,
      investmentCents: invest,
      netCents: net,
      cumulativeNetCents: running && cumulativeKnown ? cumulative : null,
      targetSavingsCents: target === undefined ? null : cents(target),
      complete: complete(year),
    });
  }
  const running = lines.filter((l) => l.year >= spec.startYear);
  const totalSavings = running.every((l) => l.savingsCents === null)
    ? null
    : running.reduce((s, l) => s + (l.savingsCents ?? 0), 0);
  const scope = [
    spec.intensities.length ? `intensiteit ${spec.intensities.join(', ')}` : '',
    spec.productCategories.length ? `productcategorie ${spec.productCategories.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' en ');
  const pct = (g: number) => `${(g * 100).toLocaleString('nl-NL', { maximumFractionDigits: 1 })}%`;
  return {
    spec,
    lines,
    growth,
    budgetNeutralYear: running.find((l) => l.netCents !== null && l.netCents >= 0)?.year ?? null,
    breakEvenYear: running.find((l) => l.cumulativeNetCents !== null && l.cumulativeNetCents >= 0)?.year ?? null,
    totalInvestmentCents: lines.reduce((s, l) => s + l.investmentCents, 0),
    investedSoFarCents: running.filter((l) => l.complete).reduce((s, l) => s + l.investmentCents, 0),
    totalSavingsCents: totalSavings,
    problems,
    methodNl: `Besparing = basispad − gerealiseerde kosten (declaraties) van ${scope}. Basispad: de kosten van ${spec.baselineYear}${spec.baselineMethod === 'trend' ? `, daarna met ${pct(growth)} per jaar (gemiddelde groei van de jaren ervoor)` : ', daarna gelijkblijvend'}. Budgetneutraal: het eerste jaar waarin de besparing de investering van dat jaar dekt. Terugverdiend: het eerste jaar waarin de besparingen sinds ${spec.startYear} alle investeringen sinds dan dekken. Alleen volledige jaren tellen.`,
    methodEn: `Savings = baseline path − realised cost (claims) of ${scope}. Baseline path: the cost of ${spec.baselineYear}${spec.baselineMethod === 'trend' ? `, then ${pct(growth)} a year (average growth of the years before)` : ', then flat'}. Budget-neutral: the first year in which the savings cover that year's investment. Break-even: the first year in which the savings since ${spec.startYear} cover all investment since then. Only complete years count.`,
  };
}

const codeList = (xs: readonly string[]): Sql => joinSql(xs.map((x) => sql`${x}`));

/** Realised claim cost per year of the trajectories in scope, and which years the data fully covers. */
export async function realisedCost(
  lens: Lens,
  gemeente: string,
  intensities: readonly string[],
  categories: readonly string[],
): Promise<CostYears> {
  const filters = [
    ...(intensities.length ? [sql`t.intensity IN (${codeList(intensities)})`] : []),
    ...(categories.length ? [sql`c.product_category IN (${codeList(categories)})`] : []),
  ];
  const rows = await lens.query<{ year: number; cents: number; youths: number }>(sql`
    SELECT year(c.period_start) AS year, sum(${CLAIM_COST}) AS cents,
      count(DISTINCT t.youth_pseudonym) FILTER (WHERE c.status <> 'afgewezen')::INTEGER AS youths
    FROM claim_line c JOIN traj t ON t.gemeente_code = c.gemeente_code AND t.trajectory_id = c.trajectory_id
    WHERE c.gemeente_code = ${gemeente} AND (${filters.length ? joinSql(filters, sql` AND `) : sql`FALSE`})
    GROUP BY 1 ORDER BY 1`);
  const [span] = await lens.query<{ first: string | null; last: string | null }>(sql`
    SELECT CAST(min(period_start) AS VARCHAR) AS first, CAST(max(period_end) AS VARCHAR) AS last FROM claim_line WHERE gemeente_code = ${gemeente}`);
  const first = span?.first ? Number(span.first.slice(0, 4)) + (span.first.slice(5) === '01-01' ? 0 : 1) : null;
  const last = span?.last ? Number(span.last.slice(0, 4)) - (span.last.slice(5) === '12-31' ? 0 : 1) : null;
  return {
    byYear: new Map(rows.map((r) => [r.year, r.cents])),
    youthsByYear: new Map(rows.map((r) => [r.year, r.youths])),
    firstCompleteYear: first,
    lastCompleteYear: last,
  };
}

/**
 * The cost as it may be published (bestuur, aanbieder, a team manager beyond its team): a year whose cost rests on
 * fewer than 10 youths is left out, as every amount whose count is hidden is (docs/indicators.md, disclosure), and
 * with it whatever is computed from it — the baseline path when it is the base year or one its trend is taken over,
 * that year's savings and the running net (red team 12: a business case for one product category × intensity gave
 * € 242.814 for 9 youths, to the euro, while /productcodes showed "<10").
 */
/**
 * A business case as published: the plan (investment, target) and its verdict (budget-neutral and break-even year),
 * without the amounts per year. A case is a free selection of care, so two cases differ by any group a user likes:
 * subtracting one from another gave a hidden year of 9 youths back to the euro (red team 14). Hiding small years
 * (publishedCost) cannot stop that; only the internal version has the amounts.
 */
export function publishedResult(r: BusinessCaseResult): BusinessCaseResult {
  return {
    ...r,
    lines: r.lines.map((l) => ({
      ...l,
      baselineCents: null,
      realisedCents: null,
      savingsCents: null,
      netCents: null,
      cumulativeNetCents: null,
    })),
    totalSavingsCents: null,
    problems: [
      ...r.problems,
      'Bedragen per jaar staan alleen in de interne versie: twee business cases zouden van elkaar af te trekken zijn tot een groep van minder dan 10 jeugdigen.',
    ],
  };
}

export function publishedCost(cost: CostYears): CostYears & { readonly hidden: ReadonlySet<number> } {
  const hidden = new Set([...cost.byYear.keys()].filter((y) => (cost.youthsByYear?.get(y) ?? 0) < 10));
  return { ...cost, byYear: new Map([...cost.byYear].filter(([y]) => !hidden.has(y))), hidden };
}
