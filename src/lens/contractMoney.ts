/**
 * Set-based lens fragments for the money of result-based and lump-sum contracts (issue 19; docs/indicators.md
 * "Trancheboek" and "Lumpsum tegen gerealiseerd volume"). One spelling each: the indicators
 * (indicators/contractMoney.ts) and the provider report's tranche status (lens/contracts.ts trancheStatus) read the
 * same ledger.
 */
import { sql, type Sql } from './sql.js';
import { COST_LINES } from './money.js';

/**
 * The tranche ledger as of `to`: one row per ledger unit — a trajectory (per gemeente and contract) named by tranche
 * payments on a contract with tranches by moment (`contract_tranche`; 'maandelijks' has none and is not a ledger) —
 * with what was paid by `to` and in the window `from`…`to`. A payment without a trajectory counts by its client, else
 * by itself (as the provider report always counted them); such a unit has no end, so it never closes.
 *
 * A tranche counts as paid when the net sum of its payments (recoveries are negative) is positive: in the window for
 * `first_in`/`last_in`, up to `to` for the rest. Columns: gemeente_code, contract_id, unit, provider_key (the
 * trajectory's provider, else the contract's when it names exactly one AGB, else 'onbekend'), youth (the
 * trajectory's youth, else the payment's client), last_no (the contract's highest tranche), first_in, first_cents,
 * last_in, last_cents, paid_cents (all tranches up to `to`), closed (afgesloten na de eerste tranche zonder
 * doelrealisatie) and pending (openstaand). `where` narrows the payments (alias p).
 */
export function trancheLedger(from: Sql, to: Sql, where: Sql): Sql {
  return sql`(
    WITH last AS (
      SELECT gemeente_code, contract_id, max(tranche_no) AS last_no FROM contract_tranche GROUP BY ALL),
    per_tranche AS (
      SELECT p.gemeente_code, p.contract_id,
        coalesce(p.trajectory_id, 'client:' || p.youth_pseudonym, 'betaling:' || p.payment_id) AS unit,
        p.tranche_no, any_value(l.last_no) AS last_no, any_value(p.trajectory_id) AS trajectory_id,
        any_value(p.youth_pseudonym) AS client,
        coalesce(sum(p.amount_cents) FILTER (WHERE p.period_start >= ${from}), 0) AS in_cents,
        sum(p.amount_cents) AS end_cents
      FROM payment p JOIN last l ON l.gemeente_code = p.gemeente_code AND l.contract_id = p.contract_id
      WHERE p.kind = 'tranche' AND p.period_start <= ${to} AND ${where}
      GROUP BY ALL),
    units AS (
      SELECT gemeente_code, contract_id, unit, any_value(last_no) AS last_no, any_value(trajectory_id) AS trajectory_id,
        any_value(client) AS client,
        bool_or(tranche_no = 1 AND in_cents > 0) AS first_in,
        coalesce(sum(in_cents) FILTER (WHERE tranche_no = 1), 0) AS first_cents,
        bool_or(tranche_no = last_no AND in_cents > 0) AS last_in,
        coalesce(sum(in_cents) FILTER (WHERE tranche_no = last_no), 0) AS last_cents,
        bool_or(tranche_no = 1 AND end_cents > 0) AS first_paid,
        bool_or(tranche_no > 1 AND end_cents > 0) AS later_paid,
        bool_or(tranche_no = last_no AND end_cents > 0) AS last_paid,
        sum(end_cents) AS paid_cents
      FROM per_tranche GROUP BY ALL),
    judged AS (
      SELECT u.*, t.eff_end, t.goal_attainment, coalesce(t.youth_pseudonym, u.client) AS youth,
        coalesce(t.provider_agb,
          CASE WHEN coalesce(c.provider_agbs, '') <> '' AND NOT contains(c.provider_agbs, '|') THEN c.provider_agbs END,
          'onbekend') AS provider_key,
        u.last_no > 1 AND u.first_paid AND NOT u.later_paid AND t.eff_end IS NOT NULL AND t.eff_end <= ${to}
          AND coalesce(t.goal_attainment, '') <> 'ja' AS closed_by_end
      FROM units u
      LEFT JOIN traj t ON t.gemeente_code = u.gemeente_code AND t.trajectory_id = u.trajectory_id
      LEFT JOIN contract c ON c.gemeente_code = u.gemeente_code AND c.contract_id = u.contract_id)
    SELECT gemeente_code, contract_id, unit, provider_key, youth, last_no, first_in, first_cents::BIGINT AS first_cents,
      last_in, last_cents::BIGINT AS last_cents, paid_cents::BIGINT AS paid_cents,
      closed_by_end AND eff_end >= ${from} AS closed,
      last_no > 1 AND first_paid AND NOT last_paid AND NOT closed_by_end AS pending
    FROM judged)`;
}

