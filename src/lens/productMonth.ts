/**
 * Lens queries for the steering overviews of issue 16 points 4 and 5 (seed 003, Zuid-Holland Zuid):
 * per product code (children, trajectories, duration, cost, referrers, providers over a window of
 * years, with a drill-down to the providers of one code) and per month (youths in care and cost per
 * gemeente, team and client). Exact figures only; the app layer (app/productCodes.ts,
 * app/monthOverview.ts) turns them into tables and applies disclosure control. Every value is a bound
 * parameter (lens/sql.ts). The conventions are those of docs/indicators.md ("Per productcode en per maand").
 */
import type { Lens } from './lens.js';
import { dateValue, joinSql, sql, type Sql } from './sql.js';
import { CLAIM_COST, YOUTH_BUDGET_CENTS } from './money.js';

/** The referrer groups of the product table: COD327 codes per group; anything else (06, none) is 'zelf_onbekend'. */
export const REFERRER_GROUPS = {
  gemeente: ['01'],
  huisarts: ['02'],
  medisch: ['03', '05'],
  jeugdbescherming: ['04', '08'],
} as const;
export type ReferrerGroup = keyof typeof REFERRER_GROUPS | 'zelf_onbekend';
export const REFERRER_GROUP_KEYS: readonly ReferrerGroup[] = [
  'gemeente',
  'huisarts',
  'medisch',
  'jeugdbescherming',
  'zelf_onbekend',
];

const inList = (col: Sql, values: readonly string[]): Sql => sql`${col} IN (${joinSql(values.map((v) => sql`${v}`))})`;

function gemeenten(codes: readonly string[], column: Sql): Sql {
  if (codes.length === 0) return sql`FALSE`;
  return inList(column, codes);
}

export interface ProductQuery {
  readonly gemeenten: readonly string[];
  /** the window, inclusive, YYYY-MM-DD */
  readonly from: string;
  readonly to: string;
  /** drill-down: only this product code, grouped by provider */
  readonly productCode?: string | undefined;
  /** every code's drill-down at once (the provider's own picture): grouped by code and provider, no code filter */
  readonly everyDrill?: boolean | undefined;
}

/** Exact figures of one product code (or one provider within it). */
export interface ProductFigures {
  productCategory: string;
  productCode: string;
  /** set in the drill-down */
  agb: string | null;
  providerName: string | null;
  /** trajectories active in the window */
  trajectories: number;
  /** distinct youths (per gemeente) of those */
  children: number;
  /** distinct providers of those */
  providers: number;
  /** trajectories with an actual start whose effective end lies in the window, and the sum of their days */
  durationN: number;
  durationDays: number;
  /** trajectories whose effective start lies in the window, per referrer group */
  started: number;
  referrers: Record<ReferrerGroup, number>;
  /** claim lines with a product period starting in the window */
  costCents: number;
  /** distinct youths (per gemeente) of the trajectories named by the non-rejected lines */
  costClients: number;
}

