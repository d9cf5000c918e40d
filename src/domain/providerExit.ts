/**
 * A provider that stops (issue 19, the provider-exit view; docs/indicators.md "Aanbieder stopt"): the reasons in
 * words, and the one rule that says, for a trajectory with the stopping provider, whether the youth was transferred.
 * Pure: rows in, statuses out; the lens query (lens/providerExit.ts) supplies the rows and app/providerExit.ts counts.
 *
 * Definitions, with E the exit's end date (the provider's last day), M the day it was marked and T the reference day:
 * - affected ("betrokken"): a trajectory with the provider, in the exit's gemeente, that runs on at least one day
 *   from min(M, E) up to E (effective start on or before E, effective end absent or on or after min(M, E)). So a
 *   youth who left the provider between the marking and the end date counts, and one who left before it does not;
 *   an exit marked after its end date looks at the youths running on E.
 * - transferred ("overgedragen"): the same youth (same gemeente, same pseudonym) has another trajectory with another
 *   provider whose effective start falls in the transfer window, from min(M, E − N) to E + N, N = 30 days. That is:
 *   started on or after the marking, or within N days around the end date, but never more than N days after it (a
 *   start half a year later is a new request for help, not a transfer). Any product counts. A planned start (an
 *   allocation not yet started) counts: the transfer is arranged.
 * - the others, in this order, on T:
 *   - ended without transfer ("beëindigd zonder overdracht"): it has an effective end on or before both T and E;
 *   - still open after the end date ("nog open na de einddatum", the alarm): T is after E and it has no effective end
 *     on or before E;
 *   - not yet transferred ("nog over te dragen"): T is on or before E and it still runs on T.
 * Every affected trajectory has exactly one status, so the four counts add up to the affected count.
 */
import { addDays, type IsoDate } from './dates.js';

export const EXIT_REASONS = ['faillissement', 'contract_beeindigd', 'aanbieder_stopt', 'anders'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export const EXIT_REASON_WORDS: Record<ExitReason, { nl: string; en: string }> = {
  faillissement: { nl: 'faillissement', en: 'bankruptcy' },
  contract_beeindigd: { nl: 'contract beëindigd', en: 'contract ended' },
  aanbieder_stopt: { nl: 'aanbieder stopt', en: 'provider stops' },
  anders: { nl: 'anders', en: 'other' },
};

export const isExitReason = (s: string): s is ExitReason => (EXIT_REASONS as readonly string[]).includes(s);

/** N: days around the end date in which a start with another provider counts as a transfer. */
export const TRANSFER_WINDOW_DAYS = 30;

export const TRANSFER_STATUSES = [
  'overgedragen',
  'beeindigd_zonder_overdracht',
  'open_na_einddatum',
  'nog_over_te_dragen',
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export const TRANSFER_STATUS_WORDS: Record<TransferStatus, { nl: string; en: string }> = {
  overgedragen: { nl: 'overgedragen', en: 'transferred' },
  beeindigd_zonder_overdracht: { nl: 'beëindigd zonder overdracht', en: 'ended without transfer' },
  open_na_einddatum: { nl: 'nog open na de einddatum', en: 'still open after the end date' },
  nog_over_te_dragen: { nl: 'nog over te dragen', en: 'not yet transferred' },
};

/** The days that bound an exit's affected trajectories and its transfer window. */
export interface ExitWindow {
  /** min(M, E): an affected trajectory runs on a day from here up to E */
  readonly from: IsoDate;
  readonly end: IsoDate;
  /** the transfer window, inclusive */
  readonly transferFrom: IsoDate;
  readonly transferTo: IsoDate;
}

const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);

export function exitWindow(endDate: IsoDate, markedOn: IsoDate, days = TRANSFER_WINDOW_DAYS): ExitWindow {
  return {
    from: minDate(markedOn, endDate),
    end: endDate,
    transferFrom: minDate(markedOn, addDays(endDate, -days)),
    transferTo: addDays(endDate, days),
  };
}

/** An affected trajectory as the lens gives it: its effective end, and the first start with another provider in the window. */
export interface AffectedTrajectory {
  readonly effEnd: IsoDate | null;
  readonly transferStart: IsoDate | null;
}

/** The status of one affected trajectory on reference day `day` (the module comment's rules, in their order). */
export function transferStatus(t: AffectedTrajectory, endDate: IsoDate, day: IsoDate): TransferStatus {
  if (t.transferStart !== null) return 'overgedragen';
  if (t.effEnd !== null && t.effEnd <= day && t.effEnd <= endDate) return 'beeindigd_zonder_overdracht';
  if (day > endDate) return 'open_na_einddatum';
  return 'nog_over_te_dragen';
}

export type ExitCounts = Record<TransferStatus, number> & { affected: number };

export function countStatuses(statuses: readonly TransferStatus[]): ExitCounts {
  const c: ExitCounts = {
    affected: statuses.length,
    overgedragen: 0,
    beeindigd_zonder_overdracht: 0,
    open_na_einddatum: 0,
    nog_over_te_dragen: 0,
  };
  for (const s of statuses) c[s] += 1;
  return c;
}
