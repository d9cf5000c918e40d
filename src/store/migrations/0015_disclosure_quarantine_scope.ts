/**
 * Migration 14 (issue 13.4): the quarantine keeps what privacy.md rule 1 allows and no more, and
 * the Data page's lists can be read as the restricted role.
 * - Rows quarantined before: a client number or BSN loses its last two digits too (nine '*'), a
 *   birth date becomes its month (the formats the importer reads: JJJJ-MM-DD, D-M-JJJJ, D/M/JJJJ,
 *   D.M.JJJJ), anything else in that column '**'. Idempotent: a masked row stays as it is.
 * - zicht_app may read the counting columns of import_run (not its report or options), so the
 *   run list is read under row-level security and the quarantine counts stay in scope.
 */
export const name = 'disclosure_quarantine_scope';

const month = (v: string) => `CASE
  WHEN ${v} ~ '^\\s*$' THEN ''
  WHEN ${v} ~ '^\\s*[0-9]{4}-[0-9]{1,2}(-[0-9]{1,2})?\\s*$'
    THEN split_part(btrim(${v}), '-', 1) || '-' || lpad(split_part(btrim(${v}), '-', 2), 2, '0')
  WHEN ${v} ~ '^\\s*[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4}\\s*$'
    THEN split_part(regexp_replace(btrim(${v}), '[/.]', '-', 'g'), '-', 3) || '-'
      || lpad(split_part(regexp_replace(btrim(${v}), '[/.]', '-', 'g'), '-', 2), 2, '0')
  ELSE '**' END`;

export const sql = `
UPDATE quarantine SET record = record
  || CASE WHEN record ? 'client_id' AND record->>'client_id' <> '' THEN jsonb_build_object('client_id', '*********') ELSE '{}'::jsonb END
  || CASE WHEN record ? 'bsn' AND record->>'bsn' <> '' THEN jsonb_build_object('bsn', '*********') ELSE '{}'::jsonb END
  || CASE WHEN record ? 'geboortedatum' THEN jsonb_build_object('geboortedatum', ${month("(record->>'geboortedatum')")}) ELSE '{}'::jsonb END
 WHERE record ?| array['client_id', 'bsn', 'geboortedatum'];
GRANT SELECT (status, rows_read, rows_accepted, rows_rejected) ON import_run TO zicht_app;
GRANT SELECT (sha256, file_name) ON raw_input TO zicht_app;
`;
