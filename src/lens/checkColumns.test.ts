/**
 * zicht check and a lens built by an older version: the same import runs and rows, but a column added since (budget's
 * programme and reserve, migration 25) is missing. It must disagree, so `zicht serve` rebuilds it at start instead of
 * answering the figures that read the column with "lens not ready".
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore } from '../testing/backends.js';
import { tempDir } from '../testing/fixtures.js';
import { rebuildLens, lensPath } from './build.js';
import { checkLens } from './check.js';
import { duckdb } from './duckdb.js';

it('a lens without a column tables.ts names disagrees with the store, naming table and column', async () => {
  const db = await freshStore('pglite');
  const dir = tempDir('zicht-check-columns-');
  try {
    await rebuildLens(db.store, dir);
    assert.equal((await checkLens(db.store, dir)).agrees, true);
    const instance = await (await duckdb()).DuckDBInstance.create(lensPath(dir));
    const con = await instance.connect();
    await con.run('ALTER TABLE budget DROP COLUMN programme');
    await con.run('ALTER TABLE budget DROP COLUMN reserve_cents');
    con.closeSync();
    instance.closeSync();
    const c = await checkLens(db.store, dir);
    assert.equal(c.agrees, false);
    assert.deepEqual(c.differences, [
      { what: 'kolommen budget / columns', lens: 'zonder programme, reserve_cents', store: null },
    ]);
  } finally {
    await db.drop();
  }
});
