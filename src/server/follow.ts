/**
 * Several `zicht serve` processes on one PostgreSQL database (docs/deployment.md): each LISTENs on `zicht_data`
 * (store/notify.ts) and, when another process committed an import or swapped in a rebuilt lens, refreshes its own
 * lens within seconds:
 * - the lens file in the data directory is not the one this server has open (a shared data directory: the other
 *   process built it) → reload it; the old one stays open for the requests still using it (app/lensHolder.ts);
 * - the lens in place is older than the newest committed import (a data directory of its own, or the importing
 *   process stopped before its rebuild) → rebuild it here, then reload.
 * NOTIFY is not durable, so the same check runs whenever the LISTEN connection is (re)made, and once more a while
 * after an import notice in case the lens notice that should follow never comes.
 * The embedded store belongs to one process: nothing to follow there.
 */
import { existsSync } from 'node:fs';
import type { LensHolder } from '../app/lensHolder.js';
import { builtFromRun, committedRuns, lensPath, rebuildLens } from '../lens/build.js';
import { DATA_CHANNEL, PROCESS_ID, parseDataChange } from '../store/notify.js';
import type { ListenHandlers } from '../store/pgListen.js';
import type { Store } from '../store/sql.js';

/** After an import notice, look again this long later if no rebuilt lens has come by then. */
const IMPORT_FALLBACK_MS = 120_000;

interface Listening {
  listen(channel: string, handlers: ListenHandlers): { close(): Promise<void> };
}

export interface Following {
  /** the refresh running or queued now (tests, shutdown) */
  idle(): Promise<void>;
  close(): Promise<void>;
}

function canListen(store: Store): store is Store & Listening {
  return store.kind === 'postgres' && typeof (store as Partial<Listening>).listen === 'function';
}

export function followDataChanges(opts: {
  readonly store: Store;
  readonly dataDir: string;
  readonly lens: LensHolder;
  /** one line for the operator (stderr) */
  readonly log?: ((line: string) => void) | undefined;
  /** notices from this sender are this server's own and skipped (default: this process; tests run two in one) */
  readonly self?: string | undefined;
}): Following | null {
  const { store, dataDir, lens } = opts;
  if (!canListen(store)) return null;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let closed = false;
  let running: Promise<void> | null = null;
  let queued = false;
  let fallback: NodeJS.Timeout | null = null;
  let awaitedRun: number | null = null;
  let down = false;

  const refreshOnce = async (): Promise<void> => {
    if (lens.fileChanged()) {
      await lens.reload();
      return;
    }
    const newest = (await committedRuns(store)).max;
    const path = lensPath(dataDir);
    const inLens = existsSync(path) ? await builtFromRun(path) : null;
    if (newest !== null && (inLens === null || inLens < newest)) {
      log(`Lens loopt achter (run ${inLens ?? '–'}, database ${newest}): opnieuw bouwen / lens behind, rebuilding`);
      await rebuildLens(store, dataDir);
      await lens.reload();
    }
  };
  // one refresh at a time; notices that arrive meanwhile are folded into one more run after it
  const refresh = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (running) {
      queued = true;
      return running;
    }
    running = (async () => {
      do {
        queued = false;
        try {
          await refreshOnce();
        } catch (err) {
          log(`Lens verversen mislukt / lens refresh failed: ${(err as Error).message}`);
        }
      } while (queued && !closed);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const listening = store.listen(DATA_CHANNEL, {
    message(payload) {
      const change = parseDataChange(payload);
      if (!change || change.from === (opts.self ?? PROCESS_ID)) return;
      if (change.event === 'import') {
        if (fallback) clearTimeout(fallback);
        awaitedRun = change.run;
        fallback = setTimeout(() => {
          fallback = null;
          void refresh();
        }, IMPORT_FALLBACK_MS);
        fallback.unref();
        return;
      }
      // the rebuilt lens an import notice announced has come
      if (fallback && (awaitedRun === null || (change.run !== null && change.run >= awaitedRun))) {
        clearTimeout(fallback);
        fallback = null;
      }
      void refresh();
    },
    connected(again) {
      if (again || down) log('Verbinding voor meldingen hersteld / notification connection restored');
      down = false;
      // whatever was notified while nobody listened is lost: look at the store itself
      void refresh();
    },
    lost(err) {
      if (!down) log(`Verbinding voor meldingen verbroken (${err.message}); opnieuw verbinden … / reconnecting …`);
      down = true;
    },
  });

  return {
    idle: async () => {
      while (running) await running;
    },
    async close() {
      closed = true;
      if (fallback) clearTimeout(fallback);
      await listening.close();
      await running;
    },
  };
}
