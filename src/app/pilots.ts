/**
 * The pilot and project register (issue 21) in the truth store (migration 31), read and written in the caller's scope
 * (withScope: the database keeps other gemeenten out). A pilot's goals are the goal register's own rows: their status
 * is derived by the goal rule (app/goals.ts evaluateGoals), never stored here, and the pilot's status "op koers" is
 * derived from those statuses and the evaluation moments by the rule in indicators/pilots.ts.
 */
import type { Sql } from '../store/sql.js';
import { UserError } from '../domain/errors.js';
import { centsToEuro } from '../domain/decimal.js';
import type { BudgetSource, EvaluationOutcome } from '../domain/pilots.js';
import {
  pilotStatus,
  pilotsOnTrack,
  PILOT_RULE_NL,
  type PilotStatus,
  type PilotsOnTrack,
} from '../indicators/pilots.js';
import type { EvaluatedGoal } from './goals.js';

export interface PilotEvaluation {
  readonly planned: string;
  readonly outcome: EvaluationOutcome | null;
  readonly decidedOn: string | null;
  readonly decision: string | null;
}

/** What is written: the pilot and its links (ids of the gemeente's goals, stories and business cases). */
export interface PilotInput {
  readonly gemeente: string;
  readonly name: string;
  readonly description: string | null;
  readonly budgetSource: BudgetSource;
  readonly budgetCents: number;
  readonly start: string;
  readonly end: string;
  readonly owner: string;
  readonly goalIds: readonly number[];
  readonly storyIds: readonly number[];
  readonly businessCaseIds: readonly number[];
  readonly evaluations: readonly PilotEvaluation[];
}

export interface PilotRecord extends Omit<PilotInput, 'budgetCents'> {
  readonly id: number;
  readonly budgetCents: number;
  readonly businessCases: ReadonlyArray<{ id: number; title: string }>;
}

interface PilotRow {
  id: number;
  gemeente_code: string;
  name: string;
  description: string | null;
  budget_source: BudgetSource;
  budget_cents: string | number;
  start_date: string;
  end_date: string;
  owner_team: string;
}

