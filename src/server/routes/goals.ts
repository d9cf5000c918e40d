/**
 * Doelen: goals (indicator + gemeente + target + deadline + baseline) with their derived status.
 * The status is never stored: it is computed from the indicator's last four half-years with the
 * rule in indicators/goals.ts, and the numbers behind it are returned with it.
 */
import type { FastifyInstance } from 'fastify';
import { formatPeriod, lastCompletePeriod, parsePeriod, periodOf, shiftPeriod, type Period } from '../../domain/periods.js';
import { checkSplit, findIndicator } from '../../indicators/catalogue.js';
import { dataEnd, isHeadlineRow } from '../../indicators/sql.js';
import { evaluateGoal, goalMeasure, GOAL_RULE_NL, type GoalEvaluation, type GoalMeasure, type GoalSplit } from '../../indicators/goals.js';
import type { Sql } from '../../store/sql.js';
import { withScope } from '../../store/sql.js';
import { ApiError, type AppContext } from '../context.js';
import { needsDisclosureControl, storeScope } from '../access.js';
import { applyDisclosureControl } from '../../domain/disclosure.js';
import { indicatorAllowed, scopedGemeenten } from './indicators.js';
import type { LensHolder } from '../lensHolder.js';

export interface GoalRow {
  id: number; gemeente_code: string; indicator_id: string; title: string; target_value: number; baseline_value: number | null;
  baseline_period: string | null; deadline: string; owner: string | null;
  /** the split the goal is measured on (e.g. statistiek / binnen_norm); null = the headline figure */
  split_by: string | null; split_key: string | null;
}

const halfIndex = (p: Period) => p.year * 2 + p.index - 1;


export interface EvaluatedGoal {
  id: number; gemeente: string; indicator: string; title: string; target: number; baseline: number | null; baselinePeriod: string | null;
  deadline: string; owner: string | null; series: Array<{ period: string; value: number | null }>; evaluation: GoalEvaluation; rule: string;
  split: GoalSplit | null;
  /** what the goal is measured with (indicator and split), its unit and direction */
  measure: GoalMeasure;
}

/**
 * Goals with their series and status. `published`: for roles under disclosure control (and external
 * reports) the series and the status are computed from the published rows (domain/disclosure.ts):
 * a goal's value from the exact counts at one decimal would pin the counts as a split's shares did
 * (red team F1), and the trend fitted on exact values would carry them too.
 */
export async function evaluateGoals(lens: LensHolder, rows: GoalRow[], published = false): Promise<EvaluatedGoal[]> {
  const last = lastCompletePeriod('half', await lens.cached('dataEnd', (l) => dataEnd(l)));
  const periods = [-3, -2, -1, 0].map((s) => shiftPeriod(last, s));
  const out: EvaluatedGoal[] = [];
  for (const g of rows) {
    const split: GoalSplit | null = g.split_by && g.split_key ? { by: g.split_by, key: g.split_key } : null;
    const def = findIndicator(g.indicator_id)?.definition;
    const measure = def ? goalMeasure(def, split) : { unit: 'aantal', direction: 'neutraal' as const, nl: g.indicator_id, en: g.indicator_id };
    const exact = await lens.rows(g.indicator_id, periods, [g.gemeente_code], split?.by);
    const values = published ? applyDisclosureControl(exact) : exact;
    const pick = (r: { by: string | null; key: string | null }) => (split ? r.by === split.by && r.key === split.key : isHeadlineRow(r));
    const series = periods.map((p) => ({ period: formatPeriod(p), value: values.find((r) => r.period === formatPeriod(p) && pick(r))?.value ?? null }));
    const points = series.flatMap((s, i) => (s.value === null ? [] : [{ t: halfIndex(periods[i]!), value: s.value }]));
    const target = Number(g.target_value);
    const baseline = g.baseline_value === null ? (points[0]?.value ?? target) : Number(g.baseline_value);
    const evaluation = evaluateGoal({ points, target, baseline, deadline: halfIndex(periodOf('half', g.deadline)), direction: measure.direction });
    out.push({
      id: g.id, gemeente: g.gemeente_code, indicator: g.indicator_id, title: g.title, target, baseline: g.baseline_value === null ? null : Number(g.baseline_value),
      baselinePeriod: g.baseline_period, deadline: g.deadline, owner: g.owner, series, evaluation, rule: GOAL_RULE_NL, split, measure,
    });
  }
  return out;
}

