/**
 * GET /api/v1/productcodes and GET /api/v1/maandoverzicht (issue 16 points 4 and 5, seed 003 Zuid-Holland Zuid):
 * per product code over the last three years with a drill-down to the providers of one code, and per
 * month youths in care, cost and budget per gemeente, team and (for the roles that see person-level data
 * and money: analist, teammanager) client. The route checks role and scope as /api/v1/overview does; the
 * use cases are app/productMonth.ts; disclosure control for bestuur and aanbieder is done there and by
 * the server's one step (disclosureStep.ts). A teammanager sees only the own team.
 */
import type { FastifyInstance } from 'fastify';
import { can, needsDisclosureControl } from '../../app/access.js';
import { monthOverview, productCodeTable } from '../../app/productMonth.js';
import { dataEnd } from '../../indicators/sql.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { ok } from '../apiSchema.js';
import { UserError } from '../../domain/errors.js';
import { scopedGemeenten } from './indicators.js';

const YEAR = { type: 'string', pattern: '^[0-9]{4}$' } as const;

function badYears(): UserError {
  return new UserError('ongeldige_periode.jaren');
}

/** The last three complete calendar years up to the data end (the data end's year when it is 31 December). */
export function defaultYears(end: string): { from: number; to: number } {
  const y = Number(end.slice(0, 4));
  const to = end.endsWith('-12-31') ? y : y - 1;
  return { from: to - 2, to };
}

export async function productMonthRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  const end = () => ctx.lens.cached('dataEnd', (l) => dataEnd(l));
  const names = () =>
    ctx.lens.cached(
      'gemeenteNames',
      async (l) =>
        new Map(
          (await l.query<{ code: string; name: string }>('SELECT code, name FROM gemeente')).map((r) => [
            r.code,
            r.name,
          ]),
        ),
    );

  api.get<{ Querystring: { gemeente?: string; van?: string; tot?: string; productcode?: string } }>(
    '/productcodes',
    {
      config: { action: 'aggregates', lens: true },
      schema: {
        response: { 200: ok(A.PRODUCT_CODES) },
        tags: ['indicatoren'],
        summary:
          'Per productcode: kinderen, trajecten, gemiddelde duur, kosten, kosten per kind, verwijzers, aanbieders',
        description:
          'van/tot: kalenderjaren (standaard de laatste drie volledige jaren). productcode: uitsplitsing van één ' +
          'productcode naar aanbieder. Kosten alleen voor rollen met geldrechten; een aanbieder ziet in de ' +
          'uitsplitsing alleen zichzelf. Definities: docs/indicators.md "Per productcode en per maand".',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            gemeente: { type: 'string', maxLength: 400 },
            van: YEAR,
            tot: YEAR,
            productcode: { type: 'string', maxLength: 20 },
          },
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const d = defaultYears(await end());
      const from = req.query.van ? Number(req.query.van) : req.query.tot ? Number(req.query.tot) - 2 : d.from;
      const to = req.query.tot ? Number(req.query.tot) : req.query.van ? Math.max(from, d.to) : d.to;
      if (from > to || to - from > 5) throw badYears();
      return productCodeTable(await ctx.lens.get(), {
        gemeenten,
        from: `${from}-01-01`,
        to: `${to}-12-31`,
        productCode: req.query.productcode,
        money: can(p, 'money'),
        published: needsDisclosureControl(p),
        ownProvider: p.role === 'aanbieder' ? (p.provider ?? '-') : null,
      });
    },
  );

  api.get<{ Querystring: { gemeente?: string; jaar?: string; maand?: string } }>(
    '/maandoverzicht',
    {
      config: { action: 'money', lens: true, ownTeam: true },
      schema: {
        response: { 200: ok(A.MONTH_OVERVIEW) },
        tags: ['geld'],
        summary:
          'Per maand: jeugdigen in zorg, kosten deze maand en dit jaar, budget gebruikt en over; per gemeente, ' +
          'team en (analist, teammanager) cliënt',
        description:
          'jaar: kalenderjaar (standaard dat van de laatste gegevens). maand: 1–12, de maand van de cliëntenlijst ' +
          '(standaard de laatste met gegevens). Een teammanager ziet alleen het eigen team. Cliëntregels ' +
          '(gepseudonimiseerd) alleen voor analist en teammanager; elke opvraging daarvan wordt gelogd.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            gemeente: { type: 'string', maxLength: 400 },
            jaar: YEAR,
            maand: { type: 'string', pattern: '^(0?[1-9]|1[0-2])$' },
          },
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      let team: { gemeente: string; code: string } | null = null;
      if (p.role === 'teammanager') {
        if (!p.team || !gemeenten.includes(p.team.gemeente)) throw new UserError('geen_scope.team');
        team = p.team;
      }
      const last = await end();
      const year = req.query.jaar ? Number(req.query.jaar) : Number(last.slice(0, 4));
      const lastYear = Number(last.slice(0, 4));
      if (year > lastYear || year < 2000) throw new UserError('ongeldige_periode.geen_gegevens', { year, last });
      const lastMonth = year < lastYear ? 12 : Number(last.slice(5, 7));
      const month = req.query.maand ? Math.min(Number(req.query.maand), lastMonth) : lastMonth;
      const clients = can(p, 'person_level') && (p.role === 'analist' || p.role === 'teammanager');
      const { answer, subjects } = await monthOverview(await ctx.lens.get(), {
        gemeenten,
        year,
        month,
        team,
        clients,
        published: needsDisclosureControl(p, true), // a team manager's overview is its own team's (above)
        lastMonth,
        gemeenteNames: await names(),
      });
      if (clients) {
        await ctx.audit(req, {
          event: 'lezen_persoonsgegevens',
          outcome: 'ok',
          subjects,
          purpose: 'sturing (Jeugdwet 7.4.4)',
          query: `maandoverzicht ${year}-${month} ${team ? `team ${team.gemeente}/${team.code}` : gemeenten.join(',')}`,
        });
      }
      return answer;
    },
  );
}
