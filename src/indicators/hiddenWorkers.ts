/**
 * A small pool of worker threads (hiddenWorker.ts) for the hidden-cell decision: one job per gemeente, the oldest
 * first, on up to one thread per core but one (the main thread and DuckDB keep theirs), at least one. Threads start
 * when first needed and do not keep the process alive while idle.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

interface Job {
  readonly id: number;
  /** one gemeente's month cells (amountCells.ts MonthCell; not imported here: amountCells imports this file) */
  readonly cells: readonly object[];
  readonly resolve: (hidden: Set<string>) => void;
  readonly reject: (e: Error) => void;
}

const SIZE = Math.max(1, Math.min(4, availableParallelism() - 1));
const idle: Worker[] = [];
const busy = new Map<Worker, Job>();
const queue: Job[] = [];
let started = 0;
let nextId = 1;

function start(): Worker {
  const w = new Worker(new URL('./hiddenWorker.js', import.meta.url));
  started++;
  w.on('message', (msg: { id: number; hidden?: string[]; error?: string }) => {
    const job = busy.get(w);
    busy.delete(w);
    if (job && job.id === msg.id) {
      if (msg.error !== undefined) job.reject(new Error(`hidden cells: ${msg.error}`));
      else job.resolve(new Set(msg.hidden));
    }
    next(w);
  });
  // a thread that dies takes its job with it (the caller retries on the next request); a queued job gets a new one
  w.on('error', (e) => {
    busy.get(w)?.reject(e);
    busy.delete(w);
  });
  w.on('exit', () => {
    started--;
    const i = idle.indexOf(w);
    if (i >= 0) idle.splice(i, 1);
    busy.get(w)?.reject(new Error('hidden cells: worker stopped'));
    busy.delete(w);
    if (queue.length > 0) next(start());
  });
  return w;
}

function next(w: Worker): void {
  const job = queue.shift();
  if (!job) {
    w.unref();
    idle.push(w);
    return;
  }
  busy.set(w, job);
  w.ref();
  w.postMessage({ id: job.id, cells: job.cells });
}

/** One gemeente's hidden cells (ids `month|split|key`), decided on a worker thread. */
export function decideOffThread(cells: readonly object[]): Promise<Set<string>> {
  return new Promise((resolve, reject) => {
    queue.push({ id: nextId++, cells, resolve, reject });
    const w = idle.pop() ?? (started < SIZE ? start() : undefined);
    if (w) next(w);
  });
}
