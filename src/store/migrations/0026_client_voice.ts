/**
 * Migration 26 (issue 20, the voice of clients): client-experience results per provider, product and period
 * (`ervaringen.csv`) and complaints with contacts of the vertrouwenspersoon (`klachten.csv`). Ordinary tenant tables:
 * `gemeente_code` with the policy `zicht_scope_allows(gemeente_code)`, lineage to the import run and the line. The
 * CHECKs repeat the vocabulary of domain/voice.ts, so a row the importer would refuse cannot get in another way.
 * An empty product or question is '' (not NULL), so it is part of the key and a re-read export updates its row.
 */
import { COMPLAINT_KINDS, COMPLAINT_OUTCOMES, COMPLAINT_THEMES, EXPERIENCE_THEMES } from '../../domain/voice.js';

export const name = 'client_voice';

const list = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(',');

export const sql = `
CREATE TABLE experience_result (
  gemeente_code    text NOT NULL REFERENCES gemeente(code),
  provider_agb     text NOT NULL,
  product_category text NOT NULL DEFAULT '',
  product_code     text NOT NULL DEFAULT '',
  -- the survey period as written (2025H1) and its first and last day
  period           text NOT NULL,
  period_start     date NOT NULL,
  period_end       date NOT NULL,
  theme            text NOT NULL CHECK (theme IN (${list(EXPERIENCE_THEMES)})),
  question         text NOT NULL DEFAULT '',
  -- mean mark 1–10 of the responses; none without responses
  score            numeric(4,2) CHECK (score BETWEEN 1 AND 10),
  responses        integer NOT NULL CHECK (responses >= 0),
  invitations      integer CHECK (invitations >= responses),
  -- responses with a mark of 7 or more
  positive         integer CHECK (positive >= 0 AND positive <= responses),
  source_run_id    bigint REFERENCES import_run(id),
  source_ref       text,
  PRIMARY KEY (gemeente_code, provider_agb, product_category, product_code, period, theme, question),
  CHECK (period_end >= period_start),
  CHECK ((score IS NULL) = (responses = 0))
);

CREATE TABLE complaint (
  gemeente_code   text NOT NULL REFERENCES gemeente(code),
  complaint_id    text NOT NULL,
  kind            text NOT NULL CHECK (kind IN (${list(COMPLAINT_KINDS)})),
  theme           text NOT NULL CHECK (theme IN (${list(COMPLAINT_THEMES)})),
  provider_agb    text,
  complaint_date  date NOT NULL,
  outcome         text CHECK (outcome IN (${list(COMPLAINT_OUTCOMES)})),
  youth_pseudonym text,
  source_run_id   bigint REFERENCES import_run(id),
  source_ref      text,
  PRIMARY KEY (gemeente_code, complaint_id)
);
CREATE INDEX complaint_date ON complaint (gemeente_code, complaint_date);

${['experience_result', 'complaint']
  .map(
    (t) => `GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO zicht_app;
ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY ${t}_by_gemeente ON ${t} USING (zicht_scope_allows(gemeente_code)) WITH CHECK (zicht_scope_allows(gemeente_code));`,
  )
  .join('\n')}

-- Narrowing below the gemeente (like migrations 6 and 20): a provider's session sees only its own experience results
-- and the complaints about it; a team's session sees no complaint tied to one youth (a complaint has no team).
CREATE POLICY experience_result_by_provider ON experience_result AS RESTRICTIVE
  USING (coalesce(current_setting('zicht.provider', true), '') = ''
         OR current_setting('zicht.provider', true) = provider_agb);
CREATE POLICY complaint_by_provider ON complaint AS RESTRICTIVE
  USING ((coalesce(current_setting('zicht.provider', true), '') = ''
          OR current_setting('zicht.provider', true) = provider_agb)
         AND (coalesce(current_setting('zicht.team', true), '') = '' OR youth_pseudonym IS NULL));
`;
