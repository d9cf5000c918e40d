/**
 * Liaison positions in the demo (issue 21): at part of each gemeente's GP practices a POH-jeugd or jeugdconsulent,
 * and a schoolmaatschappelijk werker at one school, with an effect built in so the before/after view shows
 * something real. After a position starts at a practice, part of the youths the GP would have referred straight to
 * specialist care go through the toegang instead (referrer 01, gemeente: the consultant works from the team, as in
 * Deventer and Peel en Maas, seed 001), and youths are helped as basishulp at the practice (vindplaats = its AGB
 * code); before the start a few youths found there get basishulp too. Everything here draws from its own stream,
 * so the rest of the demo is drawn as before (the figures on basishulp and referrers include these episodes and
 * redirected referrals). Small on purpose (tens of rows per gemeente and year).
 */
import { addMonths, isoDate, type IsoDate } from '../domain/dates.js';
import type { LiaisonKind, LocationKind } from '../domain/liaison.js';
import type { CsvWriter } from './csvWriter.js';

export interface DemoPosition {
  readonly id: string;
  readonly kind: LiaisonKind;
  readonly locationKind: LocationKind;
  readonly locationId: string;
  readonly locationName: string;
  readonly hours: number;
  readonly start: IsoDate;
  readonly end: IsoDate | null;
  /** the wijk whose youths the practice or school serves */
  readonly wijk: string;
}

/** The effect: a share of the practice's referrals after the start that go through the toegang instead, and the
 * basishulp episodes found at the location per month before and after the start. */
export const LIAISON_EFFECT = { redirected: 0.35, basishulpPerMonthBefore: 0.4, basishulpPerMonthAfter: 2.5 } as const;

export const VERBINDINGSFUNCTIES_COLUMNS = [
  'functie_id',
  'gemeente',
  'soort',
  'vindplaats_soort',
  'vindplaats',
  'vindplaats_naam',
  'uren_per_week',
  'startdatum',
  'einddatum',
] as const;

const PRACTICE_NAMES = ['De Linde', 'Het Gezondheidshuis', 'De Eik', 'Oost', 'Centrum', 'De Brug'];

/**
 * Positions of one gemeente: a POH-jeugd at the first practice of the first wijk from 24 months before the data's
 * end (so twelve months before and after lie in the data), a jeugdconsulent at the first practice of the second wijk
 * from 18 months before, and a schoolmaatschappelijk werker at the first school of the first wijk for a school year
 * that has ended.
 */
export function demoPositions(
  gemeente: string,
  wijken: ReadonlyArray<{ code: string; name: string; gps: readonly string[]; schools: readonly string[] }>,
  windowEnd: IsoDate,
): DemoPosition[] {
  const month = (back: number) =>
    addMonths(isoDate(Number(windowEnd.slice(0, 4)), Number(windowEnd.slice(5, 7)), 1), -back);
  const out: DemoPosition[] = [];
  const [w1, w2] = wijken;
  if (w1?.gps[0])
    out.push({
      id: `VF-${gemeente}-1`,
      kind: 'poh_jeugd',
      locationKind: 'huisartsenpraktijk',
      locationId: w1.gps[0],
      locationName: `Huisartsenpraktijk ${PRACTICE_NAMES[Number(gemeente) % PRACTICE_NAMES.length]}`,
      hours: 16,
      start: month(24),
      end: null,
      wijk: w1.code,
    });
  if (w2?.gps[0] && w2.gps[0] !== w1?.gps[0])
    out.push({
      id: `VF-${gemeente}-2`,
      kind: 'jeugdconsulent',
      locationKind: 'huisartsenpraktijk',
      locationId: w2.gps[0],
      locationName: `Huisartsenpraktijk ${w2.name}`,
      hours: 8,
      start: month(18),
      end: null,
      wijk: w2.code,
    });
  if (w1?.schools[0])
    out.push({
      id: `VF-${gemeente}-3`,
      kind: 'schoolmaatschappelijk_werk',
      locationKind: 'school',
      locationId: w1.schools[0],
      locationName: `Basisschool ${w1.name}`,
      hours: 12,
      start: month(30),
      end: addMonths(month(30), 10),
      wijk: w1.code,
    });
  return out;
}

export async function writeDemoPositions(w: CsvWriter, gemeente: string, ps: readonly DemoPosition[]): Promise<void> {
  for (const p of ps)
    await w.row([
      p.id,
      gemeente,
      p.kind,
      p.locationKind,
      p.locationId,
      p.locationName,
      String(p.hours),
      p.start,
      p.end,
    ]);
}
