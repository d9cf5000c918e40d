/**
 * The sociale kaart (issue 21, app/socialMap.ts). With a session: every role reads the offers of the gemeenten in its
 * scope, with filters; the beheerder and the analist (action social_map_write) create, change and end them. Without a
 * session: one gemeente's offers valid today, public fields only, as JSON, CSV or Excel
 * (GET /publiek/sociale-kaart/{gemeente}), for teams and residents; the web page /sociale-kaart/{gemeente} reads it.
 *
 * The inputs are zod schemas (zod/v4), turned into the JSON Schema Fastify validates and the OpenAPI document shows,
 * so the description and the check are one; the rules zod cannot say (personal data, contact details, dates that
 * exist) are app/socialMap.ts checkOffer's.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/v4';
import { storeScope } from '../../app/access.js';
import {
  createOffer,
  endOffer,
  gemeenteName,
  getOffer,
  listOffers,
  publicOf,
  socialMapCsv,
  socialMapXlsx,
  updateOffer,
  type OfferInput,
} from '../../app/socialMap.js';
import { PRODUCT_CATEGORY, label } from '../../domain/codelists.js';
import { dutchToday } from '../../domain/dates.js';
import { headerLang } from '../../domain/downloads.js';
import { UserError } from '../../domain/errors.js';
import { CATEGORY_THEMES, SOCIAL_THEMES, SOCIAL_THEME_LABELS, type SocialTheme } from '../../domain/socialMap.js';
import { withScope } from '../../store/sql.js';
import type { AppContext } from '../context.js';
import { arrayOf, bool, int, obj, ok, problemAnswer, str, strOrNull } from '../apiSchema.js';
import { MEDIA_CSV, MEDIA_XLSX } from '../answerSchemas.js';
import { scopedGemeenten } from './indicators.js';

type Schema = Record<string, unknown>;

/** A zod schema as the JSON Schema Fastify and the OpenAPI document take (without its $schema line). */
function jsonSchema(s: z.ZodType): Schema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { target: 'draft-7', io: 'input' }) as Schema;
  return rest;
}

/**
 * Fastify has checked the input against the same schema already; zod reads it again for its types, and should the
 * two ever disagree the answer is a 400 naming the field, never a 500.
 */
function read<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new UserError('ongeldig_aanbod', {
    field: issue.path.join('.') || '-',
    nl: 'past niet bij de beschrijving van de API (/api/v1/docs)',
    en: 'does not fit the API description (/api/v1/docs)',
  });
}

const GEMEENTE = z.string().regex(/^[0-9]{4}$/);
const OFFER_ID = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/);
const DAY = z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/);
const THEME = z.enum(SOCIAL_THEMES);

/** The fields of an offer a form sends (Dutch names, as the CSV columns). */
const OFFER_FIELDS = {
  organisatie: z.string().min(1).max(200),
  naam: z.string().min(1).max(200),
  doelgroep: z.string().max(500).optional(),
  omschrijving: z.string().max(2000).optional(),
  leeftijdVan: z.int().min(0).max(27),
  leeftijdTot: z.int().min(0).max(27),
  themas: z.array(THEME).min(1).max(SOCIAL_THEMES.length),
  wijk: z.string().max(100).optional(),
  vrijToegankelijk: z.boolean(),
  website: z.string().max(300).nullable().optional(),
  telefoon: z.string().max(30).nullable().optional(),
  email: z.string().max(200).nullable().optional(),
  geldigVan: DAY,
  geldigTot: DAY.nullable().optional(),
};
const OFFER_BODY = z.strictObject(OFFER_FIELDS);
const NEW_OFFER_BODY = z.strictObject({ gemeente: GEMEENTE, id: OFFER_ID, ...OFFER_FIELDS });
const END_BODY = z.strictObject({ geldigTot: DAY });
const OFFER_PARAMS = z.strictObject({ gemeente: GEMEENTE, aanbod: OFFER_ID });

const FILTERS = {
  zoek: z.string().max(200).optional(),
  thema: THEME.optional(),
  wijk: z.string().max(100).optional(),
  leeftijd: z.int().min(0).max(27).optional(),
  vrijToegankelijk: z.enum(['ja', 'nee']).optional(),
};
const LIST_QUERY = z.strictObject({ gemeente: z.string().max(400).optional(), ...FILTERS, geldigOp: DAY.optional() });
const PUBLIC_QUERY = z.strictObject({
  ...FILTERS,
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
  headers: z.enum(['nl', 'en']).optional(),
});

const inputOf = (b: z.infer<typeof OFFER_BODY>): OfferInput => ({
  organisation: b.organisatie,
  name: b.naam,
  targetGroup: b.doelgroep,
  description: b.omschrijving,
  ageFrom: b.leeftijdVan,
  ageTo: b.leeftijdTot,
  themes: b.themas,
  area: b.wijk,
  openAccess: b.vrijToegankelijk,
  website: b.website ?? null,
  phone: b.telefoon ?? null,
  email: b.email ?? null,
  validFrom: b.geldigVan,
  validTo: b.geldigTot ?? null,
});

