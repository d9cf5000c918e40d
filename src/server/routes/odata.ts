/**
 * The OData v4 feed for Power BI and Excel ("Get data → OData feed", docs/odata.md): read-only, registered under
 * /api/v1 (app.ts). Same log-in, scope and role rules as the JSON API: every route declares `aggregates`, gemeenten
 * come from scopedGemeenten (a gemeente outside the scope, also inside $filter, is refused and logged), indicators
 * from indicatorAllowed, the figures from the same lens computation as GET /api/indicators/:id. Disclosure control
 * for bestuur and aanbieder is the same step as everywhere (server/disclosureStep.ts) on the same rows; the feed
 * publishes each indicator query's rows whole (app/disclosure.ts publishRows) before it pages them, so a page
 * boundary never changes a cell, and only then renames fields and applies $select (a hook after the step).
 * IndicatorRows is computed lazily: the query's work list is (indicator, period, split) in catalogue order, each
 * page computes at most CHUNKS_PER_PAGE of them, and the $skiptoken says where the next page starts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { arrayOf, fileAnswer, int, obj, ok, str } from '../apiSchema.js';
import type { AppContext } from '../context.js';
import { UserError } from '../../domain/errors.js';
import { formatPeriod, parsePeriod, periodEnd, periodStart } from '../../domain/periods.js';
import { INDICATORS, checkSplit, findIndicator } from '../../indicators/catalogue.js';
import type { IndicatorDefinition, IndicatorRow } from '../../indicators/types.js';
import { indicatorAllowed, needsDisclosureControl } from '../../app/access.js';
import { publishRows } from '../../app/disclosure.js';
import { regionBeyondScope } from '../../app/regionScope.js';
import { periodsOverview } from '../../app/periods.js';
import { requireIndicator, scopedGemeenten } from './indicators.js';
import { boundOf, literalsOf, mapLiterals, matches, odataError, type Filter } from '../odata/filter.js';
import {
  ENTITY_SETS,
  QUERY_SCHEMA,
  entitySet,
  formatToken,
  metadataXml,
  parseQuery,
  type EntitySetSpec,
  type ODataQuery,
} from '../odata/model.js';
import { lazyPage, pageOfAll, sortBy, type Page } from '../odata/paging.js';

/** $count and $orderby need every row of the query: refused above this many computations. */
export const MAX_WHOLE_CHUNKS = 600;

const JSON_TYPE = 'application/json;odata.metadata=minimal;charset=utf-8';
type Entity = Record<string, unknown>;

/** What the hook after the disclosure step does with an answer: turn each item into its entity and apply $select. */
interface Shape {
  readonly toEntity: (x: never) => Entity;
  readonly select: readonly string[] | null;
}
const shapes = new WeakMap<FastifyRequest, Shape>();

/** The service root as the client reached it (absolute: Power BI resolves nextLink against nothing else). */
function serviceRoot(req: FastifyRequest, ctx: AppContext): string {
  const host = req.host;
  if (!/^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) {
    throw odataError('ongeldige Host-kop', 'invalid Host header');
  }
  // off loopback Zicht runs behind TLS (its cookies are Secure): the client reached it over https
  return `${ctx.secureCookies ? 'https' : 'http'}://${host}/api/v1/odata/`;
}

