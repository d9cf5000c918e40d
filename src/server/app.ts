/**
 * The web server: one Fastify app with the JSON API under /api (documented at /api/docs) and the
 * built web application under /. Every API route declares the permission it needs
 * (`config.action`); the session hook turns the cookie into a Principal before any route runs,
 * so a route never sees a request it may not answer.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import compress from '@fastify/compress';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { PseudonymKey } from '../domain/pseudonym.js';
import type { Store } from '../store/sql.js';
import { appendAudit, type AuditEntry } from '../audit/log.js';
import { can, type Principal } from './access.js';
import { SESSION_COOKIE, findSession, hashToken, type SessionInfo } from './auth/sessions.js';
import { loadPrincipal } from './auth/users.js';
import { LensHolder } from './lensHolder.js';
import { registerDisclosureStep } from './disclosureStep.js';
import { ApiError, scopeLabel, type AppContext } from './context.js';

import { lensPath } from '../lens/build.js';
import { authRoutes } from './routes/auth.js';
import { indicatorRoutes } from './routes/indicators.js';
import { narrativeRoutes } from './routes/narratives.js';
import { adminRoutes } from './routes/admin.js';
import { dataRoutes } from './routes/data.js';
import { personRoutes } from './routes/persons.js';
import { goalRoutes } from './routes/goals.js';
import { reportRoutes } from './routes/reports.js';
import { benchmarkRoutes } from './routes/benchmark.js';
import { businessCaseRoutes } from './routes/businessCases.js';
import { careFormRoutes, normRoutes } from './routes/careForms.js';
import type { OidcClient } from './auth/oidc.js';

export interface AppOptions {
  readonly store: Store;
  readonly dataDir: string;
  readonly key: PseudonymKey;
  /** directory with the built web app (index.html); absent = API only */
  readonly webDir?: string | undefined;
  /** cookies with the Secure attribute; off only for plain-http localhost */
  readonly secureCookies?: boolean;
  /** where to log requests (method, path without query, status, time) — never bodies, query strings or cookies */
  readonly requestLog?: NodeJS.WritableStream | undefined;
  readonly rateLimitPerMinute?: number;
  /** log-in attempts per minute per address (default 20) */
  readonly loginRateLimitPerMinute?: number;
  readonly now?: () => Date;
  /** OpenID Connect log-in (ZICHT_OIDC_*); absent = password and TOTP only */
  readonly oidc?: OidcClient | null;
}

const PRINCIPAL_TTL_MS = 30_000;
const SESSION_CACHE_MS = 5_000;

