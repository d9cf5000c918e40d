/**
 * Pilots en projecten (issue 21, app/pilots.ts): the register read by every role that sees the gemeente's money
 * (budgets are amounts; bestuur included, as published), recorded and changed by the beheerder and the analist
 * (action `register`). A pilot's goals are the goal register's rows with their derived status; its status "op koers"
 * and the gemeente's pilots_on_track come from the rule in indicators/pilots.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { withScope, type Sql } from '../../store/sql.js';
import { evaluateGoalsOn, loadGoals } from '../../app/goals.js';
import { indicatorAllowed, needsDisclosureControl, storeScope, type Principal } from '../../app/access.js';
import { insertPilot, loadPilots, pilotRegister, updatePilot, type PilotInput } from '../../app/pilots.js';
import { findIndicator } from '../../indicators/catalogue.js';
import { UserError } from '../../domain/errors.js';
import { dutchToday, isIsoDate } from '../../domain/dates.js';
import { isWholeCents, toCents } from '../../domain/decimal.js';
import { personalDataHint } from '../../domain/personalData.js';
import {
  BUDGET_SOURCES,
  EVALUATION_OUTCOMES,
  MAX_BUDGET_CENTS,
  PILOT_LIMITS,
  type BudgetSource,
  type EvaluationOutcome,
} from '../../domain/pilots.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { ok, problemAnswer } from '../apiSchema.js';
import { scopedGemeenten } from './indicators.js';
import { GOAL_BODY, goalRecord, type GoalBody } from './goals.js';
import { insertGoal, type NewGoal } from '../../app/goals.js';

const DAY = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } as const;
const IDS = {
  type: 'array',
  maxItems: 50,
  items: { type: 'integer', minimum: 1, maximum: 9_007_199_254_740_991 },
} as const;
const ID_PARAMS = {
  type: 'object',
  required: ['nummer'],
  properties: { nummer: { type: 'integer', minimum: 1, maximum: 9_007_199_254_740_991 } },
} as const;

export interface PilotBody {
  gemeente: string;
  naam: string;
  omschrijving?: string;
  budgetbron: BudgetSource;
  budget: number;
  start: string;
  einde: string;
  eigenaar: string;
  doelen?: number[];
  /** goals recorded with the pilot, in its gemeente, checked as on the Doelen page */
  nieuweDoelen?: Array<Omit<GoalBody, 'gemeente'>>;
  verhalen?: number[];
  businessCases?: number[];
  evaluaties?: Array<{ gepland: string; uitkomst?: EvaluationOutcome; besloten?: string; besluit?: string }>;
}

const BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['gemeente', 'naam', 'budgetbron', 'budget', 'start', 'einde', 'eigenaar'],
  properties: {
    gemeente: { type: 'string', pattern: '^[0-9]{4}$' },
    naam: { type: 'string', minLength: 3, maxLength: PILOT_LIMITS.name },
    omschrijving: { type: 'string', maxLength: PILOT_LIMITS.description },
    budgetbron: { type: 'string', enum: [...BUDGET_SOURCES] },
    budget: { type: 'number', minimum: 0, maximum: MAX_BUDGET_CENTS / 100 },
    start: DAY,
    einde: DAY,
    eigenaar: { type: 'string', minLength: 2, maxLength: PILOT_LIMITS.owner },
    doelen: IDS,
    nieuweDoelen: {
      type: 'array',
      maxItems: 10,
      items: {
        ...GOAL_BODY,
        required: GOAL_BODY.required.filter((f) => f !== 'gemeente'),
        properties: Object.fromEntries(Object.entries(GOAL_BODY.properties).filter(([k]) => k !== 'gemeente')),
      },
    },
    verhalen: IDS,
    businessCases: IDS,
    evaluaties: {
      type: 'array',
      maxItems: 40,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['gepland'],
        properties: {
          gepland: DAY,
          uitkomst: { type: 'string', enum: [...EVALUATION_OUTCOMES] },
          besloten: DAY,
          besluit: { type: 'string', maxLength: PILOT_LIMITS.decision },
        },
      },
    },
  },
} as const;

const bad = (field: string, nl: string, en: string) => new UserError('pilot_ongeldig', { field, nl, en });

function realDay(field: string, day: string): string {
  if (!isIsoDate(day) || day < '2000-01-01' || day > '2199-12-31')
    throw bad(field, `${day.slice(0, 20)} is geen bestaande dag (JJJJ-MM-DD, 2000–2199)`, 'not a day that exists');
  return day;
}

/** A text shown to bestuur: no obvious personal data (domain/personalData.ts). */
function noPersonalData(field: string, text: string | undefined): void {
  const hint = text === undefined ? null : personalDataHint(text);
  if (hint)
    throw bad(
      field,
      `de tekst lijkt ${hint} te bevatten; het register (ook voor bestuur) bevat geen persoonsgegevens`,
      'the text seems to contain personal data; the register holds none',
    );
}

