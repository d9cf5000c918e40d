/**
 * Where Zicht keeps its things: the data directory (raw files, embedded database, lens, demo files;
 * ZICHT_DATA_DIR or --data-dir, default ./.zicht), the truth store (DATABASE_URL = PostgreSQL,
 * otherwise embedded PGlite) and the pseudonymisation key (ZICHT_PSEUDONYM_KEY, or a key file kept
 * outside the database at <dataDir>/secrets/pseudonym.key).
 */
import { join, resolve } from 'node:path';
import { PseudonymKey } from '../domain/pseudonym.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/sql.js';
import { handoff, lentStore } from './handoffContext.js';

export interface Config {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
}

export function configFrom(flags: { 'data-dir'?: string | undefined }): Config {
  // a command handed over to the server works on the server's data directory and store
  const lent = handoff.getStore();
  if (lent) return { dataDir: lent.dataDir, databaseUrl: process.env.DATABASE_URL || undefined };
  return {
    dataDir: resolve(flags['data-dir'] ?? process.env.ZICHT_DATA_DIR ?? '.zicht'),
    databaseUrl: process.env.DATABASE_URL || undefined,
  };
}

export function pseudonymKey(cfg: Config): PseudonymKey {
  return PseudonymKey.load(process.env.ZICHT_PSEUDONYM_KEY_FILE ?? defaultKeyFile(cfg));
}

function defaultKeyFile(cfg: Config): string {
  return join(cfg.dataDir, 'secrets', 'pseudonym.key');
}

/**
 * A warning when the secret sits in the data directory (the zero-set-up default): whoever copies
 * that directory then has the key to the pseudonyms and to the sealed raw files beside it.
 */
export function keyPlacementWarning(cfg: Config): string | null {
  if (process.env.ZICHT_PSEUDONYM_KEY || process.env.ZICHT_PSEUDONYM_KEY_FILE) return null;
  return `Let op: de pseudonimiseringssleutel staat in de datamap (${defaultKeyFile(cfg)}). Bewaar hem voor echte gegevens ergens anders ` +
    `en wijs hem aan met ZICHT_PSEUDONYM_KEY_FILE of ZICHT_PSEUDONYM_KEY / the pseudonymisation key is inside the data directory; keep it elsewhere for real data.`;
}

export function open(cfg: Config): Promise<Store> {
  const lent = lentStore();
  if (lent) return Promise.resolve(lent);
  return openStore({ dataDir: cfg.dataDir, databaseUrl: cfg.databaseUrl });
}

/** Who did it, in the access log, when person-level data is read or exported from the command line. */
export const CLI_ACTOR = { username: 'cli', role: null, scope: 'alle gemeenten (opdrachtregel)', origin: 'cli' } as const;
