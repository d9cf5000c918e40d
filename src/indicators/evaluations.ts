/**
 * Light follow-up after referral (issue 21): evaluation_timeliness, the share of due evaluation moments held on
 * time, with the late and overdue ones beside it (split `stand`). Definition: docs/indicators.md, "Evaluaties na
 * verwijzing"; the rule and the rhythm: domain/evaluations.ts (stated here once more in SQL, and once more by hand
 * in testing/reference/evaluationReference.ts).
 *
 * The moments of a trajectory (not withdrawn, with an actual start) are those recorded (evaluaties.csv or entered on
 * the page) and planned on or before its end, and — when the gemeente stored a rhythm — those derived from it:
 * anchor + k × rhythm months (k = 1, 2, …, DuckDB's month arithmetic clamps to the month's last day as addMonths
 * does), up to the trajectory's end and the reference day, where the anchor is the start when nothing is recorded,
 * else the held date of the last recorded moment; after a recorded moment not held, nothing is derived.
 *
 * A moment is due on its deadline, planned + 14 days, and counts in the period that holds its deadline, when the
 * deadline is on or before the reference day (the period's end, or the data's last day when that is earlier). At the
 * end of that day it is op tijd (held on or before the deadline), te laat (held after it, by the reference day) or
 * achterstallig (not held by then).
 */
import { sql, dateValue, type Sql } from '../lens/sql.js';
import { ON_TIME_DAYS } from '../domain/evaluations.js';
import { periodEnd, periodStart } from '../domain/periods.js';
import { gemeenteFilter, pct } from './sql.js';
import { defineIndicator, type Ctx } from './kernel.js';

/** The keys of the split `stand`, in the order shown. */
export const EVALUATION_STATUS_KEYS = ['op_tijd', 'te_laat', 'achterstallig'] as const;

/** Every due moment in the period with its team, category, origin and status (one row per moment). */
export function dueMoments(ctx: Pick<Ctx, 'q' | 'last'>): Sql {
  const start = periodStart(ctx.q.period);
  const end = periodEnd(ctx.q.period);
  const refDay = ctx.last !== null && ctx.last < end ? ctx.last : end;
  const pstart = dateValue(start);
  const ref = dateValue(refDay);
  const days = sql`${ON_TIME_DAYS}::INTEGER`;
  return sql`
    WITH tr AS (
      SELECT t.gemeente_code, t.trajectory_id, t.start_date, t.end_date, t.team_code, t.product_category,
             coalesce(rc.months, rk.months, rg.months) AS rhythm,
             CASE WHEN t.end_date IS NOT NULL AND t.end_date < ${ref} THEN t.end_date ELSE ${ref} END AS lim
      FROM traj t
      LEFT JOIN evaluation_rhythm rc ON rc.gemeente_code = t.gemeente_code AND rc.product_code <> ''
        AND rc.product_code = t.product_code
      LEFT JOIN evaluation_rhythm rk ON rk.gemeente_code = t.gemeente_code AND rk.product_code = ''
        AND rk.product_category <> '' AND rk.product_category = t.product_category
      LEFT JOIN evaluation_rhythm rg ON rg.gemeente_code = t.gemeente_code AND rg.product_code = ''
        AND rg.product_category = ''
      WHERE t.start_date IS NOT NULL AND ${gemeenteFilter(ctx.q, sql`t.gemeente_code`)}
    ),
    rec AS (
      SELECT m.gemeente_code, m.trajectory_id, m.planned_date, m.held_date
      FROM evaluation_moment m JOIN tr ON tr.gemeente_code = m.gemeente_code AND tr.trajectory_id = m.trajectory_id
      WHERE tr.end_date IS NULL OR m.planned_date <= tr.end_date
    ),
    last_rec AS (
      SELECT gemeente_code, trajectory_id, max(planned_date) AS last_planned FROM rec GROUP BY ALL
    ),
    anchored AS (
      SELECT tr.gemeente_code, tr.trajectory_id, tr.rhythm, tr.lim,
             CASE WHEN l.last_planned IS NULL THEN tr.start_date ELSE r.held_date END AS anchor
      FROM tr
      LEFT JOIN last_rec l ON l.gemeente_code = tr.gemeente_code AND l.trajectory_id = tr.trajectory_id
      LEFT JOIN rec r ON r.gemeente_code = l.gemeente_code AND r.trajectory_id = l.trajectory_id
        AND r.planned_date = l.last_planned
      WHERE tr.rhythm > 0
    ),
    steps AS (
      SELECT gemeente_code, trajectory_id, rhythm, lim, anchor,
             unnest(generate_series(1, CAST(date_diff('month', anchor, lim) // rhythm + 1 AS BIGINT))) AS k
      FROM anchored WHERE anchor IS NOT NULL AND anchor <= lim
    ),
    derived AS (
      SELECT gemeente_code, trajectory_id, CAST(anchor + to_months(CAST(k * rhythm AS INTEGER)) AS DATE) AS planned_date,
             lim
      FROM steps
    ),
    moments AS (
      SELECT gemeente_code, trajectory_id, planned_date, held_date, 'vastgelegd' AS origin FROM rec
      UNION ALL
      SELECT gemeente_code, trajectory_id, planned_date, CAST(NULL AS DATE), 'afgeleid' FROM derived
      WHERE planned_date <= lim
    )
    SELECT m.gemeente_code, m.trajectory_id, m.planned_date, m.origin,
           coalesce(tr.team_code, 'onbekend') AS team, tr.product_category,
           CASE WHEN m.held_date IS NOT NULL AND m.held_date <= m.planned_date + ${days} THEN 'op_tijd'
                WHEN m.held_date IS NOT NULL AND m.held_date <= ${ref} THEN 'te_laat'
                ELSE 'achterstallig' END AS status
    FROM moments m JOIN tr ON tr.gemeente_code = m.gemeente_code AND tr.trajectory_id = m.trajectory_id
    WHERE m.planned_date + ${days} >= ${pstart} AND m.planned_date + ${days} <= ${ref}`;
}

