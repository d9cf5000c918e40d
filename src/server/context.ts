/**
 * What every route gets: the store, the lens, the pseudonymisation key, the clock and the access
 * log. Kept apart from app.ts so routes do not import the app that imports them. (The errors the API
 * shows to users are domain/errors.ts.)
 */
import type { FastifyRequest } from 'fastify';
import type { PseudonymKey } from '../domain/pseudonym.js';
import type { Store } from '../store/sql.js';
import type { AuditEntry } from '../audit/log.js';
import type { Action, Principal } from '../app/access.js';
import type { LensHolder } from '../app/lensHolder.js';
import type { OidcClient } from './auth/oidc.js';
import type { IngestLimits } from '../ingest/limits.js';

export interface AppContext {
  readonly store: Store;
  readonly dataDir: string;
  readonly key: PseudonymKey;
  readonly lens: LensHolder;
  readonly secureCookies: boolean;
  /** OpenID Connect log-in, when configured */
  readonly oidc: OidcClient | null;
  readonly loginRateLimit: number;
  /** limits on uploads and imported files */
  readonly limits: IngestLimits;
  /** drop a cached session (logout) or all of them (account changes) */
  forgetSession(tokenHash?: string): void;
  now(): Date;
  audit(
    req: FastifyRequest,
    entry: Omit<AuditEntry, 'username' | 'role' | 'origin' | 'scope'> & Partial<AuditEntry>,
  ): Promise<void>;
}

export type RouteAction = Action | 'public' | 'session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    sessionHash: string | null;
    /** set by the route's own access check; a handler refuses to run without it */
    accessChecked: boolean;
  }
  interface FastifyContextConfig {
    action?: RouteAction;
    /** the route reads the lens: it documents 503 (lens missing or stale, answered with Retry-After) */
    lens?: boolean;
    /**
     * the route narrows a team-scoped account's answer to its own team (or publishes it itself): the disclosure
     * step leaves that answer exact (app/access.ts needsDisclosureControl)
     */
    ownTeam?: boolean;
  }
}

export function scopeLabel(p: Principal): string {
  if (p.provider) return `aanbieder ${p.provider}`;
  if (p.team) return `team ${p.team.gemeente}/${p.team.code}`;
  return `gemeenten ${p.gemeenten.join(',')}`;
}
