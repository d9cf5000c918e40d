/**
 * Set-based lens fragments for the money of result-based and lump-sum contracts (issue 19; docs/indicators.md
 * "Trancheboek" and "Lumpsum tegen gerealiseerd volume"). One spelling each: the indicators
 * (indicators/contractMoney.ts) and the provider report's tranche status (lens/contracts.ts trancheStatus) read the
 * same ledger.
 */
import { sql, type Sql } from './sql.js';

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
