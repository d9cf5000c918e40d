/**
 * Worker thread: decides one gemeente's hidden amount cells (amountCells.ts hiddenOfGemeente) off the main thread.
 * The decision is seconds of pure computing for a large gemeente (the exact check per month); on the server's thread
 * it held every other request that long (8,6 s at national size while a new lens warmed, issue 18.3).
 */
import { parentPort } from 'node:worker_threads';
import { hiddenOfGemeente, type MonthCell } from './amountCells.js';

parentPort!.on('message', (job: { id: number; cells: MonthCell[] }) => {
  try {
    parentPort!.postMessage({ id: job.id, hidden: [...hiddenOfGemeente(job.cells)] });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