export async function productFigures(lens: Lens, q: ProductQuery): Promise<ProductFigures[]> {
  const s = dateValue(q.from);
  const e = dateValue(q.to);
  const oneCode = q.productCode !== undefined;
  const drill = oneCode || q.everyDrill === true;
  const codeFilterT = oneCode ? sql`coalesce(product_code, '') = ${q.productCode!}` : sql`TRUE`;
  const codeFilterC = oneCode ? sql`coalesce(c.product_code, '') = ${q.productCode!}` : sql`TRUE`;
  const agbT = drill ? sql`coalesce(provider_agb, '')` : sql`''`;
  const agbC = drill ? sql`coalesce(c.provider_agb, '')` : sql`''`;
  const refCount = (codes: readonly string[]) =>
    sql`count(*) FILTER (WHERE eff_start BETWEEN ${s} AND ${e} AND ${inList(sql`referrer_type`, codes)})::INTEGER`;
  const traj = await lens.query<{
    cat: string;
    code: string;
    agb: string;
    trajectories: number;
    children: number;
    providers: number;
    dur_n: number;
    dur_days: number | null;
    started: number;
    r_gemeente: number;
    r_huisarts: number;
    r_medisch: number;
    r_jeugdbescherming: number;
  }>(sql`
    SELECT coalesce(product_category, '') AS cat, coalesce(product_code, '') AS code, ${agbT} AS agb,
      count(*)::INTEGER AS trajectories,
      count(DISTINCT gemeente_code || '|' || youth_pseudonym)::INTEGER AS children,
      count(DISTINCT provider_agb)::INTEGER AS providers,
      count(*) FILTER (WHERE start_date IS NOT NULL AND eff_end BETWEEN ${s} AND ${e})::INTEGER AS dur_n,
      sum(date_diff('day', eff_start, eff_end)) FILTER (WHERE start_date IS NOT NULL AND eff_end BETWEEN ${s} AND ${e})::BIGINT AS dur_days,
      count(*) FILTER (WHERE eff_start BETWEEN ${s} AND ${e})::INTEGER AS started,
      ${refCount(REFERRER_GROUPS.gemeente)} AS r_gemeente,
      ${refCount(REFERRER_GROUPS.huisarts)} AS r_huisarts,
      ${refCount(REFERRER_GROUPS.medisch)} AS r_medisch,
      ${refCount(REFERRER_GROUPS.jeugdbescherming)} AS r_jeugdbescherming
    FROM traj
    WHERE eff_start <= ${e} AND (eff_end IS NULL OR eff_end >= ${s})
      AND ${gemeenten(q.gemeenten, sql`gemeente_code`)} AND ${codeFilterT}
    GROUP BY 1, 2, 3`);
  const claims = await lens.query<{ cat: string; code: string; agb: string; cost: number; clients: number }>(sql`
    SELECT coalesce(c.product_category, '') AS cat, coalesce(c.product_code, '') AS code, ${agbC} AS agb,
      sum(${CLAIM_COST})::BIGINT AS cost,
      count(DISTINCT c.gemeente_code || '|' || c.claim_youth) FILTER (WHERE c.status <> 'afgewezen')::INTEGER AS clients
    FROM claim_line c
    WHERE c.period_start BETWEEN ${s} AND ${e} AND ${gemeenten(q.gemeenten, sql`c.gemeente_code`)} AND ${codeFilterC}
    GROUP BY 1, 2, 3`);
  const names = new Map(
    drill
      ? (await lens.query<{ agb: string; name: string }>('SELECT agb, name FROM provider')).map((p) => [p.agb, p.name])
      : [],
  );
  const out = new Map<string, ProductFigures>();
  const get = (cat: string, code: string, agb: string): ProductFigures => {
    const k = `${cat}|${code}|${agb}`;
    let f = out.get(k);
    if (!f) {
      f = {
        productCategory: cat,
        productCode: code,
        agb: drill ? agb : null,
        providerName: drill ? (names.get(agb) ?? null) : null,
        trajectories: 0,
        children: 0,
        providers: 0,
        durationN: 0,
        durationDays: 0,
        started: 0,
        referrers: { gemeente: 0, huisarts: 0, medisch: 0, jeugdbescherming: 0, zelf_onbekend: 0 },
        costCents: 0,
        costClients: 0,
      };
      out.set(k, f);
    }
    return f;
  };
  for (const r of traj) {
    const f = get(r.cat, r.code, r.agb);
    f.trajectories = r.trajectories;
    f.children = r.children;
    f.providers = r.providers;
    f.durationN = r.dur_n;
    f.durationDays = r.dur_days ?? 0;
    f.started = r.started;
    const known = r.r_gemeente + r.r_huisarts + r.r_medisch + r.r_jeugdbescherming;
    f.referrers = {
      gemeente: r.r_gemeente,
      huisarts: r.r_huisarts,
      medisch: r.r_medisch,
      jeugdbescherming: r.r_jeugdbescherming,
      zelf_onbekend: r.started - known,
    };
  }
  for (const r of claims) {
    const f = get(r.cat, r.code, r.agb);
    f.costCents = r.cost;
    f.costClients = r.clients;
  }
  return [...out.values()].sort(
    (a, b) =>
      a.productCategory.localeCompare(b.productCategory) ||
      a.productCode.localeCompare(b.productCode) ||
      (a.agb ?? '').localeCompare(b.agb ?? ''),
  );
}

