/**
 * The provider-exit view (issue 19; definitions in domain/providerExit.ts and docs/indicators.md "Aanbieder stopt"):
 * per marked exit the counts of the trajectories it touches — affected, transferred, ended without transfer, still
 * open after the end date (the alarm), not yet transferred — and, for the roles that see person-level data, the
 * trajectories themselves. The marks come from the store (app/providerExit.ts), the trajectories from the lens.
 *
 * Counts are exact for the roles inside the authorised circle and published (rounded to 5, below 10 hidden, one more
 * part hidden when exactly one part of the four is) for the others: the four parts add up to the affected count, so
 * one hidden part alone would be the total minus the others. The server's disclosure step passes them unchanged.
 */
import type { Lens } from '../lens/lens.js';
import { affectedTrajectories, type AffectedRow } from '../lens/providerExit.js';
import { providerNames } from '../lens/contracts.js';
import { label, PRODUCT_CATEGORY } from '../domain/codelists.js';
import {
  countStatuses,
  EXIT_REASON_WORDS,
  exitWindow,
  TRANSFER_STATUS_WORDS,
  TRANSFER_STATUSES,
  TRANSFER_WINDOW_DAYS,
  transferStatus,
  type TransferStatus,
} from '../domain/providerExit.js';
import { complementaryCell, publishedCount, type PublishedCell } from './disclosure.js';
import type { ExitRecord } from './providerExit.js';

export interface ExitCountsOut {
  affected: PublishedCell;
  transferred: PublishedCell;
  endedWithoutTransfer: PublishedCell;
  openAfterEnd: PublishedCell;
  notYetTransferred: PublishedCell;
}

/** The answer's names for the statuses' counts, in TRANSFER_STATUSES order. */
const COUNT_FIELDS: Record<TransferStatus, keyof ExitCountsOut> = {
  overgedragen: 'transferred',
  beeindigd_zonder_overdracht: 'endedWithoutTransfer',
  open_na_einddatum: 'openAfterEnd',
  nog_over_te_dragen: 'notYetTransferred',
};

export interface ExitView extends ExitRecord {
  providerName: string | null;
  reasonNl: string;
  reasonEn: string;
  /** the counts on the reference day; null for a withdrawn mark */
  counts: ExitCountsOut | null;
  /** the end date has passed on the reference day and trajectories are still open with the provider */
  alarm: boolean;
}

export interface ExitOverview {
  referenceDate: string;
  transferWindowDays: number;
  exits: ExitView[];
}

/**
 * The exact counts as a role outside the authorised circle gets them (the module comment). `zeroByDefinition`: the
 * status no trajectory can have on the day (before or on the end date nothing is open after it; after it nothing is
 * still to transfer) is published as the 0 everyone knows it is and takes no part in the complementary hiding: hidden
 * as "<10" beside the others it left the one real hidden cell alone, and a day-by-day look gave it back (red team 28).
 */
export function publishCounts(
  exact: Record<keyof ExitCountsOut, number>,
  zeroByDefinition: TransferStatus | null = null,
): ExitCountsOut {
  const statuses = TRANSFER_STATUSES.filter((s) => s !== zeroByDefinition);
  const parts = statuses.map((s) => exact[COUNT_FIELDS[s]]);
  const shown: PublishedCell[] = parts.map(publishedCount);
  const extra = complementaryCell(
    shown.map((c) => c === '<10'),
    parts,
  );
  if (extra !== null) shown[extra] = '<10';
  const out = { affected: publishedCount(exact.affected) } as ExitCountsOut;
  statuses.forEach((s, i) => (out[COUNT_FIELDS[s]] = shown[i]!));
  if (zeroByDefinition !== null) out[COUNT_FIELDS[zeroByDefinition]] = 0;
  return out;
}

