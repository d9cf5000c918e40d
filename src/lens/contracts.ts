/**
 * Lens queries for the contract register (issue 19; docs/indicators.md "Contractregister"): the contracts of some
 * gemeenten (one row per gemeente copy, migration 20), and per contract the money used in a window — claim lines of
 * its providers for the products it covers, plus the payments made on it — and the youths with an allocation with
 * its providers running on a day. Exact figures; app/contractRegister.ts assembles the register. Every value is a
 * bound parameter (lens/sql.ts).
 */
import type { Lens } from './lens.js';
import { dateValue, joinSql, sql, type Sql } from './sql.js';
import { CLAIM_COST } from './money.js';

export interface ContractRow {
  gemeente_code: string;
  contract_id: string;
  name: string | null;
  provider_agbs: string;
  consortium: string | null;
  perceel: string | null;
  financing_form: string;
  tranche_rule: string | null;
  product_categories: string;
  product_codes: string;
  ceiling_cents: number | null;
  start_date: string;
  end_date: string;
  extension_years: string;
  extensions_used: number;
  current_end_date: string;
  max_end_date: string;
  evaluation_dates: string;
  parties: string;
}

const inList = (col: Sql, values: readonly string[]): Sql =>
  values.length === 0 ? sql`FALSE` : sql`${col} IN (${joinSql(values.map((v) => sql`${v}`))})`;

/** The contract copies of these gemeenten (optionally one contract), dates as YYYY-MM-DD. */
export async function contractRows(
  lens: Lens,
  gemeenten: readonly string[],
  contractId?: string,
): Promise<ContractRow[]> {
  return lens.query<ContractRow>(sql`
    SELECT gemeente_code, contract_id, name, coalesce(provider_agbs, '') AS provider_agbs, consortium, perceel,
           financing_form, tranche_rule, coalesce(product_categories, '') AS product_categories,
           coalesce(product_codes, '') AS product_codes, ceiling_cents,
           CAST(start_date AS VARCHAR) AS start_date, CAST(end_date AS VARCHAR) AS end_date,
           coalesce(extension_years, '') AS extension_years, extensions_used,
           CAST(current_end_date AS VARCHAR) AS current_end_date, CAST(max_end_date AS VARCHAR) AS max_end_date,
           coalesce(evaluation_dates, '') AS evaluation_dates, parties
    FROM contract
    WHERE ${inList(sql`gemeente_code`, gemeenten)} ${contractId === undefined ? sql`` : sql`AND contract_id = ${contractId}`}
    ORDER BY contract_id, gemeente_code`);
}

/** Provider names by AGB (those the lens knows). */
export async function providerNames(lens: Lens, agbs: readonly string[]): Promise<Map<string, string>> {
  if (agbs.length === 0) return new Map();
  const rows = await lens.query<{ agb: string; name: string }>(
    sql`SELECT agb, name FROM provider WHERE ${inList(sql`agb`, agbs)}`,
  );
  return new Map(rows.map((r) => [r.agb, r.name]));
}

/** One contract copy to measure: its gemeente, providers, covered products, the window and the day. */
export interface ContractProbe {
  readonly gemeente: string;
  readonly contractId: string;
  readonly agbs: readonly string[];
  readonly productCategories: readonly string[];
  readonly productCodes: readonly string[];
  /** the contract year, inclusive */
  readonly from: string;
  readonly to: string;
  /** the day allocations must be running on */
  readonly day: string;
}

export interface ContractUse {
  claimsCents: number;
  paymentsCents: number;
  /** youths (distinct per gemeente) with an allocation with one of its providers for a covered product running on the day */
  youthsRunning: number;
}

/**
 * A claim line or allocation `x` is the contract's when its provider is one of the contract's and its product is
 * covered: the product codes when the contract lists them, else its categories, else every product of the provider.
 */
function covered(p: ContractProbe, x: Sql): Sql {
  const products =
    p.productCodes.length > 0
      ? inList(sql`${x}.product_code`, p.productCodes)
      : p.productCategories.length > 0
        ? inList(sql`${x}.product_category`, p.productCategories)
        : sql`TRUE`;
  return sql`${x}.gemeente_code = ${p.gemeente} AND ${inList(sql`${x}.provider_agb`, p.agbs)} AND ${products}`;
}

/**
 * Per probe: claims whose service period starts in the window (rejected lines not counted, credit lines subtracted:
 * the cost convention of lens/money.ts), payments on the contract whose period starts in the window, and youths with
 * a running allocation on the day (allocated or started by then, not ended before it: as `commitments` counts them).
 */
export async function contractUse(lens: Lens, probes: readonly ContractProbe[]): Promise<ContractUse[]> {
  const out: ContractUse[] = [];
  for (const p of probes) {
    const [r] = await lens.query<{ claims: number | null; payments: number | null; youths: number }>(sql`
      SELECT
        (SELECT sum(${CLAIM_COST}) FROM claim_line c
          WHERE ${covered(p, sql`c`)} AND c.period_start BETWEEN ${dateValue(p.from)} AND ${dateValue(p.to)}) AS claims,
        (SELECT sum(amount_cents) FROM payment
          WHERE gemeente_code = ${p.gemeente} AND contract_id = ${p.contractId}
            AND period_start BETWEEN ${dateValue(p.from)} AND ${dateValue(p.to)}) AS payments,
        (SELECT count(DISTINCT t.youth_pseudonym) FROM traj t
          WHERE ${covered(p, sql`t`)} AND coalesce(t.allocation_date, t.eff_start) <= ${dateValue(p.day)}
            AND (t.eff_end IS NULL OR t.eff_end >= ${dateValue(p.day)})) AS youths`);
    out.push({ claimsCents: r?.claims ?? 0, paymentsCents: r?.payments ?? 0, youthsRunning: Number(r?.youths ?? 0) });
  }
  return out;
}
