/**
 * Lens query of the provider-exit view (issue 19; domain/providerExit.ts has the definitions): the trajectories of
 * one stopping provider in one gemeente that run on a day of the exit's window, each with the first start of the
 * same youth with another provider inside the transfer window. Exact rows; app/providerExit.ts classifies and counts
 * them and decides who may see them. Every value is a bound parameter (lens/sql.ts).
 */
import type { Lens } from './lens.js';
import { dateValue, sql } from './sql.js';
import type { ExitWindow } from '../domain/providerExit.js';

export interface AffectedRow {
  trajectory_id: string;
  youth_pseudonym: string;
  product_category: string;
  product_code: string | null;
  team_code: string | null;
  eff_start: string;
  eff_end: string | null;
  secret_address: boolean;
  /** the first start with another provider in the transfer window, and that provider (the lowest AGB on a tie) */
  transfer_start: string | null;
  transfer_agb: string | null;
}

export async function affectedTrajectories(
  lens: Lens,
  q: { gemeente: string; agb: string; window: ExitWindow },
): Promise<AffectedRow[]> {
  const w = q.window;
  // the first start elsewhere as one sortable text (date, then AGB), so a tie on the day picks one provider always
  return lens.query<AffectedRow>(sql`
    WITH moved AS (
      SELECT youth_pseudonym, min(strftime(eff_start, '%Y-%m-%d') || ' ' || provider_agb) AS first_start
        FROM traj
       WHERE gemeente_code = ${q.gemeente} AND provider_agb IS NOT NULL AND provider_agb <> ${q.agb}
         AND eff_start BETWEEN ${dateValue(w.transferFrom)} AND ${dateValue(w.transferTo)}
       GROUP BY youth_pseudonym)
    SELECT t.trajectory_id, t.youth_pseudonym, t.product_category, t.product_code, t.team_code,
           CAST(t.eff_start AS VARCHAR) AS eff_start, CAST(t.eff_end AS VARCHAR) AS eff_end,
           coalesce(t.secret_address, false) AS secret_address,
           split_part(m.first_start, ' ', 1) AS transfer_start, split_part(m.first_start, ' ', 2) AS transfer_agb
      FROM traj t LEFT JOIN moved m ON m.youth_pseudonym = t.youth_pseudonym
     WHERE t.gemeente_code = ${q.gemeente} AND t.provider_agb = ${q.agb}
       AND t.eff_start <= ${dateValue(w.end)} AND (t.eff_end IS NULL OR t.eff_end >= ${dateValue(w.from)})
     ORDER BY t.eff_start, t.trajectory_id`);
}