/** The body checked beyond its schema, field by field, as the record written. */
export function pilotInput(b: PilotBody, gemeente: string): PilotInput {
  const trimmed = (field: string, s: string, min: number) => {
    const t = s.trim();
    if (t.length < min) throw bad(field, `minstens ${min} tekens`, `at least ${min} characters`);
    return t;
  };
  const name = trimmed('naam', b.naam, 3);
  const owner = trimmed('eigenaar', b.eigenaar, 2);
  noPersonalData('naam', name);
  noPersonalData('omschrijving', b.omschrijving);
  noPersonalData('eigenaar', owner);
  if (!Number.isFinite(b.budget) || !isWholeCents(b.budget))
    throw bad('budget', `${b.budget} heeft meer dan twee decimalen (euro's en centen)`, 'more than two decimals');
  const start = realDay('start', b.start);
  const end = realDay('einde', b.einde);
  if (end <= start) throw bad('einde', `${end} ligt niet na de start ${start}`, 'the end is not after the start');
  const seen = new Set<string>();
  const evaluations = (b.evaluaties ?? []).map((e, i) => {
    const at = `evaluaties[${i}]`;
    const planned = realDay(`${at}.gepland`, e.gepland);
    if (seen.has(planned)) throw bad(`${at}.gepland`, `${planned} staat er al`, 'a moment on that day already exists');
    seen.add(planned);
    if (e.uitkomst === undefined && (e.besloten !== undefined || e.besluit !== undefined))
      throw bad(`${at}.uitkomst`, 'een besluit of besluitdatum hoort bij een uitkomst', 'a decision needs an outcome');
    if (e.uitkomst !== undefined && e.besloten === undefined)
      throw bad(`${at}.besloten`, 'een uitkomst heeft een besluitdatum', 'an outcome needs the day it was decided');
    const decidedOn = e.besloten === undefined ? null : realDay(`${at}.besloten`, e.besloten);
    // a decision is recorded once it is taken: one dated ahead would stop the pilot by itself on that day (red team 38)
    if (decidedOn !== null && decidedOn > dutchToday())
      throw bad(
        `${at}.besloten`,
        `${decidedOn} ligt na vandaag; leg een besluit vast als het genomen is`,
        'a decision cannot be dated after today',
      );
    const decision = e.besluit?.trim() || null;
    noPersonalData(`${at}.besluit`, decision ?? undefined);
    return { planned, outcome: e.uitkomst ?? null, decidedOn, decision };
  });
  return {
    gemeente,
    name,
    description: b.omschrijving?.trim() || null,
    budgetSource: b.budgetbron,
    budgetCents: toCents(b.budget),
    start,
    end,
    owner,
    goalIds: b.doelen ?? [],
    storyIds: b.verhalen ?? [],
    businessCaseIds: b.businessCases ?? [],
    evaluations,
  };
}

/** A pilot's new goals, checked as the Doelen route checks a goal, in the pilot's gemeente. */
async function newGoals(req: FastifyRequest, ctx: AppContext, b: PilotBody, gemeente: string): Promise<NewGoal[]> {
  const out: NewGoal[] = [];
  for (const g of b.nieuweDoelen ?? []) out.push(await goalRecord(req, ctx, { ...g, gemeente }));
  return out;
}

/** The new goals recorded and linked, then the pilot: one transaction, so a refused pilot leaves no goal behind. */
async function withGoals(tx: Sql, input: PilotInput, goals: readonly NewGoal[]): Promise<PilotInput> {
  const ids: number[] = [];
  for (const g of goals) ids.push(await insertGoal(tx, g));
  return { ...input, goalIds: [...input.goalIds, ...ids] };
}

/** The register as this caller may read it: its goals, its stories, on the day. */
async function register(req: FastifyRequest, ctx: AppContext, gemeenten: string[], day: string, id?: number) {
  const p: Principal = req.principal!;
  const published = needsDisclosureControl(p);
  const { pilots, goals, stories } = await withScope(ctx.store, storeScope(p), async (tx) => {
    const pilots = await loadPilots(tx, gemeenten, id);
    const linked = new Set(pilots.flatMap((x) => x.goalIds));
    const goals = (await loadGoals(tx, gemeenten)).filter((g) => {
      const d = findIndicator(g.indicator_id)?.definition;
      return linked.has(g.id) && d !== undefined && indicatorAllowed(p, d);
    });
    const storyIds = [...new Set(pilots.flatMap((x) => x.storyIds))];
    // a story outside the circle only when it was released (extern) and is no team's, as on the Verhalen page
    const stories = await tx.query<{
      id: number;
      body: string;
      created_at: Date | string;
      indicator_id: string | null;
    }>(
      `SELECT id::int AS id, body, created_at, indicator_id FROM narrative
        WHERE id = ANY($1) ${published ? "AND visibility = 'extern' AND scope_kind <> 'team'" : ''}`,
      [storyIds],
    );
    return { pilots, goals, stories };
  });
  const visibleStories = stories
    .filter((s) => {
      const d = s.indicator_id === null ? undefined : findIndicator(s.indicator_id)?.definition;
      return !d || indicatorAllowed(p, d);
    })
    .map((s) => ({ id: s.id, body: s.body, createdAt: new Date(s.created_at).toISOString() }));
  // the goals as they stood on the day, as the pilot's status is
  const evaluated =
    goals.length === 0 ? [] : await evaluateGoalsOn(ctx.lens, goals, day, dutchToday(ctx.now()), published);
  return pilotRegister(pilots, evaluated, visibleStories, day, gemeenten);
}

