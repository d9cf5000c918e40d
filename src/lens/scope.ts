/**
 * A lens narrowed to one team: temporary views with the names of the lens tables shadow them for
 * one connection, so every indicator computes team figures with its own, unchanged SQL. The team
 * is the team of the trajectory (as registered by the toegang); the team's population is that of
 * the wijken its youths live in (per wijk the team most of them belong to). Figures without a team
 * meaning (budget, inhabitants) are left empty, so they show as "no denominator" rather than as
 * the whole gemeente's.
 */
import { effectiveColumns } from './tables.js';
import { YOUTH_BAND } from '../domain/population.js';
export interface TeamScope {
  readonly gemeente: string;
  readonly team: string;
}

const text = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The statements that narrow the lens (catalogue `lens`, the file name) to the team. */
export function teamViews(scope: TeamScope, prefix = ''): string[] {
  if (!/^\d{4}$/.test(scope.gemeente)) throw new Error(`invalid gemeente code ${scope.gemeente}`);
  const g = text(scope.gemeente);
  const t = text(scope.team);
  const L = 'lens.main';
  const ids = `SELECT trajectory_id FROM ${L}.trajectory WHERE gemeente_code = ${g} AND team_code = ${t}`;
  const wijken = `SELECT wijk_code FROM (SELECT wijk_code, mode(team_code) AS team FROM ${L}.youth WHERE gemeente_code = ${g} AND wijk_code IS NOT NULL GROUP BY 1) WHERE team = ${t}`;
  return [
    `CREATE OR REPLACE TEMP VIEW ${prefix}trajectory AS SELECT * FROM ${L}.trajectory WHERE gemeente_code = ${g} AND team_code = ${t}`,
    `CREATE OR REPLACE TEMP VIEW ${prefix}traj AS SELECT * FROM ${L}.traj WHERE gemeente_code = ${g} AND team_code = ${t}`,
    `CREATE OR REPLACE TEMP VIEW ${prefix}traj_withdrawn AS SELECT * FROM ${L}.traj_withdrawn WHERE gemeente_code = ${g} AND team_code = ${t}`,
    `CREATE OR REPLACE TEMP VIEW ${prefix}claim_line AS SELECT * FROM ${L}.claim_line WHERE gemeente_code = ${g} AND trajectory_id IN (${ids})`,
    // the youths of the team's trajectories and of its basic-support episodes (a youth with basishulp only keeps the
    // birth month youth_segments reads its age from)
    `CREATE OR REPLACE TEMP VIEW ${prefix}youth AS SELECT * FROM ${L}.youth WHERE gemeente_code = ${g} AND (pseudonym IN (SELECT youth_pseudonym FROM ${L}.trajectory WHERE gemeente_code = ${g} AND team_code = ${t}) OR pseudonym IN (SELECT youth_pseudonym FROM ${L}.basic_support_episode WHERE gemeente_code = ${g} AND team_code = ${t}))`,
    `CREATE OR REPLACE TEMP VIEW ${prefix}basic_support_episode AS SELECT * FROM ${L}.basic_support_episode WHERE gemeente_code = ${g} AND team_code = ${t}`,
    `CREATE OR REPLACE TEMP VIEW ${prefix}ijw_event AS SELECT * FROM ${L}.ijw_event WHERE gemeente_code = ${g} AND allocation_number IN (SELECT allocation_number FROM ${L}.trajectory WHERE gemeente_code = ${g} AND team_code = ${t} AND allocation_number IS NOT NULL)`,
    `CREATE OR REPLACE TEMP VIEW ${prefix}satisfaction AS SELECT * FROM ${L}.satisfaction WHERE gemeente_code = ${g} AND trajectory_id IN (${ids})`,
    `CREATE OR REPLACE TEMP VIEW ${prefix}gemeente AS SELECT * FROM ${L}.gemeente WHERE code = ${g}`,
    // the gemeente's contracts are the team's frame; of the money only what was paid for the team's trajectories
    // (a lump sum has no team)
    `CREATE OR REPLACE TEMP VIEW ${prefix}contract AS SELECT * FROM ${L}.contract WHERE gemeente_code = ${g}`,
    `CREATE OR REPLACE TEMP VIEW ${prefix}contract_tranche AS SELECT * FROM ${L}.contract_tranche WHERE gemeente_code = ${g}`,
    `CREATE OR REPLACE TEMP VIEW ${prefix}contract_tariff AS SELECT * FROM ${L}.contract_tariff WHERE gemeente_code = ${g}`,
    `CREATE OR REPLACE TEMP VIEW ${prefix}payment AS SELECT * FROM ${L}.payment WHERE gemeente_code = ${g} AND trajectory_id IN (${ids})`,
    // the rows of the team's wijken
    `CREATE OR REPLACE TEMP VIEW ${prefix}population AS
       SELECT * FROM ${L}.population WHERE gemeente_code = ${g} AND wijk_code IN (${wijken})`,
    // the team's wijken, and as the team's 0–17 population (the row without wijk) their sum, when every one of them
    // has one (a part of the youths would raise every percentage); inhabitants: none
    `CREATE OR REPLACE TEMP VIEW ${prefix}population_band AS
       SELECT * FROM ${L}.population_band WHERE gemeente_code = ${g} AND wijk_code IN (${wijken})
       UNION ALL
       SELECT band, gemeente_code, '' AS wijk_code, year, CAST(sum(count) AS INTEGER) AS count
       FROM ${L}.population_band WHERE gemeente_code = ${g} AND wijk_code IN (${wijken}) AND band = ${text(YOUTH_BAND)}
       GROUP BY band, gemeente_code, year HAVING count(*) = (SELECT count(*) FROM (${wijken}))`,
    `CREATE OR REPLACE TEMP VIEW ${prefix}budget AS SELECT * FROM ${L}.budget WHERE FALSE`,
    // experience results are a provider's, measured over the gemeente: no team meaning, left empty like the budget;
    // a complaint counts for the team when it names one of the team's youths
    `CREATE OR REPLACE TEMP VIEW ${prefix}experience_result AS SELECT * FROM ${L}.experience_result WHERE FALSE`,
    `CREATE OR REPLACE TEMP VIEW ${prefix}complaint AS SELECT * FROM ${L}.complaint WHERE gemeente_code = ${g} AND youth_pseudonym IN (SELECT youth_pseudonym FROM ${L}.trajectory WHERE gemeente_code = ${g} AND team_code = ${t})`,
    // the evaluation moments of the team's trajectories; the rhythm is the gemeente's
    `CREATE OR REPLACE TEMP VIEW ${prefix}evaluation_moment AS SELECT * FROM ${L}.evaluation_moment WHERE gemeente_code = ${g} AND trajectory_id IN (${ids})`,
    `CREATE OR REPLACE TEMP VIEW ${prefix}evaluation_rhythm AS SELECT * FROM ${L}.evaluation_rhythm WHERE gemeente_code = ${g}`,
    // a liaison position is the gemeente's (it has no team): the team sees the positions, and reaches them through
    // its own basishulp episodes and trajectories
    `CREATE OR REPLACE TEMP VIEW ${prefix}liaison_position AS SELECT * FROM ${L}.liaison_position WHERE gemeente_code = ${g}`,
  ];
}

