/**
 * Migration 7: what benchmarking needs from CBS besides numbers.
 * - Some CBS topics are text (e.g. the jeugdzorgregio a gemeente belongs to in "Gebieden in
 *   Nederland"); they are kept in text_value, so reference groups can come from CBS too.
 * - The titles of a table's regions (the gemeente names as CBS spells them), so a comparison table
 *   can name gemeenten that are not registered in Zicht.
 */
export const name = 'cbs_text_regions';

export const sql = `
ALTER TABLE cbs_observation ADD COLUMN text_value text;

CREATE TABLE cbs_region (
  table_id   text NOT NULL REFERENCES cbs_table(table_id) ON DELETE CASCADE,
  region_key text NOT NULL,
  title      text,
  PRIMARY KEY (table_id, region_key)
);
GRANT SELECT ON cbs_region TO zicht_app;
`;
