/**
 * The demo region loaded through the importers gives exactly the same figures on embedded PGlite
 * and on PostgreSQL: one schema, one set of migrations, one importer, one lens.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { generateDemo } from './generate.js';
import { loadDemo } from './load.js';
import { summarise } from './summary.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { ADMIN_URL, freshStore, postgresAvailable } from '../testing/backends.js';
import { TEST_KEY, tempDir } from '../testing/fixtures.js';

const skip = (await postgresAvailable()) ? false : `PostgreSQL not reachable at ${ADMIN_URL}`;

describe('demo on both back ends', { timeout: 900_000 }, () => {
  it('PGlite and PostgreSQL give the same summary per gemeente', { skip }, async () => {
    const dir = tempDir('zicht-both-');
    const manifest = await generateDemo({ seed: 3, size: 'region', until: '2025-12-31', outDir: join(dir, 'files') });
    const summaries = [];
    for (const kind of ['pglite', 'postgres'] as const) {
      const db = await freshStore(kind);
      const dataDir = join(dir, kind);
      try {
        await loadDemo(db.store, dataDir, TEST_KEY, manifest);
        await rebuildLens(db.store, dataDir);
      } finally {
        await db.drop();
      }
      const lens = await Lens.open(dataDir);
      summaries.push(await summarise(lens, 2025));
      lens.close();
    }
    assert.equal(summaries[0]!.length, 9);
    assert.deepEqual(summaries[1], summaries[0]);
  });
});
