/**
 * The web server: one Fastify app with the JSON API under /api/v1 (API_PREFIX; described by /api/v1/openapi.json,
 * viewed at /api/v1/docs; the old /api paths redirect there; docs/api.md) and the built web application under /.
 * Every API route declares the permission it needs and its answer
 * (`config.action`); the session hook turns the cookie into a Principal before any route runs,
 * so a route never sees a request it may not answer.
 * Over 400 lines: the security hooks run in an order that is easier to check in one place.
 */
import { asReaderOfTeam } from '../indicators/reader.js';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteHandlerMethod,
} from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import compress from '@fastify/compress';
import multipart from '@fastify/multipart';
import { ingestLimits, type IngestLimits } from '../ingest/limits.js';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { PseudonymKey } from '../domain/pseudonym.js';
import type { Store } from '../store/sql.js';
import { appendAudit, type AuditEntry } from '../audit/log.js';
import { NOT_BY_TOKEN, can, type Action, type Principal } from '../app/access.js';
import { SESSION_COOKIE, findSession, hashToken, type SessionInfo } from './auth/sessions.js';
import { loadPrincipal } from '../app/auth/users.js';
import { authenticateServiceToken } from '../app/auth/serviceTokens.js';
import { presentedToken } from './auth/bearer.js';
import { sealStoredTotpSecrets } from '../app/auth/totpSeal.js';
import { LensHolder } from '../app/lensHolder.js';
import { LensClosedError, LensMissingError } from '../lens/lens.js';
import { isUnavailableError } from '../store/errors.js';
import { registerDisclosureStep } from './disclosureStep.js';
import {
  closeInputSchemas,
  emptyParameter,
  fastifyRefusal,
  invalidInput,
  notTextWhereText,
  badPercentEncoding,
  badPathEncoding,
  looseInteger,
  refuseBody,
  unknownProperty,
} from './inputRules.js';
import { scopeLabel, type AppContext, type RouteAction } from './context.js';
import { UserError } from '../domain/errors.js';
import { codePointOf, firstNotText, notTextKind } from '../domain/text.js';
import { randomUUID } from 'node:crypto';
import {
  API_PREFIX,
  API_VERSION,
  DOCS_PATH,
  LEGACY_PREFIX,
  OPENAPI_PATH,
  PROBLEM_MEDIA,
  problem,
  problemAnswer,
  standardErrors,
  ok,
  obj,
  str,
  type Problem,
} from './apiSchema.js';

import { lensPath } from '../lens/build.js';
import { authRoutes } from './routes/auth.js';
import { indicatorRoutes } from './routes/indicators.js';
import { narrativeRoutes } from './routes/narratives.js';
import { adminRoutes } from './routes/admin.js';
import { dataRoutes } from './routes/data.js';
import { personRoutes } from './routes/persons.js';
import { goalRoutes } from './routes/goals.js';
import { overviewRoutes } from './routes/overview.js';
import { reportRoutes } from './routes/reports.js';
import { benchmarkRoutes } from './routes/benchmark.js';
import { businessCaseRoutes } from './routes/businessCases.js';
import { careFormRoutes, normRoutes } from './routes/careForms.js';
import { productMonthRoutes } from './routes/productMonth.js'; // issue 16.4/16.5 (h/product)
import { contractRoutes } from './routes/contracts.js'; // issue 19, the contract register
import { agreementRoutes } from './routes/agreements.js'; // issue 19, the quarterly talk's agreements
import { pilotRoutes } from './routes/pilots.js'; // issue 21, the pilot and project register
import { socialMapRoutes } from './routes/socialMap.js';
import { evaluationRoutes } from './routes/evaluations.js'; // issue 21, light follow-up after referral
import { providerExitRoutes } from './routes/providerExits.js'; // issue 19, the provider-exit view
import { liaisonRoutes } from './routes/liaison.js'; // issue 21, liaison positions
import { tokenRoutes } from './routes/tokens.js'; // issue 17.4 (h/tokens)
import { odataRoutes } from './routes/odata.js';
import type { OidcClient } from './auth/oidc.js';

