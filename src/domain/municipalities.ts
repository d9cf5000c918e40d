/**
 * CBS municipality list of 1 January 2026 with province and jeugdzorgregio (342 gemeenten),
 * shipped as data (source: iJw 3.2 informatiemodel / CBS). Demo gemeenten use the 9001–9099
 * range, which CBS does not use, so they can never be mistaken for a real municipality.
 */
import raw from './data/CBS_Gemeentecodes.json' with { type: 'json' };
import history from './data/herindelingen.json' with { type: 'json' };
import { formatDateNl } from './dates.js';

export interface Municipality {
  readonly code: string;
  readonly name: string;
  readonly province: string;
  readonly youthCareRegion: string;
  readonly demo: boolean;
}

export const MUNICIPALITIES_SOURCE = `${raw.source}, peildatum 2026-01-01`;

export const MUNICIPALITIES: readonly Municipality[] = raw.values.map((v) => ({
  code: v.gemeentecode,
  name: v.gemeentenaam,
  province: v.provincienaam,
  youthCareRegion: v.jeugdzorgregio,
  demo: false,
}));

const byCode = new Map(MUNICIPALITIES.map((m) => [m.code, m]));

export function isDemoCode(code: string): boolean {
  return /^90\d\d$/.test(code) && code !== '9000';
}

export function findMunicipality(code: string): Municipality | undefined {
  return byCode.get(code);
}

/** A gemeente code is known when CBS lists it, or when it is a demo code (9001–9099). */
export function isKnownMunicipalityCode(code: string): boolean {
  return byCode.has(code) || isDemoCode(code);
}

/** CBS writes region keys as GM0363 (padded with spaces in OData); we keep the bare 4-digit code. */
export function fromCbsRegionKey(key: string): string | null {
  const m = /^GM(\d{4})\s*$/.exec(key);
  return m ? m[1]! : null;
}

export function toCbsRegionKey(code: string): string {
  return `GM${code}`;
}

/** A gemeente that ended in a herindeling (since 2016), with the gemeenten that took it over. */
export interface EndedMunicipality {
  readonly code: string;
  readonly name: string;
  /** the last day the code was valid */
  readonly lastDay: string;
  readonly successors: readonly string[];
}

export const MUNICIPALITY_HISTORY_SOURCE = `${history.source} (${history.coverage})`;

const ended = new Map<string, EndedMunicipality>(history.ended.map((e) => [e.code, e]));
const firstDay = new Map(history.begun.map((b) => [b.code, b.firstDay]));

/**
 * A code of today's list or one that ended in a herindeling since 2016. An ended gemeente
 * belongs to the jeugdzorgregio of its (first) successor, so its old messages land in a region.
 */
export function findMunicipalityIncludingEnded(code: string): Municipality | undefined {
  const now = byCode.get(code);
  if (now) return now;
  const e = ended.get(code);
  const successor = e ? byCode.get(e.successors[0]!) : undefined;
  return e && successor
    ? { code, name: e.name, province: successor.province, youthCareRegion: successor.youthCareRegion, demo: false }
    : undefined;
}

export type MunicipalityValidity =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly code: 'gemeente_ended' | 'gemeente_not_yet';
      readonly nl: string;
      readonly en: string;
    };

/**
 * Whether a gemeente code was valid on a date (iJw: the Ingangsdatum of an allocation). After a
 * herindeling the new gemeente issues new allocations from the merger date, so an allocation of
 * an ended gemeente starting after its last day, or of a new gemeente starting before its first,
 * is an error in the message. Codes outside the history (demo, configured) are always valid.
 */
export function municipalityValidOn(code: string, date: string): MunicipalityValidity {
  const e = ended.get(code);
  if (e && date > e.lastDay) {
    const next = e.successors.map((s) => `${s} (${byCode.get(s)?.name ?? '?'})`).join(', ');
    return {
      ok: false,
      code: 'gemeente_ended',
      nl: `gemeente ${code} (${e.name}) bestond op ${formatDateNl(date)} niet meer: opgeheven na ${formatDateNl(e.lastDay)}, opgevolgd door ${next}`,
      en: `gemeente ${code} (${e.name}) no longer existed on ${date}: it ended after ${e.lastDay}, succeeded by ${next}`,
    };
  }
  const first = firstDay.get(code);
  if (first && date < first) {
    const name = byCode.get(code)?.name ?? code;
    return {
      ok: false,
      code: 'gemeente_not_yet',
      nl: `gemeente ${code} (${name}) bestond op ${formatDateNl(date)} nog niet: ontstaan op ${formatDateNl(first)}`,
      en: `gemeente ${code} (${name}) did not exist yet on ${date}: it began on ${first}`,
    };
  }
  return { ok: true };
}

/**
 * Whether a gemeente code existed at some time in a year: yearly figures (Iv3 accounts, CBS
 * tables) of an ended gemeente are valid for the years it existed, e.g. 0457 Weesp up to 2022 and
 * 0788 Haaren up to 2020, and a new gemeente's only from the year it began. Codes outside the
 * history (today's list before 2016, demo) are valid in every year.
 */
export function municipalityExistedIn(code: string, year: number): MunicipalityValidity {
  const end = municipalityValidOn(code, `${year}-01-01`);
  if (!end.ok && end.code === 'gemeente_ended') return end;
  const start = municipalityValidOn(code, `${year}-12-31`);
  if (!start.ok && start.code === 'gemeente_not_yet') return start;
  return { ok: true };
}

/** An ended gemeente (herindeling since 2016), or undefined. */
export function endedMunicipality(code: string): EndedMunicipality | undefined {
  return ended.get(code);
}
