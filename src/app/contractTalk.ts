/**
 * The contract in the quarterly talk with a provider (issue 19; docs/indicators.md "Contract in het
 * kwartaalgesprek"): per contract of the provider valid in the quarter, what the contract register says of it on the
 * quarter's last day (term, ceiling, use of the contract year so far: app/contractRegister.ts, not a second copy),
 * a linear forecast of the contract year's use, the contracted tariffs against the provider's effective price in the
 * quarter (the sums of the indicator `effective_price`, lens/money.ts), and for a result-based contract the tranches
 * paid in the quarter and the trajectories closed after the first tranche without a second.
 *
 * Everything is exact. With `published` each figure that can name few youths also says whether it is hidden in the
 * external version: the use (and with it its share of the ceiling, the forecast and the signal) when it holds an
 * amount hidden in the linked month tables (indicators/amountCells.ts) or a month of 1–9 named youths in the
 * contract's payments (lens/money.ts smallClientPaymentMonths), an effective price over fewer than 10 youths (an
 * average over persons). Counts are published by the report's own disclosure step; contract settings (term, ceiling,
 * tariffs) are not personal and stay as they are.
 */
import { monthsBetween } from '../domain/periods.js';
import { monthsWithClaimsPending } from '../domain/claimLag.js';
import { ratioHalfUp } from '../domain/decimal.js';
import { MIN_CELL } from './disclosure.js';
import { registerEntries, type RegisterContract } from './contractRegister.js';
import { contractTariffs, coveredProducts, pricedClaims, trancheStatus, type TranchePaid } from '../lens/contracts.js';
import { smallClientPaymentMonths } from '../lens/money.js';
import { dateValue, joinSql, sql } from '../lens/sql.js';
import { hiddenAmountCells, hiddenInAMonth } from '../indicators/amountCells.js';
import { perUnit } from '../indicators/money.js';
import type { Lens } from '../lens/lens.js';

export interface TalkPrice {
  /** WJ756 of the claim lines ('' none) */
  unit: string;
  cents: number;
  volume: number;
  youths: number;
  /** cents ÷ volume to the cent, in euros (as `effective_price`) */
  price: number | null;
  /** (price − tariff) ÷ tariff × 100, one decimal; null when the units differ or there is no tariff to compare */
  diffPct: number | null;
  /** published: fewer than 10 youths behind the price */
  hidden: boolean;
}

export interface TalkTariff {
  category: string;
  /** '' = the whole category (less the codes with a tariff of their own) */
  code: string;
  unit: string;
  tariffCents: number;
  validFrom: string;
  validTo: string | null;
  /** the part of the quarter this tariff was valid in: the claims compared with it */
  window: { from: string; to: string };
  /** the claims per unit, the tariff's own unit first */
  prices: TalkPrice[];
}

export interface TalkContract {
  contract: RegisterContract;
  /** the contract year up to the quarter's end */
  ytd: { from: string; to: string };
  /**
   * the months the forecast counts: contract year start to the last month with a claim line or payment, less the
   * months whose claims are not in yet on the report's day
   */
  monthsWithData: number;
  monthsInYear: number;
  /** use ÷ monthsWithData × monthsInYear, in cents; null without a month of use */
  forecastCents: number | null;
  /** forecast above the ceiling; null without a ceiling or forecast */
  overCeiling: boolean | null;
  /** published: the use and what follows from it are hidden */
  useHidden: boolean;
  tariffs: TalkTariff[];
  /** result-based contracts only */
  tranches: { paid: TranchePaid[]; closedAfterFirst: number } | null;
}

/**
 * The contracts naming provider `agb` that are in force on at least one day from `from` to `to` (the quarter), in
 * these gemeenten (their copies summed, as in the register).
 */
export async function providerContracts(
  lens: Lens,
  q: { gemeenten: readonly string[]; agb: string; from: string; to: string; published: boolean },
): Promise<{ contracts: TalkContract[]; notInForce: number }> {
  const own = (await registerEntries(lens, { gemeenten: q.gemeenten, day: q.to })).filter((e) =>
    e.contract.providers.some((p) => p.agb === q.agb),
  );
  const entries = own.filter((e) => e.contract.term.start <= q.to && e.contract.term.currentEnd >= q.from);
  const out: TalkContract[] = [];
  for (const { contract: c, copies, lastUse } of entries) {
    const gemeenten = copies.map((k) => k.gemeente_code);
    const ytd = { from: c.contractYear.from, to: c.contractYear.to < q.to ? c.contractYear.to : q.to };
    const monthsInYear = monthsBetween(c.contractYear.from.slice(0, 7), c.contractYear.to.slice(0, 7)).length;
    // up to the last month with a claim line, or a later one with a payment whose claims are in by the report's day
    // (claimLag.ts): a month with a tranche paid while its claims are still to come is no month of use yet (red team
    // 32: September counted, 9 months instead of 8, and a forecast under the ceiling that was over it)
    const paidLater =
      lastUse.payments !== null &&
      (lastUse.claims === null || lastUse.payments > lastUse.claims) &&
      (lastUse.claims === null ||
        monthsWithClaimsPending(`${lastUse.payments}-01`, `${lastUse.payments}-01`, lens.asOf).length === 0);
    const lastUseMonth = paidLater ? lastUse.payments : lastUse.claims;
    const monthsWithData =
      lastUseMonth === null ? 0 : monthsBetween(c.contractYear.from.slice(0, 7), lastUseMonth).length;
    const forecastCents =
      monthsWithData === 0 ? null : ratioHalfUp(c.use.totalCents * monthsInYear, monthsWithData, 1, 0);
    const overCeiling = forecastCents === null || c.ceilingCents === null ? null : forecastCents > c.ceilingCents;
    out.push({
      contract: c,
      ytd,
      monthsWithData,
      monthsInYear,
      forecastCents,
      overCeiling,
      useHidden: q.published ? await useHidden(lens, c, gemeenten, ytd) : false,
      tariffs: await tariffsAgainstPrices(lens, { ...q, gemeenten, contractId: c.id }),
      tranches:
        c.financingForm === 'resultaat'
          ? await trancheStatus(lens, { gemeenten, contractId: c.id, from: q.from, to: q.to })
          : null,
    });
  }
  return { contracts: out, notInForce: own.length - entries.length };
}

