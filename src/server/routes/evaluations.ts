/**
 * Light follow-up after referral (issue 21, app/evaluations.ts): the overdue evaluations of the caller's team or
 * gemeenten (person level, pseudonymous: trajectory id, team, product, planned date, days overdue; every read logged),
 * an evaluation moment entered on the page (analist, teammanager for its own team, beheerder), and the evaluation
 * rhythm per gemeente, product category or product code (read by those roles, set by the beheerder). The bodies are
 * zod schemas (app/evaluations.ts) shown in the OpenAPI document as their JSON Schema and parsed again here.
 */
import type { FastifyInstance } from 'fastify';
import { storeScope } from '../../app/access.js';
import {
  EVALUATION_INPUT,
  RHYTHM_INPUT,
  bodySchema,
  overdueEvaluations,
  recordEvaluation,
  rhythmView,
  setRhythm,
  type EvaluationInput,
  type RhythmInput,
} from '../../app/evaluations.js';
import { UserError } from '../../domain/errors.js';
import { dutchToday } from '../../domain/dates.js';
import { rebuildLens } from '../../lens/build.js';
import { withScope } from '../../store/sql.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { ok, problemAnswer } from '../apiSchema.js';
import { scopedGemeenten } from './indicators.js';

/** zod at the edge: the body was checked against its JSON Schema; parse it again for the types and the strictness. */
function parse<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  body: unknown,
): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'inhoud';
  throw new UserError('ongeldige_evaluatie', { nl: `${field}: ${issue.message}`, en: `${field}: ${issue.message}` });
}

export async function evaluationRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get<{ Querystring: { gemeente?: string } }>(
    '/evaluaties/achterstallig',
    {
      config: { action: 'person_level', ownTeam: true }, // row-level security keeps a team manager to its team
      schema: {
        response: { 200: ok(A.OVERDUE_EVALUATIONS) },
        tags: ['persoonsniveau'],
        summary:
          'Achterstallige evaluaties van lopende trajecten (gepseudonimiseerd: traject, team, product, geplande datum, ' +
          'dagen over tijd), binnen uw scope; elke opvraging wordt gelogd',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { gemeente: { type: 'string', maxLength: 400 } },
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      // the follow-up is the gemeente's own work with a family, not the provider's
      if (p.role === 'aanbieder') throw new UserError('geen_toegang.rol', { role: p.role });
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const asOf = dutchToday();
      const rows = await withScope(ctx.store, storeScope(p), (tx) => overdueEvaluations(tx, gemeenten, asOf));
      await ctx.audit(req, {
        event: 'lezen_persoonsgegevens',
        outcome: 'ok',
        subjects: [...new Set(rows.map((r) => r.youth))],
        purpose: 'sturing (Jeugdwet 7.4.4)',
        query: `achterstallige evaluaties ${gemeenten.join(',')} op ${asOf}`,
      });
      return {
        asOf,
        rows: rows.map(({ youth: _youth, ...r }) => r),
      };
    },
  );

  api.post<{ Body: EvaluationInput }>(
    '/evaluaties',
    {
      config: { action: 'evaluations' },
      schema: {
        response: { 201: ok(A.EVALUATION_SAVED, 'Vastgelegd'), 404: problemAnswer(404) },
        tags: ['persoonsniveau'],
        summary:
          'Een evaluatiemoment van een traject vastleggen of bijwerken (geplande en gehouden datum, uitkomst, rol of ' +
          'team; geen notities of namen); een teammanager alleen voor trajecten van het eigen team',
        body: bodySchema(EVALUATION_INPUT),
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      const b = parse<EvaluationInput>(EVALUATION_INPUT, req.body);
      const [gemeente] = await scopedGemeenten(req, ctx, b.gemeente);
      const input = { ...b, gemeente: gemeente! };
      await withScope(ctx.store, storeScope(p), (tx) => recordEvaluation(tx, input, dutchToday()));
      await ctx.audit(req, {
        event: 'evaluatie_vastgelegd',
        outcome: 'ok',
        query: `traject ${input.traject} gemeente ${input.gemeente} gepland ${input.geplandeDatum}${input.gehoudenDatum ? ` gehouden ${input.gehoudenDatum}` : ''}`,
      });
      // the figure follows at once, as after an import
      await rebuildLens(ctx.store, ctx.dataDir);
      await ctx.lens.reload();
      reply.status(201);
      return { gemeente: input.gemeente, traject: input.traject, geplandeDatum: input.geplandeDatum };
    },
  );

  api.get<{ Querystring: { gemeente?: string } }>(
    '/evaluaties/ritme',
    {
      config: { action: 'evaluations' },
      schema: {
        response: { 200: ok(A.EVALUATION_RHYTHM) },
        tags: ['beheer'],
        summary:
          'Het evaluatieritme van de gemeente (in maanden, per productcategorie of productcode); zonder instelling ' +
          'leidt Zicht geen momenten af en telt alleen de vastgelegde',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { gemeente: { type: 'string', maxLength: 400 } },
        },
      },
    },
    async (req) => {
      const [gemeente] = await scopedGemeenten(req, ctx, req.query.gemeente);
      return withScope(ctx.store, storeScope(req.principal!), (tx) => rhythmView(tx, gemeente!));
    },
  );

  api.put<{ Body: RhythmInput }>(
    '/evaluaties/ritme',
    {
      config: { action: 'users' },
      schema: {
        response: { 200: ok(A.EVALUATION_RHYTHM) },
        tags: ['beheer'],
        summary:
          'Het evaluatieritme vastleggen voor de hele gemeente (productcategorie en productcode leeg), een ' +
          'productcategorie of een productcode; 0 maanden = geen evaluaties, null = instelling weghalen',
        body: bodySchema(RHYTHM_INPUT),
      },
    },
    async (req) => {
      const p = req.principal!;
      const b = parse<RhythmInput>(RHYTHM_INPUT, req.body);
      const [gemeente] = await scopedGemeenten(req, ctx, b.gemeente);
      const input = { ...b, gemeente: gemeente! };
      const view = await withScope(ctx.store, storeScope(p), async (tx) => {
        await setRhythm(tx, input, p.username);
        return rhythmView(tx, input.gemeente);
      });
      await ctx.audit(req, {
        event: 'indeling_gewijzigd',
        outcome: 'ok',
        query: `evaluatieritme ${input.gemeente} ${input.productcategorie || '*'}/${input.productcode || '*'} → ${input.maanden ?? 'weg'}`,
      });
      await rebuildLens(ctx.store, ctx.dataDir);
      await ctx.lens.reload();
      return view;
    },
  );
}
