/**
 * Opens the truth store: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite in the data
 * directory. Migrations are applied on open, so every caller sees the current schema.
 *
 * The embedded store belongs to one process at a time: its lock (dirLock.ts) is taken before PGlite
 * touches the directory and given back when the store closes or the process ends. A second process
 * gets StoreLockedError, which names the owner.
 */
import { join } from 'node:path';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { DirLock } from '../store/dirLock.js';
import { prepareDataDir, tightenModes } from '../store/dataDir.js';
import type { Store } from '../store/sql.js';
import { attachAuditHead, auditHeadFile } from '../audit/head.js';
import { foldPending } from '../ingest/ijw/import.js';

export interface StoreOptions {
  /** Zicht's data directory (raw files, keys, lens, embedded database). */
  readonly dataDir: string;
  /** PostgreSQL connection string; empty = embedded PGlite. */
  readonly databaseUrl?: string | undefined;
  /** Called with the lock once it is held (zicht serve records its admin socket in it). */
  readonly onLock?: ((lock: DirLock) => void) | undefined;
  /** Where the access log's head is kept outside the database; default auditHeadFile(dataDir), null = nowhere. */
  readonly auditHeadFile?: string | null | undefined;
  /** Also send the head to the system log (ZICHT_AUDIT_SYSLOG=1). */
  readonly auditSyslog?: boolean | undefined;
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  let store: Store;
  if (opts.databaseUrl) {
    // several processes may share a PostgreSQL database and this data directory: no lock, and
    // only leftovers of processes that are gone are removed
    prepareDataDir(opts.dataDir, false);
    // the pg driver is loaded only for a server store: an embedded-store command starts without it
    const { PostgresStore } = await import('../store/postgres.js');
    store = await PostgresStore.open(opts.databaseUrl);
  } else {
    const lock = DirLock.acquire(opts.dataDir);
    try {
      prepareDataDir(opts.dataDir, true);
      const pgdata = join(opts.dataDir, 'pgdata');
      store = await PgliteStore.open(pgdata, () => {
        try {
          tightenModes(pgdata);
        } finally {
          lock.release();
        }
      });
    } catch (err) {
      lock.release();
      throw err;
    }
    opts.onLock?.(lock);
  }
  try {
    await migrate(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  // PGlite writes its relation cache files (pg_internal.init) readable for all, whatever the umask:
  // once it is open and migrated, and again when it closes (the directory is 0700 in any case)
  if (!opts.databaseUrl) tightenModes(join(opts.dataDir, 'pgdata'));
  const head = opts.auditHeadFile === undefined ? auditHeadFile(opts.dataDir) : opts.auditHeadFile;
  if (head) attachAuditHead(store, head, { syslog: opts.auditSyslog });
  // allocations an iJw import wrote but did not fold before it stopped (ijw_fold_pending): folded now, so no figure
  // is computed on half an import; a failure here is left to the next import, which folds them first
  await foldPending(store).catch((err: unknown) =>
    process.stderr.write(
      `iJw: toewijzingen nog niet verwerkt (${(err as Error).message}); de volgende import doet het\n`,
    ),
  );
  return store;
}
