/**
 * Indicators over HTTP: the catalogue with definitions, and values per gemeente, period and split.
 * The route checks the role (money, person-level), narrows the gemeenten to the user's scope
 * (asking for another gemeente is refused and logged, never silently emptied), logs every read of
 * a person-level list with the pseudonyms it showed. Disclosure control for roles outside the
 * authorised circle is the server's one step for every answer (server/disclosureStep.ts).
 */
import { qualityChecks, scoreFor } from '../../indicators/quality.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatPeriod, parsePeriod, type Period } from '../../domain/periods.js';
import { INDICATORS, checkSplit, findIndicator } from '../../indicators/catalogue.js';
import { parseAsOf, periodsOverview } from '../../app/periods.js';
import type { IndicatorDefinition, IndicatorRow } from '../../indicators/types.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { ok } from '../apiSchema.js';
import { UserError } from '../../domain/errors.js';
import { indicatorAllowed, needsDisclosureControl } from '../../app/access.js';
import { regionBeyondScope } from '../../app/regionScope.js';
import { applyDisclosureControl } from '../../app/disclosure.js';
import type { Definition, Periods, Row } from '../apiTypes.js';

const MAX_PERIODS = 12;

// who may see an indicator is app/access.ts's rule (the OData feed asks it too); kept importable from here
export { indicatorAllowed };

export function parsePeriods(text: string): Period[] {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > MAX_PERIODS) {
    throw new UserError('ongeldige_periode.aantal', { max: MAX_PERIODS });
  }
  return parts.map(parsePeriod); // a PeriodError is a UserError (ongeldige_periode)
}

