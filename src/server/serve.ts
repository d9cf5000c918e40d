/**
 * Starting and stopping the server: listen on loopback by default (the data is health data; a
 * deliberate --host is needed to expose it), stop gracefully on SIGINT/SIGTERM (finish requests in
 * flight, close the store), and find the built web application.
 */
import { OidcClient, oidcFromEnv } from './auth/oidc.js';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { PseudonymKey } from '../domain/pseudonym.js';
import type { Store } from '../store/sql.js';
import { buildApp, type ApiContact } from './app.js';
import { rebuildLens } from '../lens/build.js';
import { followDataChanges } from './follow.js';
import { runRetention, type RetentionResult } from '../ops/retention.js';
import type { IngestLimits } from '../ingest/limits.js';

function openRequestLog(setting: string | undefined, dataDir: string): NodeJS.WritableStream | undefined {
  if (setting === 'off') return undefined;
  if (setting === '-') return process.stdout;
  const path = setting ?? join(dataDir, 'logs', 'requests.log');
  mkdirSync(dirname(path), { recursive: true });
  return createWriteStream(path, { flags: 'a', mode: 0o600 });
}

/** dist-web/ next to dist/ in the package (built by `npm run build:web`). */
export function defaultWebDir(): string | undefined {
  const dir = fileURLToPath(new URL('../../dist-web/', import.meta.url));
  return existsSync(dir) ? dir : undefined;
}

export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  /** opens the lens file again (another command rebuilt it) and drops cached figures */
  reloadLens(): Promise<void>;
  /** drops the cached sessions and principals, so an account disabled by a handed-over command stops at once */
  forgetSessions(): void;
  /** the first scheduled retention run (null when not scheduled) */
  readonly retention: Promise<RetentionResult | null> | null;
  stop(): Promise<void>;
}

export const RETENTION_ACTOR = {
  username: 'systeem',
  role: null,
  scope: 'alle gemeenten (bewaartermijn)',
  origin: 'server',
} as const;

export async function startServer(opts: {
  store: Store;
  dataDir: string;
  key: PseudonymKey;
  port: number;
  host: string;
  webDir?: string | undefined;
  /** request log: a file path (default <dataDir>/logs/requests.log), '-' for stdout, 'off' for none */
  requestLog?: string | undefined;
  /** requests per minute per address (default 1200; the CLI passes ZICHT_RATE_LIMIT) */
  rateLimitPerMinute?: number | undefined;
  /** log-in requests per minute per address (default 20; the CLI passes ZICHT_LOGIN_RATE_LIMIT) */
  loginRateLimitPerMinute?: number | undefined;
  /** Secure cookies on a loopback address too (they always are elsewhere); the CLI passes ZICHT_SECURE_COOKIES=1 */
  secureCookies?: boolean | undefined;
  /** the ZICHT_OIDC_* settings (server/auth/oidc.ts); absent = password and TOTP only */
  oidcEnv?: Readonly<Record<string, string | undefined>> | undefined;
  /** run the retention job (privacy.md rule 6) at start and then every this many ms; null/absent = not */
  retentionEveryMs?: number | null | undefined;
  /** the retention terms when not <dataDir>/retention.json (the CLI passes ZICHT_RETENTION_FILE) */
  retentionFile?: string | undefined;
  /** the limits on uploads and imported files (the CLI passes its ZICHT_MAX_* settings); default the built-in ones */
  limits?: IngestLimits | undefined;
  /** the contact in the OpenAPI document (the CLI passes ZICHT_API_CONTACT_*) */
  apiContact?: ApiContact | undefined;
}): Promise<RunningServer> {
  const { app, ctx, forgetSessions } = await buildApp({
    store: opts.store,
    dataDir: opts.dataDir,
    key: opts.key,
    webDir: opts.webDir ?? defaultWebDir(),
    // Secure cookies need https; on loopback browsers accept plain http, elsewhere put a TLS proxy in front
    secureCookies: opts.secureCookies === true || !['127.0.0.1', 'localhost', '::1'].includes(opts.host),
    requestLog: openRequestLog(opts.requestLog, opts.dataDir),
    rateLimitPerMinute: opts.rateLimitPerMinute ?? 1200,
    ...(opts.loginRateLimitPerMinute ? { loginRateLimitPerMinute: opts.loginRateLimitPerMinute } : {}),
    oidc: oidcClient(opts.oidcEnv ?? {}, opts.host, opts.port),
    limits: opts.limits,
    apiContact: opts.apiContact,
  });
  await app.listen({ port: opts.port, host: opts.host });
  // on PostgreSQL other processes may import too: follow their changes (LISTEN/NOTIFY; null on PGlite)
  const following = followDataChanges({ store: opts.store, dataDir: opts.dataDir, lens: ctx.lens, forgetSessions });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  // retention in the process that holds the store; a run that removed records rebuilds the lens
  // and swaps it in, so no figure keeps counting them
  let retentionTimer: NodeJS.Timeout | null = null;
  let retentionRunning: Promise<RetentionResult | null> | null = null;
  const retain = (): Promise<RetentionResult | null> => {
    retentionRunning ??= (async () => {
      try {
        // fictional demo gemeenten only: nothing to keep or remove for privacy's sake
        const [g] = await opts.store.query<{ demo: boolean | null }>('SELECT bool_and(demo) AS demo FROM gemeente');
        if (g?.demo === true) return null;
        const r = await runRetention(opts.store, {
          dataDir: opts.dataDir,
          termsFile: opts.retentionFile,
          key: opts.key,
          actor: RETENTION_ACTOR,
        });
        if (r.total > 0) {
          await rebuildLens(opts.store, opts.dataDir);
          await ctx.lens.reload();
        }
        if (r.total > 0 || r.resealed.records > 0) {
          process.stderr.write(
            `bewaartermijn: ${r.total} verwijderd, ${r.resealed.records} bronbestanden verzegeld (zie toegangslog)\n`,
          );
        }
        return r;
      } catch (err) {
        process.stderr.write(`bewaartermijn mislukt / retention failed: ${(err as Error).message}\n`);
        return null;
      } finally {
        retentionRunning = null;
      }
    })();
    return retentionRunning;
  };
  let firstRetention: Promise<RetentionResult | null> | null = null;
  if (opts.retentionEveryMs) {
    firstRetention = retain();
    retentionTimer = setInterval(() => void retain(), opts.retentionEveryMs);
    retentionTimer.unref();
  }
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      if (retentionTimer) clearInterval(retentionTimer);
      await retentionRunning;
      await following?.close();
      await app.close();
      await opts.store.close();
    })();
    return stopping;
  };
  return {
    url: `http://${opts.host === '::1' ? '[::1]' : opts.host}:${port}`,
    app,
    retention: firstRetention,
    stop,
    reloadLens: async () => {
      await ctx.lens.reload();
    },
    forgetSessions,
  };
}

/** Resolves when SIGINT or SIGTERM arrives and the server has stopped. */
export function stopOnSignals(server: RunningServer): Promise<void> {
  return new Promise((resolve) => {
    const handler = (sig: string) => {
      process.stderr.write(`\n${sig}: server stopt (lopende verzoeken worden afgemaakt) …\n`);
      void server.stop().then(resolve);
    };
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
  });
}

/** OpenID Connect from ZICHT_OIDC_*; the callback defaults to this server's own address. */
function oidcClient(env: Readonly<Record<string, string | undefined>>, host: string, port: number): OidcClient | null {
  const config = oidcFromEnv(env, `http://${host === '::1' ? '[::1]' : host}:${port}/api/v1/oidc/callback`);
  return config ? new OidcClient(config) : null;
}
