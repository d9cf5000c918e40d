/**
 * The way back from quarantine: a refused row is exported from the kept raw file for correction,
 * fixed, imported again, and then resolved by its id; rows without an id are resolved by hand.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { importCsvFile } from './csv/import.js';
import { exportForCorrection, openEntries, resolveByHand } from './quarantine.js';

describe('quarantine', () => {
  let store: PgliteStore;
  let dir: string;
  before(async () => {
    store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);",
    );
    dir = tempDir('zicht-q-');
  });
  after(async () => store.close());

  it('exports a refused row as it was, and resolves it when the corrected row is imported', async () => {
    const bad = trajectRow({ traject_id: 'Q2', client_id: testBsn(41), startdatum: '2024-02-30' });
    const file = writeCsv(
      dir,
      'trajecten.csv',
      [TRAJECTEN_HEADER, trajectRow({ traject_id: 'Q1', client_id: testBsn(40) }), bad].join('\n') + '\n',
    );
    const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, file, { acceptValid: true });
    assert.deepEqual([r.status, r.rowsAccepted, r.rowsRejected], ['committed', 1, 1]);
    const open = await openEntries(store);
    assert.deepEqual(
      open.map((e) => [e.line, e.record.traject_id, e.errors[0]!.column]),
      [[3, 'Q2', 'startdatum']],
    );
    assert.notEqual(open[0]!.record.client_id, testBsn(41), 'the BSN is masked in quarantine');

    const [correction] = await exportForCorrection(store, TEST_KEY, join(dir, 'correcties'));
    assert.equal(correction!.rows, 1);
    const text = readFileSync(correction!.path, 'utf8');
    assert.deepEqual(text.trim().split('\n'), [TRAJECTEN_HEADER, bad], 'the original row, unmasked, under the header');

    writeFileSync(correction!.path, text.replace('2024-02-30', '2024-02-29'));
    const again = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, correction!.path);
    assert.equal(again.status, 'committed', JSON.stringify(again.problems));
    assert.deepEqual(await openEntries(store), [], 'resolved by the import that accepted Q2');
    const [q] = await store.query<{ status: string; resolved_by_run: number }>(
      'SELECT status, resolved_by_run::int AS resolved_by_run FROM quarantine',
    );
    assert.deepEqual(q, { status: 'resolved', resolved_by_run: again.runId });
  });

  it('rows without an id stay open until resolved by hand', async () => {
    const file = writeCsv(
      dir,
      'bevolking.csv',
      'gemeente;wijk;jaar;leeftijd_van;leeftijd_tot;aantal\n9001;;2024;0;17;1000\n9001;;2024;0;17;-5\n',
    );
    const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, file, { acceptValid: true });
    assert.equal(r.rowsRejected, 1);
    const open = await openEntries(store);
    assert.equal(open.length, 1);
    assert.equal(await resolveByHand(store, [open[0]!.id]), 1);
    assert.deepEqual(await openEntries(store), []);
  });
});
