/**
 * The age bands Zicht reads from a population file (bevolking.csv). A file gives rows of any bands — one row 0–17,
 * bands such as 0–3 / 4–11 / 12–17, or one row per year of age — and every figure divides by one of these bands.
 * Each band is found the same way (lens table `population_band`, docs/csv-formaat.md): from the band's first age,
 * the longest row that fits in the band, then the longest row that starts on the next age, and so on until the
 * band's last age; a row 0–17 is that band at once. A gap (no row starts on the next age) leaves the band unknown,
 * never a part of it: a denominator of a part of the youths would raise every percentage.
 */
export interface PopulationBand {
  readonly band: string;
  readonly from: number;
  /** null: open (inhabitants: up to the oldest age given, which must reach 100) */
  readonly to: number | null;
}

/** The band of the percentages' denominator: youths aged 0–17 on 1 January. */
export const YOUTH_BAND = '0–17';
/** Inhabitants: every age, from 0 to 100 or older. */
export const INHABITANTS_BAND = 'inwoners';
/** The age a row of inhabitants must reach. */
export const INHABITANTS_FROM_AGE = 100;

/** Age bands on 1 January of the period's year, matching the bands of the population file (the split by age). */
export const AGE_BANDS: ReadonlyArray<readonly [label: string, from: number, to: number]> = [
  ['0–3', 0, 3],
  ['4–11', 4, 11],
  ['12–17', 12, 17],
  ['18–22', 18, 22],
];

export const POPULATION_BANDS: readonly PopulationBand[] = [
  { band: YOUTH_BAND, from: 0, to: 17 },
  ...AGE_BANDS.map(([band, from, to]) => ({ band, from, to })),
  { band: INHABITANTS_BAND, from: 0, to: null },
];

/**
 * Whether age ranges make up `from`–`to` by the walk above (each time the longest range starting on the next age that
 * stays in the band): the import's notice of a gap says it with the same rule the lens's `population_band` applies.
 */
export function coversAges(ranges: ReadonlyArray<readonly [number, number]>, from: number, to: number): boolean {
  let age = from;
  for (;;) {
    const next = Math.max(-1, ...ranges.filter(([a, b]) => a === age && b <= to).map(([, b]) => b));
    if (next < 0) return false;
    if (next === to) return true;
    age = next + 1;
  }
}
