/**
 * A lens narrowed to one team: temporary views with the names of the lens tables shadow them for
 * one connection, so every indicator computes team figures with its own, unchanged SQL. The team
 * is the team of the trajectory (as registered by the toegang); the team's population is that of
 * the wijken its youths live in (per wijk the team most of them belong to). Figures without a team
 * meaning (budget, inhabitants) are left empty, so they show as "no denominator" rather than as
 * the whole gemeente's.
 */
export interface TeamScope {
  readonly gemeente: string;
  readonly team: string;
}

const text = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The statements that narrow the lens (catalogue `lens`, the file name) to the team. */
export function teamViews(scope: TeamScope): string[] {
  if (!/^\d{4}$/.test(scope.gemeente)) throw new Error(`invalid gemeente code ${scope.gemeente}`);
  const g = text(scope.gemeente);
  const t = text(scope.team);
  const L = 'lens.main';
  const ids = `SELECT trajectory_id FROM ${L}.trajectory WHERE gemeente_code = ${g} AND team_code = ${t}`;
  const wijken = `SELECT wijk_code FROM (SELECT wijk_code, mode(team_code) AS team FROM ${L}.youth WHERE gemeente_code = ${g} AND wijk_code IS NOT NULL GROUP BY 1) WHERE team = ${t}`;
  return [
    `CREATE OR REPLACE TEMP VIEW trajectory AS SELECT * FROM ${L}.trajectory WHERE gemeente_code = ${g} AND team_code = ${t}`,
    `CREATE OR REPLACE TEMP VIEW traj AS SELECT * FROM ${L}.traj WHERE gemeente_code = ${g} AND team_code = ${t}`,
    `CREATE OR REPLACE TEMP VIEW claim_line AS SELECT * FROM ${L}.claim_line WHERE gemeente_code = ${g} AND trajectory_id IN (${ids})`,
    `CREATE OR REPLACE TEMP VIEW youth AS SELECT * FROM ${L}.youth WHERE gemeente_code = ${g} AND pseudonym IN (SELECT youth_pseudonym FROM ${L}.trajectory WHERE gemeente_code = ${g} AND team_code = ${t})`,
    `CREATE OR REPLACE TEMP VIEW basic_support_episode AS SELECT * FROM ${L}.basic_support_episode WHERE gemeente_code = ${g} AND team_code = ${t}`,
    `CREATE OR REPLACE TEMP VIEW ijw_event AS SELECT * FROM ${L}.ijw_event WHERE gemeente_code = ${g} AND allocation_number IN (SELECT allocation_number FROM ${L}.trajectory WHERE gemeente_code = ${g} AND team_code = ${t} AND allocation_number IS NOT NULL)`,
    `CREATE OR REPLACE TEMP VIEW satisfaction AS SELECT * FROM ${L}.satisfaction WHERE gemeente_code = ${g} AND trajectory_id IN (${ids})`,
    `CREATE OR REPLACE TEMP VIEW gemeente AS SELECT * FROM ${L}.gemeente WHERE code = ${g}`,
    // the team's wijken, and the gemeente-level 0–17 row replaced by their sum (inhabitants: none)
    `CREATE OR REPLACE TEMP VIEW population AS
       SELECT * FROM ${L}.population WHERE gemeente_code = ${g} AND wijk_code IN (${wijken})
       UNION ALL
       SELECT gemeente_code, '' AS wijk_code, year, 0 AS age_from, 17 AS age_to, CAST(sum(count) AS INTEGER) AS count
       FROM ${L}.population WHERE gemeente_code = ${g} AND wijk_code IN (${wijken}) AND age_to <= 17 GROUP BY gemeente_code, year`,
    `CREATE OR REPLACE TEMP VIEW budget AS SELECT * FROM ${L}.budget WHERE FALSE`,
  ];
}
