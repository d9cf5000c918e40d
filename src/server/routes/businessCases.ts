/**
 * Business cases: definitions live in the truth store under row-level security; the figures are
 * computed from the lens on every request (indicators/businessCase.ts), so they follow new claims.
 */
import type { FastifyInstance } from 'fastify';
import { withScope } from '../../store/sql.js';
import { insertBusinessCase, loadBusinessCases } from '../../app/businessCases.js';
import {
  evaluateBusinessCase,
  publishedCost,
  publishedResult,
  realisedCost,
  type BusinessCaseResult,
  type BusinessCaseSpec,
} from '../../indicators/businessCase.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { ok } from '../apiSchema.js';
import { UserError } from '../../domain/errors.js';
import { needsDisclosureControl, storeScope } from '../../app/access.js';
import { scopedGemeenten } from './indicators.js';
import type { LensHolder } from '../../app/lensHolder.js';

export async function evaluateBusinessCases(
  lens: LensHolder,
  specs: readonly BusinessCaseSpec[],
  published = false,
): Promise<BusinessCaseResult[]> {
  const out: BusinessCaseResult[] = [];
  for (const s of specs) {
    const cost = await lens.cached(
      `business-case-cost|${s.gemeente}|${s.intensities.join(',')}|${s.productCategories.join(',')}`,
      (l) => realisedCost(l, s.gemeente, s.intensities, s.productCategories),
    );
    out.push(published ? publishedResult(evaluateBusinessCase(s, publishedCost(cost))) : evaluateBusinessCase(s, cost));
  }
  return out;
}

const yearAmounts = {
  type: 'object',
  maxProperties: 30,
  patternProperties: { '^[0-9]{4}$': { type: 'integer', minimum: 0, maximum: 100_000_000_000_00 } },
  additionalProperties: false,
} as const;
const code = { type: 'string', pattern: '^[A-Za-z0-9]{1,5}$' } as const;

interface Body {
  gemeente: string;
  title: string;
  description?: string;
  intensities?: string[];
  productCategories?: string[];
  baselineYear: number;
  startYear: number;
  baselineMethod?: 'vast' | 'trend';
  investmentCents: Record<string, number>;
  targetSavingsCents?: Record<string, number>;
  owner?: string;
}

export async function businessCaseRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get<{ Querystring: { gemeente?: string } }>(
    '/business-cases',
    {
      config: { action: 'money', lens: true },
      schema: {
        response: { 200: ok(A.BUSINESS_CASES) },
        tags: ['business cases'],
        summary: 'Business cases met investering, basispad, besparing, budgetneutraal- en terugverdienjaar',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { gemeente: { type: 'string', maxLength: 400 } },
        },
      },
    },
    async (req) => {
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const specs = await withScope(ctx.store, storeScope(req.principal!), (tx) => loadBusinessCases(tx, gemeenten));
      return evaluateBusinessCases(ctx.lens, specs, needsDisclosureControl(req.principal!));
    },
  );

  api.post<{ Body: Body }>(
    '/business-cases',
    {
      config: { action: 'narrative_write' },
      schema: {
        response: { 201: ok(A.CREATED_ID, 'Vastgelegd') },
        tags: ['business cases'],
        summary: 'Een business case vastleggen (bedragen in eurocent per jaar)',
        body: {
          type: 'object',
          required: ['gemeente', 'title', 'baselineYear', 'startYear', 'investmentCents'],
          additionalProperties: false,
          properties: {
            gemeente: { type: 'string', pattern: '^[0-9]{4}$' },
            title: { type: 'string', minLength: 3, maxLength: 200 },
            description: { type: 'string', maxLength: 2000 },
            intensities: { type: 'array', items: code, maxItems: 20 },
            productCategories: { type: 'array', items: code, maxItems: 20 },
            baselineYear: { type: 'integer', minimum: 2015, maximum: 2100 },
            startYear: { type: 'integer', minimum: 2015, maximum: 2100 },
            baselineMethod: { type: 'string', enum: ['vast', 'trend'] },
            investmentCents: yearAmounts,
            targetSavingsCents: yearAmounts,
            owner: { type: 'string', maxLength: 100 },
          },
        },
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      // a verdict (budget-neutral year, break-even year) is computed on exact claims: cases of a caller's own choosing
      // (selection, investment) answer yes/no questions on cells the caller sees suppressed (red team 15 F1)
      if (needsDisclosureControl(p)) throw new UserError('geen_toegang.business_case');
      const b = req.body;
      const [gemeente] = await scopedGemeenten(req, ctx, b.gemeente);
      if ((b.intensities ?? []).length + (b.productCategories ?? []).length === 0) {
        throw new UserError('geen_afbakening');
      }
      if (b.baselineYear >= b.startYear) throw new UserError('ongeldig_basisjaar');
      const spec: BusinessCaseSpec = {
        gemeente: gemeente!,
        title: b.title,
        description: b.description ?? null,
        intensities: (b.intensities ?? []).map((x) => x.toUpperCase()),
        productCategories: b.productCategories ?? [],
        baselineYear: b.baselineYear,
        startYear: b.startYear,
        baselineMethod: b.baselineMethod ?? 'trend',
        investmentCents: b.investmentCents,
        targetSavingsCents: b.targetSavingsCents ?? {},
        owner: b.owner ?? p.displayName,
      };
      const id = await withScope(ctx.store, storeScope(p), (tx) => insertBusinessCase(tx, spec, p.username));
      await ctx.audit(req, {
        event: 'business_case_vastgelegd',
        outcome: 'ok',
        query: `${gemeente} business case ${id}`,
      });
      reply.status(201);
      return { id };
    },
  );
}
