/**
 * Pure rules for comparing gemeenten: deciles, CBS size classes and reference groups
 * (indicators.md, Benchmark). No I/O here: the figures arrive as plain objects.
 */

import { UserError } from '../domain/errors.js';

/**
 * Decile over all gemeenten with a value: the lowest tenth is 1. Ties share the decile of the
 * first of them, so equal values never land in different deciles. `descending` puts the highest
 * values in decile 1 (poverty: decile 1 = the highest share of children in low-income households).
 */
export function deciles(values: ReadonlyMap<string, number | null>, descending = false): Map<string, number> {
  const known = [...values].filter((e): e is [string, number] => e[1] !== null && Number.isFinite(e[1]));
  known.sort((a, b) => (descending ? b[1] - a[1] : a[1] - b[1]) || a[0].localeCompare(b[0]));
  const out = new Map<string, number>();
  let tieStart = 0;
  known.forEach(([code, v], i) => {
    if (i > 0 && v !== known[i - 1]![1]) tieStart = i;
    out.set(code, Math.floor((tieStart * 10) / known.length) + 1);
  });
  return out;
}

/** CBS gemeentegrootteklasse by inhabitants. */
export const SIZE_CLASSES = [
  { code: 1, max: 5_000, nl: 'minder dan 5.000 inwoners', en: 'fewer than 5,000 inhabitants' },
  { code: 2, max: 10_000, nl: '5.000 tot 10.000 inwoners', en: '5,000 to 10,000 inhabitants' },
  { code: 3, max: 20_000, nl: '10.000 tot 20.000 inwoners', en: '10,000 to 20,000 inhabitants' },
  { code: 4, max: 50_000, nl: '20.000 tot 50.000 inwoners', en: '20,000 to 50,000 inhabitants' },
  { code: 5, max: 100_000, nl: '50.000 tot 100.000 inwoners', en: '50,000 to 100,000 inhabitants' },
  { code: 6, max: 150_000, nl: '100.000 tot 150.000 inwoners', en: '100,000 to 150,000 inhabitants' },
  { code: 7, max: 250_000, nl: '150.000 tot 250.000 inwoners', en: '150,000 to 250,000 inhabitants' },
  { code: 8, max: Number.POSITIVE_INFINITY, nl: '250.000 inwoners of meer', en: '250,000 inhabitants or more' },
] as const;

export function sizeClass(inhabitants: number): (typeof SIZE_CLASSES)[number] {
  return SIZE_CLASSES.find((c) => inhabitants < c.max)!;
}

/** What a reference group is chosen from: one entry per gemeente. */
export interface Candidate {
  readonly code: string;
  readonly inhabitants: number | null;
  readonly sesDecile: number | null;
  readonly povertyDecile: number | null;
  readonly youthCareRegion: string | null;
}

export type ReferenceSpec =
  | { readonly kind: 'grootteklasse' }
  | { readonly kind: 'regio' }
  | { readonly kind: 'lijst'; readonly codes: readonly string[] }
  | { readonly kind: 'vergelijkbaar'; readonly k: number }
  | { readonly kind: 'nederland' };

/** A reference group the user asked for that cannot be made (ongeldige_referentiegroep). */
export class ReferenceGroupError extends UserError<'ongeldige_referentiegroep'> {
  constructor(message: string) {
    super('ongeldige_referentiegroep', { nl: message });
  }
}

/** "grootteklasse" | "regio" | "lijst:0150,0363" | "vergelijkbaar[:k]" (alias knn) | "nederland" (alias nl). */
export function parseReference(text: string): ReferenceSpec {
  const [kind, arg] = text.trim().toLowerCase().split(':', 2) as [string, string | undefined];
  switch (kind) {
    case 'grootteklasse':
    case 'size':
      return { kind: 'grootteklasse' };
    case 'regio':
    case 'region':
      return { kind: 'regio' };
    case 'nederland':
    case 'nl':
      return { kind: 'nederland' };
    case 'vergelijkbaar':
    case 'knn': {
      const k = arg === undefined ? 10 : Number(arg);
      if (!Number.isInteger(k) || k < 1 || k > 100)
        throw new ReferenceGroupError(
          `'${text}': k moet een geheel getal van 1 tot 100 zijn / k must be a whole number from 1 to 100`,
        );
      return { kind: 'vergelijkbaar', k };
    }
    case 'lijst':
    case 'list': {
      // a code listed twice is one member: it must not count twice in a pool's N
      const codes = [
        ...new Set(
          (arg ?? '')
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
        ),
      ];
      const bad = codes.find((c) => !/^\d{4}$/.test(c));
      if (codes.length === 0 || bad !== undefined)
        throw new ReferenceGroupError(
          `'${text}': geef viercijferige gemeentecodes, bv. lijst:0150,0363 / give four-digit gemeente codes, e.g. list:0150,0363`,
        );
      return { kind: 'lijst', codes };
    }
    default:
      throw new ReferenceGroupError(
        `onbekende referentiegroep '${text}'; kies grootteklasse, regio, vergelijkbaar[:k], lijst:<codes> of nederland / unknown reference group`,
      );
  }
}

