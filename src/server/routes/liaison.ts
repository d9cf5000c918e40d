/**
 * Liaison positions (issue 21; app/liaison.ts; docs/indicators.md "Verbindingsfuncties"):
 * - GET /verbindingsfuncties: the positions of the caller's gemeenten (no personal data: every role that reads
 *   aggregates). Their reach and before/after figures are the catalogue's liaison_reach and liaison_referral_shift
 *   (GET /indicatoren/…), under disclosure control like every figure.
 * - PUT /verbindingsfuncties/{gemeente}/{functie}: enter a position or change it (201 entered, 200 changed); DELETE
 *   removes it. The beheerder and the analist (the roles that import), the body checked by zod at the edge; each
 *   change is logged and the lens rebuilt, so the figures follow at once.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { storeScope } from '../../app/access.js';
import { checkPosition, deletePosition, listPositions, savePosition } from '../../app/liaison.js';
import { LIAISON_KINDS, LOCATION_KINDS, MAX_HOURS_PER_WEEK } from '../../domain/liaison.js';
import { withScope } from '../../store/sql.js';
import { notifyDataChange } from '../../store/notify.js';
import { committedRuns, rebuildLens } from '../../lens/build.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { ok } from '../apiSchema.js';
import { scopedGemeenten } from './indicators.js';

const PARAMS = {
  type: 'object',
  required: ['gemeente', 'functie'],
  properties: {
    gemeente: { type: 'string', pattern: '^[0-9]{4}$' },
    functie: { type: 'string', pattern: '^[0-9A-Za-z][0-9A-Za-z._-]{0,59}$' },
  },
} as const;
type Params = { gemeente: string; functie: string };

export async function liaisonRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get<{ Querystring: { gemeente?: string } }>(
    '/verbindingsfuncties',
    {
      config: { action: 'aggregates' },
      schema: {
        response: { 200: ok(A.LIAISON_POSITIONS) },
        tags: ['gebruik'],
        summary:
          'Verbindingsfuncties: POH-jeugd, jeugdconsulenten en gezinscoaches bij huisartsenpraktijken en scholen, ' +
          'met uren per week en periode',
        description:
          'gemeente: codes binnen uw scope (leeg = alle). Bereik en verwijspatroon voor en na: de indicatoren ' +
          'liaison_reach en liaison_referral_shift. Definities: docs/indicators.md "Verbindingsfuncties".',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { gemeente: { type: 'string', maxLength: 400 } },
        },
      },
    },
    async (req) => {
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const positions = await withScope(ctx.store, storeScope(req.principal!), (tx) => listPositions(tx, gemeenten));
      return { positions };
    },
  );

  /** The gemeente of a path, refused (403, logged) when outside the caller's scope. */
  const inScope = async (req: FastifyRequest, gemeente: string) => (await scopedGemeenten(req, ctx, gemeente))[0]!;
  /** After a change: other servers hear of it, and the lens is rebuilt so the figures follow. */
  const changed = async () => {
    await notifyDataChange(ctx.store, { event: 'import', run: (await committedRuns(ctx.store)).max });
    await rebuildLens(ctx.store, ctx.dataDir);
    await ctx.lens.reload();
  };

  api.put<{ Params: Params; Body: unknown }>(
    '/verbindingsfuncties/:gemeente/:functie',
    {
      config: { action: 'import' },
      schema: {
        response: { 200: ok(A.LIAISON_POSITION, 'Gewijzigd'), 201: ok(A.LIAISON_POSITION, 'Ingevoerd') },
        tags: ['gebruik'],
        summary: 'Een verbindingsfunctie invoeren of wijzigen (beheerder en analist)',
        description:
          'soort: POH-jeugd en de andere soorten van verbindingsfuncties.csv. vindplaatsSoort: huisartsenpraktijk ' +
          '(vindplaats: AGB-code van 8 cijfers, zoals verwijzer_detail) of school (BRIN-nummer of eigen code). ' +
          'urenPerWeek: meer dan 0, hoogstens 60. einddatum: leeg of weggelaten = loopt nog.',
        params: PARAMS,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['soort', 'vindplaatsSoort', 'vindplaats', 'urenPerWeek', 'startdatum'],
          properties: {
            soort: { type: 'string', enum: [...LIAISON_KINDS] },
            vindplaatsSoort: { type: 'string', enum: [...LOCATION_KINDS] },
            vindplaats: { type: 'string', minLength: 1, maxLength: 40 },
            vindplaatsNaam: { type: 'string', maxLength: 200 },
            urenPerWeek: { type: 'number', exclusiveMinimum: 0, maximum: MAX_HOURS_PER_WEEK },
            startdatum: { type: 'string', maxLength: 20 },
            einddatum: { type: ['string', 'null'], maxLength: 20 },
          },
        },
      },
    },
    async (req, reply) => {
      const gemeente = await inScope(req, req.params.gemeente);
      const input = checkPosition(req.body);
      const { position, created } = await withScope(ctx.store, storeScope(req.principal!), (tx) =>
        savePosition(tx, gemeente, req.params.functie, input),
      );
      await ctx.audit(req, {
        event: 'verbindingsfunctie_gewijzigd',
        outcome: 'ok',
        query: `${created ? 'ingevoerd' : 'gewijzigd'} ${gemeente}/${position.id} ${position.kind} ${position.locationKind} ${position.locationId}`,
      });
      await changed();
      reply.status(created ? 201 : 200);
      return position;
    },
  );

  api.delete<{ Params: Params }>(
    '/verbindingsfuncties/:gemeente/:functie',
    {
      config: { action: 'import' },
      schema: {
        response: { 200: ok(A.LIAISON_POSITION, 'Verwijderd') },
        tags: ['gebruik'],
        summary: 'Een verbindingsfunctie verwijderen (beheerder en analist)',
        params: PARAMS,
      },
    },
    async (req) => {
      const gemeente = await inScope(req, req.params.gemeente);
      const position = await withScope(ctx.store, storeScope(req.principal!), (tx) =>
        deletePosition(tx, gemeente, req.params.functie),
      );
      await ctx.audit(req, {
        event: 'verbindingsfunctie_gewijzigd',
        outcome: 'ok',
        query: `verwijderd ${gemeente}/${position.id}`,
      });
      await changed();
      return position;
    },
  );
}
