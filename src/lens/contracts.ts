/**
 * Lens queries for the contract register (issue 19; docs/indicators.md "Contractregister"): the contracts of some
 * gemeenten (one row per gemeente copy, migration 20), and per contract the money used in a window — claim lines of
 * its providers for the products it covers, plus the payments made on it — and the youths with an allocation with
 * its providers running on a day. Exact figures; app/contractRegister.ts assembles the register. Every value is a
 * bound parameter (lens/sql.ts).
 */
import type { Lens } from './lens.js';
import { dateValue, joinSql, sql, type Sql } from './sql.js';
import { CLAIM_COST, COST, PRICE_VOLUME, PRICED_LINE } from './money.js';
import { trancheLedger } from './contractMoney.js';

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
  /**
   * The last month (YYYY-MM) of the window, up to the day, holding a claim line of the contract, and the last holding
   * a payment; null for none. The provider report forecasts the year from the months up to them (app/contractTalk.ts).
   */
  lastClaimMonth: string | null;
  lastPaymentMonth: string | null;
  /** youths (distinct per gemeente) with an allocation with one of its providers for a covered product running on the day */
  youthsRunning: number;
}

/**
 * A claim line or allocation `x` is the contract's when its provider is one of the contract's and its product is
 * covered: the product codes when the contract lists them, else its categories, else every product of the provider.
 */
function covered(p: ContractProbe, x: Sql): Sql {
  return sql`${x}.gemeente_code = ${p.gemeente} AND ${coveredProducts(p, x)}`;
}

/** The provider and product part of `covered`, for a caller that names its gemeenten itself (app/contractTalk.ts). */
export function coveredProducts(p: Pick<ContractProbe, 'agbs' | 'productCodes' | 'productCategories'>, x: Sql): Sql {
  const products =
    p.productCodes.length > 0
      ? inList(sql`${x}.product_code`, p.productCodes)
      : p.productCategories.length > 0
        ? inList(sql`${x}.product_category`, p.productCategories)
        : sql`TRUE`;
  return sql`${inList(sql`${x}.provider_agb`, p.agbs)} AND ${products}`;
}

/**
 * Per probe: claims whose service period starts in the window (rejected lines not counted, credit lines subtracted:
 * the cost convention of lens/money.ts), payments on the contract whose period starts in the window, and youths with
 * a running allocation on the day (allocated or started by then, not ended before it: as `commitments` counts them).
 */
export async function contractUse(lens: Lens, probes: readonly ContractProbe[]): Promise<ContractUse[]> {
  const out: ContractUse[] = [];
  for (const p of probes) {
    const [r] = await lens.query<{
      claims: number | null;
      payments: number | null;
      youths: number;
      last_claim: string | null;
      last_payment: string | null;
    }>(sql`
      SELECT
        (SELECT sum(${CLAIM_COST}) FROM claim_line c
          WHERE ${covered(p, sql`c`)} AND c.period_start BETWEEN ${dateValue(p.from)} AND ${dateValue(p.to)}) AS claims,
        (SELECT sum(amount_cents) FROM payment
          WHERE gemeente_code = ${p.gemeente} AND contract_id = ${p.contractId}
            AND period_start BETWEEN ${dateValue(p.from)} AND ${dateValue(p.to)}) AS payments,
        (SELECT count(DISTINCT t.youth_pseudonym) FROM traj t
          WHERE ${covered(p, sql`t`)} AND coalesce(t.allocation_date, t.eff_start) <= ${dateValue(p.day)}
            AND (t.eff_end IS NULL OR t.eff_end >= ${dateValue(p.day)})) AS youths,
        (SELECT strftime(max(c.period_start), '%Y-%m') FROM claim_line c
          WHERE ${covered(p, sql`c`)} AND c.period_start BETWEEN ${dateValue(p.from)} AND ${dateValue(p.to)}
            AND c.period_start <= ${dateValue(p.day)}) AS last_claim,
        (SELECT strftime(max(period_start), '%Y-%m') FROM payment
          WHERE gemeente_code = ${p.gemeente} AND contract_id = ${p.contractId}
            AND period_start BETWEEN ${dateValue(p.from)} AND ${dateValue(p.to)} AND period_start <= ${dateValue(p.day)}) AS last_payment`);
    out.push({
      claimsCents: r?.claims ?? 0,
      paymentsCents: r?.payments ?? 0,
      lastClaimMonth: r?.last_claim ?? null,
      lastPaymentMonth: r?.last_payment ?? null,
      youthsRunning: Number(r?.youths ?? 0),
    });
  }
  return out;
}

/** A contracted tariff (contract_tariff), the same on every copy of the contract. */
export interface TariffRow {
  product_category: string;
  /** '' = the whole category */
  product_code: string;
  /** WJ756, '' when the file gave none */
  unit: string;
  tariff_cents: number;
  valid_from: string;
  valid_to: string | null;
}

