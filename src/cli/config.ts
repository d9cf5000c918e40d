/**
 * Where Zicht keeps its things: the data directory (raw files, embedded database, lens, demo files;
 * ZICHT_DATA_DIR or --data-dir, default ./.zicht), the truth store (DATABASE_URL = PostgreSQL,
 * otherwise embedded PGlite) and the pseudonymisation key (ZICHT_PSEUDONYM_KEY, or a key file kept
 * outside the database at <dataDir>/secrets/pseudonym.key).
 */
import { join, resolve } from 'node:path';
import { PseudonymKey } from '../domain/pseudonym.js';
import { openStore, type StoreOptions } from '../app/openStore.js';
import { auditHeadFile } from '../audit/head.js';
import { UserError } from '../domain/errors.js';
import { ingestLimits, type IngestLimits } from '../ingest/limits.js';
import type { Store } from '../store/sql.js';
import { handoff, lentStore } from './handoffContext.js';

/**
 * Every environment variable Zicht reads, named in this one place (`npm run lint` refuses `process.env` anywhere
 * else outside tests). Read per call, not cached: a handed-over command and the tests set them in-process. Modules
 * below the CLI get these values passed in (openStore, startServer, the importers, retention, backup).
 * A value Zicht does not understand is refused with a UserError naming the variable (exit 2), not ignored.
 */
export interface Settings {
  /** ZICHT_DATA_DIR: the data directory when --data-dir is not given */
  readonly dataDir: string | undefined;
  /** DATABASE_URL: PostgreSQL; absent or empty = embedded PGlite */
  readonly databaseUrl: string | undefined;
  /** ZICHT_PSEUDONYM_KEY: the pseudonymisation key as hex */
  readonly pseudonymKey: string | undefined;
  /** ZICHT_PSEUDONYM_KEY_FILE: a key file outside the data directory */
  readonly pseudonymKeyFile: string | undefined;
  /** ZICHT_AUDIT_HEAD_FILE: where the access log's head is kept (default <dataDir>.audit-head, audit/head.ts) */
  readonly auditHeadFile: string | undefined;
  /** ZICHT_AUDIT_SYSLOG=1: the head also goes to the system log */
  readonly auditSyslog: boolean;
  /** ZICHT_RETENTION_FILE: the installation's retention terms (default <dataDir>/retention.json) */
  readonly retentionFile: string | undefined;
  /** ZICHT_REQUEST_LOG: a file, '-' for stdout, 'off' for none (default <dataDir>/logs/requests.log) */
  readonly requestLog: string | undefined;
  /** ZICHT_RETENTION=off: no daily retention job in `zicht serve` (left to cron); 'on' or absent = the job runs */
  readonly retentionJob: boolean;
  /** ZICHT_SECURE_COOKIES=1: Secure cookies also on a loopback address (behind a TLS proxy) */
  readonly secureCookies: boolean;
  /** ZICHT_RATE_LIMIT: requests per minute per address */
  readonly rateLimitPerMinute: number | undefined;
  /** ZICHT_LOGIN_RATE_LIMIT: log-in requests per minute per address (an office behind one NAT address) */
  readonly loginRateLimitPerMinute: number | undefined;
  /** ZICHT_PROGRESS_MS: how often a progress line is printed when stderr is not a terminal */
  readonly progressMs: number;
  /** PORT and HOST: where `zicht serve` listens when --port / --host are not given */
  readonly port: number | undefined;
  readonly host: string | undefined;
  /** ZICHT_MAX_*: the limits on what is read from outside (ingest/limits.ts) */
  readonly limits: IngestLimits;
  /** ZICHT_OIDC_*: OpenID Connect log-in (server/auth/oidc.ts) */
  readonly oidc: Readonly<Record<string, string | undefined>>;
  /** ZICHT_API_CONTACT_NAME, _EMAIL and _URL: the contact in the OpenAPI document (docs/api.md); all three or none */
  readonly apiContact: { name: string; email: string; url: string } | undefined;
  /** for the child processes Zicht starts (pg_dump): PATH, HOME (~/.pgpass), LANG and the PG* variables only */
  readonly childEnv: Readonly<Record<string, string>>;
}