export interface AppOptions {
  readonly store: Store;
  readonly dataDir: string;
  readonly key: PseudonymKey;
  /** directory with the built web app (index.html); absent = API only */
  readonly webDir?: string | undefined;
  /** cookies with the Secure attribute; off only for plain-http localhost */
  readonly secureCookies?: boolean;
  /** where to log requests (method, route pattern, status, time): never concrete paths, bodies, queries or cookies */
  readonly requestLog?: NodeJS.WritableStream | undefined;
  readonly rateLimitPerMinute?: number;
  /** log-in attempts per minute per address (default 20) */
  readonly loginRateLimitPerMinute?: number;
  readonly now?: () => Date;
  /** OpenID Connect log-in (ZICHT_OIDC_*); absent = password and TOTP only */
  readonly oidc?: OidcClient | null;
  /** limits on uploads and imported files (ZICHT_MAX_*, passed by the CLI); absent = the built-in ones */
  readonly limits?: IngestLimits | undefined;
  /** told of every route handler that runs (the attack test counts them to prove none runs unchecked) */
  readonly onHandler?: ((route: RouteEntry, req: FastifyRequest) => void) | undefined;
  /** routes added beside the API's own (tests: a route without a permission must stop the server) */
  readonly extraRoutes?: ((api: FastifyInstance) => Promise<void>) | undefined;
  /** told of every answer sent (tests: each one is checked against its route's declared response schema) */
  readonly onAnswer?: ((answer: Answer) => void) | undefined;
  /** the contact named in the OpenAPI document (NL API Design Rules: name, e-mail and url) */
  readonly apiContact?: ApiContact | undefined;
}

export interface ApiContact {
  readonly name: string;
  readonly email: string;
  readonly url: string;
}
/** Until an installation names its own (ZICHT_API_CONTACT_*): reserved names (RFC 2606) that say so. */
export const DEFAULT_API_CONTACT: ApiContact = {
  name: 'Beheer van deze Zicht-installatie (nog niet ingesteld)',
  email: 'beheer@zicht.invalid',
  url: 'https://zicht.invalid/',
};

/** One answer as sent: its route (pattern and schema; none for the not-found handler), status, type and body. */
export interface Answer {
  readonly method: string;
  readonly route: string | undefined;
  readonly schema: unknown;
  readonly status: number;
  readonly contentType: string;
  readonly headers: Record<string, unknown>;
  readonly payload: unknown;
}

/** One entry of the route table as Fastify registered it (HEAD included), with its declared permission. */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly action: RouteAction | undefined;
  /** the route narrows a team manager to its own team (config.ownTeam): its answer is exact for it */
  readonly ownTeam?: boolean;
}

const PRINCIPAL_TTL_MS = 30_000;
/** Decoration of a plugin context whose routes (registered by a third-party plugin) all get this permission. */
const DEFAULT_ACTION = 'zichtDefaultAction';

const WHERE_NL = { query: 'de zoekvraag (query)', params: 'het pad', body: 'de inhoud' } as const;

/** The first character in a value (keys included) that is not text (domain/text.ts), or null. */
function notText(v: unknown, depth = 0): string | null {
  if (typeof v === 'string') return firstNotText(v);
  if (depth > 20 || v === null || typeof v !== 'object') return null;
  if (Buffer.isBuffer(v)) return null;
  for (const [k, x] of Object.entries(v)) {
    const c = firstNotText(k) ?? notText(x, depth + 1);
    if (c !== null) return c;
  }
  return null;
}

type OnSendDone = (e: null, p: unknown) => void;
function noStore(_req: FastifyRequest, reply: FastifyReply, payload: unknown, done: OnSendDone): void {
  reply.header('cache-control', 'no-store');
  done(null, payload);
}
const SESSION_CACHE_MS = 5_000;

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** The OData feed's routes (routes/odata.ts), by the route the router matched, never by the URL text. */
const ODATA_PREFIX = `${API_PREFIX}/odata`;
const isOdataRoute = (req: FastifyRequest): boolean => isUnder(req.routeOptions?.url ?? '', ODATA_PREFIX);
const isRead = (req: FastifyRequest): boolean => req.method === 'GET' || req.method === 'HEAD';
export const BASIC_CHALLENGE = 'Basic realm="Zicht OData", charset="UTF-8"';
const challengesBasic = (req: FastifyRequest): boolean =>
  (req.routeOptions?.url ?? '').startsWith(`${ODATA_PREFIX}/`) && req.cookies?.[SESSION_COOKIE] === undefined;
/** Seconds a client waits before asking again when the lens is being (re)built (503, Retry-After). */
export const LENS_RETRY_AFTER_S = 60;
/** Seconds a client waits before asking again when the database cannot be reached (restarting). */
export const DB_RETRY_AFTER_S = 5;

/**
 * Where an old, unversioned API path now lives: `/api/x?q` → `/api/v1/x?q` (the rest of the path and the query as
 * sent). Null for anything else, also for a path already under the version (a real 404, never a redirect loop).
 * The prefix may arrive percent-encoded (`/%61pi/x`): the router decodes paths, so the redirect does too.
 */