export async function buildApp(opts: AppOptions): Promise<{ app: FastifyInstance; ctx: AppContext; routes: string[] }> {
  const app = Fastify({
    logger: opts.requestLog
      ? {
          level: 'info',
          stream: opts.requestLog,
          serializers: {
            // the path only: query strings can hold a pseudonym or a search term
            req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
            res: (res: { statusCode: number }) => ({ status: res.statusCode }),
          },
        }
      : false,
    bodyLimit: 1_048_576,
    trustProxy: false,
  });
  const lens = new LensHolder(opts.dataDir);
  const sessions = new Map<string, { s: SessionInfo; at: number }>();
  const ctx: AppContext = {
    store: opts.store, dataDir: opts.dataDir, key: opts.key, lens, secureCookies: opts.secureCookies ?? false, oidc: opts.oidc ?? null, loginRateLimit: opts.loginRateLimitPerMinute ?? 20,
    forgetSession: (hash) => { if (hash) sessions.delete(hash); else sessions.clear(); },
    now: opts.now ?? (() => new Date()),
    async audit(req, entry) {
      const p = req.principal;
      await appendAudit(opts.store, {
        username: p?.username ?? null, role: p?.role ?? null, scope: p ? scopeLabel(p) : null, origin: req.ip, ...entry,
      } as AuditEntry, ctx.now());
    },
  };

  const routes: string[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push(`${m} ${r.url}`);
  });
  registerDisclosureStep(app); // disclosure control for bestuur/aanbieder on every JSON answer (before the routes)
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionHash', null);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'], connectSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: opts.secureCookies ? { maxAge: 31_536_000 } : false,
  });
  await app.register(rateLimit, {
    max: opts.rateLimitPerMinute ?? 1200, timeWindow: '1 minute',
    errorResponseBuilder: (_req, c) => new ApiError(429, 'te_veel_verzoeken', `Te veel verzoeken; probeer het over ${Math.ceil(c.ttl / 1000)} s opnieuw.`, `Too many requests; try again in ${Math.ceil(c.ttl / 1000)} s.`),
  });
  await app.register(compress, { threshold: 1024 });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 200 * 1024 * 1024, files: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Zicht API', version: '0.1.0', description: 'Stuurinformatie jeugdhulp. Inloggen via POST /api/login; de sessie loopt via een cookie. Alle antwoorden zijn JSON; fouten hebben { error: { code, message, messageEn } }.' },
      components: { securitySchemes: { sessie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ sessie: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown; code?: string }, req, reply) => {
    if (err instanceof ApiError) return reply.status(err.status).send({ error: { code: err.code, message: err.nl, messageEn: err.en } });
    if (err.validation) return reply.status(400).send({ error: { code: 'ongeldige_invoer', message: `Ongeldige invoer: ${err.message}`, messageEn: `Invalid input: ${err.message}` } });
    if (err.statusCode && err.statusCode < 500) return reply.status(err.statusCode).send({ error: { code: err.code ?? 'fout', message: err.message, messageEn: err.message } });
    req.log.error({ err: { message: err.message, stack: err.stack } }, 'request failed');
    return reply.status(500).send({ error: { code: 'serverfout', message: 'Er ging iets mis op de server; de fout is gelogd.', messageEn: 'Internal server error; it has been logged.' } });
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !opts.webDir) return reply.status(404).send({ error: { code: 'niet_gevonden', message: `Niet gevonden: ${req.method} ${req.url.split('?')[0]}`, messageEn: 'Not found' } });
    // the web app routes in the browser: every non-API path gets index.html
    return reply.type('text/html').sendFile('index.html');
  });

  const principals = new Map<string, { p: Principal | null; at: number }>();
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
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
  app.addHook('preHandler', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const action = req.routeOptions.config.action;
    if (action === undefined || action === 'public') return;
    if (!req.principal) throw new ApiError(401, 'niet_ingelogd', 'Log eerst in.', 'Please log in first.');
    if (action === 'session') return;
    if (!can(req.principal, action)) {
      await ctx.audit(req, { event: 'toegang_geweigerd', outcome: 'geweigerd', query: `${req.method} ${req.url.split('?')[0]}` });
      throw new ApiError(403, 'geen_toegang', `Uw rol (${req.principal.role}) heeft geen toegang tot dit onderdeel.`, `Your role (${req.principal.role}) has no access to this.`);
    }
  });

  await app.register(async (api) => {
    api.get('/api/health', { config: { action: 'public' }, schema: { tags: ['systeem'], summary: 'Werkt de server?', security: [] } }, async () => {
      await opts.store.query('SELECT 1');
      return { status: 'ok', store: opts.store.kind, lens: existsSync(lensPath(opts.dataDir)) ? 'aanwezig' : 'ontbreekt' };
    });
    await authRoutes(api, ctx);
    await indicatorRoutes(api, ctx);
    await narrativeRoutes(api, ctx);
    await personRoutes(api, ctx);
    await goalRoutes(api, ctx);
    await benchmarkRoutes(api, ctx);
    await businessCaseRoutes(api, ctx);
    await careFormRoutes(api, ctx);
    await normRoutes(api, ctx);
    await reportRoutes(api, ctx);
    await dataRoutes(api, ctx);
    await adminRoutes(api, ctx, () => { principals.clear(); sessions.clear(); });
  });

  if (opts.webDir && existsSync(join(opts.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: opts.webDir, prefix: '/', wildcard: false, index: 'index.html', maxAge: '1h', immutable: false });
  }
  app.addHook('onClose', async () => lens.close());
  return { app, ctx, routes };
}
