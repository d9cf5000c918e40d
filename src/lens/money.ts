/**
 * The money expressions every cost figure shares (docs/indicators.md, "Money"), in the lens layer so the
 * indicators (indicators/money.ts, forecast.ts) and the steering overviews (lens/productMonth.ts) use one spelling.
 */
import { sql, type Sql } from './sql.js';

/** Claim lines that count as cost: not rejected; credit lines subtract. */
export const COST = sql`CASE WHEN status = 'afgewezen' THEN 0 WHEN debit_credit = 'C' THEN -amount_cents ELSE amount_cents END`;
/** The same for a claim_line aliased as c. */
export const CLAIM_COST = sql`CASE WHEN c.status = 'afgewezen' THEN 0 WHEN c.debit_credit = 'C' THEN -c.amount_cents ELSE c.amount_cents END`;

/**
 * Claim lines with the care form of their product category (the region's mapping, else the default '*', else
 * 'onbekend'), as `traj` has it for trajectories: cost by care form (issue 16.6). Used as a derived table.
 */
export const CLAIMS_WITH_CARE_FORM = sql`(
  SELECT cl.*, coalesce(rm.care_form, dm.care_form, 'onbekend') AS care_form
  FROM claim_line cl
  LEFT JOIN gemeente g ON g.code = cl.gemeente_code
  LEFT JOIN care_form_mapping rm ON rm.region_code = g.region_code AND rm.product_category = cl.product_category
  LEFT JOIN care_form_mapping dm ON dm.region_code = '*' AND dm.product_category = cl.product_category)`;

/** The youth-care taakvelden of a budget line. */
const YOUTH_LINE = sql`(regexp_matches(lower(budget_line), '^6\\.(72[a-d]?|73[a-c]|74[a-c]|82[ab]?)$'))`;
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
 * its provider, product category, care form and youth (a claim line's through its trajectory, a payment's when it
 * names a client). `cents` follows the cost convention (rejected claim lines 0, credit lines negative).
 */
export const COST_LINES = sql`(
  SELECT c.gemeente_code, c.period_start, 'declaratie' AS source, ${CLAIM_COST} AS cents, 'declaraties' AS financing_form,
    c.provider_agb AS provider_key, c.product_category AS category_key, c.care_form,
    CASE WHEN c.status <> 'afgewezen' THEN t.youth_pseudonym END AS youth
  FROM ${CLAIMS_WITH_CARE_FORM} c
  LEFT JOIN trajectory t ON t.gemeente_code = c.gemeente_code AND t.trajectory_id = c.trajectory_id
  UNION ALL
  SELECT p.gemeente_code, p.period_start, 'betaling', p.amount_cents, p.financing_form, p.provider_key, p.category_key,
    coalesce(rm.care_form, dm.care_form, 'onbekend'), p.youth_pseudonym
  FROM ${PAYMENTS_WITH_CONTRACT} p
  LEFT JOIN gemeente g ON g.code = p.gemeente_code
  LEFT JOIN care_form_mapping rm ON rm.region_code = g.region_code AND rm.product_category = p.category_key
  LEFT JOIN care_form_mapping dm ON dm.region_code = '*' AND dm.product_category = p.category_key)`;

/**
 * The (gemeente, key) pairs of cost lines where, in some month from `from` to `to`, the payments that name their
 * client (pgb, tranches) have 1–9 distinct youths. An amount holding such a month is hidden when published: it is a
 * published claims amount plus those payments, so subtracting the one from the other gave a single youth's tranche
 * back (red team 20). `key` is the split's expression over COST_LINES (NULL for the whole gemeente).
 */
export function smallClientPaymentMonths(from: Sql, to: Sql, key: Sql, where: Sql): Sql {
  return sql`(
    SELECT DISTINCT gemeente_code, k FROM (
      SELECT gemeente_code, ${key} AS k, date_trunc('month', period_start) AS m, count(DISTINCT youth) AS n
      FROM ${COST_LINES} cost_line
      WHERE source = 'betaling' AND youth IS NOT NULL AND period_start BETWEEN ${from} AND ${to} AND ${where}
      GROUP BY ALL)
    WHERE n BETWEEN 1 AND 9)`;
}