export function loadGoals(sql: Sql, gemeenten: readonly string[]): Promise<GoalRow[]> {
  return sql.query<GoalRow>(
    `SELECT id::int AS id, gemeente_code, indicator_id, title, target_value::float8 AS target_value, baseline_value::float8 AS baseline_value,
            baseline_period, to_char(deadline, 'YYYY-MM-DD') AS deadline, owner, split_by, split_key
       FROM goal WHERE gemeente_code = ANY($1) ORDER BY gemeente_code, deadline, id`, [[...gemeenten]]);
}

export async function goalRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get<{ Querystring: { gemeente?: string } }>('/api/goals', {
    config: { action: 'aggregates' },
    schema: {
      tags: ['doelen'], summary: 'Doelen met hun status (op koers / aandacht / achter), berekend uit de laatste vier halfjaren',
      querystring: { type: 'object', additionalProperties: false, properties: { gemeente: { type: 'string', maxLength: 400 } } },
    },
  }, async (req) => {
    const p = req.principal!;
    const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
    const rows = await withScope(ctx.store, storeScope(p), (tx) => loadGoals(tx, gemeenten));
    const visible = rows.filter((g) => { const d = findIndicator(g.indicator_id)?.definition; return d !== undefined && indicatorAllowed(p, d); });
    return evaluateGoals(ctx.lens, visible, needsDisclosureControl(p));
  });

  api.post<{ Body: { gemeente: string; indicator: string; title: string; target: number; deadline: string; baseline?: number; baselinePeriod?: string; owner?: string; splitBy?: string; splitKey?: string } }>('/api/goals', {
    config: { action: 'narrative_write' },
    schema: {
      tags: ['doelen'], summary: 'Een doel vastleggen',
      body: {
        type: 'object', required: ['gemeente', 'indicator', 'title', 'target', 'deadline'], additionalProperties: false,
        properties: {
          gemeente: { type: 'string', pattern: '^[0-9]{4}$' }, indicator: { type: 'string', maxLength: 60 }, title: { type: 'string', minLength: 3, maxLength: 200 },
          target: { type: 'number' }, deadline: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }, baseline: { type: 'number' },
          baselinePeriod: { type: 'string', maxLength: 10 }, owner: { type: 'string', maxLength: 100 },
          splitBy: { type: 'string', maxLength: 40 }, splitKey: { type: 'string', maxLength: 60 },
        },
      },
    },
  }, async (req, reply) => {
    const p = req.principal!;
    const b = req.body;
    const ind = findIndicator(b.indicator);
    if (!ind || ind.definition.personLevel) throw new ApiError(400, 'onbekende_indicator', `Geen geschikte indicator: ${b.indicator}.`, `Not a usable indicator: ${b.indicator}.`);
    if (!indicatorAllowed(p, ind.definition)) throw new ApiError(403, 'geen_toegang', 'U mag deze indicator niet zien.', 'You may not see this indicator.');
    // a goal measured on a split: the same check as every other request for a split, and both halves or neither
    if ((b.splitBy === undefined) !== (b.splitKey === undefined)) {
      throw new ApiError(400, 'onvolledige_splitsing', 'Geef splitBy en splitKey samen, of geen van beide.', 'Give splitBy and splitKey together, or neither.');
    }
    const refused = checkSplit(ind.definition, b.splitBy);
    if (refused) throw new ApiError(400, refused.code, refused.nl, refused.en);
    const [gemeente] = await scopedGemeenten(req, ctx, b.gemeente);
    if (Number.isNaN(Date.parse(b.deadline))) throw new ApiError(400, 'ongeldige_datum', `Ongeldige deadline: ${b.deadline} (JJJJ-MM-DD).`, 'Invalid deadline.');
    if (b.baselinePeriod) parsePeriod(b.baselinePeriod);
    const [row] = await withScope(ctx.store, storeScope(p), (tx) => tx.query<{ id: number }>(
      `INSERT INTO goal (gemeente_code, indicator_id, title, target_value, baseline_value, baseline_period, deadline, owner, split_by, split_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id::int AS id`,
      [gemeente, ind.definition.id, b.title, b.target, b.baseline ?? null, b.baselinePeriod ?? null, b.deadline, b.owner ?? p.displayName,
        b.splitBy ?? null, b.splitKey ?? null]));
    reply.status(201);
    return { id: row!.id };
  });
}