export function legacyTarget(rawUrl: string): string | null {
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (!isUnder(decoded, LEGACY_PREFIX) || isUnder(decoded, API_PREFIX)) return null;
  // a versioned path spelled oddly (`/api/v1;/…`, `/api/V1/…`) is no old path: prefixing it once more gave
  // `/api/v1/v1;/…` (red team 30); it gets the plain 404
  // and so is one behind an empty segment (`/api//v1/…`, `/api/%2Fv1/…`): it was sent on to `/api/v1//v1/…`
  if (/^\/*v\d/i.test(decoded.slice(LEGACY_PREFIX.length + 1))) return null;
  const cut = path.indexOf('/', 1);
  const target = `${API_PREFIX}${cut < 0 ? '' : path.slice(cut)}${q < 0 ? '' : rawUrl.slice(q)}`;
  return /^[\x21-\x7e]+$/.test(target) ? target : null;
}

type RouteSchema = { response?: Record<string, unknown>; querystring?: unknown; params?: unknown; body?: unknown };
/**
 * The error answers of an API route are documented here, from what the route declares (apiSchema.ts
 * standardErrors), so every operation in the OpenAPI document lists them; its own success answer(s) the route must
 * declare (schema.response with a 2xx or 3xx): a route without one stops the server, like one without a permission.
 */
function describeAnswers(
  r: { url: string; schema?: unknown; config?: { lens?: boolean } },
  action: RouteAction,
  methods: string[],
): void {
  const schema = (r.schema ?? {}) as RouteSchema & { hide?: boolean };
  // a hidden route that declares its answer (the OData feed, described by its own CSDL) gets its errors too
  if (schema.hide && !schema.response) return;
  const response = { ...(schema.response ?? {}) };
  if (!Object.keys(response).some((c) => /^[23]/.test(c))) {
    throw new Error(
      `route ${methods.join(',')} ${r.url} declares no answer (schema.response with a 2xx or 3xx); ` +
        'every API route must, see src/server/apiSchema.ts',
    );
  }
  const pathParams = r.url.includes(':');
  // a write takes a body (even one it ignores: JSON that does not parse is a 400), a read its parameters
  const body = methods.some((m) => m !== 'GET' && m !== 'HEAD');
  const input = Boolean(schema.querystring || schema.body || schema.params) || pathParams || body;
  const lens = r.config?.lens === true;
  for (const code of standardErrors({ action, input, body, pathParams, lens })) response[code] ??= problemAnswer(code);
  r.schema = { ...schema, response };
}

/**
 * Does a browser say this request comes from another origin than the one it is sent to? Either header saying so is
 * enough (red team 16 F3: `Sec-Fetch-Site: none` beside a foreign Origin passed); a header sent twice is refused.
 */
function crossOrigin(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && (typeof site !== 'string' || (site !== 'same-origin' && site !== 'none'))) return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  if (typeof origin !== 'string') return true;
  try {
    return new URL(origin).host !== req.host;
  } catch {
    return true; // "null" (a sandboxed frame, a file) or garbage
  }
}

export async function buildApp(opts: AppOptions): Promise<{
  app: FastifyInstance;
  ctx: AppContext;
  routes: string[];
  routeTable: RouteEntry[];
  /** drops every cached session and principal: after a change to accounts made outside this app (admin socket) */
  forgetSessions(): void;
}> {
  const app = Fastify({
    logger: opts.requestLog
      ? {
          level: 'info',
          stream: opts.requestLog,
          serializers: {
            // the route pattern, never the concrete path or query: those hold trajectory ids,
            // pseudonyms and search terms (an unmatched path is not logged at all)
            req: (req: FastifyRequest) => ({ method: req.method, route: req.routeOptions?.url ?? '(geen route)' }),
            res: (res: { statusCode: number }) => ({ status: res.statusCode }),
          },
        }
      : false,
    bodyLimit: 1_048_576,
    trustProxy: false,
    // Fastify's Ajv drops a property its schema does not have (removeAdditional): a misspelt field ("Team",
    // ?tean=) then did nothing and the request succeeded as if it was never sent. Refuse it instead (below: every
    // route's body and query schema is closed unless it says otherwise).
    ajv: { customOptions: { removeAdditional: false } },
    // a path whose %-escape does not decode is refused by the router before any hook: in the one vocabulary and
    // naming only the broken escape (red team 26: Fastify's own answer echoed the whole path, pseudonym and all)
    frameworkErrors: (err, req, reply) => {
      const id = `urn:uuid:${randomUUID()}`;
      const e = new UserError('ongeldige_invoer.codering', { piece: badPathEncoding(req.raw.url ?? ''), inPath: true });
      void (reply as unknown as FastifyReply)
        .status(400)
        .type(PROBLEM_MEDIA)
        .header('API-Version', API_VERSION)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(
          err.code === 'FST_ERR_BAD_URL'
            ? problem(e.status, e.code, e.nl, e.en, id)
            : problem(400, 'ongeldig_verzoek', 'Ongeldig verzoek.', 'Invalid request.', id),
        );
    },
  });
  // TOTP secrets stored before sealing existed are sealed now (and any left are sealed on use)
  await sealStoredTotpSecrets(opts.store, opts.key);
  const lens = new LensHolder(opts.dataDir);
  const sessions = new Map<string, { s: SessionInfo; at: number }>();
  const ctx: AppContext = {
    store: opts.store,
    dataDir: opts.dataDir,
    key: opts.key,
    lens,
    secureCookies: opts.secureCookies ?? false,
    oidc: opts.oidc ?? null,
    loginRateLimit: opts.loginRateLimitPerMinute ?? 20,
    limits: opts.limits ?? ingestLimits(),
    forgetSession: (hash) => {
      if (hash) sessions.delete(hash);
      else sessions.clear();
    },
    now: opts.now ?? (() => new Date()),
    async audit(req, entry) {
      const p = req.principal;
      await appendAudit(
        opts.store,
        {
          username: p?.username ?? null,
          role: p?.role ?? null,
          scope: p ? scopeLabel(p) : null,
          origin: req.ip,
          ...entry,
        } as AuditEntry,
        ctx.now(),
      );
    },
  };

  // Access is bound to the route, never to the URL text: the router decodes and matches the path,
  // and whatever route it picks carries its own check (an onRequest hook, so it runs before body
  // parsing and validation, and 401 comes before 400). A route without a declared permission stops
  // the server here. Routes of the docs and static-file plugins are public by the context they
  // are registered in (DEFAULT_ACTION), not by their path.
  const routes: string[] = [];
  const routeTable: RouteEntry[] = [];
  app.addHook('onRoute', function bindAccess(this: FastifyInstance, r) {
    const declared = r.config?.action;
    const byContext = (this as unknown as Record<string, RouteAction | undefined>)[DEFAULT_ACTION];
    const action: RouteAction | undefined = declared ?? byContext;
    const methods = [r.method].flat();
    if (!action) {
      throw new Error(
        `route ${methods.join(',')} ${r.url} declares no permission (config.action); ` +
          'every route must, see src/app/access.ts',
      );
    }
    // every API route lives under the version prefix (registered with { prefix: API_PREFIX }, relative paths
    // inside): one written as an absolute /api path escapes the version outside that context, and inside it
    // becomes `/api/v1/api/x`; both stop the server here
    const inside = isUnder(r.url, API_PREFIX) ? r.url.slice(API_PREFIX.length) : null;
    if (isUnder((inside ?? r.url).toLowerCase(), LEGACY_PREFIX)) {
      throw new Error(
        `route ${methods.join(',')} ${r.url} is written as an absolute /api path: register it in the API context ` +
          `({ prefix: API_PREFIX }) with a relative path (src/server/apiSchema.ts)`,
      );
    }
    // a write that takes no body refuses one: {"period": …, "force": true} on …/run was accepted and ignored (red
    // team 11 F6); an upload (multipart) reads its parts itself
    if (
      declared &&
      !(r.schema as { body?: unknown } | undefined)?.body &&
      methods.some((m) => m !== 'GET' && m !== 'HEAD')
    )
      r.preValidation = [...[r.preValidation ?? []].flat(), refuseBody];
    if (declared) {
      closeInputSchemas(r); // first: a closed query schema is input, so its answers include 400
      describeAnswers(r, action, methods);
    }
    r.config = { ...r.config, action };
    r.onRequest = [...[r.onRequest ?? []].flat(), accessCheck(action)];
    // every answer of an API route stays out of browser and proxy caches (person-level data, figures, accounts)
    if (declared) r.onSend = [...[r.onSend ?? []].flat(), noStore];
    const inner = r.handler as RouteHandlerMethod;
    const entries: RouteEntry[] = [];
    for (const m of methods) {
      if (m !== 'HEAD') routes.push(`${m} ${r.url}`);
      const entry: RouteEntry = { method: m, url: r.url, action, ...(r.config?.ownTeam ? { ownTeam: true } : {}) };
      routeTable.push(entry);
      entries.push(entry);
    }
    const observe = opts.onHandler;
    // belt and braces: a handler refuses to run when its route's check did not pass for this request
    r.handler = function guarded(this: FastifyInstance, req, reply) {
      if (!req.accessChecked) throw new UserError('geen_toegang');
      if (observe) observe(entries.find((e) => e.method === req.method) ?? entries[0]!, req);
      return inner.call(this, req, reply);
    } as RouteHandlerMethod;
  });
  function accessCheck(action: RouteAction) {
    return async function checkAccess(req: FastifyRequest): Promise<void> {
      const query = `${req.method} ${req.routeOptions.url ?? ''}`;
      if (action === 'public') {
        // log-in, OIDC, docs, the web app: for people and anonymous callers; a token never reaches log-in
        if (req.principal?.token) {
          await ctx.audit(req, { event: 'toegang_geweigerd', outcome: 'geweigerd', query });
          throw new UserError('geen_toegang.token_openbaar');
        }
      } else {
        if (!req.principal) throw new UserError('niet_ingelogd');
        if (action !== 'session' && !can(req.principal, action)) {
          await ctx.audit(req, { event: 'toegang_geweigerd', outcome: 'geweigerd', query });
          const role = req.principal.role;
          if (req.principal.token && (NOT_BY_TOKEN as readonly Action[]).includes(action))
            throw new UserError('geen_toegang.token_beheer');
          throw new UserError('geen_toegang.rol', { role });
        }
      }
      req.accessChecked = true;
    };
  }
  app.decorateRequest('accessChecked', false);
  // every answer says which version of the API gave it (NL API Design Rules: API-Version), also a refusal,
  // a redirect, a 404 and a static file; set first, so no hook can answer before it is there
  app.addHook('onRequest', (_req, reply, done) => {
    reply.header('API-Version', API_VERSION);
    done();
  });
  // Answers are written with JSON.stringify, not compiled from the response schemas: a compiled serializer
  // silently drops what its schema does not name, which would hide a drift instead of showing it (the server
  // tests validate every answer against the declared schema instead, src/testing/responseCheck.ts).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  const onAnswer = opts.onAnswer;
  if (onAnswer) {
    app.addHook('onSend', async (req, reply, payload) => {
      onAnswer({
        method: req.method,
        route: req.routeOptions.url,
        schema: req.routeOptions.schema,
        status: reply.statusCode,
        contentType: String(reply.getHeader('content-type') ?? ''),
        headers: reply.getHeaders(),
        payload,
      });
      return payload;
    });
  }
  registerDisclosureStep(app); // disclosure control for bestuur/aanbieder on every JSON answer (before the routes)
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionHash', null);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: opts.secureCookies ? { maxAge: 31_536_000 } : false,
  });
  await app.register(rateLimit, {
    max: opts.rateLimitPerMinute ?? 1200,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, c) => new UserError('te_veel_verzoeken', { seconds: Math.ceil(c.ttl / 1000) }),
  });
  await app.register(compress, { threshold: 1024 });
  await app.register(cookie);
  // upload limits (ingest/limits.ts): the file size here, the unpacked size and rows in the importer
  await app.register(multipart, {
    limits: { fileSize: ctx.limits.uploadBytes, files: 10, fields: 20, parts: 30, fieldSize: 64 * 1024 },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Zicht API',
        version: API_VERSION,
        contact: { ...(opts.apiContact ?? DEFAULT_API_CONTACT) },
        description:
          `Stuurinformatie jeugdhulp, volgens de NL API Design Rules. Inloggen via POST ${API_PREFIX}/login; de ` +
          'sessie loopt via een cookie. Antwoorden zijn JSON met de kop API-Version; fouten zijn problem details ' +
          '(RFC 9457, application/problem+json) met daarbij code, message (Nederlands) en messageEn. ' +
          `De paden zonder versie (/api/…) sturen tijdelijk door (308) naar ${API_PREFIX}/… (docs/api.md).`,
      },
      servers: [{ url: API_PREFIX, description: 'Deze server, versie 1 van de API' }],
      components: {
        securitySchemes: {
          sessie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          // service tokens (issue 17.4): `Authorization: Bearer zicht_…`, issued by a beheerder
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ sessie: [] }, { token: [] }],
    },
  });
  // Every error, from any layer, is answered here, as RFC 9457 problem details with our error vocabulary
  // (domain/errors.ts: code, Dutch message, English messageEn) as extension members. `instance` names this one
  // answer (never the path, which may hold pseudonyms); a server error is logged under it.
  const sendProblem = (reply: FastifyReply, p: Problem) =>
    reply.status(p.status).type(PROBLEM_MEDIA).header('API-Version', API_VERSION).send(p);
  const instance = () => `urn:uuid:${randomUUID()}`;
  app.setErrorHandler(
    (
      err: Error & { statusCode?: number; validation?: unknown; validationContext?: string; code?: string },
      req,
      reply,
    ) => {
      // Power BI and Excel ask for credentials on a 401 only when it names a scheme they know: the OData feed names
      // Basic (a service token as password, auth/bearer.ts). Not for a request with a session cookie (a browser
      // of the web app, which shows its own log-in) and not on the bare `/odata` path, whose Basic credentials a
      // browser would send along to every path under /api/v1/ (RFC 7617 §2.2, protection space).
      if (err instanceof UserError && err.status === 401 && challengesBasic(req))
        reply.header('www-authenticate', BASIC_CHALLENGE);
      // the lens is missing or older than this version (lens/lens.ts): the figures are being (re)built, not broken
      if (err instanceof LensMissingError || err instanceof LensClosedError) {
        req.log.warn({ err: { message: err.message } }, 'lens missing or stale');
        const e = new UserError('lens_niet_klaar');
        reply.header('retry-after', String(LENS_RETRY_AFTER_S));
        return sendProblem(reply, problem(e.status, e.code, e.nl, e.en, instance()));
      }
      if (err instanceof UserError)
        return sendProblem(reply, problem(err.status, err.code, err.nl, err.en, instance()));
      // PostgreSQL restarting, a terminated connection: the pool reconnects by itself, the client asks again
      if (isUnavailableError(err)) {
        req.log.warn({ err: { message: err.message } }, 'database unavailable');
        const e = new UserError('database_niet_bereikbaar');
        reply.header('retry-after', String(DB_RETRY_AFTER_S));
        return sendProblem(reply, problem(e.status, e.code, e.nl, e.en, instance()));
      }
      const empty = emptyParameter(err);
      if (empty) {
        const e = new UserError('ongeldige_invoer.leeg', { name: empty.slice(0, 80) });
        return sendProblem(reply, problem(e.status, e.code, e.nl, e.en, instance()));
      }
      const unknown = unknownProperty(err, req);
      if (unknown) {
        const e = new UserError('ongeldige_invoer.onbekend', unknown);
        return sendProblem(reply, problem(e.status, e.code, e.nl, e.en, instance()));
      }
      if (err.validation) {
        // Ajv's own English ("querystring must have required property …") never reaches a user: said in words
        const said = invalidInput(err) ?? { nl: 'Ongeldige invoer.', en: 'Invalid input.' };
        return sendProblem(reply, problem(400, 'ongeldige_invoer', said.nl, said.en, instance()));
      }
      // Fastify's own refusals (a body that is not JSON, a media type it does not read, a body over the limit) in
      // the one vocabulary: its codes (FST_ERR_CTP_…) and English texts never reach a user (red team 11 F8)
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        const e = fastifyRefusal(err.statusCode, err.code);
        if (e) return sendProblem(reply, problem(e.status, e.code, e.nl, e.en, instance()));
        return sendProblem(reply, problem(err.statusCode, err.code ?? 'fout', err.message, err.message, instance()));
      }
      const id = instance();
      req.log.error({ err: { message: err.message, stack: err.stack }, instance: id }, 'request failed');
      const nl = 'Er ging iets mis op de server; de fout is gelogd.';
      return sendProblem(reply, problem(500, 'serverfout', nl, 'Internal server error; it has been logged.', id));
    },
  );
  // after the error handler: a plugin's context takes the handler set when it is registered
  // the API description and its viewer are public (they describe, they hold no data)
  await app.register(async (docs) => {
    docs.decorate(DEFAULT_ACTION, 'public');
    await docs.register(swaggerUi, { routePrefix: DOCS_PATH, staticCSP: true });
    docs.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
  });

  app.setNotFoundHandler((req, reply) => {
    // an old, unversioned API path: 308 keeps method and body, the client repeats the request under the
    // version, where the route's own access check answers (the redirect itself says nothing about the data)
    const moved = legacyTarget(req.url);
    if (moved) return reply.header('cache-control', 'no-store').redirect(moved, 308);
    // the web app routes in the browser: a page navigation (GET accepting HTML) outside /api gets
    // index.html, which holds no data; everything else a bare 404 that does not echo the path
    const page =
      (req.method === 'GET' || req.method === 'HEAD') &&
      /text\/html/.test(req.headers.accept ?? '') &&
      !req.url.startsWith('/api/');
    if (page && opts.webDir && existsSync(join(opts.webDir, 'index.html'))) {
      return reply.type('text/html; charset=utf-8').send(createReadStream(join(opts.webDir, 'index.html')));
    }
    reply.header('cache-control', 'no-store');
    return sendProblem(reply, problem(404, 'niet_gevonden', 'Niet gevonden.', 'Not found.', instance()));
  });

  // a team-scoped reader knows its own team's amounts exactly: everything its request computes is decided with the
  // rest of its gemeente as well (indicators/reader.ts; red team 32). A callback hook, so the handler and the
  // serialisation run inside it.
  app.addHook('preHandler', (req, _reply, done) => {
    const team = req.principal?.team;
    if (team) asReaderOfTeam({ gemeente: team.gemeente, team: team.code }, done);
    else done();
  });
  const principals = new Map<string, { p: Principal | null; at: number }>();
  // Ajv coerces '1e400' to Infinity and lets it through `integer` with a maximum; a non-finite number
  // in a query or path parameter would then reach SQL (bigint out of range: 500). Refuse it here, after
  // validation, for every route; the schemas bound the finite ones (at most 2^53-1).
  app.addHook('preHandler', async (req) => {
    for (const bag of [req.query, req.params]) {
      if (!bag || typeof bag !== 'object') continue;
      for (const [name, v] of Object.entries(bag as Record<string, unknown>)) {
        const values = Array.isArray(v) ? v : [v];
        if (values.some((x) => typeof x === 'number' && !Number.isFinite(x))) {
          throw new UserError('ongeldig_getal', { name });
        }
      }
    }
  });
  // A service token (Authorization: Bearer, or on the OData feed Basic with the token as password:
  // auth/bearer.ts) or a session cookie, never both. Every request with a token is in the access log under the
  // token's name, used or refused; a refused one gets one answer (401) whatever the reason, the log says which.
  // A token request never gets a cookie (onSend below).
  app.addHook('onRequest', async (req, reply) => {
    const presented = presentedToken(req);
    if (presented.kind !== 'none') {
      const feed = isOdataRoute(req);
      const via = presented.kind === 'basic' ? ' via Basic' : '';
      const query = `${req.method} ${req.routeOptions?.url ?? '(geen route)'}${via}`;
      if (req.cookies[SESSION_COOKIE] !== undefined) {
        reply.header('www-authenticate', 'Bearer realm="zicht", error="invalid_request"');
        await ctx.audit(req, { event: 'token_geweigerd', outcome: 'geweigerd', query: `${query} (met sessiecookie)` });
        throw new UserError('token_ongeldig.met_cookie');
      }
      // a malformed header takes the same path as an unknown token (the empty value matches no token), so
      // a bare token without "Bearer " is refused and costs the same; so is Basic outside the OData feed (a
      // browser sends Basic credentials it has kept by itself, so they count on the read-only feed only)
      const secret =
        presented.kind === 'bearer' || (presented.kind === 'basic' && feed && isRead(req)) ? presented.value : '';
      const r = await authenticateServiceToken(opts.store, secret, ctx.now());
      if (!r.ok) {
        reply.header('www-authenticate', 'Bearer realm="zicht", error="invalid_token"');
        await ctx.audit(req, {
          event: 'token_geweigerd',
          username: r.name === null ? null : `token:${r.name}`,
          outcome: 'geweigerd',
          query: `${query} (${r.reason})`,
        });
        throw new UserError(feed ? 'token_ongeldig.odata' : 'token_ongeldig');
      }
      req.principal = r.principal;
      await ctx.audit(req, { event: 'token_gebruikt', outcome: 'ok', query });
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    // a write that carries the session cookie comes from Zicht's own pages: SameSite=Strict keeps the cookie from other
    // sites, not from another port or sibling host of the same site, and a multipart upload needs no preflight (red
    // team 15 F2). Browsers say where a request comes from (Sec-Fetch-Site, Origin); clients that say nothing are not
    // browsers and carry no ambient cookie by accident.
    if (!isRead(req) && crossOrigin(req)) {
      await ctx.audit(req, {
        event: 'toegang_geweigerd',
        outcome: 'geweigerd',
        query: `${req.method} ${req.url.slice(0, 200)} (andere herkomst)`,
      });
      throw new UserError('geen_toegang.herkomst');
    }
    // a session checked a few seconds ago is still good: saves the store a query on every request
    // (logout and account changes on this server drop the cached entry at once)
    const tokenHash = hashToken(token);
    const cached = sessions.get(tokenHash);
    let s: SessionInfo | null;
    if (cached && ctx.now().getTime() - cached.at < SESSION_CACHE_MS) s = cached.s;
    else {
      s = await findSession(opts.store, token, ctx.now());
      if (s) sessions.set(tokenHash, { s, at: ctx.now().getTime() });
      else sessions.delete(tokenHash);
    }
    if (!s) return;
    req.sessionHash = s.tokenHash;
    const key = `${s.userId}|${s.mfaPassed}`;
    const hit = principals.get(key);
    if (hit && Date.now() - hit.at < PRINCIPAL_TTL_MS) req.principal = hit.p;
    else {
      req.principal = await loadPrincipal(opts.store, s.userId, s.mfaPassed);
      principals.set(key, { p: req.principal, at: Date.now() });
    }
  });
  // belt and braces: whatever a route does, an answer to a token request carries no cookie
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.principal?.token) reply.removeHeader('set-cookie');
    return payload;
  });
  // a NUL character cannot be stored or searched in PostgreSQL text: refuse it up front, for every
  // route and every parameter, instead of letting the query fail with a 500
  app.addHook('preValidation', async (req) => {
    // JSON is UTF-8 (RFC 8259): a body said to be in another character set was read as UTF-8 all the same (red team
    // 27); refused as a media type the API does not read
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(String(req.headers['content-type'] ?? ''))?.[1];
    if (charset && !/^utf-?8$/i.test(charset)) throw new UserError('ongeldig_verzoek.mediatype');
    const badEscape = badPercentEncoding(req.raw.url ?? '');
    if (badEscape !== null) throw new UserError('ongeldige_invoer.codering', { piece: badEscape });
    for (const [where, value] of [
      ['query', req.query],
      ['params', req.params],
      ['body', req.body],
    ] as const) {
      const c = notText(value);
      if (c === '\u0000') throw new UserError('ongeldige_invoer.nul', { nl: WHERE_NL[where], en: where });
      if (c !== null)
        throw new UserError('ongeldige_invoer.teken', {
          nl: WHERE_NL[where],
          en: where,
          code: codePointOf(c),
          kind: notTextKind(c),
        });
    }
    const schemas = req.routeOptions.schema as { params?: unknown; querystring?: unknown } | undefined;
    const loosePath = looseInteger(schemas?.params, req.params);
    if (loosePath)
      throw new UserError('ongeldige_invoer.geheel_getal', { name: loosePath, nl: 'het adres', en: 'path' });
    const looseQuery = looseInteger(schemas?.querystring, req.query);
    if (looseQuery)
      throw new UserError('ongeldige_invoer.geheel_getal', { name: looseQuery, nl: 'de parameter', en: 'parameter' });
    if (!req.isMultipart()) {
      const name = notTextWhereText((req.routeOptions.schema as { body?: unknown } | undefined)?.body, req.body);
      if (name) throw new UserError('ongeldige_invoer.geen_tekst', { name });
    }
  });

  await app.register(
    async (api) => {
      api.get(
        '/health',
        {
          config: { action: 'public' },
          schema: {
            tags: ['systeem'],
            summary: 'Werkt de server?',
            security: [],
            response: {
              200: ok(
                obj({
                  status: { type: 'string', const: 'ok' },
                  store: str,
                  lens: { type: 'string', enum: ['aanwezig', 'ontbreekt'] },
                }),
              ),
            },
          },
        },
        async () => {
          await opts.store.query('SELECT 1');
          return {
            status: 'ok',
            store: opts.store.kind,
            lens: existsSync(lensPath(opts.dataDir)) ? 'aanwezig' : 'ontbreekt',
          };
        },
      );
      await authRoutes(api, ctx);
      await indicatorRoutes(api, ctx);
      await narrativeRoutes(api, ctx);
      await personRoutes(api, ctx);
      await goalRoutes(api, ctx);
      await overviewRoutes(api, ctx);
      await benchmarkRoutes(api, ctx);
      await businessCaseRoutes(api, ctx);
      await careFormRoutes(api, ctx);
      await normRoutes(api, ctx);
      await reportRoutes(api, ctx);
      await dataRoutes(api, ctx);
      await productMonthRoutes(api, ctx); // issue 16.4/16.5 (h/product)
      await contractRoutes(api, ctx); // issue 19, the contract register
      await agreementRoutes(api, ctx);
      await pilotRoutes(api, ctx);
      await evaluationRoutes(api, ctx);
      await providerExitRoutes(api, ctx);
      await socialMapRoutes(api, ctx); // issue 21, the sociale kaart (with its public page's data)
      await liaisonRoutes(api, ctx);
      await tokenRoutes(api, ctx); // issue 17.4
      // the OData feed for Power BI and Excel (issue 17.3, docs/odata.md): its own context, so its hooks stay its own
      await api.register(async (o) => odataRoutes(o, ctx));
      await adminRoutes(api, ctx, () => {
        principals.clear();
        sessions.clear();
      });
      if (opts.extraRoutes) await opts.extraRoutes(api);
    },
    { prefix: API_PREFIX },
  );

  if (opts.webDir && existsSync(join(opts.webDir, 'index.html'))) {
    const webDir = opts.webDir;
    // the built web app is public: it holds code, no data (the data comes from the API, checked per route)
    await app.register(async (web) => {
      web.decorate(DEFAULT_ACTION, 'public');
      await web.register(fastifyStatic, {
        root: webDir,
        prefix: '/',
        wildcard: false,
        index: 'index.html',
        maxAge: '1h',
        immutable: false,
      });
    });
  }
  app.addHook('onClose', async () => lens.close());
  return {
    app,
    ctx,
    routes,
    routeTable,
    forgetSessions: () => {
      principals.clear();
      sessions.clear();
    },
  };
}
