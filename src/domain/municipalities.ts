/**
 * CBS municipality list of 1 January 2026 with province and jeugdzorgregio (342 gemeenten),
 * shipped as data (source: iJw 3.2 informatiemodel / CBS). Demo gemeenten use the 9001–9099
 * range, which CBS does not use, so they can never be mistaken for a real municipality.
 */
import raw from './data/CBS_Gemeentecodes.json' with { type: 'json' };

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
