/**
 * The OData v4 feed's data model (docs/odata.md): four read-only entity sets, their CSDL document ($metadata) and
 * the system query options a request may carry. One description serves the metadata, the service document, the
 * $select/$filter/$orderby checks and the test that compares the CSDL with the JSON, so they cannot drift apart.
 */
import { odataError, parseFilter, type Filter } from './filter.js';

export const NAMESPACE = 'Zicht';

type EdmType = 'Edm.String' | 'Edm.Double' | 'Edm.Boolean' | 'Edm.Date';
export interface PropertySpec {
  readonly name: string;
  readonly type: EdmType;
  readonly nullable: boolean;
}
export interface EntitySetSpec {
  readonly name: string;
  readonly type: string;
  readonly key: string;
  readonly properties: readonly PropertySpec[];
  /** properties $filter may compare (eq, in) */
  readonly filterable: readonly string[];
  /** properties $orderby may name: never a figure (sorting on an exact value would leak its order) */
  readonly sortable: readonly string[];
}

const text = (name: string, nullable = false): PropertySpec => ({ name, type: 'Edm.String', nullable });

export const ENTITY_SETS: readonly EntitySetSpec[] = [
  {
    name: 'IndicatorRows',
    type: 'IndicatorRow',
    key: 'id',
    properties: [
      text('id'),
      text('indicator'),
      text('gemeente'),
      text('period'),
      text('split', true),
      text('keySplit', true),
      text('key', true),
      text('label', true),
      { name: 'value', type: 'Edm.Double', nullable: true },
      { name: 'numerator', type: 'Edm.Double', nullable: true },
      { name: 'denominator', type: 'Edm.Double', nullable: true },
      text('unit'),
      text('flags'),
    ],
    filterable: ['id', 'indicator', 'gemeente', 'period', 'split', 'keySplit', 'key', 'unit'],
    sortable: ['id', 'indicator', 'gemeente', 'period', 'split', 'keySplit', 'key', 'unit'],
  },
  {
    name: 'Definitions',
    type: 'Definition',
    key: 'id',
    properties: [
      text('id'),
      text('nameNl'),
      text('nameEn'),
      text('unit'),
      text('direction'),
      text('definitionNl'),
      text('definitionEn'),
      text('splits'),
      text('sources'),
      { name: 'allowed', type: 'Edm.Boolean', nullable: false },
      { name: 'inFeed', type: 'Edm.Boolean', nullable: false },
    ],
    filterable: ['id', 'unit'],
    sortable: ['id', 'nameNl', 'nameEn', 'unit'],
  },
  {
    name: 'Gemeenten',
    type: 'Gemeente',
    key: 'code',
    properties: [text('code'), text('name'), text('regionCode', true)],
    filterable: ['code', 'regionCode'],
    sortable: ['code', 'name'],
  },
  {
    name: 'Periods',
    type: 'Period',
    key: 'key',
    properties: [
      text('key'),
      text('kind'),
      text('label'),
      { name: 'start', type: 'Edm.Date', nullable: false },
      { name: 'end', type: 'Edm.Date', nullable: false },
    ],
    filterable: ['key', 'kind'],
    sortable: ['key', 'kind', 'start', 'end'],
  },
];

