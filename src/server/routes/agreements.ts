/**
 * The agreements of the quarterly talk with a provider (issue 19, app/agreements.ts): read by every role for the
 * gemeenten in its scope (a provider only its own), written by the roles that hold the contract register (controller,
 * contractmanager). They hold words, not figures.
 */
import type { FastifyInstance } from 'fastify';
import { storeScope, type Principal } from '../../app/access.js';
import {
  addAgreement,
  AGREEMENT_STATUSES,
  quarterKey,
  setAgreementStatus,
  talkAgreements,
  type AgreementStatus,
} from '../../app/agreements.js';
import { UserError } from '../../domain/errors.js';
import { isIsoDate } from '../../domain/dates.js';
import { withScope } from '../../store/sql.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { ok } from '../apiSchema.js';
import { scopedGemeenten } from './indicators.js';

const AGB = { type: 'string', pattern: '^[0-9]{8}$' } as const;
const QUARTER = { type: 'string', pattern: '^[0-9]{4}Q[1-4]$' } as const;

export async function agreementRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  /** A provider reads and is named only as itself. */
  const providerOf = (asked: string, p: Principal): string => {
    if (p.role === 'aanbieder' && asked !== p.provider) throw new UserError('geen_toegang.eigen_afspraken');
    return asked;
  };

  api.get<{ Querystring: { gemeente?: string; aanbieder: string; kwartaal: string } }>(
    '/afspraken',
    {
      config: { action: 'aggregates' },
      schema: {
        response: { 200: ok(A.TALK_AGREEMENTS) },
        tags: ['rapporten'],
        summary:
          'Afspraken uit het kwartaalgesprek met een aanbieder: die van het kwartaal zelf, en om mee te openen die van ' +
          'het kwartaal ervoor en oudere die nog open staan',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['aanbieder', 'kwartaal'],
          properties: { gemeente: { type: 'string', maxLength: 400 }, aanbieder: AGB, kwartaal: QUARTER },
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const agb = providerOf(req.query.aanbieder, p);
      const quarter = quarterKey(req.query.kwartaal);
      return withScope(ctx.store, storeScope(p), (tx) =>
        talkAgreements(tx, gemeenten, agb, quarter, p.role === 'aanbieder' ? 'aanbieder' : 'gemeente'),
      );
    },
  );

  api.post<{
    Body: {
      gemeente: string;
      aanbieder: string;
      kwartaal: string;
      afspraak: string;
      eigenaar?: string;
      uiterlijk?: string;
    };
  }>(
    '/afspraken',
    {
      config: { action: 'contracts' },
      schema: {
        response: { 201: ok(A.CREATED_ID, 'Vastgelegd') },
        tags: ['rapporten'],
        summary: 'Een afspraak uit het kwartaalgesprek vastleggen',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['gemeente', 'aanbieder', 'kwartaal', 'afspraak'],
          properties: {
            gemeente: { type: 'string', pattern: '^[0-9]{4}$' },
            aanbieder: AGB,
            kwartaal: QUARTER,
            afspraak: { type: 'string', minLength: 3, maxLength: 2000 },
            eigenaar: { type: 'string', minLength: 1, maxLength: 100 },
            uiterlijk: { type: 'string', format: 'date' },
          },
        },
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      const b = req.body;
      const [gemeente] = await scopedGemeenten(req, ctx, b.gemeente);
      if (b.afspraak.trim().length < 3) throw new UserError('ongeldige_invoer.leeg_veld', { name: 'afspraak' });
      if (
        b.uiterlijk !== undefined &&
        (!isIsoDate(b.uiterlijk) || b.uiterlijk < '2000-01-01' || b.uiterlijk > '2199-12-31')
      )
        throw new UserError('ongeldige_datum.uiterlijk', { day: b.uiterlijk.slice(0, 20) });
      const id = await withScope(ctx.store, storeScope(p), (tx) =>
        addAgreement(
          tx,
          {
            gemeente: gemeente!,
            provider: b.aanbieder,
            quarter: quarterKey(b.kwartaal),
            body: b.afspraak,
            owner: b.eigenaar?.trim() || null,
            dueDate: b.uiterlijk ?? null,
          },
          p.username,
        ),
      );
      reply.status(201);
      return { id };
    },
  );

  api.patch<{ Params: { nummer: number }; Body: { status: AgreementStatus; toelichting?: string } }>(
    '/afspraken/:nummer',
    {
      config: { action: 'contracts' },
      schema: {
        response: { 200: ok(A.AGREEMENT) },
        tags: ['rapporten'],
        summary: 'De stand van een afspraak bijwerken (open, afgerond, vervallen)',
        params: {
          type: 'object',
          required: ['nummer'],
          properties: { nummer: { type: 'integer', minimum: 1, maximum: 9_007_199_254_740_991 } },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['status'],
          properties: {
            status: { type: 'string', enum: [...AGREEMENT_STATUSES] },
            toelichting: { type: 'string', maxLength: 500 },
          },
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      const updated = await withScope(ctx.store, storeScope(p), (tx) =>
        // no toelichting keeps the note; an empty one clears it
        setAgreementStatus(
          tx,
          req.params.nummer,
          req.body.status,
          req.body.toelichting === undefined ? undefined : req.body.toelichting.trim() || null,
          p.username,
        ),
      );
      if (!updated) throw new UserError('onbekende_afspraak');
      return updated;
    },
  );
}
