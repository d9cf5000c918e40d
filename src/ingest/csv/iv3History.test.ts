/**
 * issue 14 point 6: Iv3 accounts of gemeenten that have since merged (0457 Weesp, 0788 Haaren) are
 * accepted for the years they existed, through the real CSV importer; the same codes for a year
 * after their herindeling, or a new gemeente's code before it began, are refused row by row.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../../testing/backends.js';
import { TEST_KEY, tempDir, writeCsv } from '../../testing/fixtures.js';
import { importCsvFile } from './import.js';

forEachBackend('Iv3 CSV with historic gemeente codes', (kind) => {
  let db: TestDb;
  let dir: string;
  before(async () => {
    db = await freshStore(kind);
    dir = tempDir('zicht-iv3-hist-');
  });
  after(() => db?.drop());

  it('accepts 0457 Weesp and 0788 Haaren for the years they existed, without making them gemeenten to steer', async () => {
    const f = writeCsv(
      dir,
      'iv3-hist.csv',
      'gemeente;jaar;soort;taakveld;bedrag_euro\n' +
        '0457;2017;begroting;6.72;4100000\n0457;2022;begroting;6.72;5200000\n0788;2017;begroting;6.72;2300000\n' +
        '0788;2020;jaarrekening;6.82;400000\n0363;2017;begroting;6.72;310000000\n',
    );
    const r = await importCsvFile({ store: db.store, dataDir: dir, key: TEST_KEY }, f);
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    assert.equal(r.rowsAccepted, 5);
    const rows = await db.store.query<{ gemeente_code: string; year: number }>(
      'SELECT gemeente_code, year FROM iv3_amount ORDER BY 1, 2',
    );
    assert.deepEqual(
      rows.map((x) => `${x.gemeente_code}:${x.year}`),
      ['0363:2017', '0457:2017', '0457:2022', '0788:2017', '0788:2020'],
    );
    const steered = await db.store.query<{ code: string }>('SELECT code FROM gemeente ORDER BY code');
    assert.ok(
      !steered.some((g) => g.code === '0457' || g.code === '0788'),
      'an ended gemeente is not registered to steer',
    );
  });

  it('refuses a historic code after its herindeling and a new code before it began, naming why', async () => {
    const f = writeCsv(
      dir,
      'iv3-late.csv',
      'gemeente;jaar;soort;taakveld;bedrag_euro\n' +
        '0457;2023;begroting;6.72;1\n0788;2021;begroting;6.72;1\n1992;2022;begroting;6.72;1\n0150;2023;begroting;6.72;1\n',
    );
    const r = await importCsvFile({ store: db.store, dataDir: dir, key: TEST_KEY }, f, { acceptValid: true });
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.code]),
      [
        [2, 'gemeente_ended'],
        [3, 'gemeente_ended'],
        [4, 'gemeente_not_yet'],
      ],
    );
    assert.match(r.problems[0]!.nl, /Weesp.*0363/);
    assert.equal(r.rowsAccepted, 1);
  });

  it('a bad jaar beside a historic code is said as a bad jaar, not as an unknown gemeente', async () => {
    const f = writeCsv(
      dir,
      'iv3-badyear.csv',
      'gemeente;jaar;soort;taakveld;bedrag_euro\n' +
        '0457;20x2;begroting;6.72;1\n0788;1999;begroting;6.72;1\n0815;;begroting;6.72;1\n9999;2o20;begroting;6.72;1\n',
    );
    const r = await importCsvFile({ store: db.store, dataDir: dir, key: TEST_KEY }, f, { acceptValid: true });
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.column, p.code]),
      [
        [2, 'jaar', 'not_integer'],
        [3, 'jaar', 'out_of_range'],
        [4, 'jaar', 'required'],
        // a code that is no gemeente at all is still said, beside its bad jaar
        [5, 'jaar', 'not_integer'],
        [5, 'gemeente', 'unknown_gemeente'],
      ],
    );
    assert.equal(r.rowsAccepted, 0);
  });
});
