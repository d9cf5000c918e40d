/**
 * The money expressions every cost figure shares (docs/indicators.md, "Money"), in the lens layer so the
 * indicators (indicators/money.ts, forecast.ts) and the steering overviews (lens/productMonth.ts) use one spelling.
 */
import { sql, type Sql } from './sql.js';

/** Claim lines that count as cost: not rejected; credit lines subtract. */
export const COST = sql`CASE WHEN status = 'afgewezen' THEN 0 WHEN debit_credit = 'C' THEN -amount_cents ELSE amount_cents END`;
/**
 * The effective price's two sums (indicator `effective_price`, docs/indicators.md): over the lines that are priced —
 * not rejected, with a volume (0 too: a correction of the amount alone) — the cost and the volume, a line that takes
 * money off (a credit, or a correction with a negative amount) taking its volume off as it does its amount (credit
 * and rebill is not extra volume; "-100,00 met D" is the same correction as "100,00 met C": red team 29 found the
 * first added volume and a volume-0 correction left out of the price). Volume in exact decimal (to a millionth per
 * line): a DOUBLE sum gave 12002.399999999994. Shared by the indicator and the provider report's tariffs
 * (lens/contracts.ts), so both divide the same sums.
 */
export const PRICED_LINE = sql`status <> 'afgewezen' AND volume >= 0`;
export const PRICE_VOLUME = sql`CAST(CASE WHEN debit_credit = 'C' OR amount_cents < 0 THEN -volume ELSE volume END AS DECIMAL(38, 6))`;
/** The same for a claim_line aliased as c. */
export const CLAIM_COST = sql`CASE WHEN c.status = 'afgewezen' THEN 0 WHEN c.debit_credit = 'C' THEN -c.amount_cents ELSE c.amount_cents END`;

/** The youth-care taakvelden of a budget line. */
export const YOUTH_LINE = sql`(regexp_matches(lower(budget_line), '^6\\.(72[a-d]?|73[a-c]|74[a-c]|82[ab]?)$'))`;
/**
 * A gemeente's youth budget in cents over the budget rows of a GROUP BY: the youth-care taakvelden when the budget
 * holds one or more, else every line (a budget file with one post for youth care).
 */
export const YOUTH_BUDGET_CENTS = sql`CASE WHEN bool_or(${YOUTH_LINE}) THEN sum(budget_cents) FILTER (WHERE ${YOUTH_LINE}) ELSE sum(budget_cents) END::BIGINT`;

/**
 * Payments outside iJw (betalingen.csv: lump-sum instalments, advances, tranches, pgb through the SVB, subsidies) with
 * what their contract says: its financing form, its provider when it names exactly one AGB (else 'onbekend': a
 * consortium or several providers share the lump sum), its product category when it covers exactly one (else
 * 'onbekend'), and that category's care form. Recoveries are negative amounts. Used as a derived table.
 */
export const PAYMENTS_WITH_CONTRACT = sql`(
  SELECT p.*, coalesce(c.financing_form, 'onbekend') AS financing_form,
    CASE WHEN coalesce(c.provider_agbs, '') <> '' AND NOT contains(c.provider_agbs, '|') THEN c.provider_agbs
         ELSE 'onbekend' END AS provider_key,
    CASE WHEN coalesce(c.product_categories, '') <> '' AND NOT contains(c.product_categories, '|')
         THEN c.product_categories ELSE 'onbekend' END AS category_key
  FROM payment p LEFT JOIN contract c ON c.gemeente_code = p.gemeente_code AND c.contract_id = p.contract_id)`;

/**
 * Every euro the gemeente spends on youth care as one list of lines: claim lines (financing form 'declaraties': p×q,
 * inspanningsgericht or outputgericht through JW323 or the gemeente's own file) and payments outside iJw, each with
 * its provider, product category, care form and youth (a claim line's through its trajectory, `claim_youth`; a
 * payment's when it names a client or a trajectory). `cents` follows the cost convention (rejected claim lines 0, credit
 * lines negative). A claim line's care form and youth are columns of the lens (lens/tables.ts, claim_line's `enrich`).
 */
export const COST_LINES = sql`(
  SELECT c.gemeente_code, c.period_start, 'declaratie' AS source, ${CLAIM_COST} AS cents, 'declaraties' AS financing_form,
    c.provider_agb AS provider_key, c.product_category AS category_key, c.care_form,
    CASE WHEN c.status <> 'afgewezen' THEN c.claim_youth END AS youth, CAST(NULL AS VARCHAR) AS contract_id
  FROM claim_line c
  UNION ALL
  SELECT p.gemeente_code, p.period_start, 'betaling', p.amount_cents, p.financing_form, p.provider_key, p.category_key,
    coalesce(rm.care_form, dm.care_form, 'onbekend'),
    -- a payment names its youth by client or by trajectory (a tranche often only by trajectory: red team 28 took two
    -- tranches named that way back out of the published totals); a trajectory not in the data is one youth too; and
    -- a tranche naming neither is one youth by itself, as the tranche ledger counts it (red team 30: a fixed share of
    -- a fixed price per youth, so its amount gave the one start back while the ledger hid it)
    coalesce(p.youth_pseudonym, pt.youth_pseudonym, CASE WHEN p.trajectory_id IS NOT NULL THEN 'traject:' || p.trajectory_id END,
      CASE WHEN p.kind = 'tranche' THEN 'betaling:' || p.payment_id END),
    p.contract_id
  FROM ${PAYMENTS_WITH_CONTRACT} p
  LEFT JOIN trajectory pt ON pt.gemeente_code = p.gemeente_code AND pt.trajectory_id = p.trajectory_id
  LEFT JOIN gemeente g ON g.code = p.gemeente_code
  LEFT JOIN care_form_mapping rm ON rm.region_code = g.region_code AND rm.product_category = p.category_key
  LEFT JOIN care_form_mapping dm ON dm.region_code = '*' AND dm.product_category = p.category_key)`;

/**
 * The (gemeente, key) pairs whose amount holds a small group of payments that name their youth (by client or by
 * trajectory): the payments on one
 * contract in one month with 1–9 distinct youths (pgb, tranches), from `from` to `to`. Such an amount is hidden when
 * published, in every split and every longer period: a published claims amount plus those payments gave a single
 * youth's tranche back (red team 20), and counting the youths of a whole row was not enough either, as the other
 * payments in it were published elsewhere (red team 22: 12 pgb youths made a month with one tranche look safe). A
 * group is the smallest piece any split can publish (one contract has one form, provider and category), so no
 * published amount holds part of it. `key` is the split's expression over COST_LINES (NULL for the whole gemeente).
 */
export function smallClientPaymentMonths(from: Sql, to: Sql, key: Sql, where: Sql): Sql {
  return sql`(
    SELECT DISTINCT cost_line.gemeente_code, ${key} AS k
    FROM (SELECT * FROM ${COST_LINES} cost_line
          WHERE source = 'betaling' AND period_start BETWEEN ${from} AND ${to} AND ${where}) cost_line
    JOIN (SELECT gemeente_code AS sg, contract_id AS sc, date_trunc('month', period_start) AS sm
          FROM ${COST_LINES} cost_line
          WHERE source = 'betaling' AND youth IS NOT NULL AND period_start BETWEEN ${from} AND ${to} AND ${where}
          GROUP BY ALL HAVING count(DISTINCT youth) BETWEEN 1 AND 9) s
      ON s.sg = cost_line.gemeente_code AND s.sc = cost_line.contract_id
     AND s.sm = date_trunc('month', cost_line.period_start))`;
}
