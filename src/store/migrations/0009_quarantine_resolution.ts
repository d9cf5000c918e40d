/**
 * Migration 9: a quarantined row is resolved by a later import that accepts a record with the same
 * id (or by hand); which run resolved it is kept, so the Data page can show it.
 */
export const name = 'quarantine_resolution';

export const sql = `
ALTER TABLE quarantine ADD COLUMN resolved_by_run bigint REFERENCES import_run(id);
ALTER TABLE quarantine ADD COLUMN resolved_at timestamptz;
CREATE INDEX quarantine_open ON quarantine (import_run_id) WHERE status = 'open';
`;