/** The requested gemeenten, all inside the scope; a code outside it is refused. */
export async function scopedGemeenten(
  req: FastifyRequest,
  ctx: AppContext,
  requested: string | undefined,
): Promise<string[]> {
  const p = req.principal!;
  const codes = (requested ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (codes.length === 0 || (codes.length === 1 && codes[0] === 'alle')) {
    if (p.gemeenten.length === 0) throw new UserError('geen_scope');
    return [...p.gemeenten];
  }
  const bad = codes.filter((c) => !/^\d{4}$/.test(c));
  if (bad.length > 0) throw new UserError('ongeldige_gemeente', { codes: bad });
  const outside = codes.filter((c) => !p.gemeenten.includes(c));
  if (outside.length > 0) {
    await ctx.audit(req, {
      event: 'toegang_geweigerd',
      outcome: 'geweigerd',
      query: `gemeente ${outside.join(',')} buiten scope`,
    });
    throw new UserError('buiten_scope', { gemeenten: outside });
  }
  return codes;
}

/** Refuses (403, logged) an indicator the user's role may not see; the indicators route and the OData feed ask it. */
export async function requireIndicator(req: FastifyRequest, ctx: AppContext, def: IndicatorDefinition): Promise<void> {
  const p = req.principal!;
  if (indicatorAllowed(p, def)) return;
  await ctx.audit(req, { event: 'toegang_geweigerd', outcome: 'geweigerd', query: `indicator ${def.id}` });
  throw new UserError('geen_toegang.indicator_rol', { role: p.role, nl: def.nameNl, en: def.nameEn });
}

export async function indicatorRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get(
    '/indicators',
    {
      config: { action: 'aggregates' },
      schema: {
        response: { 200: ok(A.DEFINITIONS) },
        tags: ['indicatoren'],
        summary: 'De catalogus: elke indicator met definitie, eenheid, splitsingen en bronnen',
      },
    },
    async (req): Promise<Definition[]> =>
      INDICATORS.map((i) => ({ ...i.definition, allowed: indicatorAllowed(req.principal!, i.definition) })),
  );

  api.get(
    '/periods',
    {
      config: { action: 'aggregates', lens: true },
      schema: {
        response: { 200: ok(A.PERIODS) },
        tags: ['indicatoren'],
        summary: 'Tot waar reiken de gegevens; voorgestelde perioden',
      },
    },
    async (): Promise<Periods> => ctx.lens.cached('periods', periodsOverview),
  );

  api.get<{ Querystring: { period: string; gemeente?: string } }>(
    '/quality',
    {
      config: { action: 'aggregates', lens: true },
      schema: {
        response: { 200: ok(A.QUALITY) },
        tags: ['indicatoren'],
        summary:
          'Datakwaliteit per gemeente en periode: de controles achter de betrouwbaarheidsscore van elke indicator',
        querystring: {
          type: 'object',
          required: ['period'],
          additionalProperties: false,
          properties: { period: { type: 'string', maxLength: 20 }, gemeente: { type: 'string', maxLength: 400 } },
        },
      },
    },
    async (req) => {
      const [period] = parsePeriods(req.query.period);
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const checks = await ctx.lens.cached(`quality|${formatPeriod(period!)}`, (lens) =>
        qualityChecks(lens, { period: period!, gemeenten: [] }),
      );
      return gemeenten.map((g) => ({ gemeente: g, period: formatPeriod(period!), checks: checks.get(g) ?? [] }));
    },
  );

  api.get<{
    Params: { id: string };
    Querystring: { period: string; gemeente?: string; by?: string; standVan?: string };
  }>(
    '/indicators/:id',
    {
      config: { action: 'aggregates', lens: true },
      schema: {
        response: { 200: ok(A.INDICATOR_VALUES) },
        tags: ['indicatoren'],
        summary: 'Waarden van één indicator',
        description:
          'period: één of meer perioden (2025, 2025H2, 2025Q3, 2025-03), komma-gescheiden. gemeente: codes binnen uw scope (leeg = alle). by: splitsing uit de definitie. standVan: de gegevens zoals ze er aan het einde van die dag waren (JJJJ-MM-DD, niet na vandaag), zoals een rapport over een periode ze gebruikt (de laatste dag van de periode); zonder: alles wat er nu is.',
        params: { type: 'object', properties: { id: { type: 'string', pattern: '^[a-z0-9_]+$' } }, required: ['id'] },
        querystring: {
          type: 'object',
          required: ['period'],
          additionalProperties: false,
          properties: {
            period: { type: 'string', maxLength: 120 },
            gemeente: { type: 'string', maxLength: 400 },
            by: { type: 'string', maxLength: 40 },
            standVan: { type: 'string', maxLength: 20 },
          },
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      const asOf = req.query.standVan === undefined ? null : parseAsOf(req.query.standVan, ctx.now());
      const lens = asOf === null ? ctx.lens : ctx.lens.asOf(asOf);
      const ind = findIndicator(req.params.id);
      if (!ind) throw new UserError('onbekende_indicator.pad', { id: req.params.id });
      const def = ind.definition;
      await requireIndicator(req, ctx, def);
      const by = req.query.by || undefined;
      const refused = checkSplit(def, by);
      if (refused) throw new UserError(refused.code, refused);
      const periods = parsePeriods(req.query.period);
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const exact = await lens.rows(def.id, periods, gemeenten, by);
      // a figure standing on the whole region, for a caller who does not see all of it: published, as a report does
      // for a regio figure (bestuur and aanbieder get every answer published by the disclosure step anyway)
      const beyond =
        def.regionWide === true &&
        !needsDisclosureControl(p) &&
        (await regionBeyondScope(await lens.get(), p, gemeenten));
      const rows = beyond ? applyDisclosureControl(exact) : exact;
      if (def.personLevel) {
        const subjects = [
          ...new Set(
            rows.map((r) => (r as IndicatorRow & { youth?: string }).youth).filter((y): y is string => Boolean(y)),
          ),
        ];
        await ctx.audit(req, {
          event: 'lezen_persoonsgegevens',
          outcome: 'ok',
          subjects,
          query: `indicator ${def.id} ${req.query.period} ${gemeenten.join(',')}${asOf ? ` stand ${asOf}` : ''}`,
          purpose: 'sturing (Jeugdwet 7.4.4)',
        });
      }
      // disclosure control for bestuur and aanbieder is not done here: every answer passes the one step in
      // server/disclosureStep.ts, which publishes these exact rows
      const quality = [];
      for (const period of periods) {
        const checks = await lens.cached(`quality|${formatPeriod(period)}`, (l) =>
          qualityChecks(l, { period, gemeenten: [] }),
        );
        for (const g of gemeenten) quality.push(scoreFor(def, checks.get(g) ?? [], g, period));
      }
      return {
        definition: def,
        disclosureControl: needsDisclosureControl(p) || beyond,
        standVan: asOf,
        rows: rows satisfies readonly Row[],
        quality,
      };
    },
  );
}
