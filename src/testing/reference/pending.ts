/**
 * Catalogue indicators (or single splits, `id:split`) the reference implementation does not check
 * yet, each with its reason. The completeness test fails for a catalogue indicator that is neither
 * in REFERENCE nor here, so a new indicator without a reference fails the suite. Keep this honest:
 * "mismatch: …" entries are findings against the product, kept visible here until fixed.
 */
export const PENDING: Readonly<Record<string, string>> = {
  message_rejections: 'needs iJw retour messages; the generator writes canonical CSV only',
  commitments: 'the generator writes no bedrag_toegekend (RefTrajectory has no amount granted): checked by hand in '
    + 'src/indicators/indicators.test.ts (2024H1, 2024Q1, 2024)',
  forecast_year_end: 'model figure (tariffs × frequency × expected inflow): no independent reading yet',
  ses_decile: 'benchmark from CBS tables: covered by src/benchmark tests, not by this generator',
  poverty_decile: 'benchmark from CBS tables: covered by src/benchmark tests, not by this generator',
  cbs_pct_without_residence: 'benchmark from CBS tables: covered by src/benchmark tests, not by this generator',
  index_pct: 'benchmark from CBS tables: covered by src/benchmark tests, not by this generator',
  burden_per_user: 'benchmark from Iv3/CBS: covered by src/benchmark tests, not by this generator',
  burden_per_inhabitant: 'benchmark from Iv3/CBS: covered by src/benchmark tests, not by this generator',
  burden_index: 'benchmark from Iv3/CBS: covered by src/benchmark tests, not by this generator',
  expected_vs_actual: 'model figure (robust regression over all gemeenten): covered by src/benchmark tests',
  cost_reconciliation: 'Iv3 lasten minus claims: the generator writes no Iv3 accounts; checked against the mirror files '
    + 'by hand in src/indicators/reconciliation.test.ts',
};
