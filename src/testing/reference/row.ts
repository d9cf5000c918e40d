/**
 * One reference figure: what every reference file (reference.ts and the per-family files it gathers)
 * returns. Its own module so the family files can use it without importing reference.ts back (a cycle).
 */
export interface RefRow {
  readonly gemeente: string;
  readonly by: string | null;
  readonly key: string | null;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  /**
   * The flags the reference decides itself (the weak-response flag `lage_respons` of the voice figures); when given,
   * the product's row must carry exactly these of the decided flags (differential.test.ts DECIDED_FLAGS).
   */
  readonly flags?: readonly string[];
}
