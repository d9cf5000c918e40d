/**
 * The reference's reading of a population file (docs/csv-formaat.md, bevolking.csv), written apart from the lens's
 * recursive query (lens/populationTables.ts): the population of one band of ages of a gemeente's wijk ('' = the
 * gemeente) in a year. Walking up from the band's first age, each time the row that starts on that age and reaches
 * furthest without leaving the band; unknown (null) when no row starts on an age before the band's end. `to` null:
 * every age, which must reach 100.
 */
export interface PopulationRow {
  readonly gemeente: string;
  /** '' = the whole gemeente */
  readonly wijk: string;
  readonly year: number;
  readonly ageFrom: number;
  readonly ageTo: number;
  readonly count: number;
}

export function bandPopulation(
  rows: readonly PopulationRow[],
  g: string,
  wijk: string,
  year: number,
  from: number,
  to: number | null,
): number | null {
  const own = rows.filter((p) => p.gemeente === g && p.wijk === wijk && p.year === year);
  let age = from;
  let total = 0;
  let reached = -1;
  for (;;) {
    let next: PopulationRow | undefined;
    for (const p of own)
      if (p.ageFrom === age && (to === null || p.ageTo <= to) && (next === undefined || p.ageTo > next.ageTo)) next = p;
    if (next === undefined) break;
    total += next.count;
    reached = next.ageTo;
    if (to !== null && reached === to) return total;
    age = reached + 1;
  }
  return to === null && reached >= 100 ? total : null;
}
