/**
 * Migration 16: the access log cannot be emptied with TRUNCATE. The append-only trigger of migration 1 is a
 * row trigger (UPDATE, DELETE), which TRUNCATE does not fire: the second red team emptied the whole log
 * without switching any trigger off, and with the head file beside the data directory removed as well,
 * `zicht audit verify` said "in orde, 0 regels". A statement trigger closes that door, so emptying the
 * log needs the owner to disable triggers first, as deleting rows does (and cutting rows is what the head
 * outside the database detects).
 */
export const name = 'audit_no_truncate';

export const sql = `
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION zicht_audit_append_only();
`;
