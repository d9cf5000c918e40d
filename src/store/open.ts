/**
 * Opens the truth store: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite in the data
 * directory. Migrations are applied on open, so every caller sees the current schema.
 */
import { join } from 'node:path';
import { PgliteStore } from './pglite.js';
import { PostgresStore } from './postgres.js';
import { migrate } from './migrate.js';
import type { Store } from './sql.js';
import { attachAuditHead, auditHeadFile } from '../audit/head.js';

export interface StoreOptions {
  /** Zicht's data directory (raw files, keys, lens, embedded database). */
  readonly dataDir: string;
  /** PostgreSQL connection string; empty = embedded PGlite. */
  readonly databaseUrl?: string | undefined;
  /** Where the access log's head is kept outside the database; default auditHeadFile(dataDir), null = nowhere. */
  readonly auditHeadFile?: string | null | undefined;
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  const store = opts.databaseUrl
    ? await PostgresStore.open(opts.databaseUrl)
    : await PgliteStore.open(join(opts.dataDir, 'pgdata'));
  try {
    await migrate(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  const head = opts.auditHeadFile === undefined ? auditHeadFile(opts.dataDir) : opts.auditHeadFile;
  if (head) attachAuditHead(store, head);
  return store;
}
