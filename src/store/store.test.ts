import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { insertRows, withScope } from './sql.js';
import { migrate } from './migrate.js';
import { isPermissionError } from './errors.js';

forEachBackend('truth store', (kind) => {
  let db: TestDb;
  before(async () => {
    db = await freshStore(kind);
    const s = db.store;
    await s.exec(`INSERT INTO region VALUES ('R1','Testregio',true);
      INSERT INTO gemeente VALUES ('9001','Aa',  'R1', true), ('9002','Bee','R1', true);`);
    await insertRows(
      s,
      'youth',
      ['gemeente_code', 'pseudonym', 'birth_month', 'gender'],
      [
        ['9001', 'Pa', '2012-03', '1'],
        ['9002', 'Pb', '2010-07', '2'],
      ],
    );
  });
  after(async () => db.drop());

  it('migrations are idempotent', async () => {
    assert.deepEqual(await migrate(db.store), []);
  });

  it('returns dates as calendar strings and bigints as numbers', async () => {
    const [row] = await db.store.query<{ d: string; n: number; c: number }>(
      "SELECT DATE '2024-02-29' AS d, 12345678901::bigint AS n, 1.25::numeric AS c",
    );
    assert.deepEqual(row, { d: '2024-02-29', n: 12345678901, c: 1.25 });
  });

  it('row-level security shows a scoped session only its own gemeente', async () => {
    const rows = await withScope(db.store, { gemeenten: ['9001'] }, (tx) =>
      tx.query<{ pseudonym: string }>('SELECT pseudonym FROM youth ORDER BY 1'),
    );
    assert.deepEqual(
      rows.map((r) => r.pseudonym),
      ['Pa'],
    );
  });

  it('an empty scope sees nothing, the * scope sees all', async () => {
    const none = await withScope(db.store, { gemeenten: [] }, (tx) => tx.query('SELECT * FROM youth'));
    assert.equal(none.length, 0);
    const all = await withScope(db.store, { gemeenten: '*' }, (tx) => tx.query('SELECT * FROM youth'));
    assert.equal(all.length, 2);
  });

  it('row-level security refuses writing into another gemeente', async () => {
    await assert.rejects(
      withScope(db.store, { gemeenten: ['9001'] }, (tx) =>
        tx.query("INSERT INTO youth (gemeente_code, pseudonym) VALUES ('9002','Px')"),
      ),
      (err) => isPermissionError(err),
    );
  });

  it('a scoped session cannot update or delete rows of another gemeente', async () => {
    const n = await withScope(db.store, { gemeenten: ['9001'] }, async (tx) => {
      await tx.query("UPDATE youth SET gender = '0' WHERE gemeente_code = '9002'");
      await tx.query("DELETE FROM youth WHERE gemeente_code = '9002'");
      return tx.query("SELECT 1 FROM youth WHERE gemeente_code = '9002'");
    });
    assert.equal(n.length, 0, 'invisible inside the scope');
    const still = await db.store.query<{ gender: string }>("SELECT gender FROM youth WHERE pseudonym = 'Pb'");
    assert.deepEqual(still, [{ gender: '2' }]);
  });

  it('rolls back a failed transaction completely', async () => {
    await assert.rejects(
      db.store.transaction(async (tx) => {
        await tx.query("INSERT INTO youth (gemeente_code, pseudonym) VALUES ('9001','Pz')");
        await tx.query('SELECT * FROM no_such_table');
      }),
    );
    const rows = await db.store.query("SELECT 1 FROM youth WHERE pseudonym = 'Pz'");
    assert.equal(rows.length, 0);
  });

  it('keeps concurrent callers out of each other\u2019s transaction', async () => {
    const tx = db.store.transaction(async (t) => {
      await t.query("INSERT INTO youth (gemeente_code, pseudonym) VALUES ('9001','Pc')");
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('abort');
    });
    const outside = db.store.query("INSERT INTO youth (gemeente_code, pseudonym) VALUES ('9001','Pd') RETURNING 1");
    await assert.rejects(tx);
    await outside;
    const rows = await db.store.query<{ pseudonym: string }>(
      "SELECT pseudonym FROM youth WHERE pseudonym IN ('Pc','Pd') ORDER BY 1",
    );
    assert.deepEqual(
      rows.map((r) => r.pseudonym),
      ['Pd'],
    );
  });

  it('the access log is append-only', async () => {
    await db.store.query("INSERT INTO audit_log (event, outcome, prev_hash, hash) VALUES ('test','ok','0','1')");
    await assert.rejects(db.store.query('UPDATE audit_log SET outcome = $1', ['changed']));
    await assert.rejects(db.store.query('DELETE FROM audit_log'));
  });

  it('enforces the canonical constraints', async () => {
    await assert.rejects(db.store.query("INSERT INTO gemeente VALUES ('12','x',NULL,false)"));
    await assert.rejects(
      db.store
        .query(`INSERT INTO trajectory (gemeente_code, trajectory_id, youth_pseudonym, product_category, start_date, end_date)
        VALUES ('9001','T1','Pa','45','2024-05-01','2024-04-01')`),
    );
  });
});
