/**
 * What the API refuses about a request's input before a route runs (server/app.ts applies these to every route):
 * closed body and query schemas, no empty query parameters, no body on a write that takes none, and Fastify's own
 * refusals in Zicht's error vocabulary (red team 11: unknown input used to be dropped in silence).
 */
import type { FastifyRequest } from 'fastify';
import { UserError } from '../domain/errors.js';

/**
 * A route's body and query schema take only the properties they list: an object schema that does not say
 * `additionalProperties` gets `false` (a route that must take more, such as the OpenID Connect callback whose
 * provider adds its own parameters, says `true`). The route table is the list, so a new route is closed too.
 */
export function closeInputSchemas(r: { schema?: unknown }): void {
  const schema = (r.schema ?? {}) as { body?: unknown; querystring?: unknown };
  r.schema = schema;
  // nested objects too: an account's scope {kind, key, Team} was saved as the whole gemeente (red team 11 F3)
  const close = (s: unknown): unknown => {
    const o = s as {
      type?: unknown;
      properties?: Record<string, unknown>;
      items?: unknown;
      additionalProperties?: unknown;
    };
    if (!o || typeof o !== 'object') return s;
    const out: Record<string, unknown> = { ...o };
    if (o.properties)
      out['properties'] = Object.fromEntries(Object.entries(o.properties).map(([k, v]) => [k, close(v)]));
    if (o.items) out['items'] = close(o.items);
    if (o.type === 'object' && o.properties !== undefined && o.additionalProperties === undefined)
      out['additionalProperties'] = false;
    return out;
  };
  if (schema.body !== undefined) schema.body = close(schema.body);
  if (schema.querystring !== undefined) schema.querystring = nonEmpty(close(schema.querystring));
  // a route that takes no query parameters takes none: ?gemeente=… on one was ignored, the answer looked filtered.
  // Not the OData feed's own routes (hidden, described by their CSDL): a client adds options the feed answers itself.
  else if (!(schema as { hide?: boolean }).hide)
    schema.querystring = { type: 'object', properties: {}, additionalProperties: false };
}

/**
 * A query parameter given empty (`?pseudonym=`) is refused: it read as "no filter", so a script whose variable was
 * empty got every trajectory in scope (red team 11 F5). Leaving a parameter out still means no filter.
 */
function nonEmpty(s: unknown): unknown {
  const o = s as { properties?: Record<string, { type?: unknown; enum?: unknown; minLength?: number }> };
  if (!o?.properties) return s;
  const properties = Object.fromEntries(
    Object.entries(o.properties).map(([k, v]) => [
      k,
      v.type === 'string' && v.enum === undefined && v.minLength === undefined ? { ...v, minLength: 1 } : v,
    ]),
  );
  return { ...o, properties };
}

/**
 * A JSON value sent where the body schema asks for text: the validator would turn 12 into "12", true into "true" and
 * ["a"] into "a" and null into "" (Fastify's Ajv coerces types), so a client's mistake was stored as if meant. The field that is not
 * text, with its path ("afspraak", "scope.key", "regels[2].naam"), or null. Only text fields: numbers sent as text
 * are a form's normal way and stay accepted.
 */
export function notTextWhereText(schema: unknown, value: unknown, path = ''): string | null {
  const o = schema as
    { type?: unknown; nullable?: boolean; properties?: Record<string, unknown>; items?: unknown } | undefined;
  if (!o || typeof o !== 'object' || value === undefined) return null;
  const types = Array.isArray(o.type) ? o.type : [o.type];
  // null where text is asked became "" and passed as "not given", also for a required field (red team 26): leave
  // the field out instead, unless its schema says null is a value
  if (value === null)
    return types.includes('string') && !types.includes('null') && !o.nullable ? path || 'de inhoud' : null;
  if (types.includes('string') && typeof value !== 'string') return path || 'de inhoud';
  if (o.properties && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const hit = notTextWhereText(o.properties[k], v, path ? `${path}.${k}` : k);
      if (hit) return hit;
    }
  }
  if (o.items && Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = notTextWhereText(o.items, v, `${path}[${i + 1}]`);
      if (hit) return hit;
    }
  }
  return null;
}

/** A body on a route that takes none (JSON or text; an empty object is no body). */
export async function refuseBody(req: FastifyRequest): Promise<void> {
  const b = req.body as unknown;
  if (b === undefined || b === null || b === '') return;
  if (typeof b === 'object' && !Array.isArray(b) && Object.keys(b).length === 0) return;
  if (req.isMultipart()) return;
  throw new UserError('ongeldige_invoer.geen_inhoud');
}