export function describeReference(spec: ReferenceSpec, focus: Candidate): { nl: string; en: string } {
  switch (spec.kind) {
    case 'grootteklasse': {
      const c = focus.inhabitants === null ? null : sizeClass(focus.inhabitants);
      return c
        ? { nl: `gemeenten met ${c.nl}`, en: `gemeenten with ${c.en}` }
        : { nl: 'grootteklasse onbekend', en: 'size class unknown' };
    }
    case 'regio':
      return {
        nl: `gemeenten van jeugdzorgregio ${focus.youthCareRegion ?? 'onbekend'}`,
        en: `gemeenten of youth-care region ${focus.youthCareRegion ?? 'unknown'}`,
      };
    case 'lijst':
      return { nl: 'zelfgekozen gemeenten', en: 'gemeenten chosen by the user' };
    case 'vergelijkbaar':
      return {
        nl: `de ${spec.k} gemeenten die het meest lijken op SES-deciel, armoededeciel en omvang`,
        en: `the ${spec.k} gemeenten most similar in SES decile, poverty decile and size`,
      };
    case 'nederland':
      return { nl: 'alle gemeenten van Nederland', en: 'all gemeenten of the Netherlands' };
  }
}

/** Distance on (SES decile, poverty decile, log inhabitants), each scaled by its spread over all gemeenten. */
function similarity(all: readonly Candidate[]): (a: Candidate, b: Candidate) => number | null {
  const feats = (c: Candidate): number[] | null =>
    c.sesDecile === null || c.povertyDecile === null || c.inhabitants === null || c.inhabitants <= 0
      ? null
      : [c.sesDecile, c.povertyDecile, Math.log(c.inhabitants)];
  const rows = all.map(feats).filter((f): f is number[] => f !== null);
  const sd = [0, 1, 2].map((j) => {
    const m = rows.reduce((s, r) => s + r[j]!, 0) / rows.length;
    return Math.sqrt(rows.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / Math.max(1, rows.length - 1)) || 1;
  });
  return (a, b) => {
    const fa = feats(a);
    const fb = feats(b);
    if (!fa || !fb) return null;
    return Math.sqrt(fa.reduce((s, v, j) => s + ((v - fb[j]!) / sd[j]!) ** 2, 0));
  };
}

export interface Member {
  readonly code: string;
  /** for 'vergelijkbaar': the scaled distance to the focus gemeente */
  readonly distance: number | null;
}

/** The members of the reference group, the focus gemeente itself excluded. */
export function referenceGroup(spec: ReferenceSpec, focusCode: string, all: readonly Candidate[]): Member[] {
  const focus = all.find((c) => c.code === focusCode);
  if (!focus)
    throw new ReferenceGroupError(
      `gemeente ${focusCode} staat niet in de CBS-gegevens / gemeente ${focusCode} is not in the CBS data`,
    );
  const others = all.filter((c) => c.code !== focusCode);
  const plain = (cs: readonly Candidate[]): Member[] => cs.map((c) => ({ code: c.code, distance: null }));
  switch (spec.kind) {
    case 'nederland':
      return plain(others);
    case 'lijst':
      return plain(
        spec.codes
          .filter((c) => c !== focusCode)
          .map(
            (code) =>
              others.find((o) => o.code === code) ?? {
                code,
                inhabitants: null,
                sesDecile: null,
                povertyDecile: null,
                youthCareRegion: null,
              },
          ),
      );
    case 'regio':
      return plain(
        focus.youthCareRegion === null ? [] : others.filter((c) => c.youthCareRegion === focus.youthCareRegion),
      );
    case 'grootteklasse': {
      if (focus.inhabitants === null) return [];
      const cls = sizeClass(focus.inhabitants).code;
      return plain(others.filter((c) => c.inhabitants !== null && sizeClass(c.inhabitants).code === cls));
    }
    case 'vergelijkbaar': {
      const distance = similarity(all);
      return others
        .map((c) => ({ code: c.code, distance: distance(focus, c) }))
        .filter((m): m is { code: string; distance: number } => m.distance !== null)
        .sort((a, b) => a.distance - b.distance || a.code.localeCompare(b.code))
        .slice(0, spec.k);
    }
  }
}