export interface MonthQuery {
  readonly gemeenten: readonly string[];
  readonly year: number;
  /** a teammanager: only this team of this gemeente */
  readonly team?: { readonly gemeente: string; readonly code: string } | null;
}

/** One gemeente (team '' = the gemeente as a whole, or a team code; '-' = without a team) in one month. */
export interface MonthFigures {
  gemeente: string;
  team: string;
  month: number;
  youths: number;
  costCents: number;
}

function monthTable(year: number): Sql {
  return sql`(SELECT CAST(d AS DATE) AS ms, CAST(d + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS me, month(d)::INTEGER AS mo
    FROM generate_series(CAST(${`${year}-01-01`} AS TIMESTAMP), CAST(${`${year}-12-01`} AS TIMESTAMP), INTERVAL 1 MONTH) g(d))`;
}

/** The first day of the earliest product period of a claim line (null: none): before it amounts are not known. */
export async function claimsStart(lens: Lens): Promise<string | null> {
  const [r] = await lens.query<{ d: string | null }>('SELECT CAST(min(period_start) AS VARCHAR) AS d FROM claim_line');
  return r?.d ?? null;
}

/**
 * Youths in care and cost per month of the year, per gemeente (team '') and per team (the trajectory's
 * team; claim lines through the trajectory they name, '-' when it has no team or none is named).
 */

export async function monthFigures(lens: Lens, q: MonthQuery): Promise<MonthFigures[]> {
  const teamT = q.team
    ? sql`t.gemeente_code = ${q.team.gemeente} AND t.team_code = ${q.team.code}`
    : gemeenten(q.gemeenten, sql`t.gemeente_code`);
  const teamC = q.team
    ? sql`c.gemeente_code = ${q.team.gemeente} AND t.team_code = ${q.team.code}`
    : gemeenten(q.gemeenten, sql`c.gemeente_code`);
  const youths = await lens.query<{ g: string; team: string | null; mo: number; youths: number }>(sql`
    SELECT t.gemeente_code AS g, coalesce(t.team_code, '-') AS team, m.mo,
      count(DISTINCT t.youth_pseudonym)::INTEGER AS youths
    FROM traj t JOIN ${monthTable(q.year)} m ON t.eff_start <= m.me AND (t.eff_end IS NULL OR t.eff_end >= m.ms)
    WHERE ${teamT}
    GROUP BY GROUPING SETS ((t.gemeente_code, m.mo), (t.gemeente_code, coalesce(t.team_code, '-'), m.mo))`);
  const cost = await lens.query<{ g: string; team: string | null; mo: number; cost: number }>(sql`
    SELECT c.gemeente_code AS g, coalesce(t.team_code, '-') AS team, month(c.period_start)::INTEGER AS mo,
      sum(${CLAIM_COST})::BIGINT AS cost
    FROM claim_line c LEFT JOIN trajectory t ON t.gemeente_code = c.gemeente_code AND t.trajectory_id = c.trajectory_id
    WHERE year(c.period_start) = ${q.year} AND ${teamC}
    GROUP BY GROUPING SETS ((c.gemeente_code, month(c.period_start)), (c.gemeente_code, coalesce(t.team_code, '-'), month(c.period_start)))`);
  // GROUPING SETS leaves the team NULL on the gemeente rows: '' there
  const out = new Map<string, MonthFigures>();
  const get = (g: string, team: string | null, mo: number) => {
    const k = `${g}|${team ?? ''}|${mo}`;
    let f = out.get(k);
    if (!f) out.set(k, (f = { gemeente: g, team: team ?? '', month: mo, youths: 0, costCents: 0 }));
    return f;
  };
  for (const r of youths) get(r.g, r.team, r.mo).youths = r.youths;
  for (const r of cost) get(r.g, r.team, r.mo).costCents = r.cost;
  return [...out.values()];
}