const enc = (s: string) => encodeURIComponent(s).replace(/'/g, '%27');

function answer(req: FastifyRequest, ctx: AppContext, set: EntitySetSpec, q: ODataQuery, page: Page, shape: Shape) {
  shapes.set(req, shape);
  const root = serviceRoot(req, ctx);
  const context = `${root}$metadata#${set.name}${q.select ? `(${q.select.join(',')})` : ''}`;
  const next =
    page.next === null
      ? {}
      : {
          '@odata.nextLink': `${root}${set.name}?${[...q.keep, ['$skiptoken', formatToken(page.next)]]
            .map(([k, v]) => `${enc(k!)}=${enc(v!)}`)
            .join('&')}`,
        };
  return {
    '@odata.context': context,
    ...(page.count !== null ? { '@odata.count': page.count } : {}),
    value: page.items,
    ...next,
  };
}

/** A small entity set: all its entities, filtered, sorted, one page of them. */
function smallSet(all: Entity[], q: ODataQuery): Page {
  const f = q.filter;
  return pageOfAll(sortBy(f ? all.filter((e) => matches(f, e)) : all, q), q);
}

const identity = (x: never): Entity => x;
/** An indicator row with the split its query asked for. */
type FeedRow = IndicatorRow & { readonly split: string | null };
const rowId = (r: FeedRow) => `${r.indicator}|${r.gemeente}|${r.period}|${r.split ?? ''}|${r.by ?? ''}|${r.key ?? ''}`;
/** The properties $filter and $orderby see: none of them a figure, so disclosure control does not change them. */
const rowView = (r: FeedRow): Entity => ({
  id: rowId(r),
  indicator: r.indicator,
  gemeente: r.gemeente,
  period: r.period,
  split: r.split,
  keySplit: r.by,
  key: r.key,
  unit: r.unit,
});
const rowEntity = (r: FeedRow): Entity => ({
  ...rowView(r),
  label: r.label ?? null,
  value: r.value,
  numerator: r.numerator,
  denominator: r.denominator,
  unit: r.unit,
  flags: r.flags.join(','),
});

interface Chunk {
  readonly def: IndicatorDefinition;
  readonly period: string;
  readonly split: string | null;
}

export async function odataRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  // every answer of the feed says its protocol version, errors included
  api.addHook('onSend', async (_req, reply, payload) => {
    reply.header('OData-Version', '4.0');
    return payload;
  });
  // after the disclosure step (registered on the root, so it runs first): rename to the entity's fields, $select
  api.addHook('preSerialization', async (req, _reply, payload) => {
    const shape = shapes.get(req);
    if (!shape) return payload;
    const body = payload as { value: never[] };
    const value = body.value.map((x) => {
      const e = shape.toEntity(x);
      return shape.select ? Object.fromEntries(shape.select.map((k) => [k, e[k] ?? null])) : e;
    });
    return { ...body, value };
  });

  const serviceDocument = async (req: FastifyRequest, reply: { type(t: string): unknown }) => {
    reply.type(JSON_TYPE);
    const root = serviceRoot(req, ctx);
    return {
      '@odata.context': `${root}$metadata`,
      value: ENTITY_SETS.map((s) => ({ name: s.name, kind: 'EntitySet', url: s.name })),
    };
  };
  const docSchema = {
    tags: ['odata'],
    // OData 4.0 fixes these paths ($metadata, PascalCase entity sets): described by its CSDL, not in the OpenAPI
    // document, whose NL API Design Rules (kebab-case paths) it would break — explained in docs/api.md
    hide: true,
    summary: 'OData-feed: servicedocument (de entiteitensets)',
    response: {
      200: ok(
        obj({ '@odata.context': str, value: arrayOf(obj({ name: str, kind: str, url: str })) }),
        'Het servicedocument (OData 4.0, JSON)',
      ),
    },
  };
  api.get('/odata', { config: { action: 'aggregates' }, schema: docSchema }, (req, reply) =>
    serviceDocument(req, reply),
  );
  api.get('/odata/', { config: { action: 'aggregates' }, schema: docSchema }, (req, reply) =>
    serviceDocument(req, reply),
  );
  const xml = metadataXml();
  api.get(
    '/odata/$metadata',
    {
      config: { action: 'aggregates' },
      schema: {
        tags: ['odata'],
        hide: true,
        summary: 'OData-feed: CSDL-metadata (OData 4.0)',
        response: { 200: fileAnswer(['application/xml'], 'De CSDL-metadata (XML)') },
      },
    },
    async (_req, reply) => reply.type('application/xml;charset=utf-8').send(xml),
  );

  const route = (
    name: string,
    summary: string,
    handler: (req: FastifyRequest, q: ODataQuery) => Promise<Page>,
    shape: (q: ODataQuery) => Shape,
  ) => {
    const set = entitySet(name);
    api.get(
      `/odata/${name}`,
      {
        // Periods and IndicatorRows read the lens (503 while it is missing or stale)
        config: { action: 'aggregates', lens: name === 'Periods' || name === 'IndicatorRows' },
        schema: {
          tags: ['odata'],
          hide: true,
          summary,
          querystring: QUERY_SCHEMA,
          response: {
            // the entities' properties are in $metadata (CSDL), per entity set and per $select
            200: ok(
              obj(
                {
                  '@odata.context': str,
                  '@odata.count': int,
                  '@odata.nextLink': str,
                  value: arrayOf({ type: 'object' }),
                },
                ['@odata.context', 'value'],
              ),
              'Een bladzijde van de entiteitenset (OData 4.0, JSON; volgende bladzijde in @odata.nextLink)',
            ),
          },
        },
      },
      async (req, reply) => {
        const q = parseQuery(req.query, set);
        const page = await handler(req, q);
        reply.type(JSON_TYPE);
        return answer(req, ctx, set, q, page, shape(q));
      },
    );
  };

  route(
    'Definitions',
    'OData-feed: de catalogus (definitie, eenheid, splitsingen) met wat u mag zien',
    async (req, q) =>
      smallSet(
        INDICATORS.map(({ definition: d }) => ({
          id: d.id,
          nameNl: d.nameNl,
          nameEn: d.nameEn,
          unit: d.unit,
          direction: d.direction,
          definitionNl: d.definitionNl,
          definitionEn: d.definitionEn,
          splits: d.dimensions.join(','),
          sources: d.sources.join(', '),
          allowed: indicatorAllowed(req.principal!, d),
          inFeed: inFeed(req, d),
        })),
        q,
      ),
    (q) => ({ toEntity: identity, select: q.select }),
  );

  route(
    'Gemeenten',
    'OData-feed: de gemeenten binnen uw scope',
    async (req, q) => {
      const codes = await scopedGemeenten(req, ctx, undefined);
      const rows = await ctx.store.query<{ code: string; name: string; region_code: string | null }>(
        'SELECT code, name, region_code FROM gemeente WHERE code = ANY($1) ORDER BY code',
        [codes],
      );
      return smallSet(
        rows.map((r) => ({ code: r.code, name: r.name, regionCode: r.region_code })),
        q,
      );
    },
    (q) => ({ toEntity: identity, select: q.select }),
  );

  route(
    'Periods',
    'OData-feed: de perioden (jaren, halfjaren, kwartalen, maanden tot het einde van de gegevens)',
    async (_req, q) => smallSet(await periodEntities(), q),
    (q) => ({ toEntity: identity, select: q.select }),
  );

  route(
    'IndicatorRows',
    'OData-feed: indicatorwaarden per indicator, gemeente, periode en splitsing (zoals GET /api/indicators/:id)',
    indicatorRows,
    (q) => ({ toEntity: rowEntity as (x: never) => Entity, select: q.select }),
  );

  function inFeed(req: FastifyRequest, d: IndicatorDefinition): boolean {
    return !d.personLevel && indicatorAllowed(req.principal!, d);
  }

  async function periodEntities(): Promise<Entity[]> {
    const o = await ctx.lens.cached('periods', periodsOverview);
    const kinds = [
      ['year', o.years],
      ['half', o.halfYears],
      ['quarter', o.quarters],
      ['month', o.months],
    ] as const;
    return kinds.flatMap(([kind, list]) =>
      list.map((c) => {
        const p = parsePeriod(c.key);
        return { key: c.key, kind, label: c.label, start: periodStart(p), end: periodEnd(p) };
      }),
    );
  }

  /** The (indicator, period, split) computations a filter can match, in a stable order. */
  async function workList(
    req: FastifyRequest,
    filter: Filter | null,
  ): Promise<{ chunks: Chunk[]; gemeenten: string[]; named: boolean }> {
    // every gemeente the filter names must lie in the scope (refused and logged otherwise, as the API does)
    const named = literalsOf(filter, 'gemeente');
    if (named.includes(null)) throw odataError('gemeente is nooit null', 'gemeente is never null');
    const bad = named.filter((g) => !/^\d{4}$/.test(g!));
    if (bad.length > 0) throw new UserError('ongeldige_gemeente', { codes: bad.map((g) => g!.slice(0, 20)) });
    if (named.length > 0) await scopedGemeenten(req, ctx, named.join(','));
    const scope = await scopedGemeenten(req, ctx, undefined);
    const gb = boundOf(filter, 'gemeente');
    const gemeenten = gb === null ? scope : scope.filter((g) => gb.includes(g));

    const ib = boundOf(filter, 'indicator');
    for (const id of literalsOf(filter, 'indicator')) {
      const def = id === null ? undefined : findIndicator(id)?.definition;
      if (!def) throw new UserError('onbekende_indicator', { id: String(id) });
      await requireIndicator(req, ctx, def);
      if (def.personLevel) {
        throw odataError(
          `${def.id} noemt personen en zit niet in de OData-feed (zie /api/indicators/${def.id})`,
          `${def.id} lists persons and is not in the OData feed (see /api/indicators/${def.id})`,
        );
      }
    }
    const defs = INDICATORS.map((i) => i.definition).filter(
      (d) => inFeed(req, d) && (ib === null || ib.includes(d.id)),
    );

    const pb = boundOf(filter, 'period');
    const periods =
      pb === null ? (await periodEntities()).map((e) => e.key as string) : (pb.filter((x) => x !== null) as string[]);

    const sb = boundOf(filter, 'split');
    for (const s of literalsOf(filter, 'split')) {
      if (s !== null && defs.length > 0 && !defs.some((d) => d.dimensions.includes(s))) {
        const refused = checkSplit(defs[0]!, s)!;
        throw new UserError(refused.code, refused);
      }
    }
    const chunks: Chunk[] = [];
    for (const def of defs) {
      for (const period of periods) {
        for (const split of [null, ...def.dimensions]) {
          if (sb === null || sb.includes(split)) chunks.push({ def, period, split });
        }
      }
    }
    return { chunks, gemeenten, named: ib !== null && pb !== null };
  }

  async function indicatorRows(req: FastifyRequest, query: ODataQuery): Promise<Page> {
    const p = req.principal!;
    // a period is compared as the API writes it: '2025h2' means 2025H2 (a wrong one is refused: ongeldige_periode)
    const filter = query.filter && mapLiterals(query.filter, 'period', (v) => formatPeriod(parsePeriod(v)));
    const q = { ...query, filter };
    const { chunks, gemeenten, named } = await workList(req, filter);
    const publish = needsDisclosureControl(p);
    const provider = p.role === 'aanbieder' ? (p.provider ?? '-') : null;

    const rowsOf = async (c: Chunk): Promise<FeedRow[]> => {
      let rows: IndicatorRow[];
      try {
        rows = await ctx.lens.rows(c.def.id, [parsePeriod(c.period)], gemeenten, c.split ?? undefined);
      } catch (e) {
        // a combination the API refuses (a CBS figure per month) is not in the set, unless the filter named it
        if (e instanceof UserError && !named) return [];
        throw e;
      }
      // a figure standing on the whole region for a caller who does not see all of it: published (app/regionScope.ts)
      const beyond =
        !publish && c.def.regionWide === true && (await regionBeyondScope(await ctx.lens.get(), p, gemeenten));
      if (publish || beyond) rows = publishRows(rows, { provider });
      // each row says the split it was asked with (stock_bridge always splits by post, a regio split gives rows by
      // statistiek): `split` is the query's, `keySplit` the dimension of the row's key
      const views = rows.map((r) => ({ r: { ...r, split: c.split }, v: rowView({ ...r, split: c.split }) }));
      return views
        .filter(({ v }) => filter === null || matches(filter, v))
        .sort((a, b) => (a.v.id as string).localeCompare(b.v.id as string))
        .map(({ r }) => r);
    };

    if (gemeenten.length === 0) return { items: [], next: null, count: q.count ? 0 : null };
    if (q.count || q.orderby.length > 0) {
      if (chunks.length > MAX_WHOLE_CHUNKS) {
        throw odataError(
          `$count en $orderby tellen of sorteren het hele resultaat: beperk IndicatorRows met $filter op indicator of period (hoogstens ${MAX_WHOLE_CHUNKS} berekeningen; deze vraag heeft er ${chunks.length})`,
          `$count and $orderby need the whole result: narrow IndicatorRows with $filter on indicator or period (at most ${MAX_WHOLE_CHUNKS} computations; this query has ${chunks.length})`,
        );
      }
      const all: FeedRow[] = [];
      for (const c of chunks) all.push(...(await rowsOf(c)));
      const sorted = sortBy(
        all.map((r) => ({ ...rowView(r), r })),
        q,
      ).map((x) => x.r);
      return pageOfAll(sorted, q);
    }
    return lazyPage(chunks, q.start, rowsOf);
  }
}
