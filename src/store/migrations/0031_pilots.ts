/**
 * Migration 31 (issue 21, the pilot and project register): pilots with their budget source, budget and horizon, the
 * goals they are measured by (links to the existing `goal` rows, whose status stays derived), evaluation moments with
 * their outcome, stories as evidence (links to `narrative`), and a business case's pilot. Ordinary tenant tables:
 * `gemeente_code` with the policy `zicht_scope_allows(gemeente_code)`. The links carry the gemeente in their foreign
 * keys, so a pilot of one gemeente cannot link a goal, story or business case of another, whatever the caller's scope.
 * The CHECKs repeat the vocabulary of domain/pilots.ts. A pilot read from a CSV keeps its lineage (source_run_id,
 * source_ref) as the canonical records do; one entered on the page has none.
 */
import { BUDGET_SOURCES, EVALUATION_OUTCOMES, PILOT_LIMITS } from '../../domain/pilots.js';

export const name = 'pilots';

const list = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(',');

export const sql = `
ALTER TABLE goal ADD CONSTRAINT goal_id_gemeente UNIQUE (id, gemeente_code);
ALTER TABLE narrative ADD CONSTRAINT narrative_id_gemeente UNIQUE (id, gemeente_code);

CREATE TABLE pilot (
  id             bigserial PRIMARY KEY,
  gemeente_code  text NOT NULL REFERENCES gemeente(code),
  name           text NOT NULL CHECK (length(name) BETWEEN 3 AND ${PILOT_LIMITS.name}),
  description    text CHECK (length(description) <= ${PILOT_LIMITS.description}),
  budget_source  text NOT NULL CHECK (budget_source IN (${list(BUDGET_SOURCES)})),
  budget_cents   bigint NOT NULL CHECK (budget_cents >= 0),
  start_date     date NOT NULL,
  end_date       date NOT NULL,
  -- a role or team, never a person's name
  owner_team     text NOT NULL CHECK (length(owner_team) BETWEEN 2 AND ${PILOT_LIMITS.owner}),
  created_by     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz,
  source_run_id  bigint REFERENCES import_run(id),
  source_ref     text,
  UNIQUE (gemeente_code, name),
  UNIQUE (id, gemeente_code),
  CHECK (end_date > start_date)
);

CREATE TABLE pilot_goal (
  gemeente_code text NOT NULL,
  pilot_id      bigint NOT NULL,
  goal_id       bigint NOT NULL,
  PRIMARY KEY (pilot_id, goal_id),
  FOREIGN KEY (pilot_id, gemeente_code) REFERENCES pilot (id, gemeente_code) ON DELETE CASCADE,
  FOREIGN KEY (goal_id, gemeente_code) REFERENCES goal (id, gemeente_code) ON DELETE CASCADE
);

CREATE TABLE pilot_evaluation (
  id            bigserial PRIMARY KEY,
  gemeente_code text NOT NULL,
  pilot_id      bigint NOT NULL,
  planned_date  date NOT NULL,
  outcome       text CHECK (outcome IN (${list(EVALUATION_OUTCOMES)})),
  decided_on    date,
  decision      text CHECK (length(decision) <= ${PILOT_LIMITS.decision}),
  FOREIGN KEY (pilot_id, gemeente_code) REFERENCES pilot (id, gemeente_code) ON DELETE CASCADE,
  UNIQUE (pilot_id, planned_date),
  -- an outcome is decided on a day; a decision text belongs to an outcome
  CHECK ((outcome IS NULL) = (decided_on IS NULL)),
  CHECK (decision IS NULL OR outcome IS NOT NULL)
);

CREATE TABLE pilot_story (
  gemeente_code text NOT NULL,
  pilot_id      bigint NOT NULL,
  narrative_id  bigint NOT NULL,
  PRIMARY KEY (pilot_id, narrative_id),
  FOREIGN KEY (pilot_id, gemeente_code) REFERENCES pilot (id, gemeente_code) ON DELETE CASCADE,
  FOREIGN KEY (narrative_id, gemeente_code) REFERENCES narrative (id, gemeente_code) ON DELETE CASCADE
);

ALTER TABLE business_case ADD COLUMN pilot_id bigint;
ALTER TABLE business_case ADD CONSTRAINT business_case_pilot
  FOREIGN KEY (pilot_id, gemeente_code) REFERENCES pilot (id, gemeente_code);

${['pilot', 'pilot_goal', 'pilot_evaluation', 'pilot_story']
  .map(
    (t) => `GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO zicht_app;
ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY ${t}_by_gemeente ON ${t} USING (zicht_scope_allows(gemeente_code)) WITH CHECK (zicht_scope_allows(gemeente_code));`,
  )
  .join('\n')}
GRANT USAGE ON SEQUENCE pilot_id_seq TO zicht_app;
GRANT USAGE ON SEQUENCE pilot_evaluation_id_seq TO zicht_app;
`;
