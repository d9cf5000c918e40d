/**
 * Which gemeenten a request for figures is about, as every door spells it: one or more CBS codes
 * ("9001,9002", leading zeros optional), all gemeenten ("all" or nothing), a jeugdregio as one figure
 * ("regio:<code>") or all gemeenten together as one ("totaal"). Combined figures are summed or pooled
 * by indicators/region.ts where that is sound. The CLI's indicators and report commands, the report
 * route and the report data read the spelling here, so it means the same everywhere.
 */
export const REGION_PREFIX = 'regio:';
export const TOTAL = 'totaal';

export type Selection =
  | { readonly kind: 'gemeenten'; readonly codes: readonly string[] }
  | { readonly kind: 'regio'; readonly region: string; readonly label: string }
  | { readonly kind: 'totaal'; readonly label: string };

/** A CBS gemeente code as stored: four digits, zero-padded ("363" → "0363"). */
export function gemeenteCode(text: string): string {
  return text.trim().padStart(4, '0');
}

export function parseSelection(text: string | undefined): Selection {
  const t = (text ?? '').trim();
  const region = regionOf(t);
  if (region !== null) return { kind: 'regio', region, label: regionLabel(region) };
  if (t === TOTAL) return { kind: 'totaal', label: TOTAL };
  if (t === '' || t === 'all') return { kind: 'gemeenten', codes: [] };
  return { kind: 'gemeenten', codes: t.split(',').map(gemeenteCode) };
}

/** The jeugdregio in "regio:<code>", or null when the text names no regio. */
export function regionOf(text: string): string | null {
  return text.startsWith(REGION_PREFIX) && text.length > REGION_PREFIX.length ? text.slice(REGION_PREFIX.length) : null;
}

export function regionLabel(region: string): string {
  return `${REGION_PREFIX}${region}`;
}

/** One gemeente or one regio, as the reports take it: a regio stays "regio:<code>", a code is padded. */
export function reportSubject(text: string): string {
  return regionOf(text.trim()) !== null ? text.trim() : gemeenteCode(text);
}

/**
 * The gemeenten a selection stands for, from the list of gemeenten with their regio (from the truth
 * store or the lens, whichever the door has open). An empty list for "gemeenten" means all.
 */
export function members(
  sel: Selection,
  gemeenten: ReadonlyArray<{ code: string; region_code: string | null }>,
): string[] {
  if (sel.kind === 'gemeenten') return [...sel.codes];
  return gemeenten
    .filter((g) => sel.kind === 'totaal' || g.region_code === sel.region)
    .map((g) => g.code)
    .sort();
}
