/**
 * GET /api/v1/contracten and GET /api/v1/contracten/{contractId} (issue 19, the contract register of the
 * contractmanager and the controller): the contracts of the gemeenten in the caller's scope with term, next decision
 * date, use against the yearly ceiling and the warning when a contract ends within six months while youths have
 * running allocations with its providers. The use case is app/contractRegister.ts; definitions in
 * docs/indicators.md "Contractregister". Any role outside the authorised circle given the action later passes the
 * server's one disclosure step (disclosureStep.ts) like every answer.
 */
import type { FastifyInstance } from 'fastify';
import { contractRegister, registerContract } from '../../app/contractRegister.js';
import { dutchToday, isIsoDate } from '../../domain/dates.js';
import { UserError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { ok } from '../apiSchema.js';
import { scopedGemeenten } from './indicators.js';

const QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    gemeente: { type: 'string', maxLength: 400 },
    peildatum: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
  },
} as const;

const DESCRIPTION =
  'gemeente: codes binnen uw scope (leeg = alle). peildatum: de dag waarop looptijd, contractjaar en lopende ' +
  'toewijzingen worden bepaald (standaard vandaag). Een regionaal contract staat er één keer, met gebruik en ' +
  'jeugdigen van de deelnemende gemeenten binnen uw scope (complete: alle partijen). Definities: docs/indicators.md ' +
  '"Contractregister".';

export async function contractRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  const day = (asked: string | undefined): string => {
    // the Dutch calendar day, as the other registers decide "today" (UTC was a day behind after 23:00 in winter)
    if (asked === undefined) return dutchToday(ctx.now());
    if (!isIsoDate(asked)) throw new UserError('ongeldige_datum.peildatum', { day: asked });
    return asked;
  };

  api.get<{ Querystring: { gemeente?: string; peildatum?: string } }>(
    '/contracten',
    {
      config: { action: 'contracts', lens: true },
      schema: {
        response: { 200: ok(A.CONTRACT_REGISTER) },
        tags: ['geld'],
        summary:
          'Contractregister: contracten met looptijd, volgend beslismoment, gebruik tegen het jaarplafond en ' +
          'een waarschuwing bij einde binnen zes maanden met lopende toewijzingen',
        description: DESCRIPTION,
        querystring: QUERY,
      },
    },
    async (req) => {
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const d = day(req.query.peildatum);
      // once per lens version, gemeenten and day: the register is a handful of lens queries per contract
      return ctx.lens.cached(`contracten|${[...gemeenten].sort().join(',')}|${d}`, (lens) =>
        contractRegister(lens, { gemeenten, day: d }),
      );
    },
  );

  api.get<{ Params: { contractId: string }; Querystring: { gemeente?: string; peildatum?: string } }>(
    '/contracten/:contractId',
    {
      config: { action: 'contracts', lens: true },
      schema: {
        response: { 200: ok(A.CONTRACT_DETAIL) },
        tags: ['geld'],
        summary: 'Eén contract uit het contractregister',
        description: `${DESCRIPTION} Een onbekend contract, of een contract zonder partij binnen uw scope: 404.`,
        params: {
          type: 'object',
          properties: { contractId: { type: 'string', minLength: 1, maxLength: 100 } },
          required: ['contractId'],
        },
        querystring: QUERY,
      },
    },
    async (req) => {
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const d = day(req.query.peildatum);
      return registerContract(await ctx.lens.get(), { gemeenten, day: d, contractId: req.params.contractId });
    },
  );
}