export async function pilotRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get<{ Querystring: { gemeente?: string; peildatum?: string } }>(
    '/pilots',
    {
      config: { action: 'money', lens: true },
      schema: {
        response: { 200: ok(A.PILOTS) },
        tags: ['pilots'],
        summary:
          'Pilots en projecten met budget, looptijd, doelen met hun status, evaluatiemomenten en of ze op koers zijn ' +
          '(pilots_on_track per gemeente)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { gemeente: { type: 'string', maxLength: 400 }, peildatum: DAY },
        },
      },
    },
    async (req) => {
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const day = req.query.peildatum === undefined ? dutchToday() : realDay('peildatum', req.query.peildatum);
      return register(req, ctx, gemeenten, day);
    },
  );

  api.get<{ Params: { nummer: number }; Querystring: { peildatum?: string } }>(
    '/pilots/:nummer',
    {
      config: { action: 'money', lens: true },
      schema: {
        response: { 200: ok(A.PILOTS) },
        tags: ['pilots'],
        summary: 'Eén pilot of project uit het register, met zijn status op de peildatum',
        params: ID_PARAMS,
        querystring: { type: 'object', additionalProperties: false, properties: { peildatum: DAY } },
      },
    },
    async (req) => {
      const gemeenten = await scopedGemeenten(req, ctx, undefined);
      const day = req.query.peildatum === undefined ? dutchToday() : realDay('peildatum', req.query.peildatum);
      const found = await register(req, ctx, gemeenten, day, req.params.nummer);
      const pilot = found.pilots[0];
      if (!pilot) throw new UserError('onbekende_pilot');
      return { ...found, summary: found.summary.filter((s) => s.gemeente === pilot.gemeente) };
    },
  );

  api.post<{ Body: PilotBody }>(
    '/pilots',
    {
      config: { action: 'register' },
      schema: {
        response: { 201: ok(A.CREATED_ID, 'Vastgelegd'), 409: problemAnswer(409) },
        tags: ['pilots'],
        summary: 'Een pilot of project vastleggen (budget in euro, doelen, verhalen en business cases als nummers)',
        body: BODY,
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      const [gemeente] = await scopedGemeenten(req, ctx, req.body.gemeente);
      const input = pilotInput(req.body, gemeente!);
      const goals = await newGoals(req, ctx, req.body, gemeente!);
      const id = await withScope(ctx.store, storeScope(p), async (tx) =>
        insertPilot(tx, await withGoals(tx, input, goals), p.username),
      );
      await ctx.audit(req, { event: 'pilot_vastgelegd', outcome: 'ok', query: `${gemeente} pilot ${id} nieuw` });
      reply.status(201);
      return { id };
    },
  );

  api.put<{ Params: { nummer: number }; Body: PilotBody }>(
    '/pilots/:nummer',
    {
      config: { action: 'register' },
      schema: {
        response: { 200: ok(A.CREATED_ID), 409: problemAnswer(409) },
        tags: ['pilots'],
        summary: 'Een pilot of project wijzigen: de velden en koppelingen zoals meegestuurd vervangen de vorige',
        params: ID_PARAMS,
        body: BODY,
      },
    },
    async (req) => {
      const p = req.principal!;
      const [gemeente] = await scopedGemeenten(req, ctx, req.body.gemeente);
      const input = pilotInput(req.body, gemeente!);
      const goals = await newGoals(req, ctx, req.body, gemeente!);
      const done = await withScope(ctx.store, storeScope(p), async (tx) => {
        // no such pilot here: nothing written, not even its new goals
        const [row] = await tx.query<{ gemeente_code: string }>('SELECT gemeente_code FROM pilot WHERE id = $1', [
          req.params.nummer,
        ]);
        if (!row || row.gemeente_code !== gemeente) return false;
        return updatePilot(tx, req.params.nummer, await withGoals(tx, input, goals));
      });
      if (!done) throw new UserError('onbekende_pilot');
      await ctx.audit(req, {
        event: 'pilot_vastgelegd',
        outcome: 'ok',
        query: `${gemeente} pilot ${req.params.nummer} gewijzigd`,
      });
      return { id: req.params.nummer };
    },
  );
}
