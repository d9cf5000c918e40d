/**
 * Claims arrive after the month they are for (iJw: a JW323 declaration per product period, sent in the month after;
 * an own administration's export likewise). A view of the data as it stood on a day (a report as of its period's end)
 * therefore holds no claims yet for that month, and not all of them for the month before when the day is not a
 * month's last: a cost of 0 for December in the December report, a budget burn that stops in November, a year-end
 * forecast that counts December as spent at € 0. The convention (docs/indicators.md "Claims arrive later"): the
 * claims of a month are complete in a view as of day D when the month after it has ended on or before D.
 */
import { monthsBetween } from './periods.js';

/** The last day of the last month whose claims are complete in a view as of `asOf` (yyyy-mm-dd). */
export function claimsCompleteThrough(asOf: string): string {
  const d = new Date(`${asOf}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1); // the day after: its month is the first not ended by D
  const firstOpen = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1); // the month before it has ended, its claims not
  return new Date(firstOpen - 86_400_000).toISOString().slice(0, 10);
}

/** The months (yyyy-mm) from `from` to `to` whose claims are not complete in a view as of `asOf` (none without one). */
export function monthsWithClaimsPending(from: string, to: string, asOf: string | null): string[] {
  if (asOf === null) return [];
  const through = claimsCompleteThrough(asOf).slice(0, 7);
  return monthsBetween(from.slice(0, 7), to.slice(0, 7)).filter((m) => m > through);
}

/** In a view as of `asOf`, is no claim of the months `from`…`to` complete yet (false without a view date)? */
export function noClaimsYet(from: string, to: string, asOf: string | null): boolean {
  return (
    asOf !== null &&
    monthsWithClaimsPending(from, to, asOf).length === monthsBetween(from.slice(0, 7), to.slice(0, 7)).length
  );
}
