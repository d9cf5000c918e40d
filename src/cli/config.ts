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

export interface Config {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
}

export function configFrom(flags: { 'data-dir'?: string | undefined }): Config {
  return {
    dataDir: resolve(flags['data-dir'] ?? process.env.ZICHT_DATA_DIR ?? '.zicht'),
    databaseUrl: process.env.DATABASE_URL || undefined,
  };
}

export function pseudonymKey(cfg: Config): PseudonymKey {
  return PseudonymKey.load(process.env.ZICHT_PSEUDONYM_KEY_FILE ?? join(cfg.dataDir, 'secrets', 'pseudonym.key'));
}

export function open(cfg: Config): Promise<Store> {
  return openStore({ dataDir: cfg.dataDir, databaseUrl: cfg.databaseUrl });
}
