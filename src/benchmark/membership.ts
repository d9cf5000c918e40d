/**
 * Who is a member of a benchmark figure at its moment (red teams 17–19): a gemeente that ended or had not begun counts
 * in a pooled row's N only for the figures of a moment it existed at.
 */
import { municipalityExistedIn, municipalityValidOn } from '../domain/municipalities.js';
import { periodStart, type Period } from '../domain/periods.js';

/**
 * Whether a gemeente is a member of the half-year figures and of the year's. On the half-year's first day: Weesp (ended
 * 23 March 2022) has no 2022H2, Brielle (ended 31 December) has. The base half-year counts for a gemeente that exists
 * in the half-year: CBS gives a new gemeente's history in its current borders. Codes outside the history (demo) always.
 */
export function membership(
  code: string,
  period: Period | null,
  year: number | null,
): { inPeriod: boolean; inBase: boolean; inYear: boolean } {
  const inPeriod = !period || municipalityValidOn(code, periodStart(period)).ok;
  return { inPeriod, inBase: inPeriod, inYear: year === null || municipalityExistedIn(code, year).ok };
}