/** The tariffs of a contract (over its copies in these gemeenten) valid on at least one day from `from` to `to`. */
export async function contractTariffs(
  lens: Lens,
  gemeenten: readonly string[],
  contractId: string,
  from: string,
  to: string,
): Promise<TariffRow[]> {
  return lens.query<TariffRow>(sql`
    SELECT DISTINCT product_category, coalesce(product_code, '') AS product_code, coalesce(unit, '') AS unit,
           tariff_cents, CAST(valid_from AS VARCHAR) AS valid_from, CAST(valid_to AS VARCHAR) AS valid_to
    FROM contract_tariff
    WHERE ${inList(sql`gemeente_code`, gemeenten)} AND contract_id = ${contractId}
      AND valid_from <= ${dateValue(to)} AND (valid_to IS NULL OR valid_to >= ${dateValue(from)})
    ORDER BY product_category, product_code, valid_from`);
}

/** The priced claim lines of one product of one provider in a window, per claim unit: the effective price's sums. */
export interface PricedClaims {
  /** WJ756 of the claim lines, '' when they carry none */
  unit: string;
  cents: number;
  volume: number;
  /** distinct youths (per gemeente) of the trajectories the lines name */
  youths: number;
}

/**
 * The sums of the effective price (lens/money.ts PRICED_LINE, PRICE_VOLUME; indicator `effective_price`) over the
 * claim lines of provider `agb` in these gemeenten for a product — one code, or a whole category less the codes
 * `except` (those with a tariff of their own) — whose service period starts from `from` to `to`, per unit.
 */
export async function pricedClaims(
  lens: Lens,
  q: {
    gemeenten: readonly string[];
    agb: string;
    category: string;
    code: string;
    except: readonly string[];
    from: string;
    to: string;
  },
): Promise<PricedClaims[]> {
  const product =
    q.code !== ''
      ? sql`c.product_code = ${q.code}`
      : q.except.length === 0
        ? sql`TRUE`
        : sql`(c.product_code IS NULL OR NOT ${inList(sql`c.product_code`, q.except)})`;
  const rows = await lens.query<{ unit: string; cents: number; volume: number; youths: number }>(sql`
    SELECT coalesce(c.unit, '') AS unit, sum(c.cents)::BIGINT AS cents, sum(c.volume) AS volume,
           count(DISTINCT c.gemeente_code || '|' || c.claim_youth)::INTEGER AS youths
    FROM (SELECT gemeente_code, claim_youth, product_code, unit, ${COST} AS cents, ${PRICE_VOLUME} AS volume
          FROM claim_line
          WHERE ${inList(sql`gemeente_code`, q.gemeenten)} AND provider_agb = ${q.agb}
            AND product_category = ${q.category} AND ${PRICED_LINE}
            AND period_start BETWEEN ${dateValue(q.from)} AND ${dateValue(q.to)}) c
    WHERE ${product}
    GROUP BY 1 ORDER BY 1`);
  return rows.map((r) => ({ unit: r.unit, cents: Number(r.cents), volume: Number(r.volume), youths: r.youths }));
}

/** Tranches of a result-based contract paid in a window, per tranche number. */
export interface TranchePaid {
  tranche_no: number;
  share_pct: number | null;
  moment: string | null;
  /** distinct trajectories (per gemeente; a payment without one counts by its client, else by itself) */
  trajectories: number;
  cents: number;
}

/**
 * The tranche payments (payment kind 'tranche') on a contract in these gemeenten whose period starts from `from` to
 * `to`, per tranche number with the contract's share and moment; and the trajectories of the tranche ledger closed in
 * the window after the first tranche without the next and without goal realisation (lens/contractMoney.ts).
 */
export async function trancheStatus(
  lens: Lens,
  q: { gemeenten: readonly string[]; contractId: string; from: string; to: string },
): Promise<{ paid: TranchePaid[]; closedAfterFirst: number }> {
  const inContract = sql`${inList(sql`gemeente_code`, q.gemeenten)} AND contract_id = ${q.contractId} AND kind = 'tranche'`;
  const paid = await lens.query<TranchePaid>(sql`
    SELECT p.tranche_no, any_value(r.share_pct) AS share_pct, any_value(r.moment) AS moment,
           count(DISTINCT p.gemeente_code || '|' || coalesce(p.trajectory_id, 'client:' || p.youth_pseudonym, 'betaling:' || p.payment_id))::INTEGER AS trajectories,
           sum(p.amount_cents)::BIGINT AS cents
    FROM (SELECT * FROM payment WHERE ${inContract}
            AND period_start BETWEEN ${dateValue(q.from)} AND ${dateValue(q.to)}) p
    LEFT JOIN (SELECT DISTINCT tranche_no, share_pct, moment FROM contract_tranche
               WHERE ${inList(sql`gemeente_code`, q.gemeenten)} AND contract_id = ${q.contractId}) r
      ON r.tranche_no = p.tranche_no
    GROUP BY p.tranche_no ORDER BY p.tranche_no`);
  // the closures are the tranche ledger's (lens/contractMoney.ts), so the report and `tranche_ledger` agree
  const [closed] = await lens.query<{ n: number }>(sql`
    SELECT count(*) FILTER (WHERE closed)::INTEGER AS n
    FROM ${trancheLedger(dateValue(q.from), dateValue(q.to), sql`${inList(sql`p.gemeente_code`, q.gemeenten)} AND p.contract_id = ${q.contractId}`)} ledger`);
  return {
    paid: paid.map((r) => ({ ...r, cents: Number(r.cents) })),
    closedAfterFirst: closed?.n ?? 0,
  };
}
