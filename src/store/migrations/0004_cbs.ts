/**
 * Migration 4: CBS StatLine tables in long form, whatever their dimensions: one row per region,
 * period, other-dimension combination and topic, with the CBS status (definitief, voorlopig, nader
 * voorlopig) kept. Public data: no row-level security.
 */
export const name = 'cbs';

export const sql = `
CREATE TABLE cbs_table (
  table_id      text PRIMARY KEY,
  title         text,
  dimensions    jsonb NOT NULL,
  topics        jsonb NOT NULL,
  source_run_id bigint REFERENCES import_run(id),
  imported_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cbs_observation (
  table_id      text NOT NULL REFERENCES cbs_table(table_id) ON DELETE CASCADE,
  region_key    text NOT NULL,
  gemeente_code text,
  period_key    text NOT NULL,
  dims_key      text NOT NULL DEFAULT '',
  topic         text NOT NULL,
  value         numeric,
  status        text,
  PRIMARY KEY (table_id, region_key, period_key, dims_key, topic)
);
CREATE INDEX cbs_observation_gemeente ON cbs_observation (gemeente_code, table_id, topic);
GRANT SELECT ON cbs_table, cbs_observation TO zicht_app;
`;