/**
 * Is the contract year's use hidden when published? Its claims are a sum of code × provider month cells: published
 * only when every one of them is (indicators/amountCells.ts), so nothing it adds can be subtracted out; its payments
 * are hidden with a month of 1–9 named youths on the contract (red teams 20 and 22).
 */
async function useHidden(
  lens: Lens,
  c: RegisterContract,
  gemeenten: readonly string[],
  ytd: { from: string; to: string },
): Promise<boolean> {
  const inGemeenten = sql`cl.gemeente_code IN (${joinSql(gemeenten.map((x) => sql`${x}`))})`;
  // the claim lines that are the contract's, by the register's one rule (lens/contracts.ts)
  const mine = coveredProducts({ agbs: c.providers.map((p) => p.agb), ...c }, sql`cl`);
  const cells = await lens.query<{ g: string; m: string; k: string }>(sql`
    SELECT DISTINCT gemeente_code AS g, strftime(period_start, '%Y-%m') AS m,
           coalesce(product_category, '') || '|' || coalesce(product_code, '') || '|' || provider_agb AS k
    FROM claim_line cl
    WHERE ${inGemeenten} AND ${mine}
      AND period_start BETWEEN ${dateValue(ytd.from)} AND ${dateValue(ytd.to)}`);
  if (cells.length > 0) {
    const hidden = await hiddenAmountCells(
      lens,
      cells.map((x) => x.g),
      cells.map((x) => x.m),
    );
    if (cells.some((x) => hiddenInAMonth(hidden, [x.g], [x.m], 'productcode_aanbieder', x.k))) return true;
  }
  const small = await lens.query<{ k: string }>(sql`
    SELECT k FROM ${smallClientPaymentMonths(
      dateValue(ytd.from),
      dateValue(ytd.to),
      sql`cost_line.contract_id`,
      sql`cost_line.gemeente_code IN (${joinSql(gemeenten.map((x) => sql`${x}`))}) AND cost_line.contract_id = ${c.id}`,
    )} s`);
  return small.length > 0;
}

/**
 * Each tariff valid in the quarter against the provider's effective price over the part of the quarter it was valid
 * in: its own code's claim lines, or for a whole-category tariff the category's lines whose code has no tariff of its
 * own in the contract. Per claim unit: a unit other than the tariff's is not compared (a price per minute is no price
 * per hour).
 */
async function tariffsAgainstPrices(
  lens: Lens,
  q: { gemeenten: readonly string[]; agb: string; from: string; to: string; published: boolean; contractId: string },
): Promise<TalkTariff[]> {
  const rows = await contractTariffs(lens, q.gemeenten, q.contractId, q.from, q.to);
  const out: TalkTariff[] = [];
  for (const t of rows) {
    const window = {
      from: t.valid_from > q.from ? t.valid_from : q.from,
      to: t.valid_to !== null && t.valid_to < q.to ? t.valid_to : q.to,
    };
    const except = [
      ...new Set(
        rows
          .filter((x) => x.product_category === t.product_category && x.product_code !== '')
          .map((x) => x.product_code),
      ),
    ];
    const claims = await pricedClaims(lens, {
      gemeenten: q.gemeenten,
      agb: q.agb,
      category: t.product_category,
      code: t.product_code,
      except,
      ...window,
    });
    const tariff = Number(t.tariff_cents);
    const prices = claims
      .map((p): TalkPrice => {
        const price = perUnit(p.cents, p.volume);
        const comparable = t.unit !== '' && p.unit === t.unit && price !== null && tariff > 0;
        return {
          ...p,
          price,
          // on whole cents, exact: (price − tariff) ÷ tariff × 100 at one decimal, half up
          diffPct: comparable ? ratioHalfUp(Math.round(price * 100) - tariff, tariff, 100, 1) : null,
          hidden: q.published && p.youths < MIN_CELL,
        };
      })
      .sort((a, b) => Number(b.unit === t.unit) - Number(a.unit === t.unit) || a.unit.localeCompare(b.unit));
    out.push({
      category: t.product_category,
      code: t.product_code,
      unit: t.unit,
      tariffCents: tariff,
      validFrom: t.valid_from,
      validTo: t.valid_to,
      window,
      prices,
    });
  }
  return out;
}
