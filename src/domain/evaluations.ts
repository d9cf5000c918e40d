/**
 * Light follow-up after referral (issue 21): evaluation moments per trajectory. Pure vocabulary, the timeliness rule
 * and the derivation of planned moments from the rhythm. The canonical CSV (ingest/csv/evaluationTypes.ts), the
 * migration's CHECKs (store/migrations/0029_evaluations.ts), the overdue list (app/evaluations.ts), the entry route
 * and the demo read this file; the indicator (indicators/evaluations.ts) states the same rule in SQL and the
 * reference implementation (testing/reference/evaluationReference.ts) once more by hand. docs/indicators.md,
 * "Evaluaties na verwijzing", is the definition.
 *
 * Not a case file: a moment holds its dates, an outcome from a fixed list and who held it as a role or team code —
 * no notes, no names.
 */
import { addDays, addMonths, daysBetween, type IsoDate } from './dates.js';

/** The outcome of a held evaluation; `beëindigen` is stored without its diaeresis. */
export const EVALUATION_OUTCOMES = ['doorgaan', 'afschalen', 'opschalen', 'beeindigen'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];
export const OUTCOME_LABELS: Readonly<Record<EvaluationOutcome, string>> = {
  doorgaan: 'doorgaan',
  afschalen: 'afschalen',
  opschalen: 'opschalen',
  beeindigen: 'beëindigen',
};

/**
 * Who held it, as a role (never a person's name); a team code of the gemeente is allowed as well. The list is
 * the functions of seed 001 (Peel en Maas, Zaltbommel): the wijkteam's jeugdconsulent or gezinscoach, the
 * casusregisseur of the half-yearly casusregie, a POH-jeugd, the gedragswetenschapper, the gecertificeerde instelling.
 */
export const EVALUATION_ROLES = [
  'jeugdconsulent',
  'gezinscoach',
  'casusregisseur',
  'poh_jeugd',
  'gedragswetenschapper',
  'gecertificeerde_instelling',
] as const;

/** The default rhythm: every three months from the trajectory's start. */
export const DEFAULT_RHYTHM_MONTHS = 3;
/** A rhythm is 1 to 24 months; 0 means: no evaluation moments for this product. */
export const RHYTHM_MAX_MONTHS = 24;

/**
 * On time: held on or before the planned date plus 14 calendar days (two weeks: a planned conversation moved by a
 * holiday or an illness still counts as held in its rhythm). Held earlier than the planned date is on time too.
 * A moment not held is overdue (achterstallig) from the day after that deadline.
 */
export const ON_TIME_DAYS = 14;

export type EvaluationStatus = 'gehouden' | 'te_laat_gehouden' | 'achterstallig' | 'gepland';
export const STATUS_LABELS: Readonly<Record<EvaluationStatus, string>> = {
  gehouden: 'op tijd gehouden',
  te_laat_gehouden: 'te laat gehouden',
  achterstallig: 'achterstallig',
  gepland: 'gepland',
};

export function deadlineOf(planned: IsoDate): IsoDate {
  return addDays(planned, ON_TIME_DAYS);
}

/** The status of a moment as known on `asOf` (a held date after asOf is not known yet). */
export function statusOf(planned: IsoDate, held: IsoDate | null, asOf: IsoDate): EvaluationStatus {
  const deadline = deadlineOf(planned);
  if (held !== null && held <= asOf) return held <= deadline ? 'gehouden' : 'te_laat_gehouden';
  return asOf > deadline ? 'achterstallig' : 'gepland';
}

/** Days since the planned date ("dagen over tijd" in the overdue list). */
export function daysOverdue(planned: IsoDate, asOf: IsoDate): number {
  return daysBetween(planned, asOf);
}

export interface RhythmSetting {
  /** '' = every product category */
  readonly productCategory: string;
  /** '' = every product code of the category */
  readonly productCode: string;
  /** 0 = no evaluation moments */
  readonly months: number;
}

/**
 * The rhythm of a trajectory: the setting for its product code, else for its category, else the gemeente's own
 * ('', ''); null when the gemeente stored none: then Zicht derives no moments and counts only those recorded.
 */
export function rhythmFor(settings: readonly RhythmSetting[], category: string, code: string | null): number | null {
  const byCode = code ? settings.find((s) => s.productCode === code) : undefined;
  if (byCode) return byCode.months;
  const byCat = settings.find((s) => s.productCategory === category && s.productCode === '');
  if (byCat) return byCat.months;
  const all = settings.find((s) => s.productCategory === '' && s.productCode === '');
  return all ? all.months : null;
}

export interface Moment {
  readonly planned: IsoDate;
  readonly held: IsoDate | null;
  readonly outcome: string | null;
  /** recorded (imported or entered) or derived from the rhythm */
  readonly origin: 'vastgelegd' | 'afgeleid';
}

/**
 * The moments of one trajectory up to `until`: the recorded ones, then — when the rhythm is known and not 0 — the
 * derived ones. Derived moments continue the rhythm from the anchor: the start when nothing is recorded, else the
 * held date of the last recorded moment; after a recorded moment that is not held, nothing is derived (that moment
 * is the one outstanding). The k-th derived moment is anchor + k × rhythm months (clamped to the month's last day),
 * up to the trajectory's end and `until`. Recorded moments planned after the end do not count.
 */
export function momentsOf(
  t: { readonly start: IsoDate | null; readonly end: IsoDate | null },
  recorded: readonly { planned: IsoDate; held: IsoDate | null; outcome: string | null }[],
  rhythm: number | null,
  until: IsoDate,
): Moment[] {
  if (t.start === null) return [];
  const own = recorded
    .filter((m) => t.end === null || m.planned <= t.end)
    .map((m) => ({ ...m, origin: 'vastgelegd' as const }))
    .sort((a, b) => (a.planned < b.planned ? -1 : a.planned > b.planned ? 1 : 0));
  if (rhythm === null || rhythm <= 0) return own;
  const last = own[own.length - 1];
  if (last && last.held === null) return own;
  const anchor = last ? last.held! : t.start;
  const limit = t.end !== null && t.end < until ? t.end : until;
  const out: Moment[] = [...own];
  for (let k = 1; ; k++) {
    const planned = addMonths(anchor, k * rhythm);
    if (planned > limit) break;
    out.push({ planned, held: null, outcome: null, origin: 'afgeleid' });
  }
  return out;
}