/**
 * Whether trajectory `t` (a `traj` row) falls under contract `c` (a `contract` row of the same gemeente): its provider
 * is one of the contract's AGBs and its product is covered — the product codes when the contract lists them, else its
 * categories, else every product of the provider (the register's rule, lens/contracts.ts `covered`, set-based).
 */
export const CONTRACT_COVERS = sql`(t.gemeente_code = c.gemeente_code
  AND contains('|' || coalesce(c.provider_agbs, '') || '|', '|' || t.provider_agb || '|')
  AND CASE WHEN coalesce(c.product_codes, '') <> ''
           THEN t.product_code IS NOT NULL AND contains('|' || c.product_codes || '|', '|' || t.product_code || '|')
           WHEN coalesce(c.product_categories, '') <> ''
           THEN contains('|' || c.product_categories || '|', '|' || t.product_category || '|')
           ELSE TRUE END)`;

/** A contract's provider key in a split by aanbieder: its AGB when it names exactly one, else 'onbekend'. */
export const CONTRACT_PROVIDER_KEY = sql`CASE WHEN coalesce(c.provider_agbs, '') <> '' AND NOT contains(c.provider_agbs, '|')
  THEN c.provider_agbs ELSE 'onbekend' END`;

/**
 * Whom each financing form's money reached from `from` to `to` (indicator `cost_per_youth_by_form`, docs/indicators.md
 * "Kosten per jeugdige naar financieringsvorm"): per gemeente and form — the lines of COST_LINES, so the forms and
 * amounts are `cost_all_forms`'s — the distinct youths reached and the cents that reached no identifiable youth.
 * A line that names its youth (a claim line through its trajectory, a payment by client or trajectory, as COST_LINES
 * names them) reaches that youth. A payment naming no one on a contract with AGB codes that is not a subsidy (a
 * taakgericht lump sum, an advance) reaches the youths its contract served in the window: trajectories active in it
 * for a covered product of one of its providers (CONTRACT_COVERS, as `lumpsum_volume` counts them). Nobody else is
 * identifiable: a consortium without AGB codes, a subsidy, a contract that served no one in the window, a claim line
 * without a known trajectory. `where` narrows the lines (alias cost_line). Columns: gemeente_code, k (the form),
 * youths, unattributed_cents.
 */
export function formReach(from: Sql, to: Sql, where: Sql): Sql {
  return sql`(
    WITH lines AS (
      SELECT * FROM ${COST_LINES} cost_line WHERE period_start BETWEEN ${from} AND ${to} AND ${where}),
    nameless AS (
      SELECT DISTINCT l.gemeente_code, l.contract_id, l.financing_form FROM lines l
      JOIN contract c ON c.gemeente_code = l.gemeente_code AND c.contract_id = l.contract_id
      WHERE l.source = 'betaling' AND l.youth IS NULL AND coalesce(c.provider_agbs, '') <> ''
        AND c.financing_form <> 'subsidie'),
    served AS (
      SELECT DISTINCT n.gemeente_code, n.contract_id, n.financing_form, t.youth_pseudonym AS youth
      FROM nameless n
      JOIN contract c ON c.gemeente_code = n.gemeente_code AND c.contract_id = n.contract_id
      JOIN traj t ON ${CONTRACT_COVERS}
      WHERE t.eff_start <= ${to} AND (t.eff_end IS NULL OR t.eff_end >= ${from})),
    reached AS (
      SELECT gemeente_code, financing_form, count(DISTINCT youth)::INTEGER AS youths
      FROM (SELECT gemeente_code, financing_form, youth FROM lines WHERE youth IS NOT NULL
            UNION ALL SELECT gemeente_code, financing_form, youth FROM served)
      GROUP BY ALL),
    unattributed AS (
      SELECT l.gemeente_code, l.financing_form, sum(l.cents)::BIGINT AS cents FROM lines l
      WHERE l.youth IS NULL AND NOT (l.source = 'betaling' AND EXISTS (
        SELECT 1 FROM served s WHERE s.gemeente_code = l.gemeente_code AND s.contract_id = l.contract_id))
      GROUP BY ALL)
    SELECT f.gemeente_code, f.financing_form AS k, coalesce(r.youths, 0)::INTEGER AS youths,
      coalesce(u.cents, 0)::BIGINT AS unattributed_cents
    FROM (SELECT DISTINCT gemeente_code, financing_form FROM lines) f
    LEFT JOIN reached r ON r.gemeente_code = f.gemeente_code AND r.financing_form = f.financing_form
    LEFT JOIN unattributed u ON u.gemeente_code = f.gemeente_code AND u.financing_form = f.financing_form)`;
}
