/**
 * Migration 13: the restricted role may read which run and file a record came from (lineage on
 * the web), column by column: not the run's report or options, not where a raw file is stored.
 * The records themselves stay behind row-level security; these tables have no gemeente.
 */
export const name = 'lineage_read';

export const sql = `
GRANT SELECT (id, raw_sha256, record_type, started_at, finished_at) ON import_run TO zicht_app;
GRANT SELECT (sha256, file_name) ON raw_input TO zicht_app;
`;