export function entitySet(name: string): EntitySetSpec {
  return ENTITY_SETS.find((s) => s.name === name)!;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

const CAPABILITIES = 'https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Capabilities.V1.xml';

const paths = (names: readonly string[]) =>
  names.length === 0
    ? '<Collection/>'
    : `<Collection>${names.map((n) => `<PropertyPath>${esc(n)}</PropertyPath>`).join('')}</Collection>`;
const record = (term: string, inner: string) =>
  `          <Annotation Term="Capabilities.${term}"><Record>${inner}</Record></Annotation>\n`;
const flag = (property: string, value: boolean) => `<PropertyValue Property="${property}" Bool="${value}"/>`;

/**
 * What a client may ask of a set, in the Capabilities vocabulary: which properties it cannot filter or sort on, no
 * $expand, $search, filter functions or writes. The same lists the query checks use (parseQuery, parseFilter).
 */
function capabilities(s: EntitySetSpec): string {
  const names = s.properties.map((p) => p.name);
  return (
    record(
      'FilterRestrictions',
      flag('Filterable', true) +
        `<PropertyValue Property="NonFilterableProperties">${paths(names.filter((n) => !s.filterable.includes(n)))}</PropertyValue>`,
    ) +
    record(
      'SortRestrictions',
      flag('Sortable', true) +
        `<PropertyValue Property="NonSortableProperties">${paths(names.filter((n) => !s.sortable.includes(n)))}</PropertyValue>`,
    ) +
    '          <Annotation Term="Capabilities.FilterFunctions"><Collection/></Annotation>\n' +
    record('CountRestrictions', flag('Countable', true)) +
    record('ExpandRestrictions', flag('Expandable', false)) +
    record('SearchRestrictions', flag('Searchable', false)) +
    record('InsertRestrictions', flag('Insertable', false)) +
    record('UpdateRestrictions', flag('Updatable', false)) +
    record('DeleteRestrictions', flag('Deletable', false))
  );
}

/** The CSDL XML document (OData 4.0) of the feed. */
export function metadataXml(): string {
  const types = ENTITY_SETS.map(
    (s) =>
      `      <EntityType Name="${esc(s.type)}">\n        <Key><PropertyRef Name="${esc(s.key)}"/></Key>\n` +
      s.properties
        .map((p) => `        <Property Name="${esc(p.name)}" Type="${p.type}" Nullable="${p.nullable}"/>\n`)
        .join('') +
      '      </EntityType>\n',
  ).join('');
  const sets = ENTITY_SETS.map(
    (s) =>
      `        <EntitySet Name="${esc(s.name)}" EntityType="${NAMESPACE}.${esc(s.type)}">\n` +
      capabilities(s) +
      '        </EntitySet>\n',
  ).join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">\n' +
    `  <edmx:Reference Uri="${CAPABILITIES}">\n` +
    '    <edmx:Include Namespace="Org.OData.Capabilities.V1" Alias="Capabilities"/>\n' +
    '  </edmx:Reference>\n' +
    '  <edmx:DataServices>\n' +
    `    <Schema Namespace="${NAMESPACE}" xmlns="http://docs.oasis-open.org/odata/ns/edm">\n` +
    types +
    `      <EntityContainer Name="${NAMESPACE}">\n` +
    sets +
    '        <Annotation Term="Capabilities.BatchSupported" Bool="false"/>\n' +
    '      </EntityContainer>\n' +
    '    </Schema>\n' +
    '  </edmx:DataServices>\n' +
    '</edmx:Edmx>\n'
  );
}

// ---------------------------------------------------------------------------------------------
// System query options

export interface OrderBy {
  readonly field: string;
  readonly desc: boolean;
}
/** Where a page starts: chunk `chunk` of the query's work list, after skipping `skip` matching rows; `top` left. */
export interface Position {
  readonly chunk: number;
  readonly skip: number;
  readonly top: number | null;
}
export interface ODataQuery {
  readonly filter: Filter | null;
  readonly select: readonly string[] | null;
  readonly orderby: readonly OrderBy[];
  readonly count: boolean;
  readonly start: Position;
  /** the options a nextLink carries on unchanged ($filter, $select, $orderby, $count, $format) */
  readonly keep: ReadonlyArray<readonly [string, string]>;
}

export const OPTIONS = ['$filter', '$select', '$top', '$skip', '$orderby', '$count', '$skiptoken', '$format'] as const;
const KEPT = new Set(['$filter', '$select', '$orderby', '$count', '$format']);

/** The querystring schema of an entity-set route: strings of bounded length, checked below (unknown ones too). */
export const QUERY_SCHEMA = {
  type: 'object',
  properties: Object.fromEntries(
    OPTIONS.map((o) => [o, { type: 'string', maxLength: o === '$filter' ? 4000 : o === '$select' ? 1000 : 500 }]),
  ),
  // parseQuery refuses an option it does not support, in the feed's own error form (not Ajv's)
  additionalProperties: true,
} as const;

function count(name: string, v: string): number {
  if (!/^\d{1,15}$/.test(v)) {
    throw odataError(
      `${name} moet een geheel getal van 0 of meer zijn (kreeg '${v.slice(0, 40)}')`,
      `${name} must be a whole number of 0 or more (got '${v.slice(0, 40)}')`,
    );
  }
  return Number(v);
}

