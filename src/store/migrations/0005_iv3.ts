/**
 * Migration 5: Iv3 amounts (municipal accounts per taakveld), from CBS "dataderden" tables or the
 * simple CSV. Public data for comparing gemeenten: no row-level security. `youth_line` is the
 * pre-2023 line a taakveld folds into (6.72 / 6.82), so time series run across the 2023 split.
 */
export const name = 'iv3';

export const sql = `
CREATE TABLE iv3_amount (
  gemeente_code text NOT NULL,
  year          integer NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('begroting','jaarrekening')),
  taakveld      text NOT NULL,
  youth_line    text,
  category      text NOT NULL DEFAULT 'L',
  amount_cents  bigint NOT NULL,
  source        text NOT NULL,
  source_run_id bigint REFERENCES import_run(id),
  source_ref    text,
  PRIMARY KEY (gemeente_code, year, kind, taakveld, category)
);
GRANT SELECT ON iv3_amount TO zicht_app;
`;
