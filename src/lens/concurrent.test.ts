/**
 * Two lens builds at once for one data directory: on PostgreSQL several processes may share a data
 * directory, and in a server a handed-over `zicht import` and an upload may rebuild at the same
 * time. Each build must work on files of its own and the swap must leave one whole lens that
 * agrees with the store.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from './build.js';
import { checkLens } from './check.js';

forEachBackend('lens built twice at once', (kind) => {
  let db: TestDb;
  let dir: string;
  before(async () => {
    db = await freshStore(kind);
    dir = tempDir('zicht-lens2-');
    await db.store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); " +
        "INSERT INTO gemeente VALUES ('9001','Een','R',true), ('9002','Twee','R',true);",
    );
    const rows = [
      TRAJECTEN_HEADER,
      ...Array.from({ length: 40 }, (_, i) =>
        trajectRow({ traject_id: `T${i}`, client_id: testBsn(i), gemeente: i % 2 ? '9001' : '9002' }),
      ),
    ];
    const file = writeCsv(dir, 'trajecten.csv', rows.join('\n'));
    const r = await importCsvFile({ store: db.store, dataDir: dir, key: TEST_KEY }, file);
    assert.equal(r.status, 'committed');
  });
  after(async () => db.drop());

  it('both builds finish, the lens agrees with the store, and no build file is left', async () => {
    const results = await Promise.allSettled([1, 2, 3].map(() => rebuildLens(db.store, dir)));
    for (const r of results) assert.equal(r.status, 'fulfilled', r.status === 'rejected' ? String(r.reason) : '');
    const c = await checkLens(db.store, dir);
    assert.equal(c.agrees, true, JSON.stringify(c.differences));
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith('lens') && n !== 'lens.duckdb'),
      [],
    );
  });

  it('a build that read the store before a newer one does not replace the newer lens', async () => {
    const second = [TRAJECTEN_HEADER, trajectRow({ traject_id: 'LATER', client_id: testBsn(99), gemeente: '9001' })];
    const file = writeCsv(dir, 'later.csv', second.join('\n'));
    assert.equal((await importCsvFile({ store: db.store, dataDir: dir, key: TEST_KEY }, file)).status, 'committed');
    await rebuildLens(db.store, dir);
    // a slow build that started before that import: it saw one committed run fewer
    const [runs] = await db.store.query<{ n: number; max: number }>(
      "SELECT count(*)::int AS n, max(id)::int AS max FROM import_run WHERE status = 'committed'",
    );
    let first = true;
    const before = new Proxy(db.store, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target) as unknown;
        if (prop !== 'query') return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        return async (sql: string, params?: unknown[]) => {
          if (!first || !/FROM import_run WHERE status = 'committed'/.test(sql)) return target.query(sql, params);
          first = false;
          return [{ n: runs!.n - 1, max: runs!.max - 1 }];
        };
      },
    });
    await rebuildLens(before, dir);
    const c = await checkLens(db.store, dir);
    assert.equal(c.agrees, true, JSON.stringify(c.differences));
  });

  it('a lens newer than the store (the store restored from a backup) is replaced by a rebuild', async () => {
    // the store goes back to before the last import; the lens still has it
    await db.store.exec(
      "DELETE FROM trajectory WHERE trajectory_id = 'LATER'; " +
        "UPDATE import_run SET status = 'failed' WHERE id = (SELECT max(id) FROM import_run WHERE status = 'committed')",
    );
    assert.equal((await checkLens(db.store, dir)).agrees, false);
    await rebuildLens(db.store, dir);
    const c = await checkLens(db.store, dir);
    assert.equal(c.agrees, true, JSON.stringify(c.differences));
  });
});