interface Cell {
  gemeente_code: string;
  k: string | null;
  on_time: number;
  late: number;
  overdue: number;
  due: number;
}

export const evaluationTimeliness = defineIndicator<Cell>({
  definition: {
    id: 'evaluation_timeliness',
    nameNl: 'evaluaties op tijd',
    nameEn: 'evaluations on time',
    definitionNl: `Evaluatiemomenten die op tijd gehouden zijn ÷ evaluatiemomenten die in de periode verschenen × 100. Een moment verschijnt op zijn geplande datum + ${ON_TIME_DAYS} dagen en is op tijd gehouden als het uiterlijk dan gehouden is; niet gehouden is het achterstallig. Telt de vastgelegde momenten (evaluaties.csv of ingevoerd) en, als de gemeente een ritme heeft ingesteld, de momenten die uit het ritme volgen (standaard elke 3 maanden vanaf de start). Splitsing stand geeft op tijd, te laat en achterstallig; herkomst vastgelegd of afgeleid.`,
    definitionEn: `Evaluation moments held on time ÷ evaluation moments due in the period × 100. A moment is due on its planned date + ${ON_TIME_DAYS} days and on time when held by then; not held it is overdue. Counts the recorded moments (evaluaties.csv or entered) and, where the gemeente set a rhythm, the moments that follow from it (by default every 3 months from the start). Split stand gives on time, late and overdue; herkomst recorded or derived.`,
    unit: 'procent',
    direction: 'hoger_beter',
    sources: ['evaluaties', 'trajecten'],
    cbsNote: null,
  },
  dimensions: {
    team: sql`team`,
    productcategorie: sql`product_category`,
    stand: null,
    herkomst: sql`origin`,
  },
  query: (ctx) => {
    const key = ctx.by === 'stand' ? sql`NULL` : ctx.dim;
    return sql`
      SELECT gemeente_code, ${key} AS k,
             count(*) FILTER (WHERE status = 'op_tijd')::INTEGER AS on_time,
             count(*) FILTER (WHERE status = 'te_laat')::INTEGER AS late,
             count(*) FILTER (WHERE status = 'achterstallig')::INTEGER AS overdue,
             count(*)::INTEGER AS due
      FROM (${dueMoments(ctx)}) GROUP BY ALL ORDER BY 1, 2`;
  },
  toRows: (rows, ctx) =>
    ctx.by === 'stand'
      ? rows.flatMap((r) =>
          (
            [
              ['op_tijd', r.on_time],
              ['te_laat', r.late],
              ['achterstallig', r.overdue],
            ] as const
          ).map(([key, n]) => ({
            gemeente: r.gemeente_code,
            key,
            value: pct(n, r.due),
            numerator: n,
            denominator: r.due,
          })),
        )
      : rows.map((r) => ({
          gemeente: r.gemeente_code,
          key: r.k,
          value: pct(r.on_time, r.due),
          numerator: r.on_time,
          denominator: r.due,
        })),
});