/** The year's youth-care budget per gemeente in cents (youth taakvelden, else every line), as budget_burn. */
export async function yearBudgets(
  lens: Lens,
  gemeenteCodes: readonly string[],
  year: number,
): Promise<Map<string, number>> {
  const rows = await lens.query<{ g: string; budget: number | null }>(sql`
    SELECT gemeente_code AS g,
      ${YOUTH_BUDGET_CENTS} AS budget
    FROM budget WHERE year = ${year} AND ${gemeenten(gemeenteCodes, sql`gemeente_code`)} GROUP BY 1`);
  return new Map(rows.filter((r) => r.budget !== null && r.budget > 0).map((r) => [r.g, r.budget!]));
}

/** One client (pseudonym within a gemeente) in the chosen month. */
export interface ClientMonth {
  gemeente: string;
  pseudonym: string;
  teams: string;
  inCare: boolean;
  costMonthCents: number;
  costYearCents: number;
}

/**
 * Clients in care in month `month` of the year or with a claim line whose product period starts in it, with
 * their cost this month and from 1 January up to the month's end. Youths with a secret address are left out
 * (privacy.md rule 7). A team narrows to its own trajectories and the claim lines naming them.
 */
export async function clientMonth(lens: Lens, q: MonthQuery & { readonly month: number }): Promise<ClientMonth[]> {
  const mm = String(q.month).padStart(2, '0');
  const ms = dateValue(`${q.year}-${mm}-01`);
  const me = sql`CAST(${ms} + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE)`;
  const ys = dateValue(`${q.year}-01-01`);
  const teamT = q.team
    ? sql`t.gemeente_code = ${q.team.gemeente} AND t.team_code = ${q.team.code}`
    : gemeenten(q.gemeenten, sql`t.gemeente_code`);
  return lens.query<ClientMonth>(sql`
    WITH tr AS (
      SELECT t.gemeente_code, t.trajectory_id, t.youth_pseudonym, t.team_code,
        (t.eff_start <= ${me} AND (t.eff_end IS NULL OR t.eff_end >= ${ms})) AS active
      FROM traj t WHERE ${teamT} AND NOT coalesce(t.secret_address, FALSE)),
    cl AS (
      SELECT tr.gemeente_code, tr.youth_pseudonym,
        sum(${CLAIM_COST}) FILTER (WHERE c.period_start BETWEEN ${ms} AND ${me})::BIGINT AS month_cost,
        sum(${CLAIM_COST})::BIGINT AS year_cost
      FROM claim_line c JOIN tr ON tr.gemeente_code = c.gemeente_code AND tr.trajectory_id = c.trajectory_id
      WHERE c.period_start BETWEEN ${ys} AND ${me} GROUP BY 1, 2),
    y AS (
      SELECT gemeente_code, youth_pseudonym, bool_or(active) AS in_care,
        string_agg(DISTINCT coalesce(team_code, '-'), ', ' ORDER BY coalesce(team_code, '-')) AS teams
      FROM tr GROUP BY 1, 2)
    SELECT y.gemeente_code AS gemeente, y.youth_pseudonym AS pseudonym, y.teams, y.in_care AS "inCare",
      coalesce(cl.month_cost, 0)::BIGINT AS "costMonthCents", coalesce(cl.year_cost, 0)::BIGINT AS "costYearCents"
    FROM y LEFT JOIN cl USING (gemeente_code, youth_pseudonym)
    WHERE y.in_care OR cl.month_cost IS NOT NULL
    ORDER BY "costYearCents" DESC, gemeente, pseudonym`);
}