const classify = (rows: readonly AffectedRow[], e: ExitRecord, day: string): TransferStatus[] =>
  rows.map((r) => transferStatus({ effEnd: r.eff_end, transferStart: r.transfer_start }, e.endDate, day));

/** The overview of these marks on `day`; `published`: the caller is outside the authorised circle. */
export async function exitOverview(
  lens: Lens,
  exits: readonly ExitRecord[],
  q: { day: string; published: boolean },
): Promise<ExitOverview> {
  const names = await providerNames(lens, [...new Set(exits.map((e) => e.provider))]);
  const out: ExitView[] = [];
  for (const e of exits) {
    let counts: ExitCountsOut | null = null;
    let alarm = false;
    if (e.status === 'actief') {
      const rows = await affectedTrajectories(lens, {
        gemeente: e.gemeente,
        agb: e.provider,
        window: exitWindow(e.endDate, e.markedOn),
      });
      const c = countStatuses(classify(rows, e, q.day));
      const exact = { affected: c.affected } as Record<keyof ExitCountsOut, number>;
      for (const s of TRANSFER_STATUSES) exact[COUNT_FIELDS[s]] = c[s];
      counts = q.published
        ? publishCounts(exact, q.day > e.endDate ? 'nog_over_te_dragen' : 'open_na_einddatum')
        : exact;
      // published: only a shown count raises it — a hidden one may be 0, and "at least one" would tell a hidden cell
      alarm = typeof counts.openAfterEnd === 'number' && counts.openAfterEnd > 0;
    }
    const words = EXIT_REASON_WORDS[e.reason];
    out.push({
      ...e,
      providerName: names.get(e.provider) ?? null,
      reasonNl: words.nl,
      reasonEn: words.en,
      counts,
      alarm,
    });
  }
  return { referenceDate: q.day, transferWindowDays: TRANSFER_WINDOW_DAYS, exits: out };
}

export interface ExitTrajectory {
  trajectory: string;
  youth: string;
  productCategory: string;
  productNl: string;
  productCode: string | null;
  team: string | null;
  start: string;
  end: string | null;
  status: TransferStatus;
  statusNl: string;
  statusEn: string;
  /** the first start with another provider in the transfer window, and who */
  transferStart: string | null;
  transferProvider: string | null;
  transferProviderName: string | null;
}

/**
 * The affected trajectories of one active mark, person-level. The transfer is judged over the whole gemeente (a move
 * to a trajectory of another team is a transfer too), then the list is narrowed: `team` keeps one team's rows (a
 * team manager's), and a youth with a secret address is never listed (privacy.md rule 7; counted in the overview).
 */
export async function exitTrajectories(
  lens: Lens,
  e: ExitRecord,
  q: { day: string; team: string | null },
): Promise<ExitTrajectory[]> {
  const rows = (
    await affectedTrajectories(lens, {
      gemeente: e.gemeente,
      agb: e.provider,
      window: exitWindow(e.endDate, e.markedOn),
    })
  ).filter((r) => !r.secret_address && (q.team === null || r.team_code === q.team));
  const names = await providerNames(lens, [...new Set(rows.flatMap((r) => (r.transfer_agb ? [r.transfer_agb] : [])))]);
  const statuses = classify(rows, e, q.day);
  return rows.map((r, i) => {
    const s = statuses[i]!;
    return {
      trajectory: r.trajectory_id,
      youth: r.youth_pseudonym,
      productCategory: r.product_category,
      productNl: label(PRODUCT_CATEGORY, r.product_category),
      productCode: r.product_code,
      team: r.team_code,
      start: r.eff_start,
      end: r.eff_end,
      status: s,
      statusNl: TRANSFER_STATUS_WORDS[s].nl,
      statusEn: TRANSFER_STATUS_WORDS[s].en,
      transferStart: r.transfer_start,
      transferProvider: r.transfer_agb,
      transferProviderName: r.transfer_agb ? (names.get(r.transfer_agb) ?? null) : null,
    };
  });
}
