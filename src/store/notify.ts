/**
 * Telling other processes on the same PostgreSQL database that the data changed (docs/deployment.md): after an
 * import commits and after a lens rebuild, `NOTIFY zicht_data` with a small JSON payload; every `zicht serve` on
 * PostgreSQL LISTENs (server/follow.ts) and refreshes its lens. The embedded store belongs to one process, so
 * there it does nothing. A notification is a hint, never the truth: who receives one checks the store itself, and
 * who may have missed one (a broken LISTEN connection) checks on reconnecting.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from './sql.js';

export const DATA_CHANNEL = 'zicht_data';

/** This process, so a server can tell its own notifications from those of others. */
export const PROCESS_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export interface DataChange {
  /**
   * 'import': import runs committed (a lens rebuild follows); 'lens': a rebuilt lens was swapped in; 'accounts': a
   * log-out, or an account disabled or its password changed (servers drop the sessions and principals they cached)
   */
  readonly event: 'import' | 'lens' | 'accounts';
  /** the newest committed import run (the lens's `max_run` for 'lens') */
  readonly run: number | null;
  /** the process that sent it (PROCESS_ID) */
  readonly from: string;
}

export async function notifyDataChange(store: Store, change: Omit<DataChange, 'from'>): Promise<void> {
  if (store.kind !== 'postgres') return;
  const payload: DataChange = { ...change, from: PROCESS_ID };
  try {
    await store.query('SELECT pg_notify($1, $2)', [DATA_CHANNEL, JSON.stringify(payload)]);
  } catch {
    // the change itself is committed; the others find it when they next check (on reconnect, at start)
  }
}

/** A notification's payload, or null when it is not one of ours. */
export function parseDataChange(payload: string): DataChange | null {
  try {
    const v = JSON.parse(payload) as Partial<DataChange>;
    if (v.event !== 'import' && v.event !== 'lens' && v.event !== 'accounts') return null;
    if (typeof v.from !== 'string') return null;
    return { event: v.event, run: typeof v.run === 'number' ? v.run : null, from: v.from };
  } catch {
    return null;
  }
}
