/** Server mode: PostgreSQL 15+ via DATABASE_URL, through a pg connection pool. */
import { createWriteStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { Readable } from 'node:stream';
import { from as copyFromStream, to as copyTo } from 'pg-copy-streams';
import type { Sql, Store } from './sql.js';
import { StoreError } from './errors.js';
import { Listener, type ListenHandlers } from './pgListen.js';

const parsers: Record<number, (v: string) => unknown> = {
  1082: (v) => v, // date stays a calendar date string
  20: (v) => Number(v), // int8
  1700: (v) => Number(v), // numeric
};

const typeConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function wrap(err: unknown): StoreError {
  const e = err as { message?: string; code?: string; detail?: string };
  return new StoreError(e.message ?? String(err), e.code, e.detail);
}

/**
 * A pooled client for more than one statement (a transaction, a COPY). While it is checked out the pool does not
 * listen for its errors, and a connection that dies between two statements (PostgreSQL restarting, a terminated
 * backend) would emit an 'error' nobody handles, which ends the process: listen here, and give a broken client back
 * with its error so the pool drops it instead of lending it out again.
 */
async function checkout(pool: pg.Pool): Promise<{ client: pg.PoolClient; release(): void }> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw wrap(err);
  }
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken ??= err;
  };
  client.on('error', onError);
  let released = false;
  return {
    client,
    release() {
      if (released) return;
      released = true;
      client.removeListener('error', onError);
      client.release(broken);
    },
  };
}

async function copyIn(client: pg.PoolClient, table: string, columns: readonly string[], csv: string): Promise<void> {
  try {
    await pipeline(
      Readable.from([csv]),
      client.query(copyFromStream(`COPY ${table} (${columns.join(',')}) FROM STDIN WITH (FORMAT csv)`)),
    );
  } catch (err) {
    throw wrap(err);
  }
}

function sqlOf(client: pg.Pool | pg.PoolClient): Sql {
  return {
    async copyFrom(table: string, columns: readonly string[], csv: string): Promise<void> {
      if (client instanceof pg.Pool) {
        const c = await checkout(client);
        try {
          await copyIn(c.client, table, columns, csv);
        } finally {
          c.release();
        }
      } else await copyIn(client, table, columns, csv);
    },
    async query<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
      try {
        return (await client.query({ text, values: [...params], types: typeConfig })).rows as T[];
      } catch (err) {
        throw wrap(err);
      }
    },
    async exec(text: string): Promise<void> {
      try {
        await client.query(text);
      } catch (err) {
        throw wrap(err);
      }
    },
  };
}

/** A URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(onleesbare DATABASE_URL)';
  }
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private readonly sql: Sql;

  private readonly listeners = new Set<Listener>();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    readonly description: string,
  ) {
    this.sql = sqlOf(pool);
  }

  static async open(url: string): Promise<PostgresStore> {
    // no connectionTimeoutMillis: pg-pool applies it to waiting for a free client too, so a request queued behind
    // a long import would fail; while PostgreSQL is down a connection is refused at once anyway (503)
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on('error', () => {
      /* an idle client died (PostgreSQL restarted, backend terminated); the pool replaces it on next use */
    });
    const store = new PostgresStore(pool, url, `PostgreSQL ${redactUrl(url)}`);
    await store.query('SELECT 1');
    return store;
  }

  query<T>(text: string, params?: readonly unknown[]): Promise<T[]> {
    return this.sql.query<T>(text, params);
  }

  exec(text: string): Promise<void> {
    return this.sql.exec(text);
  }

  copyFrom(table: string, columns: readonly string[], csv: string): Promise<void> {
    return this.sql.copyFrom(table, columns, csv);
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const c = await checkout(this.pool);
    const tx = sqlOf(c.client);
    try {
      await tx.exec('BEGIN');
      const result = await fn(tx);
      await tx.exec('COMMIT');
      return result;
    } catch (err) {
      await c.client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  async copyToFile(select: string, path: string): Promise<number> {
    const c = await checkout(this.pool);
    try {
      await pipeline(c.client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv)`)), createWriteStream(path));
      return statSync(path).size;
    } catch (err) {
      throw wrap(err);
    } finally {
      c.release();
    }
  }

  /**
   * LISTEN on `channel` over a connection of its own (not one of the pool's), kept open until the store closes:
   * when it breaks (PostgreSQL restarted, backend terminated) it reconnects with backoff and calls `connected`
   * again, since NOTIFY is not durable and whatever was sent meanwhile is lost (pgListen.ts).
   */
  listen(channel: string, handlers: ListenHandlers): { close(): Promise<void> } {
    const l = new Listener(this.url, channel, handlers);
    this.listeners.add(l);
    l.start();
    return {
      close: async () => {
        this.listeners.delete(l);
        await l.close();
      },
    };
  }

  private closing: Promise<void> | null = null;
  /** Idempotent, like the PGlite store's: a server's stop() and a caller's finally may both close. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.listeners].map((l) => l.close()));
      this.listeners.clear();
      await this.pool.end();
    })();
    return this.closing;
  }
}
