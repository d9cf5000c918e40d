/**
 * Migration 29 (issue 21, light follow-up after referral): evaluation moments per trajectory (`evaluaties.csv` or
 * entered on the page) and the evaluation rhythm per gemeente, product category or product code (set by the
 * beheerder). Ordinary tenant tables: `gemeente_code` with the policy `zicht_scope_allows(gemeente_code)`; a moment
 * carries its lineage (the import run and line, or `invoer` for one entered on the page). The CHECKs repeat
 * domain/evaluations.ts: an outcome from the fixed list, an outcome only with a held date. Not a case file: there is no column for a note or a name.
 *
 * A moment belongs to its trajectory (foreign key, removed with it) and is narrowed like it: a team's session sees
 * and writes only the moments of its own team's trajectories, a provider's only those of its own clients.
 */
import { EVALUATION_OUTCOMES, RHYTHM_MAX_MONTHS } from '../../domain/evaluations.js';

export const name = 'evaluations';

const list = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(',');

export const sql = `
CREATE TABLE evaluation_moment (
  gemeente_code  text NOT NULL REFERENCES gemeente(code),
  trajectory_id  text NOT NULL,
  planned_date   date NOT NULL,
  held_date      date,
  outcome        text CHECK (outcome IN (${list(EVALUATION_OUTCOMES)})),
  -- a role of domain/evaluations.ts or a team code of the gemeente (checked at the door), never a name
  held_by        text CHECK (char_length(held_by) BETWEEN 1 AND 40),
  source_run_id  bigint REFERENCES import_run(id),
  source_ref     text,
  PRIMARY KEY (gemeente_code, trajectory_id, planned_date),
  FOREIGN KEY (gemeente_code, trajectory_id) REFERENCES trajectory (gemeente_code, trajectory_id) ON DELETE CASCADE,
  CHECK ((outcome IS NULL) = (held_date IS NULL))
);

CREATE TABLE evaluation_rhythm (
  gemeente_code    text NOT NULL REFERENCES gemeente(code),
  -- '' = every category / every code of the category
  product_category text NOT NULL DEFAULT '',
  product_code     text NOT NULL DEFAULT '',
  -- 0 = no evaluation moments for these products
  months           integer NOT NULL CHECK (months BETWEEN 0 AND ${RHYTHM_MAX_MONTHS}),
  changed_by       text,
  changed_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (gemeente_code, product_category, product_code),
  CHECK (product_code = '' OR product_category = '')
);

${['evaluation_moment', 'evaluation_rhythm']
  .map(
    (t) => `GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO zicht_app;
ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY ${t}_by_gemeente ON ${t} USING (zicht_scope_allows(gemeente_code)) WITH CHECK (zicht_scope_allows(gemeente_code));`,
  )
  .join('\n')}

CREATE POLICY evaluation_moment_by_trajectory ON evaluation_moment AS RESTRICTIVE
  USING (EXISTS (SELECT 1 FROM trajectory t
                  WHERE t.gemeente_code = evaluation_moment.gemeente_code
                    AND t.trajectory_id = evaluation_moment.trajectory_id
                    AND zicht_narrow_allows('zicht.team', t.team_code)
                    AND zicht_narrow_allows('zicht.provider', t.provider_agb)));
`;
