/**
 * Pilots op koers (issue 21, docs/indicators.md "pilots_on_track"): whether a pilot of the register is on track on a
 * day, and the count and share of running pilots that are. A pure rule over facts the caller gathers: the pilot's
 * horizon, its evaluation moments, and the status of its linked goals as the goal rule (indicators/goals.ts) derives
 * it. It reads no store and no lens, so the register's route, the reports and the reference implementation
 * (testing/reference/pilotsReference.ts, which shares no code with this file) all decide it on the same facts.
 *
 * The rule, for a day D (the peildatum, today unless asked otherwise):
 *  - gestopt: an evaluation moment decided "stoppen" on or before D; afgelopen: D after the end; gepland: D before
 *    the start; otherwise the pilot is running (lopend);
 *  - an evaluation moment is te laat on D when its planned date is before D and it has no outcome decided on or
 *    before D (an outcome decided later was not there yet on D);
 *  - a running pilot is op koers when it has at least one linked goal, every linked goal has the status "op koers",
 *    and none of its evaluation moments is te laat; otherwise it is niet op koers, with every reason named.
 */
import type { GoalStatus } from './goals.js';
import { ratioHalfUp } from '../domain/decimal.js';
import type { EvaluationOutcome } from '../domain/pilots.js';

export interface PilotFacts {
  readonly start: string;
  readonly end: string;
  readonly evaluations: ReadonlyArray<{
    readonly planned: string;
    readonly outcome: EvaluationOutcome | null;
    readonly decidedOn: string | null;
  }>;
  readonly goals: ReadonlyArray<{ readonly title: string; readonly status: GoalStatus }>;
}

export type PilotPhase = 'gepland' | 'lopend' | 'afgelopen' | 'gestopt';

export interface PilotStatus {
  readonly phase: PilotPhase;
  /** running and on track; false for a pilot that is not running */
  readonly onTrack: boolean;
  /** the evaluation moments te laat on the day (their planned dates) */
  readonly overdue: readonly string[];
  /** why a running pilot is not on track, in Dutch, one line each; empty when on track or not running */
  readonly reasonsNl: readonly string[];
}

export const PILOT_RULE_NL =
  'Een lopende pilot is op koers als hij minstens één gekoppeld doel heeft, elk gekoppeld doel de status "op koers" heeft ' +
  'en geen evaluatiemoment te laat is (geplande datum voorbij, nog geen uitkomst). Een pilot loopt van de startdatum ' +
  't/m de einddatum, tenzij een evaluatie eerder besloot te stoppen.';

const nlDate = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

export function pilotStatus(p: PilotFacts, day: string): PilotStatus {
  const stopped = p.evaluations.some((e) => e.outcome === 'stoppen' && e.decidedOn !== null && e.decidedOn <= day);
  // an outcome counts from the day it was decided: a figure for an earlier day stays as it was (red team 39)
  const overdue = p.evaluations
    .filter((e) => (e.outcome === null || e.decidedOn === null || e.decidedOn > day) && e.planned < day)
    .map((e) => e.planned)
    .sort();
  const phase: PilotPhase = stopped ? 'gestopt' : day < p.start ? 'gepland' : day > p.end ? 'afgelopen' : 'lopend';
  if (phase !== 'lopend') return { phase, onTrack: false, overdue, reasonsNl: [] };
  const reasons: string[] = [];
  if (p.goals.length === 0) reasons.push('geen gekoppeld doel');
  for (const g of p.goals) if (g.status !== 'op koers') reasons.push(`doel "${g.title}": ${g.status}`);
  for (const d of overdue) reasons.push(`evaluatie van ${nlDate(d)} is te laat`);
  return { phase, onTrack: reasons.length === 0, overdue, reasonsNl: reasons };
}

export interface PilotsOnTrack {
  /** running pilots on the day */
  readonly running: number;
  /** of those, on track */
  readonly onTrack: number;
  /** onTrack / running × 100, one decimal; null without running pilots */
  readonly share: number | null;
}

export function pilotsOnTrack(pilots: readonly PilotFacts[], day: string): PilotsOnTrack {
  let running = 0;
  let onTrack = 0;
  for (const p of pilots) {
    const s = pilotStatus(p, day);
    if (s.phase !== 'lopend') continue;
    running++;
    if (s.onTrack) onTrack++;
  }
  return { running, onTrack, share: ratioHalfUp(onTrack, running, 100, 1) };
}

/** The indicator's definition, shown next to the figure like every catalogue definition (docs/indicators.md). */
export const PILOTS_ON_TRACK_DEFINITION = {
  id: 'pilots_on_track',
  nameNl: 'Pilots op koers',
  nameEn: 'Pilots on track',
  definitionNl:
    'Aantal en aandeel van de lopende pilots en projecten uit het register dat op de peildatum op koers is. ' +
    PILOT_RULE_NL,
  definitionEn:
    'Count and share of the running pilots and projects of the register that are on track on the reference day: at ' +
    'least one linked goal, every linked goal on track by the goal rule, and no evaluation moment overdue.',
  unit: 'procent',
  direction: 'hoger_beter',
  dimensions: [],
  sources: ['pilotregister', 'doelen'],
  cbsNote: null,
} as const;