const TOKEN = /^c(\d{1,7})s(\d{1,15})(?:t(\d{1,15}))?$/;
export function formatToken(p: Position): string {
  return `c${p.chunk}s${p.skip}${p.top === null ? '' : `t${p.top}`}`;
}

/** Reads the query string of an entity-set request; every option it does not support is refused (400). */
export function parseQuery(raw: unknown, set: EntitySetSpec): ODataQuery {
  const q = (raw ?? {}) as Record<string, unknown>;
  const names = set.properties.map((p) => p.name);
  const keep: Array<[string, string]> = [];
  const get = (k: string): string | undefined => {
    const v = q[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw odataError(`${k} mag één keer voorkomen`, `${k} may occur once`);
    if (KEPT.has(k)) keep.push([k, v]);
    return v;
  };
  for (const k of Object.keys(q)) {
    if (!(OPTIONS as readonly string[]).includes(k)) {
      throw odataError(
        `queryoptie '${k.slice(0, 40)}' wordt niet ondersteund (wel: ${OPTIONS.join(', ')})`,
        `query option '${k.slice(0, 40)}' is not supported (supported: ${OPTIONS.join(', ')})`,
      );
    }
  }
  const format = get('$format');
  if (format !== undefined && !/^(json|application\/json(;\s*odata\.metadata=minimal)?)$/i.test(format.trim())) {
    throw odataError(
      `$format '${format.slice(0, 40)}' wordt niet ondersteund: alleen json (odata.metadata=minimal)`,
      `$format '${format.slice(0, 40)}' is not supported: only json (odata.metadata=minimal)`,
    );
  }
  const filterText = get('$filter');
  const filter = filterText === undefined ? null : parseFilter(filterText, set.filterable, names);
  const selectText = get('$select');
  let select: string[] | null = null;
  if (selectText !== undefined && selectText.trim() !== '*') {
    select = selectText.split(',').map((s) => s.trim());
    const bad = select.filter((s) => !names.includes(s));
    if (bad.length > 0 || select.length === 0) {
      throw odataError(
        `$select: onbekende eigenschap ${bad.map((b) => `'${b.slice(0, 40)}'`).join(', ')} (${set.name} heeft ${names.join(', ')})`,
        `$select: unknown property ${bad.map((b) => `'${b.slice(0, 40)}'`).join(', ')} (${set.name} has ${names.join(', ')})`,
      );
    }
  }
  const orderText = get('$orderby');
  const orderby: OrderBy[] = [];
  if (orderText !== undefined) {
    for (const part of orderText.split(',')) {
      const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?\s*$/.exec(part);
      if (!m || !set.sortable.includes(m[1]!)) {
        throw odataError(
          `$orderby '${part.trim().slice(0, 40)}' wordt niet ondersteund: sorteren kan op ${set.sortable.join(', ')} (asc of desc)`,
          `$orderby '${part.trim().slice(0, 40)}' is not supported: sortable are ${set.sortable.join(', ')} (asc or desc)`,
        );
      }
      orderby.push({ field: m[1]!, desc: m[2] === 'desc' });
    }
  }
  const countText = get('$count');
  if (countText !== undefined && countText !== 'true' && countText !== 'false') {
    throw odataError('$count moet true of false zijn', '$count must be true or false');
  }
  const top = get('$top');
  const skip = get('$skip');
  const token = get('$skiptoken');
  let start: Position = {
    chunk: 0,
    skip: skip === undefined ? 0 : count('$skip', skip),
    top: top === undefined ? null : count('$top', top),
  };
  if (token !== undefined) {
    const m = TOKEN.exec(token);
    if (!m || top !== undefined || skip !== undefined) {
      throw odataError(
        '$skiptoken is ongeldig: volg de @odata.nextLink zoals hij is, zonder $top of $skip',
        '$skiptoken is not valid: follow the @odata.nextLink as it is, without $top or $skip',
      );
    }
    start = { chunk: Number(m[1]), skip: Number(m[2]), top: m[3] === undefined ? null : Number(m[3]) };
  }
  return { filter, select, orderby, count: countText === 'true', start, keep };
}
