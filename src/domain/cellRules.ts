/**
 * The two rules of disclosure control that a figure needs before it is published, not only the publishing step
 * (app/disclosure.ts): the smallest count that may be shown, and which extra cell of a split to hide beside a hidden
 * one. Here, below both, so an indicator that must hide exactly what another indicator's published answer hides
 * (cost_per_youth_by_form beside cost_all_forms) decides it with the same rule instead of a copy.
 */

/** A count below this is suppressed; an amount with fewer youths behind it is hidden. */
export const MIN_CELL = 10;

/**
 * Complementary suppression within one group of cells that adds up to a published total: when exactly one
 * cell is hidden it is the total minus the others, so the shown cell with the smallest exact count is hidden
 * with it. Returns that cell's index, or null when nothing more needs hiding. Used for indicator splits
 * (app/disclosure.ts) and for the tables of app/productMonth.ts (a product code's referrers and providers, a
 * gemeente's teams).
 */
export function complementaryCell(hidden: readonly boolean[], exact: readonly number[]): number | null {
  if (hidden.length < 2 || hidden.filter(Boolean).length !== 1) return null;
  let pick: number | null = null;
  hidden.forEach((h, i) => {
    if (!h && (pick === null || exact[i]! < exact[pick]!)) pick = i;
  });
  return pick;
}
