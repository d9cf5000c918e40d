/**
 * Doelen: the HTTP door to goals (app/goals.ts): list with their derived status, and record one. The check of a goal
 * (goalRecord) is shared with the pilot register, where a pilot may bring new goals (routes/pilots.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parsePeriod } from '../../domain/periods.js';
import { checkSplit, findIndicator } from '../../indicators/catalogue.js';
import { withScope } from '../../store/sql.js';
import { evaluateGoals, insertGoal, loadGoals, type NewGoal } from '../../app/goals.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { ok } from '../apiSchema.js';
import { UserError } from '../../domain/errors.js';
import { personalDataHint } from '../../domain/personalData.js';
import { needsDisclosureControl, storeScope } from '../../app/access.js';
import { indicatorAllowed, scopedGemeenten } from './indicators.js';

export async function goalRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get<{ Querystring: { gemeente?: string } }>(
    '/goals',
    {
      config: { action: 'aggregates', lens: true },
      schema: {
        response: { 200: ok(A.GOALS) },
        tags: ['doelen'],
        summary: 'Doelen met hun status (op koers / aandacht / achter), berekend uit de laatste vier halfjaren',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { gemeente: { type: 'string', maxLength: 400 } },
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const rows = await withScope(ctx.store, storeScope(p), (tx) => loadGoals(tx, gemeenten));
      const visible = rows.filter((g) => {
        const d = findIndicator(g.indicator_id)?.definition;
        return d !== undefined && indicatorAllowed(p, d);
      });
      return evaluateGoals(ctx.lens, visible, needsDisclosureControl(p));
    },
  );

  api.post<{ Body: GoalBody }>(
    '/goals',
    {
      config: { action: 'narrative_write' },
      schema: {
        response: { 201: ok(A.CREATED_ID, 'Vastgelegd') },
        tags: ['doelen'],
        summary: 'Een doel vastleggen',
        body: GOAL_BODY,
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      const goal = await goalRecord(req, ctx, req.body);
      const id = await withScope(ctx.store, storeScope(p), (tx) => insertGoal(tx, goal));
      reply.status(201);
      return { id };
    },
  );
}

export interface GoalBody {
  gemeente: string;
  indicator: string;
  title: string;
  target: number;
  deadline: string;
  baseline?: number;
  baselinePeriod?: string;
  owner?: string;
  splitBy?: string;
  splitKey?: string;
}

/** The body of a goal as JSON Schema: the Doelen route's, and each of a pilot's new goals (routes/pilots.ts). */
export const GOAL_BODY = {
  type: 'object',
  required: ['gemeente', 'indicator', 'title', 'target', 'deadline'],
  additionalProperties: false,
  properties: {
    gemeente: { type: 'string', pattern: '^[0-9]{4}$' },
    indicator: { type: 'string', maxLength: 60 },
    title: { type: 'string', minLength: 3, maxLength: 200 },
    target: { type: 'number' },
    deadline: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
    baseline: { type: 'number' },
    baselinePeriod: { type: 'string', maxLength: 10 },
    owner: { type: 'string', maxLength: 100 },
    splitBy: { type: 'string', maxLength: 40 },
    splitKey: { type: 'string', maxLength: 60 },
  },
} as const;

/** A goal's body checked as the Doelen route checks it, whoever records it: the indicator, its split, scope, dates. */
export async function goalRecord(req: FastifyRequest, ctx: AppContext, b: GoalBody): Promise<NewGoal> {
  const p = req.principal!;
  const ind = findIndicator(b.indicator);
  if (!ind || ind.definition.personLevel) throw new UserError('onbekende_indicator.ongeschikt', { id: b.indicator });
  if (!indicatorAllowed(p, ind.definition)) throw new UserError('geen_toegang.indicator');
  // a goal measured on a split: the same check as every other request for a split, and both halves or neither
  if ((b.splitBy === undefined) !== (b.splitKey === undefined)) {
    throw new UserError('onvolledige_splitsing');
  }
  const refused = checkSplit(ind.definition, b.splitBy);
  if (refused) throw new UserError(refused.code, refused);
  const [gemeente] = await scopedGemeenten(req, ctx, b.gemeente);
  // a goal reaches bestuur and the council report (and through a pilot the register): the obvious identifiers are
  // refused in its title and owner, as in an external story (red team 38: a 06 number and an e-mail got through)
  for (const [field, text] of [
    ['title', b.title],
    ['owner', b.owner],
  ] as const) {
    const hint = text === undefined ? null : personalDataHint(text);
    if (hint) throw new UserError('persoonsgegevens.doel', { field, hint });
  }
  if (Number.isNaN(Date.parse(b.deadline))) throw new UserError('ongeldige_datum', { deadline: b.deadline });
  if (b.baselinePeriod) parsePeriod(b.baselinePeriod);
  return {
    gemeente: gemeente!,
    indicator: ind.definition.id,
    title: b.title,
    target: b.target,
    baseline: b.baseline ?? null,
    baselinePeriod: b.baselinePeriod ?? null,
    deadline: b.deadline,
    owner: b.owner ?? p.displayName,
    splitBy: b.splitBy ?? null,
    splitKey: b.splitKey ?? null,
  };
}
