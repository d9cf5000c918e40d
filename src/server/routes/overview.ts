/**
 * GET /api/v1/overview: the Overzicht's headline tiles (issue 16.1) in one answer, computed from the
 * catalogue's indicators (server/overview.ts) for the gemeenten in the user's scope. The role decides
 * which tiles there are (money only with the money permission, as for the indicators themselves);
 * disclosure control for bestuur and aanbieder is the server's one step (disclosureStep.ts), and the
 * words are worked out from the published figures.
 */
import type { FastifyInstance } from 'fastify';
import { lastCompletePeriod } from '../../domain/periods.js';
import { findIndicator } from '../../indicators/catalogue.js';
import { dataEnd } from '../../indicators/sql.js';
import { withScope } from '../../store/sql.js';
import { can, needsDisclosureControl, storeScope } from '../../app/access.js';
import type { AppContext } from '../context.js';
import { ok } from '../apiSchema.js';
import { UserError } from '../../domain/errors.js';
import { overview } from '../../app/overview.js';
import { evaluateGoals, loadGoals } from '../../app/goals.js';
import { indicatorAllowed, parsePeriods, scopedGemeenten } from './indicators.js';

const words = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    tone: { type: 'string', enum: ['goed', 'slecht', 'aandacht', 'neutraal'] },
    nl: { type: 'string' },
    en: { type: 'string' },
  },
} as const;
const row = {
  type: 'object',
  additionalProperties: true,
  description: 'Een indicatorrij zoals GET /api/v1/indicators/:id die geeft',
} as const;
const tile = {
  type: 'object',
  properties: {
    id: { type: 'string', enum: ['jeugdhulp', 'instroom', 'geld', 'wachttijd', 'doelen'] },
    indicator: { type: ['string', 'null'] },
    unit: { type: 'string' },
    titleNl: { type: 'string' },
    titleEn: { type: 'string' },
    definitionNl: { type: 'string' },
    definitionEn: { type: 'string' },
    detailPath: { type: 'string' },
    current: { anyOf: [row, { type: 'null' }] },
    previous: { anyOf: [row, { type: 'null' }] },
    parts: { type: 'array', items: row },
    goalStatuses: { type: 'array', items: { type: 'string' } },
    change: words,
    comparison: words,
  },
} as const;

export async function overviewRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get<{ Querystring: { period?: string; gemeente?: string } }>(
    '/overview',
    {
      config: { action: 'aggregates', lens: true },
      schema: {
        tags: ['overzicht'],
        summary:
          'Kerncijfers als tegels: jeugdhulpgebruik, instroom, geld (besteed + verplicht tegen begroting, ' +
          'prognose), wachttijd, doelen',
        description:
          'Per tegel het cijfer, de verandering tegen de vorige periode en de vergelijking met ' +
          'vergelijkbare gemeenten in woorden. period: één periode (standaard het laatste volledige halfjaar). ' +
          'gemeente: codes binnen uw scope (leeg = alle; bij meer dan één eerst het totaal, dan per gemeente).',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { period: { type: 'string', maxLength: 20 }, gemeente: { type: 'string', maxLength: 400 } },
        },
        response: {
          200: ok({
            type: 'object',
            required: ['period', 'previousPeriod', 'yearBefore', 'level', 'tiles', 'gemeenten'],
            properties: {
              period: { type: 'string' },
              previousPeriod: { type: 'string' },
              yearBefore: { type: 'string' },
              level: { type: 'string', enum: ['gemeente', 'regio'] },
              tiles: { type: 'array', items: tile },
              gemeenten: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { gemeente: { type: 'string' }, tiles: { type: 'array', items: tile } },
                },
              },
            },
          }),
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const periods = req.query.period
        ? parsePeriods(req.query.period)
        : [lastCompletePeriod('half', await ctx.lens.cached('dataEnd', (l) => dataEnd(l)))];
      if (periods.length !== 1) throw new UserError('ongeldige_periode.een');
      const published = needsDisclosureControl(p);
      const allowed = (id: string) => {
        const d = findIndicator(id)?.definition;
        return d !== undefined && indicatorAllowed(p, d);
      };
      const rows = await withScope(ctx.store, storeScope(p), (tx) => loadGoals(tx, gemeenten));
      const goals = await evaluateGoals(
        ctx.lens,
        rows.filter((g) => allowed(g.indicator_id)),
        published,
      );
      const money = can(p, 'money');
      return overview({ lens: ctx.lens, period: periods[0]!, gemeenten, money, published, goals, allowed });
    },
  );
}
