/**
 * A command handed over to the running server (adminSocket.ts) runs inside that server with its
 * store: this context tells `open()` to lend it the server's store, routes the command's output to
 * the caller, and carries the few environment values of the caller that a command reads.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Store } from '../store/sql.js';

export interface HandoffContext {
  readonly store: Store;
  readonly dataDir: string;
  /** the caller's ZICHT_PASSWORD and USER (not the server's) */
  readonly env: Readonly<Record<string, string>>;
  out(text: string): void;
  err(text: string): void;
}

export const handoff = new AsyncLocalStorage<HandoffContext>();

/** The server's store, lent to a handed-over command: closing it is the server's business. */
export function lentStore(): Store | null {
  const c = handoff.getStore();
  if (!c) return null;
  const store = c.store;
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'close') return async () => {};
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

let patched = false;

/**
 * Output of a handed-over command goes to its caller. console.log and Progress write through
 * process.stdout/stderr.write, so those two are wrapped once; outside a hand-off they behave as before.
 */
export function routeOutput(): void {
  if (patched) return;
  patched = true;
  for (const [stream, pick] of [
    [process.stdout, 'out'],
    [process.stderr, 'err'],
  ] as const) {
    const original = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const c = handoff.getStore();
      if (!c) return original(chunk, ...rest);
      c[pick](typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      const cb = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof stream.write;
  }
}
