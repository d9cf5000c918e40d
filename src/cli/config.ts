/**
 * Where Zicht keeps its things: the data directory (raw files, embedded database, lens, demo files;
 * ZICHT_DATA_DIR or --data-dir, default ./.zicht), the truth store (DATABASE_URL = PostgreSQL,
 * otherwise embedded PGlite) and the pseudonymisation key (ZICHT_PSEUDONYM_KEY, or a key file kept
 * outside the database at <dataDir>/secrets/pseudonym.key).
 */
import { join, resolve } from 'node:path';
import { PseudonymKey } from '../domain/pseudonym.js';
import { openStore } from '../app/openStore.js';
import type { Store } from '../store/sql.js';
import { handoff, lentStore } from './handoffContext.js';

/**
 * Every ZICHT_* variable the command line (and the server it starts) reads, named in this one place. Read per call,
 * not cached: a handed-over command and the tests set them in-process. Modules below the CLI get these values passed
 * in; the ones that still read their own variables are listed in docs/architecture.md ("Configuration").
 */
export interface Settings {
  /** ZICHT_DATA_DIR: the data directory when --data-dir is not given */
  readonly dataDir: string | undefined;
  /** ZICHT_PSEUDONYM_KEY: the pseudonymisation key as hex */
  readonly pseudonymKey: string | undefined;
  /** ZICHT_PSEUDONYM_KEY_FILE: a key file outside the data directory */
  readonly pseudonymKeyFile: string | undefined;
  /** ZICHT_REQUEST_LOG: a file, '-' for stdout, 'off' for none (default <dataDir>/logs/requests.log) */
  readonly requestLog: string | undefined;
  /** ZICHT_RETENTION=off: no daily retention job in `zicht serve` (left to cron) */
  readonly retentionJob: boolean;
  /** ZICHT_SECURE_COOKIES=1: Secure cookies also on a loopback address (behind a TLS proxy) */
  readonly secureCookies: boolean;
  /** ZICHT_RATE_LIMIT: requests per minute per address */
  readonly rateLimitPerMinute: number | undefined;
  /** ZICHT_LOGIN_RATE_LIMIT: log-in requests per minute per address (an office behind one NAT address) */
  readonly loginRateLimitPerMinute: number | undefined;
  /** ZICHT_PROGRESS_MS: how often a progress line is printed when stderr is not a terminal */
  readonly progressMs: number;
  /** ZICHT_OIDC_*: OpenID Connect log-in (server/auth/oidc.ts) */
  readonly oidc: Readonly<Record<string, string | undefined>>;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    dataDir: env.ZICHT_DATA_DIR,
    pseudonymKey: env.ZICHT_PSEUDONYM_KEY,
    pseudonymKeyFile: env.ZICHT_PSEUDONYM_KEY_FILE,
    requestLog: env.ZICHT_REQUEST_LOG,
    retentionJob: env.ZICHT_RETENTION !== 'off',
    secureCookies: env.ZICHT_SECURE_COOKIES === '1',
    rateLimitPerMinute: Number(env.ZICHT_RATE_LIMIT) || undefined,
    loginRateLimitPerMinute: Number(env.ZICHT_LOGIN_RATE_LIMIT) || undefined,
    progressMs: Number(env.ZICHT_PROGRESS_MS ?? 3000),
    oidc: Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('ZICHT_OIDC_'))),
  };
}

export interface Config {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
}

export function configFrom(flags: { 'data-dir'?: string | undefined }): Config {
  // a command handed over to the server works on the server's data directory and store
  const lent = handoff.getStore();
  if (lent) return { dataDir: lent.dataDir, databaseUrl: process.env.DATABASE_URL || undefined };
  return {
    dataDir: resolve(flags['data-dir'] ?? readSettings().dataDir ?? '.zicht'),
    databaseUrl: process.env.DATABASE_URL || undefined,
  };
}

export function pseudonymKey(cfg: Config): PseudonymKey {
  return PseudonymKey.load(readSettings().pseudonymKeyFile ?? defaultKeyFile(cfg));
}

function defaultKeyFile(cfg: Config): string {
  return join(cfg.dataDir, 'secrets', 'pseudonym.key');
}

/**
 * A warning when the secret sits in the data directory (the zero-set-up default): whoever copies
 * that directory then has the key to the pseudonyms and to the sealed raw files beside it.
 */
export function keyPlacementWarning(cfg: Config): string | null {
  const settings = readSettings();
  if (settings.pseudonymKey || settings.pseudonymKeyFile) return null;
  return (
    `Let op: de pseudonimiseringssleutel staat in de datamap (${defaultKeyFile(cfg)}). Bewaar hem voor echte gegevens ergens anders ` +
    `en wijs hem aan met ZICHT_PSEUDONYM_KEY_FILE of ZICHT_PSEUDONYM_KEY / the pseudonymisation key is inside the data directory; keep it elsewhere for real data.`
  );
}

export function open(cfg: Config): Promise<Store> {
  const lent = lentStore();
  if (lent) return Promise.resolve(lent);
  return openStore({ dataDir: cfg.dataDir, databaseUrl: cfg.databaseUrl });
}

/** Who did it, in the access log, when person-level data is read or exported from the command line. */
export const CLI_ACTOR = {
  username: 'cli',
  role: null,
  scope: 'alle gemeenten (opdrachtregel)',
  origin: 'cli',
} as const;
