/**
 * A hand-made data set as a user would load it: canonical CSV files imported through the real importer (each must
 * commit), then the lens built and opened. For tests that compute figures from a few rows they wrote by hand.
 */
import assert from 'node:assert/strict';
import type { Store } from '../store/sql.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { TEST_KEY, writeCsv } from './fixtures.js';

export async function csvLens(
  store: Store,
  dir: string,
  files: ReadonlyArray<readonly [name: string, content: string]>,
): Promise<Lens> {
  for (const [name, content] of files) {
    const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, writeCsv(dir, name, content));
    assert.equal(r.status, 'committed', `${name}: ${JSON.stringify(r.problems.slice(0, 3))}`);
  }
  await rebuildLens(store, dir);
  return Lens.open(dir);
}
