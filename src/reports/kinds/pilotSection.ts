/**
 * The pilot register in the council report (issue 21): per pilot its budget source and budget, horizon, status on the
 * report's day (op koers or not, and why), its goals on track, and its evaluation moments — the next one, any late one
 * and the last decision — with the count and share of running pilots on track (pilots_on_track) in words. The day is
 * the end of the report's period, or the day the data stand on when that is earlier (a half-year still running: a
 * moment planned after today is not late yet). Goals are evaluated as on the Doelen page, published for the external
 * version. No section when the gemeente keeps no pilots.
 */
import { dutchToday } from '../../domain/dates.js';
import { periodEnd, type Period } from '../../domain/periods.js';
import { BUDGET_SOURCE_LABELS, EVALUATION_OUTCOME_LABELS } from '../../domain/pilots.js';
import { PILOT_RULE_NL } from '../../indicators/pilots.js';
import { section } from '../builder.js';
import type { ReportData, Section } from '../types.js';

const nlDate = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
const PHASE_NL: Record<string, string> = {
  gepland: 'nog niet gestart',
  afgelopen: 'afgelopen',
  gestopt: 'gestopt na evaluatie',
};

export async function pilotSection(
  data: ReportData,
  g: string,
  period: Period,
  extern: boolean,
): Promise<Section | null> {
  if (!data.pilots) return null;
  const end = periodEnd(period);
  const today = data.viewDate ?? dutchToday();
  const day = today < end ? today : end;
  const reg = await data.pilots(g, day, extern);
  if (reg.pilots.length === 0) return null;
  const s = reg.summary.find((x) => x.gemeente === g);
  const share = s?.sharePilotsOnTrack;
  const summary =
    !s || s.runningPilots === 0
      ? `Op ${nlDate(day)} liep geen van de pilots en projecten.`
      : `Op ${nlDate(day)} ${s.pilotsOnTrack === 1 ? 'was' : 'waren'} ${s.pilotsOnTrack} van de ${s.runningPilots} lopende pilots en projecten op koers` +
        (share === null || share === undefined
          ? '.'
          : ` (${share.toLocaleString('nl-NL', { maximumFractionDigits: 1 })}%).`);
  return section('Pilots en projecten', {
    paragraphs: [summary, PILOT_RULE_NL],
    tables: [
      {
        caption: `Pilots en projecten op ${nlDate(day)}`,
        columns: [
          { label: 'pilot of project', unit: 'tekst' },
          { label: 'budgetbron', unit: 'tekst' },
          { label: 'budget', unit: 'euro' },
          { label: 'looptijd', unit: 'tekst' },
          { label: 'status', unit: 'tekst' },
          { label: 'doelen op koers', unit: 'tekst' },
          { label: 'evaluatie', unit: 'tekst' },
          { label: 'laatste besluit', unit: 'tekst' },
        ],
        rows: reg.pilots.map((p) => {
          const decided = p.evaluations.filter((e) => e.outcome !== null && e.decidedOn !== null && e.decidedOn <= day);
          const last = decided[decided.length - 1];
          const next = p.evaluations.find((e) => e.outcome === null && e.planned >= day);
          const evaluation =
            p.status.overdue.length > 0
              ? `te laat: gepland ${p.status.overdue.map(nlDate).join(', ')}`
              : next
                ? `volgende ${nlDate(next.planned)}`
                : 'geen gepland';
          const status =
            p.status.phase === 'lopend'
              ? p.status.onTrack
                ? 'op koers'
                : `niet op koers: ${p.status.reasonsNl.join('; ')}`
              : (PHASE_NL[p.status.phase] ?? p.status.phase);
          return [
            p.name,
            BUDGET_SOURCE_LABELS[p.budgetSource],
            p.budget,
            `${nlDate(p.start)} t/m ${nlDate(p.end)}`,
            status,
            p.goals.length === 0
              ? 'geen doel'
              : `${p.goals.filter((x) => x.evaluation.status === 'op koers').length} van ${p.goals.length}`,
            evaluation,
            last
              ? `${EVALUATION_OUTCOME_LABELS[last.outcome!]} (${nlDate(last.decidedOn!)})${last.decision ? `: ${last.decision}` : ''}`
              : '–',
          ];
        }),
      },
    ],
  });
}
