/**
 * Goals with their derived status, shared by the Doelen route, the reports and the headline view.
 * The status is never stored: it is computed from the indicator's last four half-years with the
 * rule in indicators/goals.ts, and the numbers behind it are returned with it.
 */
import { formatPeriod, lastCompletePeriod, periodOf, shiftPeriod, type Period } from '../domain/periods.js';
import { findIndicator } from '../indicators/catalogue.js';
import { dataEnd, isHeadlineRow } from '../indicators/sql.js';
import {
  evaluateGoal,
  goalMeasure,
  GOAL_RULE_NL,
  type GoalEvaluation,
  type GoalMeasure,
  type GoalSplit,
} from '../indicators/goals.js';
import type { Sql } from '../store/sql.js';
import { applyDisclosureControl } from './disclosure.js';
import type { LensHolder } from './lensHolder.js';

export interface GoalRow {
  id: number;
  gemeente_code: string;
  indicator_id: string;
  title: string;
  target_value: number;
  baseline_value: number | null;
  baseline_period: string | null;
  deadline: string;
  owner: string | null;
  /** the split the goal is measured on (e.g. statistiek / binnen_norm); null = the headline figure */
  split_by: string | null;
  split_key: string | null;
}

const halfIndex = (p: Period) => p.year * 2 + p.index - 1;

export interface EvaluatedGoal {
  id: number;
  gemeente: string;
  indicator: string;
  title: string;
  target: number;
  baseline: number | null;
  baselinePeriod: string | null;
  deadline: string;
  owner: string | null;
  series: Array<{ period: string; value: number | null }>;
  evaluation: GoalEvaluation;
  rule: string;
  split: GoalSplit | null;
  /** what the goal is measured with (indicator and split), its unit and direction */
  measure: GoalMeasure;
}

/**
 * Goals with their series and status. `published`: for roles under disclosure control (and external
 * reports) the series and the status are computed from the published rows (app/disclosure.ts):
 * a goal's value from the exact counts at one decimal would pin the counts as a split's shares did
 * (red team F1), and the trend fitted on exact values would carry them too.
 */
/**
 * The goals as they stood at the end of `day` (a peildatum): on a day before `today` from the lens as of that day (the
 * data known then, as a report for a past period has them), else from all data known now.
 */
export function evaluateGoalsOn(
  lens: LensHolder,
  rows: GoalRow[],
  day: string,
  today: string,
  published = false,
): Promise<EvaluatedGoal[]> {
  return evaluateGoals(day < today ? lens.asOf(day) : lens, rows, published);
}

export async function evaluateGoals(lens: LensHolder, rows: GoalRow[], published = false): Promise<EvaluatedGoal[]> {
  const last = lastCompletePeriod('half', await lens.cached('dataEnd', (l) => dataEnd(l)));
  const periods = [-3, -2, -1, 0].map((s) => shiftPeriod(last, s));
  const out: EvaluatedGoal[] = [];
  for (const g of rows) {
    const split: GoalSplit | null = g.split_by && g.split_key ? { by: g.split_by, key: g.split_key } : null;
    const def = findIndicator(g.indicator_id)?.definition;
    const measure = def
      ? goalMeasure(def, split)
      : { unit: 'aantal', direction: 'neutraal' as const, nl: g.indicator_id, en: g.indicator_id };
    const exact = await lens.rows(g.indicator_id, periods, [g.gemeente_code], split?.by);
    const values = published ? applyDisclosureControl(exact) : exact;
    const pick = (r: { by: string | null; key: string | null }) =>
      split ? r.by === split.by && r.key === split.key : isHeadlineRow(r);
    const series = periods.map((p) => ({
      period: formatPeriod(p),
      value: values.find((r) => r.period === formatPeriod(p) && pick(r))?.value ?? null,
    }));
    const points = series.flatMap((s, i) => (s.value === null ? [] : [{ t: halfIndex(periods[i]!), value: s.value }]));
    const target = Number(g.target_value);
    const baseline = g.baseline_value === null ? (points[0]?.value ?? target) : Number(g.baseline_value);
    const evaluation = evaluateGoal({
      points,
      target,
      baseline,
      deadline: halfIndex(periodOf('half', g.deadline)),
      direction: measure.direction,
    });
    out.push({
      id: g.id,
      gemeente: g.gemeente_code,
      indicator: g.indicator_id,
      title: g.title,
      target,
      baseline: g.baseline_value === null ? null : Number(g.baseline_value),
      baselinePeriod: g.baseline_period,
      deadline: g.deadline,
      owner: g.owner,
      series,
      evaluation,
      rule: GOAL_RULE_NL,
      split,
      measure,
    });
  }
  return out;
}

export function loadGoals(sql: Sql, gemeenten: readonly string[]): Promise<GoalRow[]> {
  return sql.query<GoalRow>(
    `SELECT id::int AS id, gemeente_code, indicator_id, title, target_value::float8 AS target_value, baseline_value::float8 AS baseline_value,
            baseline_period, to_char(deadline, 'YYYY-MM-DD') AS deadline, owner, split_by, split_key
       FROM goal WHERE gemeente_code = ANY($1) ORDER BY gemeente_code, deadline, id`,
    [[...gemeenten]],
  );
}

/** A goal as it is recorded (checked by the caller: server/routes/goals.ts goalRecord). */
export interface NewGoal {
  readonly gemeente: string;
  readonly indicator: string;
  readonly title: string;
  readonly target: number;
  readonly baseline: number | null;
  readonly baselinePeriod: string | null;
  readonly deadline: string;
  readonly owner: string | null;
  readonly splitBy: string | null;
  readonly splitKey: string | null;
}

/** Records a goal in the caller's scope; the Doelen route and the pilot register (a pilot's new goals) use it. */
export async function insertGoal(sql: Sql, g: NewGoal): Promise<number> {
  const [row] = await sql.query<{ id: number }>(
    `INSERT INTO goal (gemeente_code, indicator_id, title, target_value, baseline_value, baseline_period, deadline, owner, split_by, split_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id::int AS id`,
    [
      g.gemeente,
      g.indicator,
      g.title,
      g.target,
      g.baseline,
      g.baselinePeriod,
      g.deadline,
      g.owner,
      g.splitBy,
      g.splitKey,
    ],
  );
  return row!.id;
}
