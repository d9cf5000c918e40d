import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { lensPath, rebuildLens } from './build.js';
import { Lens, LensMissingError } from './lens.js';
import { youthInCare } from '../indicators/use.js';
import { parsePeriod } from '../domain/periods.js';

forEachBackend('lens', (kind) => {
  let db: TestDb;
  let dir: string;
  before(async () => {
    db = await freshStore(kind);
    dir = tempDir('zicht-lens-');
    await db.store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Een','R',true), ('9002','Twee','R',true);",
    );
    const rows = [
      TRAJECTEN_HEADER,
      trajectRow({ traject_id: 'A', client_id: testBsn(0), team: 'Team "Noord", oost' }),
      trajectRow({ traject_id: 'B', client_id: testBsn(0), productcategorie: '43', verwijzer: '' }),
      trajectRow({
        traject_id: 'C',
        client_id: testBsn(1),
        gemeente: '9002',
        startdatum: '',
        einddatum: '',
        reden_einde: '',
        doelrealisatie: '',
      }),
    ];
    const r = await importCsvFile(
      { store: db.store, dataDir: dir, key: TEST_KEY },
      writeCsv(dir, 'trajecten.csv', rows.join('\n')),
    );
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
  });
  after(async () => db.drop());

  it('copies the truth with codes, dates, nulls and quoted text intact', async () => {
    const res = await rebuildLens(db.store, dir);
    assert.equal(res.tables.trajectory, 3);
    const lens = await Lens.open(dir);
    try {
      const rows = await lens.query<Record<string, unknown>>(
        'SELECT trajectory_id, product_category, referrer_type, team_code, start_date, care_form, start_from_allocation, eff_start FROM traj ORDER BY 1',
      );
      assert.deepEqual(rows[0], {
        trajectory_id: 'A',
        product_category: '45',
        referrer_type: '02',
        team_code: 'Team "Noord", oost',
        start_date: '2024-01-15',
        care_form: 'zonder_verblijf',
        start_from_allocation: false,
        eff_start: '2024-01-15',
      });
      assert.equal(rows[1]!.referrer_type, null);
      assert.equal(rows[1]!.care_form, 'met_verblijf');
      assert.equal(rows[2]!.start_from_allocation, true, 'no actual start: the allocation date stands in, flagged');
      assert.equal(rows[2]!.eff_start, '2024-01-08');
    } finally {
      lens.close();
    }
  });

  it('counts a youth once over several trajectories', async () => {
    const lens = await Lens.open(dir);
    try {
      const rows = await youthInCare.compute(lens, { period: parsePeriod('2024H1'), gemeenten: ['9001'] });
      assert.equal(rows[0]!.value, 1);
    } finally {
      lens.close();
    }
  });

  it('gives the same lens when a gemeente is copied in slices of one row', async () => {
    const whole = await rebuildLens(db.store, dir);
    const read = async () => {
      const lens = await Lens.open(dir);
      try {
        return await lens.query<Record<string, unknown>>(
          'SELECT * FROM trajectory ORDER BY gemeente_code, trajectory_id',
        );
      } finally {
        lens.close();
      }
    };
    const before = await read();
    const sliced = await rebuildLens(db.store, dir, undefined, { sliceRows: 1 });
    assert.deepEqual(sliced.tables, whole.tables);
    assert.deepEqual(await read(), before);
  });

  it('can be deleted at any time and rebuilt without loss', async () => {
    rmSync(lensPath(dir));
    await assert.rejects(Lens.open(dir), LensMissingError);
    const again = await rebuildLens(db.store, dir);
    assert.ok(existsSync(lensPath(dir)));
    assert.equal(again.tables.trajectory, 3);
    assert.equal(again.tables.youth, 2);
  });
});
