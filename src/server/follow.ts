/**
 * Several `zicht serve` processes on one PostgreSQL database (docs/deployment.md): each LISTENs on `zicht_data`
 * (store/notify.ts) and, when another process committed an import or swapped in a rebuilt lens, refreshes its own
 * lens within seconds:
 * - the lens file in the data directory is not the one this server has open (a shared data directory: the other
 *   process built it) → reload it; the old one stays open for the requests still using it (app/lensHolder.ts);
 * - the lens in place is older than the newest committed import (a data directory of its own, or the importing
 *   process stopped before its rebuild) → rebuild it here, then reload.
 * NOTIFY is not durable, so whenever the LISTEN connection is (re)made, and a while after an import notice whose
 * lens notice never came, the lens is compared with the store table by table (`zicht check`) and rebuilt when they
 * disagree.
 * The embedded store belongs to one process: nothing to follow there.
 */
import { existsSync } from 'node:fs';
import type { LensHolder } from '../app/lensHolder.js';
import { builtFromRun, committedRuns, lensPath, rebuildLens } from '../lens/build.js';
import { checkLens } from '../lens/check.js';
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
  /** drops the sessions and principals this server cached (an account changed or someone logged out elsewhere) */
  readonly forgetSessions?: (() => void) | undefined;
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

  // thorough: compare the lens with the store table by table (zicht check), which also finds what was removed
  // (retention) while nobody listened; otherwise the newest committed import run is enough
  const refreshOnce = async (thorough: boolean): Promise<void> => {
    if (lens.fileChanged()) {
      await lens.reload();
      return;
    }
    const newest = (await committedRuns(store)).max;
    const path = lensPath(dataDir);
    const inLens = existsSync(path) ? await builtFromRun(path) : null;
    const behind = newest !== null && (inLens === null || inLens < newest);
    if (behind || (thorough && !(await checkLens(store, dataDir)).agrees)) {
      log(
        `Lens loopt achter (run ${inLens ?? '–'}, database ${newest ?? '–'}): opnieuw bouwen / lens behind, rebuilding`,
      );
      await rebuildLens(store, dataDir);
      await lens.reload();
    }
  };
  // one refresh at a time; notices that arrive meanwhile are folded into one more run after it
  let thoroughNext = false;
  const refresh = (thorough = false): Promise<void> => {
    if (closed) return Promise.resolve();
    thoroughNext ||= thorough;
    if (running) {
      queued = true;
      return running;
    }
    running = (async () => {
      do {
        queued = false;
        const t = thoroughNext;
        thoroughNext = false;
        try {
          await refreshOnce(t);
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
      if (change.event === 'accounts') {
        opts.forgetSessions?.();
        return;
      }
      if (change.event === 'import') {
        if (fallback) clearTimeout(fallback);
        awaitedRun = change.run;
        fallback = setTimeout(() => {
          fallback = null;
          void refresh(true);
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
      // whatever was notified while nobody listened is lost: look at the store itself (at start `zicht serve` has
      // just compared lens and store, so then the newest import run is enough)
      void refresh(again);
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
