/**
 * The API's contract in one place (NL API Design Rules, issue 17.2): the version prefix every route is
 * registered under, the semantic version every answer carries (`API-Version`), the RFC 9457 problem
 * details every error is answered with, and the helpers routes declare their answers with. The
 * OpenAPI document (`/api/v1/openapi.json`) is generated from these same schemas, and the server
 * tests validate every answer they receive against them (src/testing/responseCheck.ts), so the
 * description cannot drift from what the server does. See docs/api.md.
 */
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';

import { API_PREFIX } from './apiPrefix.js';

export { API_PREFIX, LEGACY_PREFIX } from './apiPrefix.js';
export const OPENAPI_PATH = `${API_PREFIX}/openapi.json`;
export const DOCS_PATH = `${API_PREFIX}/docs`;

/** The full semantic version (package.json), sent as `API-Version` on every answer. */
export const API_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export const PROBLEM_MEDIA = 'application/problem+json';

type Schema = Record<string, unknown>;

/** RFC 9457 problem details with our error vocabulary (domain/errors.ts) as extension members. */
export const PROBLEM_SCHEMA: Schema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'instance', 'code', 'message', 'messageEn'],
  properties: {
    type: {
      type: 'string',
      format: 'uri-reference',
      description: 'Het soort probleem: urn:zicht:fout:<code> (docs/api.md)',
    },
    title: { type: 'string', description: 'De HTTP-status in woorden (Engels, RFC 9110)' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string', description: 'Wat er misging, in het Nederlands (gelijk aan message)' },
    instance: {
      type: 'string',
      format: 'uri-reference',
      description: 'Kenmerk van dit ene antwoord (urn:uuid:…); noemt nooit het gevraagde pad',
    },
    code: { type: 'string', description: 'Stabiele foutcode (bijv. geen_toegang)' },
    message: { type: 'string', description: 'Nederlandse tekst' },
    messageEn: { type: 'string', description: 'Engelse tekst' },
  },
};

export const VERSION_HEADERS: Schema = {
  'API-Version': { type: 'string', description: 'De volledige (semantische) versie van de API' },
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  message: string;
  messageEn: string;
  [extension: string]: unknown;
}

export function problem(
  status: number,
  code: string,
  message: string,
  messageEn: string,
  instance: string,
  extensions: Record<string, unknown> = {},
): Problem {
  return {
    type: `urn:zicht:fout:${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: message,
    instance,
    code,
    message,
    messageEn,
    ...extensions,
  };
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Ongeldige invoer (pad, zoekvraag of inhoud)',
  401: 'Niet ingelogd',
  403: 'Geen toegang voor deze rol of scope',
  404: 'Niet gevonden',
  409: 'Conflict met de huidige toestand',
  413: 'Te groot',
  415: 'Dit soort inhoud (Content-Type) wordt hier niet gelezen',
  422: 'Niet te verwerken',
  429: 'Te veel verzoeken; probeer het later opnieuw',
  500: 'Fout op de server (gelogd)',
  502: 'Een externe dienst antwoordde niet goed',
  503: 'Even niet beschikbaar: de cijfers worden opnieuw opgebouwd (de lens ontbreekt of is verouderd) of de database is niet bereikbaar; probeer het na Retry-After opnieuw',
};

/** Headers an error answer carries besides API-Version. */
const ERROR_HEADERS: Record<number, Schema> = {
  503: {
    'Retry-After': { type: 'integer', description: 'Over hoeveel seconden het zin heeft het opnieuw te proberen' },
  },
};

/** A documented error answer: problem details, optionally with extension members of its own. */
export function problemAnswer(status: number, extra: Schema = {}): Schema {
  const props = (PROBLEM_SCHEMA.properties as Schema) ?? {};
  const schema = Object.keys(extra).length ? { ...PROBLEM_SCHEMA, properties: { ...props, ...extra } } : PROBLEM_SCHEMA;
  return {
    description: ERROR_TEXT[status] ?? STATUS_CODES[status] ?? 'Fout',
    headers: { ...VERSION_HEADERS, ...ERROR_HEADERS[status] },
    content: { [PROBLEM_MEDIA]: { schema } },
  };
}

/** A JSON answer. */
export function ok(schema: Schema, description = 'Gelukt'): Schema {
  return { description, headers: VERSION_HEADERS, content: { 'application/json': { schema } } };
}

/** A file answer (download): one schema per media type the route may send. */
export function fileAnswer(media: readonly string[], description: string): Schema {
  const content = Object.fromEntries(media.map((m) => [m, { schema: { type: 'string', format: 'binary' } }]));
  return { description, headers: VERSION_HEADERS, content };
}

/** A redirect (the browser goes on to `Location`). */
export function redirectAnswer(description: string): Schema {
  return {
    description,
    headers: { ...VERSION_HEADERS, Location: { type: 'string', description: 'Waarheen' } },
    type: 'null',
  };
}

export const OK_SCHEMA: Schema = {
  type: 'object',
  required: ['ok'],
  properties: { ok: { type: 'boolean', const: true } },
};

/** Nullable shorthands (OpenAPI 3.1 / JSON Schema 2020-12 style type lists). */
export const str = { type: 'string' } as const;
export const int = { type: 'integer' } as const;
export const num = { type: 'number' } as const;
export const bool = { type: 'boolean' } as const;
export const strOrNull = { type: ['string', 'null'] } as const;
export const numOrNull = { type: ['number', 'null'] } as const;
export const intOrNull = { type: ['integer', 'null'] } as const;
export const arrayOf = (items: Schema): Schema => ({ type: 'array', items });
export const obj = (properties: Schema, required: readonly string[] = Object.keys(properties)): Schema => ({
  type: 'object',
  required: [...required],
  properties,
});

/**
 * The error answers a route can give, from what it declares: input → 400, a body → 413 (over the body limit) and
 * 415 (a media type it does not read), a path parameter → 404, not public → 401 (and 403 unless any session will
 * do; public routes 403 too, for a service token; a write also for a request from another origin); every route can be rate limited (429), fail (500) and find the
 * database unreachable for a moment (503, PostgreSQL restarting); a route that reads the lens (`config.lens`) also
 * answers 503 while the lens is missing or older than this version.
 */
export function standardErrors(o: {
  action: string;
  input: boolean;
  body: boolean;
  pathParams: boolean;
  lens?: boolean;
}): number[] {
  const codes = [429, 500, 503];
  if (o.input) codes.push(400);
  if (o.body) codes.push(413, 415);
  if (o.action !== 'public') codes.push(401);
  // a public route (log-in, health, docs) refuses a service token with 403: a token is for the API, not for those;
  // a write with the session cookie from another origin is refused with 403 too (app.ts crossOrigin)
  if (o.action !== 'session' || o.body) codes.push(403);
  if (o.pathParams) codes.push(404);
  return codes.sort();
}
