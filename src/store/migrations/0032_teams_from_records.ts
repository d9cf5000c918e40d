/**
 * Migration 32 (red team 28): the teams the gemeente's own files name. `trajecten.csv` and `basishulp.csv` carry a
 * team per record (`team_code`), but only the demo filled the `team` table, which team reports, team scopes and user
 * accounts look a team up in: a gemeente that loaded its own files had "(geen teams)". The import now registers the
 * teams it reads (ingest/csv/recordTypes.ts); this fills them in for data loaded before, code and name both the
 * text of the file, as the demo does.
 */
export const name = 'teams_from_records';

export const sql = `
INSERT INTO team (gemeente_code, code, name)
SELECT DISTINCT gemeente_code, team_code, team_code FROM (
  SELECT gemeente_code, team_code FROM trajectory WHERE team_code IS NOT NULL AND team_code <> ''
  UNION SELECT gemeente_code, team_code FROM basic_support_episode WHERE team_code IS NOT NULL AND team_code <> ''
) t
ON CONFLICT DO NOTHING;
`;
