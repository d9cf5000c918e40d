/**
 * Migration 10: norms a region sets for itself (e.g. after how many days an allocation without a
 * start is a signal). The defaults live in code (indicators/norms.ts); a row here overrides one
 * for a region. Shared configuration, like the care-form mapping: no row-level security.
 */
export const name = 'norms';

export const sql = `
CREATE TABLE norm (
  region_code text NOT NULL,
  key         text NOT NULL,
  value       numeric NOT NULL,
  changed_by  text,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, key)
);
GRANT SELECT ON norm TO zicht_app;
`;