/** A refusal by Fastify itself (a body it cannot read) as a UserError of the catalogue; null: another 4xx. */
export function fastifyRefusal(status: number, code: string | undefined): UserError | null {
  if (status === 413) return new UserError('ongeldig_verzoek.te_groot');
  if (status === 415) return new UserError('ongeldig_verzoek.mediatype');
  if (status === 400 && code?.startsWith('FST_ERR_CTP')) return new UserError('ongeldig_verzoek.json');
  return null;
}

/** A validation error for a query parameter sent empty: its name. */
export function emptyParameter(err: Error & { validation?: unknown; validationContext?: string }): string | null {
  const first = Array.isArray(err.validation) ? (err.validation[0] as Record<string, unknown> | undefined) : undefined;
  if (!first || err.validationContext !== 'querystring' || first['keyword'] !== 'minLength') return null;
  if ((first['params'] as { limit?: unknown } | undefined)?.limit !== 1) return null;
  return String(first['instancePath'] ?? '').replace(/^\//, '') || null;
}

const WHERE: Record<string, { nl: string; en: string }> = {
  body: { nl: 'het veld', en: 'field' },
  querystring: { nl: 'de parameter', en: 'parameter' },
};
/** A validation error for a property the schema does not have: which one, where, and the ones it does have. */
export function unknownProperty(
  err: Error & { validation?: unknown; validationContext?: string },
  req: FastifyRequest,
): { nl: string; en: string; name: string; known: readonly string[] } | null {
  const first = Array.isArray(err.validation) ? (err.validation[0] as Record<string, unknown> | undefined) : undefined;
  if (!first || first['keyword'] !== 'additionalProperties') return null;
  const name = String((first['params'] as { additionalProperty?: unknown } | undefined)?.additionalProperty ?? '');
  const where = WHERE[err.validationContext ?? ''] ?? { nl: 'het veld', en: 'field' };
  // the object the unknown property stands in (instancePath /scopes/0 → the scope item's properties)
  type Node = { properties?: Record<string, Node>; items?: Node } | undefined;
  let node = (req.routeOptions.schema as Record<string, Node> | undefined)?.[err.validationContext ?? ''];
  const path = String(first['instancePath'] ?? '')
    .split('/')
    .filter(Boolean);
  for (const seg of path) node = /^\d+$/.test(seg) ? node?.items : node?.properties?.[seg];
  const parent = node?.properties;
  const at = path
    .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg}`))
    .join('')
    .replace(/^\./, '');
  return { ...where, name: `${at ? `${at}.` : ''}${name.slice(0, 80)}`, known: Object.keys(parent ?? {}) };
}

/**
 * Any other validation error in the user's words (it reached the screen as Ajv's English: "querystring must have
 * required property 'kwartaal'"): where, which field, what is wrong. Null when it is not a validation error.
 */
export function invalidInput(
  err: Error & { validation?: unknown; validationContext?: string },
): { nl: string; en: string } | null {
  const first = Array.isArray(err.validation) ? (err.validation[0] as Record<string, unknown> | undefined) : undefined;
  if (!first) return null;
  const params = (first['params'] ?? {}) as Record<string, unknown>;
  const where =
    err.validationContext === 'params'
      ? { nl: 'het adres', en: 'path' }
      : (WHERE[err.validationContext ?? ''] ?? { nl: 'het veld', en: 'field' });
  const path = String(first['instancePath'] ?? '')
    .split('/')
    .filter(Boolean)
    .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg}`))
    .join('')
    .replace(/^\./, '');
  // the whole body or query (no path) is "de inhoud"; a missing property is named with the object it is missing from
  const field = (name: string) => (name ? `${where.nl} '${name.slice(0, 80)}'` : 'de inhoud');
  const fieldEn = (name: string) => (name ? `${where.en} '${name.slice(0, 80)}'` : 'the content');
  const missing = String(params['missingProperty'] ?? '');
  const it = first['keyword'] === 'required' && missing ? (path ? `${path}.${missing}` : missing) : path;
  const list = (xs: unknown) => (Array.isArray(xs) ? xs.map(String).join(', ') : '');
  const say = (nl: string, en: string) => ({ nl: `Ongeldige invoer: ${nl}.`, en: `Invalid input: ${en}.` });
  switch (first['keyword']) {
    case 'required':
      return say(`${field(it)} ontbreekt`, `${fieldEn(it)} is missing`);
    case 'type': {
      const t = String(params['type'] ?? '');
      const nlType: Record<string, string> = {
        integer: 'een geheel getal',
        number: 'een getal',
        string: 'tekst',
        boolean: 'true of false',
        array: 'een lijst',
        object: 'een object',
      };
      return say(`${field(it)} moet ${nlType[t] ?? t} zijn`, `${fieldEn(it)} must be ${t}`);
    }
    case 'enum':
      return say(
        `${field(it)} moet een van deze zijn: ${list(params['allowedValues'])}`,
        `${fieldEn(it)} must be one of: ${list(params['allowedValues'])}`,
      );
    case 'format':
      return params['format'] === 'date'
        ? say(`${field(it)} moet een datum zijn (JJJJ-MM-DD)`, `${fieldEn(it)} must be a date (YYYY-MM-DD)`)
        : say(`${field(it)} heeft niet de goede vorm`, `${fieldEn(it)} is not well-formed`);
    case 'pattern':
      return say(`${field(it)} heeft niet de goede vorm`, `${fieldEn(it)} is not well-formed`);
    case 'minLength':
      return say(
        `${field(it)} is te kort (minstens ${params['limit']} tekens)`,
        `${fieldEn(it)} is too short (at least ${params['limit']} characters)`,
      );
    case 'maxLength':
      return say(
        `${field(it)} is te lang (hoogstens ${params['limit']} tekens)`,
        `${fieldEn(it)} is too long (at most ${params['limit']} characters)`,
      );
    case 'minimum':
    case 'exclusiveMinimum':
      return say(
        `${field(it)} is te klein (${params['comparison']} ${params['limit']})`,
        `${fieldEn(it)} is too small (${params['comparison']} ${params['limit']})`,
      );
    case 'maximum':
    case 'exclusiveMaximum':
      return say(
        `${field(it)} is te groot (${params['comparison']} ${params['limit']})`,
        `${fieldEn(it)} is too large (${params['comparison']} ${params['limit']})`,
      );
    case 'minItems':
    case 'maxItems':
      return say(
        `${field(it)} heeft ${first['keyword'] === 'minItems' ? 'te weinig' : 'te veel'} elementen (${first['keyword'] === 'minItems' ? 'minstens' : 'hoogstens'} ${params['limit']})`,
        `${fieldEn(it)} has too ${first['keyword'] === 'minItems' ? 'few' : 'many'} items (limit ${params['limit']})`,
      );
    default:
      return say(`${field(it || '?')} klopt niet`, `${fieldEn(it || '?')} is not valid`);
  }
}

