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
  | { id: number; op: 'close' };

export type Response =
  | { id: number; ok: true; rows: unknown[] }
  | { id: number; ok: false; error: { message: string; code?: string; detail?: string } };

const { dataDir } = workerData as { dataDir: string };
const port = parentPort;
if (!port) throw new Error('pglite-worker must run as a worker thread');

const db = await PGlite.create(dataDir, {
  parsers: {
    [types.DATE]: (v: string) => v,
    [types.INT8]: (v: string) => Number(v),
    [types.NUMERIC]: (v: string) => Number(v),
  },
});

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
      port.postMessage({ id: req.id, ok: true, rows: [] } satisfies Response);
    } else if (req.op === 'exec') {
      await db.exec(req.sql);
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
