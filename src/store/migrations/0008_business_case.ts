/**
 * Migration 8: business cases (indicators.md "Goals and business cases"): an investment (e.g. a
 * Jeugd- en gezinsteam) against the savings on the care it is meant to replace. Only the
 * definition is stored; the figures are computed from the claims every time, like goal status.
 * Amounts are eurocent integers per year: {"2023": 40000000}.
 */
export const name = 'business_case';

export const sql = `
CREATE TABLE business_case (
  id                 bigserial PRIMARY KEY,
  gemeente_code      text NOT NULL REFERENCES gemeente(code),
  title              text NOT NULL,
  description        text,
  intensities        text[] NOT NULL DEFAULT '{}',
  product_categories text[] NOT NULL DEFAULT '{}',
  baseline_year      integer NOT NULL,
  start_year         integer NOT NULL,
  baseline_method    text NOT NULL DEFAULT 'trend' CHECK (baseline_method IN ('vast','trend')),
  investment_cents   jsonb NOT NULL,
  target_savings_cents jsonb NOT NULL DEFAULT '{}',
  owner              text,
  created_by         text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (baseline_year < start_year),
  CHECK (cardinality(intensities) + cardinality(product_categories) > 0)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON business_case TO zicht_app;
GRANT USAGE ON SEQUENCE business_case_id_seq TO zicht_app;
ALTER TABLE business_case ENABLE ROW LEVEL SECURITY;
CREATE POLICY business_case_by_gemeente ON business_case USING (zicht_scope_allows(gemeente_code)) WITH CHECK (zicht_scope_allows(gemeente_code));
`;
