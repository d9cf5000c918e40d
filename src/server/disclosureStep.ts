/**
 * Disclosure control as one step every answer passes through (issue 13.5): for roles outside the
 * circle authorised for person-level data (bestuur, aanbieder) the JSON a route returns is walked
 * before it is serialised and every figure is protected by its declared unit
 * (app/disclosure.ts). Routes do not call it, so a new route cannot forget it. The step also
 * keeps the route table (method, url, action) the sweep tests take their targets from.
 */
import type { FastifyInstance } from 'fastify';
import { needsDisclosureControl } from '../app/access.js';
import { protectPayload } from '../app/disclosure.js';
import type { RouteAction } from './context.js';
import { DOCS_PATH, OPENAPI_PATH } from './apiSchema.js';

export interface RouteInfo {
  readonly method: string;
  readonly url: string;
  readonly action: RouteAction | undefined;
  readonly querystring:
    { required?: string[]; properties?: Record<string, { enum?: unknown[]; type?: string }> } | undefined;
  readonly params: { properties?: Record<string, { enum?: unknown[] }> } | undefined;
}

const tables = new WeakMap<FastifyInstance, RouteInfo[]>();

/** Every route of the app with its declared action and query schema (for tests and audits). */
export function routeTable(app: FastifyInstance): readonly RouteInfo[] {
  return tables.get(app) ?? [];
}

export function registerDisclosureStep(app: FastifyInstance): void {
  const table: RouteInfo[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (r) => {
    const schema = r.schema as { querystring?: RouteInfo['querystring']; params?: RouteInfo['params'] } | undefined;
    for (const m of [r.method].flat()) {
      if (m !== 'HEAD')
        table.push({
          method: m,
          url: r.url,
          action: r.config?.action,
          querystring: schema?.querystring,
          params: schema?.params,
        });
    }
  });
  app.addHook('preSerialization', async (req, reply, payload) => {
    const p = req.principal;
    if (!p || !needsDisclosureControl(p, req.routeOptions.config?.ownTeam === true)) return payload;
    // problem details (every error, server/app.ts) hold no figures: their `status` is an HTTP status, not a count
    if (reply.statusCode >= 400) return payload;
    // the API description (OpenAPI: lengths, limits) holds no figures; bound to the route, not the request's URL text
    const route = req.routeOptions.url;
    if (route === OPENAPI_PATH || route?.startsWith(DOCS_PATH)) return payload;
    return protectPayload(payload, { provider: p.role === 'aanbieder' ? (p.provider ?? '-') : null });
  });
}