const filterOf = (q: z.infer<typeof PUBLIC_QUERY> | z.infer<typeof LIST_QUERY>) => ({
  text: q.zoek,
  theme: q.thema,
  area: q.wijk,
  age: q.leeftijd,
  openAccess: q.vrijToegankelijk === undefined ? undefined : q.vrijToegankelijk === 'ja',
});

// ---- answers ----

const PUBLIC_FIELDS: Schema = {
  id: str,
  gemeente: str,
  organisation: str,
  name: str,
  targetGroup: str,
  description: str,
  ageFrom: int,
  ageTo: int,
  themes: arrayOf({ type: 'string', enum: [...SOCIAL_THEMES] }),
  area: str,
  openAccess: bool,
  website: strOrNull,
  phone: strOrNull,
  email: strOrNull,
  validFrom: { type: 'string', format: 'date' },
  validTo: { type: ['string', 'null'], format: 'date' },
};
const OFFER: Schema = obj({
  ...PUBLIC_FIELDS,
  changedBy: strOrNull,
  changedAt: { type: 'string', format: 'date-time' },
});
const PUBLIC_OFFER: Schema = { ...obj(PUBLIC_FIELDS), additionalProperties: false };
const THEMES: Schema = arrayOf(obj({ code: str, label: str }));
const CATEGORIES: Schema = arrayOf(obj({ code: str, label: str, themes: arrayOf(str) }));
const SOCIAL_MAP: Schema = obj({ themes: THEMES, categories: CATEGORIES, offers: arrayOf(OFFER) });
const PUBLIC_MAP: Schema = obj({
  gemeente: obj({ code: str, name: str }),
  peildatum: { type: 'string', format: 'date' },
  themes: THEMES,
  categories: CATEGORIES,
  offers: arrayOf(PUBLIC_OFFER),
});

const themeList = () => SOCIAL_THEMES.map((t) => ({ code: t, label: SOCIAL_THEME_LABELS[t] }));
/** The mapping productcategorie → themes (domain/socialMap.ts), with the category in words. */
const categoryList = () =>
  Object.entries(CATEGORY_THEMES).map(([code, themes]) => ({
    code,
    label: label(PRODUCT_CATEGORY, code),
    themes: [...themes] as SocialTheme[],
  }));