export async function loadPilots(sql: Sql, gemeenten: readonly string[], id?: number): Promise<PilotRecord[]> {
  const rows = await sql.query<PilotRow>(
    `SELECT id::int AS id, gemeente_code, name, description, budget_source, budget_cents::text AS budget_cents,
            to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date, owner_team
       FROM pilot WHERE gemeente_code = ANY($1) AND ($2::bigint IS NULL OR id = $2)
      ORDER BY gemeente_code, start_date, id`,
    [[...gemeenten], id ?? null],
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const goals = await sql.query<{ pilot_id: number; goal_id: number }>(
    'SELECT pilot_id::int AS pilot_id, goal_id::int AS goal_id FROM pilot_goal WHERE pilot_id = ANY($1) ORDER BY goal_id',
    [ids],
  );
  const stories = await sql.query<{ pilot_id: number; narrative_id: number }>(
    `SELECT pilot_id::int AS pilot_id, narrative_id::int AS narrative_id FROM pilot_story
      WHERE pilot_id = ANY($1) ORDER BY narrative_id`,
    [ids],
  );
  const cases = await sql.query<{ pilot_id: number; id: number; title: string }>(
    'SELECT pilot_id::int AS pilot_id, id::int AS id, title FROM business_case WHERE pilot_id = ANY($1) ORDER BY id',
    [ids],
  );
  const evaluations = await sql.query<{
    pilot_id: number;
    planned: string;
    outcome: EvaluationOutcome | null;
    decided_on: string | null;
    decision: string | null;
  }>(
    `SELECT pilot_id::int AS pilot_id, to_char(planned_date, 'YYYY-MM-DD') AS planned, outcome,
            to_char(decided_on, 'YYYY-MM-DD') AS decided_on, decision
       FROM pilot_evaluation WHERE pilot_id = ANY($1) ORDER BY planned_date`,
    [ids],
  );
  return rows.map((r) => ({
    id: r.id,
    gemeente: r.gemeente_code,
    name: r.name,
    description: r.description,
    budgetSource: r.budget_source,
    budgetCents: Number(r.budget_cents),
    start: r.start_date,
    end: r.end_date,
    owner: r.owner_team,
    goalIds: goals.filter((g) => g.pilot_id === r.id).map((g) => g.goal_id),
    storyIds: stories.filter((s) => s.pilot_id === r.id).map((s) => s.narrative_id),
    businessCaseIds: cases.filter((c) => c.pilot_id === r.id).map((c) => c.id),
    businessCases: cases.filter((c) => c.pilot_id === r.id).map((c) => ({ id: c.id, title: c.title })),
    evaluations: evaluations
      .filter((e) => e.pilot_id === r.id)
      .map((e) => ({ planned: e.planned, outcome: e.outcome, decidedOn: e.decided_on, decision: e.decision })),
  }));
}

/** Every linked id must be a row of the pilot's own gemeente that the caller can see: named in words when not. */
async function checkLinks(sql: Sql, p: PilotInput): Promise<void> {
  const missing = async (table: string, ids: readonly number[]) => {
    if (ids.length === 0) return [];
    const found = await sql.query<{ id: number }>(
      `SELECT id::int AS id FROM ${table} WHERE id = ANY($1) AND gemeente_code = $2`,
      [[...ids], p.gemeente],
    );
    return ids.filter((i) => !found.some((f) => f.id === i));
  };
  for (const [table, field, ids] of [
    ['goal', 'doelen', p.goalIds],
    ['narrative', 'verhalen', p.storyIds],
    ['business_case', 'businessCases', p.businessCaseIds],
  ] as const) {
    const gone = await missing(table, ids);
    if (gone.length > 0) throw new UserError('pilot_koppeling', { field, ids: gone.join(', '), gemeente: p.gemeente });
  }
}

async function writeLinks(sql: Sql, id: number, p: PilotInput): Promise<void> {
  await sql.query('DELETE FROM pilot_goal WHERE pilot_id = $1', [id]);
  await sql.query('DELETE FROM pilot_story WHERE pilot_id = $1', [id]);
  await sql.query('DELETE FROM pilot_evaluation WHERE pilot_id = $1', [id]);
  await sql.query('UPDATE business_case SET pilot_id = NULL WHERE pilot_id = $1', [id]);
  for (const g of new Set(p.goalIds))
    await sql.query('INSERT INTO pilot_goal (gemeente_code, pilot_id, goal_id) VALUES ($1, $2, $3)', [
      p.gemeente,
      id,
      g,
    ]);
  for (const s of new Set(p.storyIds))
    await sql.query('INSERT INTO pilot_story (gemeente_code, pilot_id, narrative_id) VALUES ($1, $2, $3)', [
      p.gemeente,
      id,
      s,
    ]);
  if (p.businessCaseIds.length > 0)
    await sql.query('UPDATE business_case SET pilot_id = $1 WHERE id = ANY($2) AND gemeente_code = $3', [
      id,
      [...p.businessCaseIds],
      p.gemeente,
    ]);
  for (const e of p.evaluations)
    await sql.query(
      `INSERT INTO pilot_evaluation (gemeente_code, pilot_id, planned_date, outcome, decided_on, decision)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [p.gemeente, id, e.planned, e.outcome, e.decidedOn, e.decision],
    );
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

export async function insertPilot(sql: Sql, p: PilotInput, createdBy: string): Promise<number> {
  await checkLinks(sql, p);
  const taken = await sql.query('SELECT 1 FROM pilot WHERE gemeente_code = $1 AND name = $2', [p.gemeente, p.name]);
  if (taken.length > 0) throw new UserError('pilot_bestaat', { name: p.name });
  const [r] = await sql
    .query<{ id: number }>(
      `INSERT INTO pilot (gemeente_code, name, description, budget_source, budget_cents, start_date, end_date, owner_team, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id::int AS id`,
      [p.gemeente, p.name, p.description, p.budgetSource, p.budgetCents, p.start, p.end, p.owner, createdBy],
    )
    .catch((e: unknown) => {
      throw isUniqueViolation(e) ? new UserError('pilot_bestaat', { name: p.name }) : e;
    });
  await writeLinks(sql, r!.id, p);
  return r!.id;
}

/** Replaces a pilot and its links; false when there is no such pilot in the caller's scope and gemeente. */
export async function updatePilot(sql: Sql, id: number, p: PilotInput): Promise<boolean> {
  const [row] = await sql.query<{ gemeente_code: string }>('SELECT gemeente_code FROM pilot WHERE id = $1', [id]);
  if (!row || row.gemeente_code !== p.gemeente) return false;
  await checkLinks(sql, p);
  const taken = await sql.query('SELECT 1 FROM pilot WHERE gemeente_code = $1 AND name = $2 AND id <> $3', [
    p.gemeente,
    p.name,
    id,
  ]);
  if (taken.length > 0) throw new UserError('pilot_bestaat', { name: p.name });
  await sql.query(
    `UPDATE pilot SET name = $2, description = $3, budget_source = $4, budget_cents = $5, start_date = $6, end_date = $7,
            owner_team = $8, updated_at = now() WHERE id = $1`,
    [id, p.name, p.description, p.budgetSource, p.budgetCents, p.start, p.end, p.owner],
  );
  await writeLinks(sql, id, p);
  return true;
}

export interface PilotView {
  readonly id: number;
  readonly gemeente: string;
  readonly name: string;
  readonly description: string | null;
  readonly budgetSource: BudgetSource;
  /** euros, two decimals */
  readonly budget: number;
  readonly start: string;
  readonly end: string;
  readonly owner: string;
  readonly goals: ReadonlyArray<EvaluatedGoal>;
  readonly evaluations: readonly PilotEvaluation[];
  readonly stories: ReadonlyArray<{ id: number; body: string; createdAt: string }>;
  readonly businessCases: ReadonlyArray<{ id: number; title: string }>;
  readonly status: PilotStatus;
}

export interface PilotRegister {
  readonly peildatum: string;
  readonly rule: string;
  /** pilots_on_track per gemeente in the answer */
  readonly summary: ReadonlyArray<{
    gemeente: string;
    runningPilots: number;
    pilotsOnTrack: number;
    /** percentage, one decimal; null without running pilots */
    sharePilotsOnTrack: number | null;
  }>;
  readonly pilots: readonly PilotView[];
}

/**
 * The register's answer: each pilot with its goals as the goal register evaluates them for this caller (only the
 * goals it may see; published for a role under disclosure control, as on the Doelen page), its visible stories, and
 * its status on the day; and per gemeente the count and share of running pilots on track (pilots_on_track).
 */
export function pilotRegister(
  pilots: readonly PilotRecord[],
  goals: readonly EvaluatedGoal[],
  stories: ReadonlyArray<{ id: number; body: string; createdAt: string }>,
  day: string,
  gemeenten: readonly string[],
): PilotRegister {
  const views: PilotView[] = pilots.map((p) => {
    const own = p.goalIds.flatMap((g) => goals.filter((x) => x.id === g));
    const status = pilotStatus(
      {
        start: p.start,
        end: p.end,
        evaluations: p.evaluations,
        goals: own.map((g) => ({ title: g.title, status: g.evaluation.status })),
      },
      day,
    );
    return {
      id: p.id,
      gemeente: p.gemeente,
      name: p.name,
      description: p.description,
      budgetSource: p.budgetSource,
      budget: centsToEuro(p.budgetCents),
      start: p.start,
      end: p.end,
      owner: p.owner,
      goals: own,
      evaluations: p.evaluations,
      stories: p.storyIds.flatMap((s) => stories.filter((x) => x.id === s)),
      businessCases: p.businessCases,
      status,
    };
  });
  const summary = gemeenten.map((g) => {
    const f: PilotsOnTrack = pilotsOnTrack(
      views
        .filter((v) => v.gemeente === g)
        .map((v) => ({
          start: v.start,
          end: v.end,
          evaluations: v.evaluations,
          goals: v.goals.map((x) => ({ title: x.title, status: x.evaluation.status })),
        })),
      day,
    );
    return { gemeente: g, runningPilots: f.running, pilotsOnTrack: f.onTrack, sharePilotsOnTrack: f.share };
  });
  return { peildatum: day, rule: PILOT_RULE_NL, summary, pilots: views };
}