/** The tables teamViews shadows. */
export const TEAM_TABLES: readonly string[] = [
  'trajectory',
  'traj',
  'traj_withdrawn',
  'claim_line',
  'youth',
  'basic_support_episode',
  'ijw_event',
  'satisfaction',
  'gemeente',
  'population',
  'population_band',
  'budget',
  'contract',
  'contract_tranche',
  'contract_tariff',
  'payment',
  'experience_result',
  'complaint',
  'evaluation_moment',
  'evaluation_rhythm',
  'liaison_position',
];

/**
 * The lens as it stood at the end of a day (issue 14.11): a report for a past period is computed
 * from what was known on the period's last day, so loading later data does not change it.
 *  - per allocation the JW301 version valid on the date (the latest Toewijzingsdatum + Toewijzingstijd
 *    on or before it among the versions SENT by then; lens table `allocation_version`) gives the allocation date, Ingangsdatum,
 *    Einddatum and withdrawal: an allocation extended, shortened or withdrawn later is there as it
 *    was then. An allocation without a version on the date does not exist yet; a trajectory without
 *    any iJw version (the gemeente's own file) exists from its allocation date (else its start);
 *  - for a trajectory with iJw allocation versions, its start and stop are those of the JW305 and
 *    JW307 messages SENT on or before the date (lens table `care_event_version`), folded as the
 *    importer folds them (ingest/ijw/fold.ts: a logical key counts when it has more deliveries than
 *    StatusAanlevering 3 deletions sent by then; the earliest Begindatum, the latest Einddatum): a
 *    stop sent after the date with an Einddatum before it is not known yet (issue 14.11). The
 *    gemeente's own file has no send date: its start and stop count from their own dates;
 *  - a start or stop dated after it is not known yet: the start is the allocation's (flagged, as
 *    for a missing start message), the end the allocation's Einddatum or open;
 *  - claim lines for later product periods, JW323 claim lines SENT later (lens column
 *    `claim_line.sent_date`, the message's Dagtekening: a JW323 sent on 5 July about June is not in
 *    the June report as of 30 June; a line of the gemeente's own file gives its `ontvangstdatum` or, without one,
 *    is taken to arrive at the end of the month after its product period — the claim-lag convention of
 *    domain/claimLag.ts, so a month a report flags as not complete holds no own-file claims either, red team 7 F5),
 *    and iJw messages sent (or dated) later are left out;
 *  - a claim line whose last answer (JW325) was sent after the date has the status of the answer to its
 *    declaration sent last by then (lens table `claim_answer`), or is as submitted (`ingediend`) when none was;
 *  - a basic-support episode that ends later is still running.
 * The effective dates of `traj` are recomputed with the rules of lens/tables.ts. `source(t)` names
 * the relation to read (the lens table, or a team's view of it).
 * The three windows over all versions (asof_allocation, asof_care, asof_answer) are temporary tables, computed once
 * when the as-of lens opens: as views, every figure of a report computed them again through `traj` and `claim_line`
 * (the provider report on the region demo 13,4–14,5 s → 9,0–9,5 s, the monthly 8,0 → 4,6 s; docs/benchmarks.md).
 * They hold one row per allocation number and per declaration, not the trajectories themselves.
 */
