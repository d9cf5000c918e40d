/**
 * The money expressions every cost figure shares (docs/indicators.md, "Money"), in the lens layer so the
 * indicators (indicators/money.ts, forecast.ts) and the steering overviews (lens/productMonth.ts) use one spelling.
 */
import { sql } from './sql.js';

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
