/**
 * The provider-exit view (issue 19; app/providerExit.ts, app/providerExitView.ts; docs/indicators.md "Aanbieder
 * stopt"):
 * - GET /stoppende-aanbieders: the marks in the caller's gemeenten with the counts of the trajectories they touch;
 *   every role (a provider only its own mark); published under disclosure control for the roles outside the circle.
 * - PUT /stoppende-aanbieders/{gemeente}/{aanbieder}: mark a provider as stopping, or change the mark (201 marked,
 *   200 changed); DELETE withdraws it (kept with its history). The roles of the contract register.
 * - GET …/{gemeente}/{aanbieder}/trajecten: the affected trajectories, pseudonymised, with their transfer status;
 *   person-level, so the analist and the team manager (its own team) only, never a provider or the bestuur; logged.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { needsDisclosureControl, storeScope, type Principal } from '../../app/access.js';
import { markExit, readExit, readExits, withdrawExit, type ExitRecord } from '../../app/providerExit.js';
import { exitOverview, exitTrajectories } from '../../app/providerExitView.js';
import { EXIT_REASONS, type ExitReason } from '../../domain/providerExit.js';
import { dutchToday, isIsoDate } from '../../domain/dates.js';
import { UserError } from '../../domain/errors.js';
import { withScope } from '../../store/sql.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { ok } from '../apiSchema.js';
import { scopedGemeenten } from './indicators.js';

const DAY = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } as const;
const PARAMS = {
  type: 'object',
  required: ['gemeente', 'aanbieder'],
  properties: {
    gemeente: { type: 'string', pattern: '^[0-9]{4}$' },
    aanbieder: { type: 'string', pattern: '^[0-9]{8}$' },
  },
} as const;
const DEFINITIONS =
  'Betrokken: trajecten bij de aanbieder die lopen op een dag vanaf de melding (of de einddatum, als die eerder ' +
  'is) tot en met de einddatum. Overgedragen: dezelfde jeugdige heeft een traject bij een andere aanbieder dat ' +
  'begint vanaf de melding of binnen 30 dagen rond de einddatum (niet later dan 30 dagen erna). Definities: ' +
  'docs/indicators.md "Aanbieder stopt".';

type Params = { gemeente: string; aanbieder: string };

export async function providerExitRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  const day = (asked: string | undefined): string => {
    if (asked === undefined) return dutchToday(ctx.now());
    if (!isIsoDate(asked)) throw new UserError('ongeldige_datum.peildatum', { day: asked.slice(0, 20) });
    return asked;
  };
  const reader = (p: Principal) => (p.role === 'aanbieder' ? 'aanbieder' : 'gemeente');

  api.get<{ Querystring: { gemeente?: string; peildatum?: string } }>(
    '/stoppende-aanbieders',
    {
      config: { action: 'aggregates', lens: true },
      schema: {
        response: { 200: ok(A.EXIT_OVERVIEW) },
        tags: ['geld'],
        summary:
          'Stoppende aanbieders: per melding de trajecten die het raakt — betrokken, overgedragen, beëindigd zonder ' +
          'overdracht, nog open na de einddatum, nog over te dragen',
        description: `gemeente: codes binnen uw scope (leeg = alle). peildatum: standaard vandaag. ${DEFINITIONS}`,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { gemeente: { type: 'string', maxLength: 400 }, peildatum: DAY },
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const d = day(req.query.peildatum);
      const published = needsDisclosureControl(p);
      if (published && d !== dutchToday(ctx.now())) throw new UserError('geen_toegang.peildatum');
      const exits = await withScope(ctx.store, storeScope(p), (tx) => readExits(tx, gemeenten, reader(p)));
      return exitOverview(await ctx.lens.get(), exits, { day: d, published });
    },
  );

  /** The gemeente of a path, refused (403, logged) when outside the caller's scope. */
  const inScope = async (req: FastifyRequest, gemeente: string) => (await scopedGemeenten(req, ctx, gemeente))[0]!;

  api.put<{ Params: Params; Body: { einddatum: string; reden: ExitReason; toelichting?: string } }>(
    '/stoppende-aanbieders/:gemeente/:aanbieder',
    {
      config: { action: 'contracts' },
      schema: {
        response: { 200: ok(A.PROVIDER_EXIT, 'Gewijzigd'), 201: ok(A.PROVIDER_EXIT, 'Gemeld') },
        tags: ['geld'],
        summary: 'Een aanbieder als stoppend melden in een gemeente, of de melding wijzigen',
        description:
          'einddatum: de laatste dag van de aanbieder. reden: faillissement, contract_beeindigd, aanbieder_stopt of ' +
          'anders. toelichting: vrije tekst (weglaten of leeg: geen). Een ingetrokken melding wordt opnieuw gemeld.',
        params: PARAMS,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['einddatum', 'reden'],
          properties: {
            einddatum: { type: 'string', maxLength: 20 },
            reden: { type: 'string', enum: [...EXIT_REASONS] },
            toelichting: { type: 'string', maxLength: 2000 },
          },
        },
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      const gemeente = await inScope(req, req.params.gemeente);
      const end = req.body.einddatum;
      // the form's date field gives YYYY-MM-DD; a day that does not exist or a year out of reach is refused in words
      if (!isIsoDate(end) || end < '2000-01-01' || end > '2199-12-31')
        throw new UserError('ongeldige_datum.einddatum', { day: end.slice(0, 20) });
      const { exit, created } = await withScope(ctx.store, storeScope(p), (tx) =>
        markExit(
          tx,
          {
            gemeente,
            provider: req.params.aanbieder,
            endDate: end,
            reason: req.body.reden,
            note: req.body.toelichting?.trim() || null,
          },
          p.username,
          dutchToday(ctx.now()),
        ),
      );
      reply.status(created ? 201 : 200);
      return exit;
    },
  );

  api.delete<{ Params: Params }>(
    '/stoppende-aanbieders/:gemeente/:aanbieder',
    {
      config: { action: 'contracts' },
      schema: {
        response: { 200: ok(A.PROVIDER_EXIT, 'Ingetrokken') },
        tags: ['geld'],
        summary: 'Een melding van een stoppende aanbieder intrekken (ze blijft met haar geschiedenis bewaard)',
        params: PARAMS,
      },
    },
    async (req) => {
      const p = req.principal!;
      const gemeente = await inScope(req, req.params.gemeente);
      const exit = await withScope(ctx.store, storeScope(p), (tx) =>
        withdrawExit(tx, gemeente, req.params.aanbieder, p.username),
      );
      if (!exit) throw new UserError('onbekende_stop');
      return exit;
    },
  );

  api.get<{ Params: Params; Querystring: { peildatum?: string } }>(
    '/stoppende-aanbieders/:gemeente/:aanbieder/trajecten',
    {
      // narrowed to a team manager's own team below; exact for it like /trajecten
      config: { action: 'person_level', lens: true, ownTeam: true },
      schema: {
        response: { 200: ok(A.EXIT_TRAJECTORIES) },
        tags: ['persoonsniveau'],
        summary:
          'De trajecten bij een stoppende aanbieder (gepseudonimiseerd) met hun overdracht; alleen analist en ' +
          'teammanager (eigen team); elke opvraging wordt gelogd',
        description: `peildatum: standaard vandaag. ${DEFINITIONS}`,
        params: PARAMS,
        querystring: { type: 'object', additionalProperties: false, properties: { peildatum: DAY } },
      },
    },
    async (req) => {
      const p = req.principal!;
      // person_level lets a provider read its own clients; the clients of its own exit are the gemeente's to place
      if (p.role !== 'analist' && p.role !== 'teammanager') throw new UserError('geen_toegang.stop_trajecten');
      const gemeente = await inScope(req, req.params.gemeente);
      const d = day(req.query.peildatum);
      const exit: ExitRecord | null = await withScope(ctx.store, storeScope(p), (tx) =>
        readExit(tx, gemeente, req.params.aanbieder, 'gemeente'),
      );
      if (!exit || exit.status !== 'actief') throw new UserError('onbekende_stop');
      const team = p.role === 'teammanager' ? (p.team?.code ?? '-') : null;
      const rows = await exitTrajectories(await ctx.lens.get(), exit, { day: d, team });
      await ctx.audit(req, {
        event: 'lezen_persoonsgegevens',
        outcome: 'ok',
        subjects: [...new Set(rows.map((r) => r.youth))],
        purpose: 'zorgcontinuïteit bij een stoppende aanbieder',
        query: `stoppende aanbieder ${gemeente}/${req.params.aanbieder} trajecten op ${d}`,
      });
      return { referenceDate: d, gemeente, provider: req.params.aanbieder, trajectories: rows };
    },
  );
}
