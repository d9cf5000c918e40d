/**
 * Migration 28 (issue 21, the sociale kaart): offers of preventive help that needs no decision, per gemeente. An
 * ordinary tenant table (`gemeente_code` with the policy `zicht_scope_allows(gemeente_code)`), written by the
 * canonical CSV `aanbod` (lineage to the import run and line) and by the web form (who changed it last and when).
 * The CHECKs repeat domain/socialMap.ts, so a row the importer or the API would refuse cannot get in another way.
 * Public reading (GET /api/v1/publiek/sociale-kaart/{gemeente}) runs in the scope of that one gemeente.
 */
import { AGE_MAX, AGE_MIN, SOCIAL_THEMES } from '../../domain/socialMap.js';

export const name = 'social_map';

const list = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(',');

export const sql = `
CREATE TABLE social_offer (
  gemeente_code   text NOT NULL REFERENCES gemeente(code),
  offer_id        text NOT NULL CHECK (offer_id ~ '^[A-Za-z0-9._-]{1,40}$'),
  organisation    text NOT NULL CHECK (length(organisation) BETWEEN 1 AND 200),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  target_group    text NOT NULL DEFAULT '' CHECK (length(target_group) <= 500),
  description     text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  age_from        integer NOT NULL CHECK (age_from BETWEEN ${AGE_MIN} AND ${AGE_MAX}),
  age_to          integer NOT NULL CHECK (age_to BETWEEN ${AGE_MIN} AND ${AGE_MAX}),
  -- one or more themes of domain/socialMap.ts
  themes          text[] NOT NULL CHECK (cardinality(themes) >= 1 AND themes <@ ARRAY[${list(SOCIAL_THEMES)}]::text[]),
  -- the wijk or kern by name; '' = the whole gemeente
  area            text NOT NULL DEFAULT '' CHECK (length(area) <= 100),
  open_access     boolean NOT NULL,
  website         text CHECK (length(website) <= 300),
  phone           text CHECK (length(phone) <= 30),
  email           text CHECK (length(email) <= 200),
  valid_from      date NOT NULL,
  valid_to        date,
  changed_by      text,
  changed_at      timestamptz NOT NULL DEFAULT now(),
  source_run_id   bigint REFERENCES import_run(id),
  source_ref      text,
  PRIMARY KEY (gemeente_code, offer_id),
  CHECK (age_to >= age_from),
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK (website IS NOT NULL OR phone IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX social_offer_valid ON social_offer (gemeente_code, valid_from, valid_to);

GRANT SELECT, INSERT, UPDATE, DELETE ON social_offer TO zicht_app;
ALTER TABLE social_offer ENABLE ROW LEVEL SECURITY;
CREATE POLICY social_offer_by_gemeente ON social_offer USING (zicht_scope_allows(gemeente_code))
  WITH CHECK (zicht_scope_allows(gemeente_code));
`;
