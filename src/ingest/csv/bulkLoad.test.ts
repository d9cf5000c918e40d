/**
 * A large first load on the embedded store writes without per-row foreign-key checks and secondary indexes, and puts
 * them back before the commit (store/bulkLoad.ts). What must hold: afterwards the catalogue is as the migrations made
 * it, the keys are enforced again, a row that breaks a key fails the load, and a refused file leaves everything as it
 * was.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PgliteStore } from '../../store/pglite.js';
import { migrate } from '../../store/migrate.js';
import { liftRowChecks } from '../../store/bulkLoad.js';
import { DECLARATIES_HEADER, TEST_KEY, tempDir, writeCsv } from '../../testing/fixtures.js';
import { importCsvFile } from './import.js';

/** Every constraint and index of the schema, as the catalogue defines it. */
async function catalogue(store: PgliteStore): Promise<string> {
  const c = await store.query(
    `SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS d, convalidated
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
  );
  const i = await store.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`);
  return JSON.stringify({ c, i });
}

const claimLines = (n: number, over: (i: number) => string = () => '') =>
  [
    DECLARATIES_HEADER,
    ...Array.from(
      { length: n },
      (_, i) => over(i) || `D${i};9001;T${i % 50};;99147514;45;45A01;2024-01-01;2024-01-31;4;14;123,45;D;toegekend`,
    ),
  ].join('\n');

describe('a large first load without per-row checks', () => {
  let store: PgliteStore;
  let dir: string;
  let schema: string;
  before(async () => {
    store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);",
    );
    schema = await catalogue(store);
    dir = tempDir('zicht-bulk-');
  });
  after(async () => store.close());

  it('a refused file leaves the keys and indexes as they were', async () => {
    // the last line's date does not exist: the file is refused as a whole, after its batches were written
    const file = writeCsv(
      dir,
      'declaraties.csv',
      claimLines(12_000, (i) =>
        i === 11_999 ? `D${i};9001;T1;;99147514;45;45A01;2024-02-30;2024-02-28;4;14;1;D;toegekend` : '',
      ),
    );
    const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, file);
    assert.equal(r.status, 'rejected');
    assert.equal(await catalogue(store), schema);
    const [n] = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM claim_line');
    assert.equal(n!.n, 0);
  });

  it('loads every line, and the catalogue and the keys are as the migrations made them', async () => {
    const keyOid = async () =>
      (
        await store.query<{ oid: number }>(
          "SELECT oid::int AS oid FROM pg_constraint WHERE conname = 'claim_line_gemeente_code_fkey'",
        )
      )[0]!.oid;
    const before = await keyOid();
    const file = writeCsv(dir, 'declaraties.csv', claimLines(12_000));
    const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, file);
    assert.notEqual(await keyOid(), before, 'the key was taken off and put back');
    assert.deepEqual([r.status, r.rowsAccepted], ['committed', 12_000]);
    const [s] = await store.query<{ n: number; cents: string }>(
      'SELECT count(*)::int AS n, sum(amount_cents)::text AS cents FROM claim_line',
    );
    assert.deepEqual(s, { n: 12_000, cents: String(12_000 * 12_345) });
    assert.equal(await catalogue(store), schema);
    await assert.rejects(
      store.exec(
        "INSERT INTO claim_line (gemeente_code, claim_id, period_start, period_end, amount_cents) VALUES ('0000','X','2024-01-01','2024-01-31',1)",
      ),
      /foreign key/,
    );
  });

  it('a row that breaks a key while they are lifted fails the load when they are put back', async () => {
    await store.exec('DELETE FROM claim_line');
    await assert.rejects(
      store.transaction(async (tx) => {
        const restore = await liftRowChecks(tx, ['claim_line']);
        await tx.exec(
          "INSERT INTO claim_line (gemeente_code, claim_id, period_start, period_end, amount_cents) VALUES ('0000','X','2024-01-01','2024-01-31',1)",
        );
        await restore();
      }),
      /foreign key/,
    );
    assert.equal(await catalogue(store), schema);
  });

  it('leaves a table that holds rows alone', async () => {
    await store.exec(
      "INSERT INTO claim_line (gemeente_code, claim_id, period_start, period_end, amount_cents) VALUES ('9001','Y','2024-01-01','2024-01-31',1)",
    );
    await store.transaction(async (tx) => {
      await liftRowChecks(tx, ['claim_line']);
      const [k] = await tx.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'claim_line'::regclass AND contype = 'f'",
      );
      assert.ok(k!.n >= 2);
    });
  });
});