type Env = Readonly<Record<string, string | undefined>>;

const set = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

/** A switch: '1'/'0' (also on/off, true/false, ja/nee); absent or empty = `absent`. */
function flag(env: Env, name: string, absent: boolean): boolean {
  const v = env[name];
  if (!set(v)) return absent;
  const t = v.trim().toLowerCase();
  if (['1', 'on', 'true', 'ja', 'yes'].includes(t)) return true;
  if (['0', 'off', 'false', 'nee', 'no'].includes(t)) return false;
  throw new UserError('ongeldige_instelling', {
    name,
    value: v,
    expected: '1 of 0 (aan of uit)',
    expectedEn: '1 or 0 (on or off)',
  });
}

/** A whole number ≥ `min`; absent or empty = undefined. */
function whole(env: Env, name: string, min: number): number | undefined {
  const v = env[name];
  if (!set(v)) return undefined;
  const n = Number(v);
  if (Number.isInteger(n) && n >= min) return n;
  throw new UserError('ongeldige_instelling', {
    name,
    value: v,
    expected: `een geheel getal vanaf ${min}`,
    expectedEn: `a whole number of at least ${min}`,
  });
}

/** PORT: a TCP port, 0 (any free one) to 65535. */
function port(env: Env): number | undefined {
  const n = whole(env, 'PORT', 0);
  if (n === undefined || n <= 65535) return n;
  throw new UserError('ongeldige_instelling', {
    name: 'PORT',
    value: env.PORT!,
    expected: 'een poortnummer van 0 tot 65535',
    expectedEn: 'a port number from 0 to 65535',
  });
}

/** ZICHT_API_CONTACT_*: name, e-mail and an https url, all three (the NL API Design Rules ask for each). */
function apiContact(env: Env): Settings['apiContact'] {
  const [name, email, url] = (['NAME', 'EMAIL', 'URL'] as const).map((k) => env[`ZICHT_API_CONTACT_${k}`]);
  if (!set(name) && !set(email) && !set(url)) return undefined;
  const wrong = (n: string, v: string | undefined, nl: string, en: string) =>
    new UserError('ongeldige_instelling', { name: n, value: v ?? '', expected: nl, expectedEn: en });
  if (!set(name)) throw wrong('ZICHT_API_CONTACT_NAME', name, 'een naam (samen met _EMAIL en _URL)', 'a name');
  if (!set(email) || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    throw wrong('ZICHT_API_CONTACT_EMAIL', email, 'een e-mailadres', 'an e-mail address');
  if (!set(url) || !/^https?:\/\/\S+$/.test(url))
    throw wrong('ZICHT_API_CONTACT_URL', url, 'een url (https://…)', 'a url');
  return { name: name.trim(), email: email.trim(), url: url.trim() };
}

/** ZICHT_REQUEST_LOG: '-', 'off' or a file path. */
function requestLog(env: Env): string | undefined {
  const v = env.ZICHT_REQUEST_LOG;
  if (!set(v)) return undefined;
  return v;
}

export function readSettings(env: Env = process.env): Settings {
  return {
    dataDir: set(env.ZICHT_DATA_DIR) ? env.ZICHT_DATA_DIR : undefined,
    databaseUrl: set(env.DATABASE_URL) ? env.DATABASE_URL : undefined,
    pseudonymKey: pseudonymKeyHex(env),
    pseudonymKeyFile: set(env.ZICHT_PSEUDONYM_KEY_FILE) ? env.ZICHT_PSEUDONYM_KEY_FILE : undefined,
    auditHeadFile: set(env.ZICHT_AUDIT_HEAD_FILE) ? env.ZICHT_AUDIT_HEAD_FILE : undefined,
    auditSyslog: flag(env, 'ZICHT_AUDIT_SYSLOG', false),
    retentionFile: set(env.ZICHT_RETENTION_FILE) ? env.ZICHT_RETENTION_FILE : undefined,
    requestLog: requestLog(env),
    retentionJob: flag(env, 'ZICHT_RETENTION', true),
    secureCookies: flag(env, 'ZICHT_SECURE_COOKIES', false),
    rateLimitPerMinute: whole(env, 'ZICHT_RATE_LIMIT', 1),
    loginRateLimitPerMinute: whole(env, 'ZICHT_LOGIN_RATE_LIMIT', 1),
    progressMs: whole(env, 'ZICHT_PROGRESS_MS', 0) ?? 3000,
    port: port(env),
    host: set(env.HOST) ? env.HOST : undefined,
    limits: ingestLimits({}, env),
    oidc: Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('ZICHT_OIDC_'))),
    apiContact: apiContact(env),
    childEnv: Object.fromEntries(
      Object.entries(env).filter(
        (e): e is [string, string] =>
          e[1] !== undefined && (['PATH', 'HOME', 'LANG'].includes(e[0]) || e[0].startsWith('PG')),
      ),
    ),
  };
}