export async function socialMapRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get<{ Querystring: z.infer<typeof LIST_QUERY> }>(
    '/sociale-kaart',
    {
      config: { action: 'aggregates' },
      schema: {
        tags: ['sociale kaart'],
        summary:
          'Het beschikkingsvrije aanbod (sociale kaart) van de gemeenten in uw scope, met filters: zoekwoorden, thema, ' +
          'wijk, leeftijd, vrij toegankelijk en geldig op een dag; met de thema’s en de koppeling productcategorie → thema',
        querystring: jsonSchema(LIST_QUERY),
        response: { 200: ok(SOCIAL_MAP) },
      },
    },
    async (req) => {
      const p = req.principal!;
      const q = read(LIST_QUERY, req.query);
      const gemeenten = await scopedGemeenten(req, ctx, q.gemeente);
      const offers = await withScope(ctx.store, storeScope(p), (tx) =>
        listOffers(tx, { gemeenten, ...filterOf(q), validOn: q.geldigOp }),
      );
      return { themes: themeList(), categories: categoryList(), offers };
    },
  );

  api.post<{ Body: z.infer<typeof NEW_OFFER_BODY> }>(
    '/sociale-kaart',
    {
      config: { action: 'social_map_write' },
      schema: {
        tags: ['sociale kaart'],
        summary: 'Een aanbod op de sociale kaart zetten (beheerder, analist)',
        body: jsonSchema(NEW_OFFER_BODY),
        response: { 201: ok(OFFER, 'Vastgelegd'), 409: problemAnswer(409) },
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      const { gemeente: asked, id, ...fields } = read(NEW_OFFER_BODY, req.body);
      const [gemeente] = await scopedGemeenten(req, ctx, asked);
      const made = await withScope(ctx.store, storeScope(p), (tx) =>
        createOffer(tx, gemeente!, id, inputOf(fields), p.username),
      );
      await ctx.audit(req, { event: 'aanbod_gewijzigd', outcome: 'ok', query: `${gemeente} aanbod ${id} nieuw` });
      reply.status(201);
      return made;
    },
  );

  api.put<{ Params: z.infer<typeof OFFER_PARAMS>; Body: z.infer<typeof OFFER_BODY> }>(
    '/sociale-kaart/:gemeente/:aanbod',
    {
      config: { action: 'social_map_write' },
      schema: {
        tags: ['sociale kaart'],
        summary: 'Een aanbod wijzigen: alle velden opnieuw (beheerder, analist)',
        params: jsonSchema(OFFER_PARAMS),
        body: jsonSchema(OFFER_BODY),
        response: { 200: ok(OFFER) },
      },
    },
    async (req) => {
      const p = req.principal!;
      const { gemeente: asked, aanbod } = read(OFFER_PARAMS, req.params);
      const [gemeente] = await scopedGemeenten(req, ctx, asked);
      const changed = await withScope(ctx.store, storeScope(p), (tx) =>
        updateOffer(tx, gemeente!, aanbod, inputOf(read(OFFER_BODY, req.body)), p.username),
      );
      await ctx.audit(req, {
        event: 'aanbod_gewijzigd',
        outcome: 'ok',
        query: `${gemeente} aanbod ${aanbod} gewijzigd`,
      });
      return changed;
    },
  );

  api.patch<{ Params: z.infer<typeof OFFER_PARAMS>; Body: z.infer<typeof END_BODY> }>(
    '/sociale-kaart/:gemeente/:aanbod',
    {
      config: { action: 'social_map_write' },
      schema: {
        tags: ['sociale kaart'],
        summary: 'Een aanbod beëindigen: geldigTot is de laatste dag (beheerder, analist); het blijft bewaard',
        params: jsonSchema(OFFER_PARAMS),
        body: jsonSchema(END_BODY),
        response: { 200: ok(OFFER) },
      },
    },
    async (req) => {
      const p = req.principal!;
      const { gemeente: asked, aanbod } = read(OFFER_PARAMS, req.params);
      const [gemeente] = await scopedGemeenten(req, ctx, asked);
      const until = read(END_BODY, req.body).geldigTot;
      const ended = await withScope(ctx.store, storeScope(p), (tx) =>
        endOffer(tx, gemeente!, aanbod, until, p.username),
      );
      await ctx.audit(req, {
        event: 'aanbod_gewijzigd',
        outcome: 'ok',
        query: `${gemeente} aanbod ${aanbod} beëindigd per ${until}`,
      });
      return ended;
    },
  );

  api.get<{ Params: z.infer<typeof OFFER_PARAMS> }>(
    '/sociale-kaart/:gemeente/:aanbod',
    {
      config: { action: 'aggregates' },
      schema: {
        tags: ['sociale kaart'],
        summary: 'Eén aanbod van de sociale kaart',
        params: jsonSchema(OFFER_PARAMS),
        response: { 200: ok(OFFER) },
      },
    },
    async (req) => {
      const p = req.principal!;
      const { gemeente: asked, aanbod } = read(OFFER_PARAMS, req.params);
      const [gemeente] = await scopedGemeenten(req, ctx, asked);
      const offer = await withScope(ctx.store, storeScope(p), (tx) => getOffer(tx, gemeente!, aanbod));
      if (!offer) throw new UserError('onbekend_aanbod');
      return offer;
    },
  );

  // Public: no session, one gemeente per address, read in the scope of that gemeente alone (row-level security
  // holds even if the query were wrong), only offers valid today, only their public fields.
  api.get<{ Params: { gemeente: string }; Querystring: z.infer<typeof PUBLIC_QUERY> }>(
    '/publiek/sociale-kaart/:gemeente',
    {
      config: { action: 'public' },
      schema: {
        tags: ['sociale kaart'],
        summary:
          'Openbaar, zonder inloggen: de sociale kaart van één gemeente — het aanbod dat vandaag geldt, alleen de ' +
          'openbare velden; format=csv of xlsx geeft het als bestand',
        security: [],
        params: jsonSchema(z.strictObject({ gemeente: GEMEENTE })),
        querystring: jsonSchema(PUBLIC_QUERY),
        response: {
          200: {
            ...ok(PUBLIC_MAP),
            content: {
              ...(ok(PUBLIC_MAP).content as object),
              [MEDIA_CSV]: { schema: { type: 'string' } },
              [MEDIA_XLSX]: { schema: { type: 'string', format: 'binary' } },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const code = read(GEMEENTE, req.params.gemeente);
      const q = read(PUBLIC_QUERY, req.query);
      const today = dutchToday(ctx.now());
      const found = await withScope(ctx.store, { gemeenten: [code] }, async (tx) => {
        const name = await gemeenteName(tx, code);
        if (name === null) return null;
        const offers = await listOffers(tx, { gemeenten: [code], ...filterOf(q), validOn: today });
        // belt and braces: whatever the query did, nothing of another gemeente or not valid today leaves
        return { name, offers: offers.filter((o) => o.gemeente === code && o.validFrom <= today).map(publicOf) };
      });
      if (!found) throw new UserError('geen_sociale_kaart');
      if (q.format === 'csv') {
        const h = headerLang(q.headers);
        reply
          .header('content-disposition', `attachment; filename="sociale-kaart-${code}${h === 'en' ? '-en' : ''}.csv"`)
          .type('text/csv; charset=utf-8');
        return socialMapCsv(found.offers, found.name, h);
      }
      if (q.format === 'xlsx') {
        reply.header('content-disposition', `attachment; filename="sociale-kaart-${code}.xlsx"`).type(MEDIA_XLSX);
        return socialMapXlsx(found.offers, found.name);
      }
      return {
        gemeente: { code, name: found.name },
        peildatum: today,
        themes: themeList(),
        categories: categoryList(),
        offers: found.offers,
      };
    },
  );
}
