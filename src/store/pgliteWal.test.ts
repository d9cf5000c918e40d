/**
 * The embedded store's write-ahead log stays bounded (issue 18.2): PGlite runs without a checkpointer, so without a
 * small max_wal_size and the worker's own checkpoints the demo load left 689 MB of WAL in pgdata/pg_wal.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../testing/fixtures.js';
import { PgliteStore } from './pglite.js';

const walBytes = (dir: string): number =>
  readdirSync(join(dir, 'pg_wal'))
    .filter((f) => /^[0-9A-F]{24}$/.test(f))
    .reduce((n, f) => n + statSync(join(dir, 'pg_wal', f)).size, 0);

describe('embedded store: bounded write-ahead log', () => {
  it('runs with a small max_wal_size and removes the WAL of a large bulk write', async () => {
    const dir = tempDir('zicht-wal-');
    const store = await PgliteStore.open(dir);
    try {
      const [row] = await store.query<{ max_wal_size: string }>('SHOW max_wal_size');
      assert.equal(row?.max_wal_size, '32MB');
      await store.exec('CREATE TABLE filler (id int, s text)');
      // ~100 MB of WAL in statements the worker sees one by one, as an import's batches are
      for (let i = 0; i < 4; i++) {
        await store.exec(`INSERT INTO filler SELECT g, repeat('x', 200) FROM generate_series(1, 100000) g`);
      }
    } finally {
      await store.close();
    }
    const mb = walBytes(dir) / 2 ** 20;
    // two 16 MB segments kept for reuse, and the current one
    assert.ok(mb <= 48, `pg_wal holds ${mb.toFixed(0)} MB after close`);
  });
});