export function asOfViews(date: string, source: (table: string) => string): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`invalid date ${date}`);
  const d = `DATE '${date}'`;
  const start = `CASE WHEN start_date <= ${d} THEN start_date END`;
  const end = `CASE WHEN end_date <= ${d} THEN end_date END`;
  const effStart = `coalesce(${start}, allocation_start, allocation_date)`;
  // the allocation columns of the version valid on the date; rows not known on the date left out
  // (the start and stop of an allocation with iJw versions: from the messages sent by the date)
  const versioned = (from: string) => {
    const pick = (c: string, a = 'v') => `CASE WHEN v.allocation_number IS NULL THEN t.${c} ELSE ${a}.${c} END AS ${c}`;
    const cols = [
      ...['allocation_date', 'allocation_start', 'allocation_end', 'withdrawn'].map((c) => pick(c)),
      ...['start_date', 'end_date', 'end_reason'].map((c) => pick(c, 'c')),
    ];
    return `SELECT t.* REPLACE (${cols.join(', ')})
      FROM ${from} t LEFT JOIN asof_allocation v ON v.gemeente_code = t.gemeente_code AND v.allocation_number = t.allocation_number
      LEFT JOIN asof_care c ON c.gemeente_code = t.gemeente_code AND c.allocation_number = t.allocation_number
      WHERE CASE WHEN v.allocation_number IS NULL THEN coalesce(t.allocation_date, t.start_date) <= ${d} ELSE v.valid END`;
  };
  return [
    // per allocation number: the version valid on the date, else (valid = false) one not valid yet
    // a version counts from its Toewijzingsdatum and only once its JW301 was sent (red team 4: an extension sent
    // later with an earlier Toewijzingsdatum changed a past report); ties as ingest/ijw/fold.ts breaks them
    `CREATE OR REPLACE TEMP TABLE asof_allocation AS
     SELECT gemeente_code, allocation_number, allocation_date, allocation_start, allocation_end, withdrawn,
            allocation_date <= ${d} AND coalesce(sent_date, allocation_date) <= ${d} AS valid
     FROM ${source('allocation_version')}
     QUALIFY row_number() OVER (PARTITION BY gemeente_code, allocation_number
                                ORDER BY allocation_date <= ${d} AND coalesce(sent_date, allocation_date) <= ${d} DESC,
                                         allocation_date DESC, coalesce(allocation_time, '00:00:00') DESC,
                                         sent_date DESC NULLS LAST, coalesce(allocation_end, DATE '9999-12-31') DESC,
                                         allocation_start DESC, withdrawn DESC) = 1`,
    // per allocation number: the start and stop known from the JW305/JW307 messages sent by the date
    `CREATE OR REPLACE TEMP TABLE asof_care AS
     WITH sent AS (SELECT * FROM ${source('care_event_version')} WHERE sent_date <= ${d}),
     live AS (SELECT gemeente_code, allocation_number, event_type, logical_key FROM sent GROUP BY ALL
              HAVING sum(CASE WHEN delivery_status = '3' THEN -1 ELSE 1 END) > 0),
     latest AS (SELECT s.* FROM sent s JOIN live k USING (gemeente_code, allocation_number, event_type, logical_key)
                WHERE s.delivery_status IS DISTINCT FROM '3'
                QUALIFY row_number() OVER (PARTITION BY s.gemeente_code, s.allocation_number, s.event_type, s.logical_key
                                           ORDER BY s.sent_date DESC, s.end_date DESC NULLS LAST, s.begin_date, s.end_reason) = 1)
     SELECT gemeente_code, allocation_number,
            min(begin_date) FILTER (WHERE event_type = 'start') AS start_date,
            max(end_date) FILTER (WHERE event_type = 'stop') AS end_date,
            (array_agg(end_reason ORDER BY end_date DESC NULLS LAST, end_reason) FILTER (WHERE event_type = 'stop'))[1] AS end_reason
     FROM latest GROUP BY gemeente_code, allocation_number`,
    `CREATE OR REPLACE TEMP VIEW trajectory AS SELECT * REPLACE (${start} AS start_date, ${end} AS end_date,
       CASE WHEN end_date <= ${d} THEN end_reason END AS end_reason, CASE WHEN end_date <= ${d} THEN goal_attainment END AS goal_attainment,
       (${start}) IS NULL AS dates_from_allocation)
     FROM (${versioned(source('trajectory'))})`,
    `CREATE OR REPLACE TEMP VIEW traj AS SELECT * REPLACE (${start} AS start_date, ${end} AS end_date,
       CASE WHEN end_date <= ${d} THEN end_reason END AS end_reason, CASE WHEN end_date <= ${d} THEN goal_attainment END AS goal_attainment,
       ${effectiveColumns(start, end)})
     FROM (${versioned(`(SELECT * FROM ${source('traj')} UNION ALL SELECT * FROM ${source('traj_withdrawn')})`)})
     WHERE NOT withdrawn AND ${effStart} IS NOT NULL`,
    // a JW323 line counts from the day it was sent; a line without a send date (the gemeente's own file, or
    // imported before send dates were kept) from the start of its product period
    // its status (toegekend, afgewezen) from the day the JW325 answer was sent; before that it is as submitted
    // a line answered last after the day has the status of the answer to its declaration sent last by then (red
    // team 5a: a second JW325 sent later rewrote the day's report), or none yet (ingediend)
    `CREATE OR REPLACE TEMP TABLE asof_answer AS
     SELECT gemeente_code, provider_agb, declaration_number, rejected FROM ${source('claim_answer')}
     WHERE sent_date <= ${d}
     QUALIFY row_number() OVER (PARTITION BY gemeente_code, provider_agb, declaration_number ORDER BY sent_date DESC, id DESC) = 1`,
    // the trajectories in the lens that are not known on the date (usually few): a claim line of one has no youth
    // yet, as a join of the lines with the trajectories known on the date gave none (claim_youth, lens/tables.ts)
    `CREATE OR REPLACE TEMP TABLE asof_unknown_trajectory AS
     SELECT t.gemeente_code, t.trajectory_id FROM ${source('trajectory')} t
     ANTI JOIN trajectory k ON k.gemeente_code = t.gemeente_code AND k.trajectory_id = t.trajectory_id`,
    `CREATE OR REPLACE TEMP VIEW claim_line AS
     SELECT c.* REPLACE (CASE WHEN c.status_date IS NULL OR c.status_date <= ${d} THEN c.status
                              WHEN a.declaration_number IS NULL THEN 'ingediend'
                              WHEN list_contains(string_split(a.rejected, '|'), c.claim_id) THEN 'afgewezen'
                              ELSE 'toegekend' END AS status,
                         CASE WHEN u.trajectory_id IS NULL THEN c.claim_youth END AS claim_youth)
     FROM ${source('claim_line')} c
     LEFT JOIN asof_answer a ON a.gemeente_code = c.gemeente_code AND a.provider_agb = c.provider_agb
                            AND a.declaration_number = c.declaration_number
     LEFT JOIN asof_unknown_trajectory u ON u.gemeente_code = c.gemeente_code AND u.trajectory_id = c.trajectory_id
     WHERE coalesce(c.sent_date, last_day(c.period_start + INTERVAL 1 MONTH)) <= ${d} AND c.period_start <= ${d}`,
    `CREATE OR REPLACE TEMP VIEW ijw_event AS SELECT * FROM ${source('ijw_event')}
     WHERE coalesce(sent_date, event_date) <= ${d} AND (event_date IS NULL OR event_date <= ${d})`,
    // a complaint is known from its date; an experience result once its survey period is over (it is reported after)
    `CREATE OR REPLACE TEMP VIEW complaint AS SELECT * FROM ${source('complaint')} WHERE complaint_date <= ${d}`,
    `CREATE OR REPLACE TEMP VIEW experience_result AS SELECT * FROM ${source('experience_result')} WHERE period_end <= ${d}`,
    // an evaluation is known as held from its held date; its plan stands (the rhythm is today's setting)
    `CREATE OR REPLACE TEMP VIEW evaluation_moment AS SELECT * REPLACE (CASE WHEN held_date <= ${d} THEN held_date END AS held_date,
       CASE WHEN held_date <= ${d} THEN outcome END AS outcome, CASE WHEN held_date <= ${d} THEN held_by END AS held_by)
     FROM ${source('evaluation_moment')}`,
    // a liaison position is known from its start; its end only once it has passed
    `CREATE OR REPLACE TEMP VIEW liaison_position AS SELECT * REPLACE (CASE WHEN end_date <= ${d} THEN end_date END AS end_date)
     FROM ${source('liaison_position')} WHERE start_date <= ${d}`,
    // a payment counts from the start of the period it was paid for
    `CREATE OR REPLACE TEMP VIEW payment AS SELECT * FROM ${source('payment')} WHERE period_start <= ${d}`,
    `CREATE OR REPLACE TEMP VIEW basic_support_episode AS SELECT * REPLACE (CASE WHEN end_date <= ${d} THEN end_date END AS end_date)
     FROM ${source('basic_support_episode')} WHERE start_date <= ${d}`,
  ];
}
