/**
 * Worker thread that owns the embedded PGlite database. PGlite runs PostgreSQL compiled to WASM
 * synchronously on the thread that calls it, so it lives here and the main thread (server, CLI
 * progress) never blocks on a query.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeFile } from 'node:fs/promises';
import { PGlite, types } from '@electric-sql/pglite';

export type Request =
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'copy'; sql: string; path: string }
  | { id: number; op: 'copyIn'; sql: string; csv: string }
  | { id: number; op: 'dump' }
  | { id: number; op: 'close' };

export type Response =
  | { id: number; ok: true; rows: unknown[] }
  | { id: number; ok: false; error: { message: string; code?: string; detail?: string } };

const { dataDir, loadDataDir } = workerData as { dataDir: string; loadDataDir?: Uint8Array };
const port = parentPort;
if (!port) throw new Error('pglite-worker must run as a worker thread');

// PGlite runs PostgreSQL in single-user mode: no checkpointer, so write-ahead log piles up (689 MB after the demo
// load) until a checkpoint, and a checkpoint keeps up to max_wal_size (1 GB by default) of it for reuse. A small
// max_wal_size lets checkpoints remove it; the worker checkpoints itself after bulk writes (below) and PGlite does
// at close. Crash safety is unchanged: recovery replays from the last checkpoint, which only moves forward.
// 32 MB (two 16 MB segments, the least PostgreSQL takes) rather than 64: a checkpoint keeps up to max_wal_size of
// old segments for reuse, and a single-user backend never checkpoints on WAL volume by itself (only the checkpoints
// below and at close), so the smaller bound costs the import nothing and leaves 32 MB less on disk (issue 18.2).
const WAL_PARAMS = ['-c', 'max_wal_size=32MB', '-c', 'min_wal_size=32MB'];
/** Bytes of WAL written since the last checkpoint after which a write operation is followed by one. */
const CHECKPOINT_AFTER_BYTES = 128 * 1024 * 1024;

const db = await PGlite.create(dataDir, {
  // a copy of another database's directory (PgliteStore.dumpDataDir) instead of a fresh initdb
  ...(loadDataDir ? { loadDataDir: new Blob([loadDataDir]) } : {}),
  startParams: [...PGlite.defaultStartParams, ...WAL_PARAMS],
  parsers: {
    [types.DATE]: (v: string) => v,
    [types.INT8]: (v: string) => Number(v),
    [types.NUMERIC]: (v: string) => Number(v),
  },
});

let walAtCheckpoint: string | null = null;
/** Checkpoints when much WAL was written since the last one, so the data directory stays small during long imports. */
async function checkpointIfLarge(): Promise<void> {
  // never inside a transaction: a query right after BEGIN would come before the caller's SET TRANSACTION; the
  // COMMIT that ends one is an exec too, so its WAL is checked then
  if (db.isInTransaction()) return;
  const [row] = (
    await db.query<{ lsn: string; since: number | null }>(
      'SELECT pg_current_wal_lsn()::text AS lsn, pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::float8 AS since',
      [walAtCheckpoint ?? '0/0'],
    )
  ).rows;
  if (walAtCheckpoint === null) walAtCheckpoint = row!.lsn;
  else if ((row!.since ?? 0) > CHECKPOINT_AFTER_BYTES) {
    await db.exec('CHECKPOINT');
    walAtCheckpoint = row!.lsn;
  }
}

port.on('message', async (req: Request) => {
  try {
    if (req.op === 'query') {
      const res = await db.query(req.sql, req.params);
      port.postMessage({ id: req.id, ok: true, rows: res.rows } satisfies Response);
    } else if (req.op === 'copy') {
      const res = await db.query(`COPY (${req.sql}) TO '/dev/blob' WITH (FORMAT csv)`);
      const bytes = res.blob ? Buffer.from(await res.blob.arrayBuffer()) : Buffer.alloc(0);
      await writeFile(req.path, bytes);
      port.postMessage({ id: req.id, ok: true, rows: [bytes.length] } satisfies Response);
    } else if (req.op === 'copyIn') {
      await db.query(req.sql, [], { blob: new Blob([req.csv]) });
      await checkpointIfLarge();
      port.postMessage({ id: req.id, ok: true, rows: [] } satisfies Response);
    } else if (req.op === 'dump') {
      const tar = await db.dumpDataDir('none');
      port.postMessage({ id: req.id, ok: true, rows: [new Uint8Array(await tar.arrayBuffer())] } satisfies Response);
    } else if (req.op === 'exec') {
      await db.exec(req.sql);
      await checkpointIfLarge();
      port.postMessage({ id: req.id, ok: true, rows: [] } satisfies Response);
    } else {
      await db.close();
      port.postMessage({ id: req.id, ok: true, rows: [] } satisfies Response);
      port.close();
    }
  } catch (err) {
    const e = err as { message?: string; code?: string; detail?: string };
    port.postMessage({
      id: req.id,
      ok: false,
      error: { message: e.message ?? String(err), code: e.code, detail: e.detail },
    } satisfies Response);
  }
});
port.postMessage({ id: 0, ok: true, rows: [] } satisfies Response);