/**
 * The first piece of a raw query string whose percent-encoding is broken (`%ZZ`, a lone `%`, bytes that are not
 * UTF-8 such as `%C3%28`), shown as sent (printable ASCII, at most 30 characters), or null. The query parser keeps
 * such a piece as literal text, so `?gemeente=%3` was read as the words "%3" (red team 20 F6): refused instead.
 */
export function badPercentEncoding(rawUrl: string): string | null {
  const q = rawUrl.indexOf('?');
  if (q < 0) return null;
  for (const part of rawUrl.slice(q + 1).split('&')) {
    for (const piece of part.split('=')) {
      const bad = brokenEscape(piece.replace(/\+/g, ' '));
      if (bad !== null) return bad;
    }
  }
  return null;
}

/**
 * Where a path's percent-encoding is broken, shown as badPercentEncoding shows it: the router refuses such a path
 * itself (red team 26: in Fastify's own words, echoing the whole path, which may hold a pseudonym), so only the
 * piece from the broken escape on is named.
 */
export function badPathEncoding(rawUrl: string): string {
  const q = rawUrl.indexOf('?');
  for (const segment of (q < 0 ? rawUrl : rawUrl.slice(0, q)).split('/')) {
    const bad = brokenEscape(segment);
    if (bad !== null) return bad;
  }
  return '%';
}

function brokenEscape(piece: string): string | null {
  try {
    decodeURIComponent(piece);
    return null;
  } catch {
    const bad = /%(?![0-9a-fA-F]{2})/.exec(piece);
    // from the broken escape on, else (well-formed escapes of bytes that are not UTF-8) from the first escape
    const from = bad ? bad.index : Math.max(0, piece.indexOf('%'));
    return piece.slice(from, from + 12).replace(/[^\x21-\x7e]/g, '?');
  }
}

/**
 * A path or query parameter the route types as a whole number, written other than as one: `0x3`, `3e0`, `3.0`, `+3`,
 * `03` or ` 3` all reached the route as 3 (Ajv coerces), so one record had many addresses (red teams 26 and 27). Its
 * name, or null. Runs before validation, on the text as sent.
 */
export function looseInteger(schema: unknown, params: unknown): string | null {
  const props = (schema as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties;
  if (!props || !params || typeof params !== 'object') return null;
  for (const [name, v] of Object.entries(params as Record<string, unknown>)) {
    const t = props[name]?.type;
    const values = Array.isArray(v) ? v : [v];
    if (
      (t === 'integer' || (Array.isArray(t) && t.includes('integer'))) &&
      values.some((x) => !/^(0|-?[1-9][0-9]*)$/.test(String(x)))
    )
      return name;
  }
  return null;
}
