/**
 * Client for the embedded store: PGlite in a worker thread. PGlite has a single connection, so a
 * lock serialises callers: a transaction holds it from BEGIN to COMMIT and no other caller's
 * statement can slip in between.
 */
import { Worker } from 'node:worker_threads';
import { mkdirSync } from 'node:fs';
import type { Request, Response } from './pglite-worker.js';
import type { Sql, Store } from './sql.js';
import { StoreError } from './errors.js';

type Pending = { resolve: (rows: unknown[]) => void; reject: (e: Error) => void };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

class Lock {
  private tail: Promise<void> = Promise.resolve();
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = this.tail;
    this.tail = prev.then(() => next);
    await prev;
    return release;
  }
}

export class PgliteStore implements Store {
  readonly kind = 'pglite' as const;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly lock = new Lock();
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    readonly description: string,
    private readonly onClose?: () => void,
  ) {
    // the worker keeps the process alive only while a request is pending: a store someone forgot
    // to close (or a failed start-up) cannot hang a CLI command or a test run
    worker.unref();
    worker.on('message', (res: Response) => {
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      if (this.pending.size === 0) worker.unref();
      if (res.ok) p.resolve(res.rows);
      else p.reject(new StoreError(res.error.message, res.error.code, res.error.detail));
    });
    worker.on('error', (err) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  /**
   * dataDir: a directory path, or 'memory://' for a throw-away database (tests). onClose runs once
   * the database is closed (openStore gives the directory's lock back there).
   */
  /**
   * `loadDataDir`: start from a copy of another database's directory (`dumpDataDir`) instead of a fresh initdb —
   * a fifth of the time; the tests start their throw-away databases from one migrated copy.
   */
  static async open(dataDir: string, onClose?: () => void, loadDataDir?: Uint8Array): Promise<PgliteStore> {
    if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), {
      workerData: { dataDir, ...(loadDataDir ? { loadDataDir } : {}) },
    });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    return new PgliteStore(worker, `PGlite (embedded) in ${dataDir}`, onClose);
  }

  /** The database's directory as a tar archive (for `open(…, loadDataDir)`). */
  async dumpDataDir(): Promise<Uint8Array> {
    const [tar] = await this.send({ op: 'dump' });
    return tar as Uint8Array;
  }

  private send(req: WithoutId<Request>): Promise<unknown[]> {
    if (this.closed) return Promise.reject(new StoreError('store is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ ...req, id });
    });
  }

  private readonly direct: Sql = {
    query: async <T>(text: string, params: readonly unknown[] = []) =>
      (await this.send({ op: 'query', sql: text, params: [...params] })) as T[],
    exec: async (text: string) => {
      await this.send({ op: 'exec', sql: text });
    },
    copyFrom: async (table: string, columns: readonly string[], csv: string) => {
      await this.send({
        op: 'copyIn',
        sql: `COPY ${table} (${columns.join(',')}) FROM '/dev/blob' WITH (FORMAT csv)`,
        csv,
      });
    },
  };

  async copyFrom(table: string, columns: readonly string[], csv: string): Promise<void> {
    const release = await this.lock.acquire();
    try {
      await this.direct.copyFrom(table, columns, csv);
    } finally {
      release();
    }
  }

  async query<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    const release = await this.lock.acquire();
    try {
      return await this.direct.query<T>(text, params);
    } finally {
      release();
    }
  }

  async exec(text: string): Promise<void> {
    const release = await this.lock.acquire();
    try {
      await this.direct.exec(text);
    } finally {
      release();
    }
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const release = await this.lock.acquire();
    try {
      await this.direct.exec('BEGIN');
      try {
        const result = await fn(this.direct);
        await this.direct.exec('COMMIT');
        return result;
      } catch (err) {
        await this.direct.exec('ROLLBACK');
        throw err;
      }
    } finally {
      release();
    }
  }

  async copyToFile(select: string, path: string): Promise<number> {
    const release = await this.lock.acquire();
    try {
      const [size] = await this.send({ op: 'copy', sql: select, path });
      return size as number;
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const release = await this.lock.acquire();
    try {
      await this.send({ op: 'close' });
      this.closed = true;
      await this.worker.terminate();
    } finally {
      release();
      if (this.closed) this.onClose?.();
    }
  }
}
