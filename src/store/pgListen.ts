/**
 * One dedicated PostgreSQL connection that LISTENs on a channel (several Zicht servers on one database tell each
 * other that the data changed: docs/deployment.md). A pooled connection cannot do this: the pool hands it to
 * others and LISTEN belongs to the session. When the connection breaks (PostgreSQL restarted, the backend was
 * terminated, the network) it is opened again with backoff (0.5 s doubling to 15 s) until it works or the store
 * closes; `connected` is called after every successful LISTEN, the first one included, so the owner can look for
 * what it missed (NOTIFY is not durable: a notification sent while nobody listened is gone).
 */
import pg from 'pg';

export interface ListenHandlers {
  /** a notification's payload (text, as sent) */
  readonly message: (payload: string) => void;
  /** LISTEN is in place (again); `again` is false the first time */
  readonly connected?: ((again: boolean) => void) | undefined;
  /** the connection broke or could not be made; it is tried again after `retryInMs` */
  readonly lost?: ((err: Error, retryInMs: number) => void) | undefined;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;

export class Listener {
  private client: pg.Client | null = null;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private retryMs = FIRST_RETRY_MS;
  private everConnected = false;
  private connecting: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly handlers: ListenHandlers,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
  }

  start(): void {
    this.connecting = this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 10_000 });
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      if (this.client === client) this.client = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      this.retry(err);
    };
    client.on('error', fail);
    // the server closed the connection without an error event (a clean shutdown): the same as an error
    client.on('end', () => fail(new Error('LISTEN connection ended')));
    client.on('notification', (n) => {
      if (n.channel === this.channel) this.handlers.message(n.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (err) {
      fail(err as Error);
      return;
    }
    if (this.closed) {
      failed = true;
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    const again = this.everConnected;
    this.everConnected = true;
    this.handlers.connected?.(again);
  }

  private retry(err: Error): void {
    if (this.closed) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.handlers.lost?.(err, wait);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connecting = this.connect();
    }, wait);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.connecting?.catch(() => undefined);
    const c = this.client;
    this.client = null;
    if (c) {
      c.removeAllListeners('end');
      c.removeAllListeners('notification');
      c.on('error', () => undefined);
      await c.end().catch(() => undefined);
    }
  }
}
