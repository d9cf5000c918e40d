/**
 * Migration 30 (issue 21, liaison positions): the verbindingsfuncties — a POH-jeugd, jeugdconsulent or gezinscoach at
 * a GP practice or school, with hours per week and a period — and where a basishulp episode was found (`vindplaats`,
 * the location id of the practice or school). An ordinary tenant table: `gemeente_code` with the policy
 * `zicht_scope_allows(gemeente_code)`, lineage to the import run and the line (NULL for a position entered through
 * the API, which the audit log records). The CHECKs repeat the vocabulary of domain/liaison.ts, so a row the importer
 * or the API would refuse cannot get in another way.
 */
import { LIAISON_KINDS, LOCATION_KINDS, MAX_HOURS_PER_WEEK } from '../../domain/liaison.js';

export const name = 'liaison_positions';

const list = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(',');

export const sql = `
CREATE TABLE liaison_position (
  gemeente_code   text NOT NULL REFERENCES gemeente(code),
  position_id     text NOT NULL,
  kind            text NOT NULL CHECK (kind IN (${list(LIAISON_KINDS)})),
  location_kind   text NOT NULL CHECK (location_kind IN (${list(LOCATION_KINDS)})),
  -- a GP practice's AGB code (as trajectory.referrer_detail carries it), a school's BRIN or own code
  location_id     text NOT NULL,
  location_name   text NOT NULL DEFAULT '',
  hours_per_week  numeric(5,2) NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= ${MAX_HOURS_PER_WEEK}),
  start_date      date NOT NULL,
  end_date        date,
  source_run_id   bigint REFERENCES import_run(id),
  source_ref      text,
  PRIMARY KEY (gemeente_code, position_id),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX liaison_position_location ON liaison_position (gemeente_code, location_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON liaison_position TO zicht_app;
ALTER TABLE liaison_position ENABLE ROW LEVEL SECURITY;
CREATE POLICY liaison_position_by_gemeente ON liaison_position USING (zicht_scope_allows(gemeente_code)) WITH CHECK (zicht_scope_allows(gemeente_code));

-- where the youth was found or helped: the location id of a liaison position's practice or school (optional; files
-- without the column import as before)
ALTER TABLE basic_support_episode ADD COLUMN location_id text;
`;