/** ZICHT_PSEUDONYM_KEY: at least 32 bytes as hex. */
function pseudonymKeyHex(env: Env): string | undefined {
  const v = env.ZICHT_PSEUDONYM_KEY;
  if (!set(v)) return undefined;
  if (/^(?:[0-9a-fA-F]{2}){32,}$/.test(v.trim())) return v.trim();
  // the value is a secret: the message names the variable, never the value
  throw new UserError('ongeldige_instelling', {
    name: 'ZICHT_PSEUDONYM_KEY',
    value: '…',
    expected: 'minstens 64 hexadecimale tekens (32 bytes)',
    expectedEn: 'at least 64 hexadecimal characters (32 bytes)',
  });
}

/** The benchmarks' own settings (src/perf/): ZICHT_BENCH_SECONDS, how long the web benchmark loads the server. */
export function benchSettings(env: Env = process.env): { readonly seconds: number } {
  return { seconds: whole(env, 'ZICHT_BENCH_SECONDS', 1) ?? 60 };
}

/**
 * An environment value of whoever gave the command: the caller's when the command was handed over to the server
 * (the caller's ZICHT_PASSWORD and USER travel with it, adminSocket.ts), else this process's.
 */
export function callerEnv(name: (typeof FORWARDED_ENV)[number]): string | undefined {
  const c = handoff.getStore();
  return c ? c.env[name] : process.env[name];
}

/** The variables a handed-over command takes along to the server (the caller's, not the server's). */
export const FORWARDED_ENV = ['ZICHT_PASSWORD', 'USER'] as const;

/** This process's values of FORWARDED_ENV, to send with a handed-over command. */
export function forwardedEnv(): Record<string, string> {
  return Object.fromEntries(
    FORWARDED_ENV.flatMap((k) => {
      const v = process.env[k];
      return typeof v === 'string' ? [[k, v]] : [];
    }),
  );
}

export interface Config {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
}

export function configFrom(flags: { 'data-dir'?: string | undefined }): Config {
  const settings = readSettings();
  // a command handed over to the server works on the server's data directory and store
  const lent = handoff.getStore();
  if (lent) return { dataDir: lent.dataDir, databaseUrl: settings.databaseUrl };
  return {
    dataDir: resolve(flags['data-dir'] ?? settings.dataDir ?? '.zicht'),
    databaseUrl: settings.databaseUrl,
  };
}

export function pseudonymKey(cfg: Config): PseudonymKey {
  const settings = readSettings();
  return PseudonymKey.load(settings.pseudonymKeyFile ?? defaultKeyFile(cfg), settings.pseudonymKey);
}

export function defaultKeyFile(cfg: Config): string {
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

/** What openStore needs from the settings besides the directory and the database: where the audit head goes. */
export function storeOptions(cfg: Config): StoreOptions {
  const settings = readSettings();
  return {
    dataDir: cfg.dataDir,
    databaseUrl: cfg.databaseUrl,
    auditHeadFile: auditHeadFile(cfg.dataDir, settings.auditHeadFile),
    auditSyslog: settings.auditSyslog,
  };
}

export function open(cfg: Config): Promise<Store> {
  const lent = lentStore();
  if (lent) return Promise.resolve(lent);
  return openStore(storeOptions(cfg));
}

/** Who did it, in the access log, when person-level data is read or exported from the command line. */
export const CLI_ACTOR = {
  username: 'cli',
  role: null,
  scope: 'alle gemeenten (opdrachtregel)',
  origin: 'cli',
} as const;
