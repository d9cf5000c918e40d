/**
 * Iv3 accounts: from the simple CSV and from a CBS "dataderden" mirror table (Gemeenten,
 * TaakveldBalanspost, Categorie, Verslagsoort; amounts in thousands of euros, keys space-padded);
 * the 2023 split of taakvelden folds back into 6.72 / 6.82.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PgliteStore } from '../../store/pglite.js';
import { migrate } from '../../store/migrate.js';
import { TEST_KEY, tempDir, writeCsv } from '../../testing/fixtures.js';
import { importCsvFile } from '../csv/import.js';
import { importCbsTable } from './mirror.js';

describe('Iv3 accounts', () => {
  let store: PgliteStore;
  let dir: string;
  before(async () => {
    store = await PgliteStore.open('memory://');
    await migrate(store);
    dir = tempDir('zicht-iv3-');
  });
  after(async () => store.close());

  it('reads the simple CSV and folds the 2023 lines', async () => {
    const f = writeCsv(
      dir,
      'iv3.csv',
      'gemeente;jaar;soort;taakveld;bedrag_euro\n0150;2022;jaarrekening;6.72;25000000\n0150;2022;jaarrekening;6.82;3000000\n' +
        '0150;2023;jaarrekening;6.72a;12000000\n0150;2023;jaarrekening;6.73b;9000000\n0150;2023;jaarrekening;6.82a;3500000\n0150;2023;jaarrekening;6.71;1000000\n',
    );
    const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, f);
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    const rows = await store.query<{ year: number; youth_line: string | null; euros: number }>(
      "SELECT year, youth_line, sum(amount_cents)::bigint / 100 AS euros FROM iv3_amount WHERE gemeente_code = '0150' GROUP BY 1, 2 ORDER BY 1, 2",
    );
    assert.deepEqual(rows, [
      { year: 2022, youth_line: '6.72', euros: 25_000_000 },
      { year: 2022, youth_line: '6.82', euros: 3_000_000 },
      { year: 2023, youth_line: '6.72', euros: 21_000_000 },
      { year: 2023, youth_line: '6.82', euros: 3_500_000 },
      { year: 2023, youth_line: null, euros: 1_000_000 },
    ]);
  });

  it('refuses an unknown soort and a taakveld that is not a code', async () => {
    const r = await importCsvFile(
      { store, dataDir: dir, key: TEST_KEY },
      writeCsv(
        dir,
        'iv3-bad.csv',
        'gemeente;jaar;soort;taakveld;bedrag_euro\n0150;2022;raming;6.72;1\n0150;2022;jaarrekening;jeugd;1\n',
      ),
    );
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.code]),
      [
        [2, 'unknown_code'],
        [3, 'invalid_taakveld'],
      ],
    );
  });

  it('reads a CBS Iv3 mirror table: lasten only, thousands of euros, padded keys', async () => {
    const t = join(dir, 'mirror', '45042NED');
    mkdirSync(t, { recursive: true });
    const w = (name: string, value: unknown[]) => writeFileSync(join(t, name), JSON.stringify({ value }));
    w('DataProperties.json', [
      { ID: 0, Type: 'GeoDimension', Key: 'Gemeenten', Title: 'Gemeenten' },
      { ID: 1, Type: 'Dimension', Key: 'TaakveldBalanspost', Title: 'Taakveld/balanspost' },
      { ID: 2, Type: 'Dimension', Key: 'Categorie', Title: 'Categorie' },
      { ID: 3, Type: 'Dimension', Key: 'Verslagsoort', Title: 'Verslagsoort' },
      { ID: 4, Type: 'Topic', Key: 'Bedrag_1', Title: 'Bedrag', Unit: 'x 1 000 euro' },
    ]);
    w('Gemeenten.json', [{ Key: 'GM0606  ', Title: 'Schiedam' }]);
    w('TaakveldBalanspost.json', [
      { Key: '6.72  ', Title: 'Maatwerkdienstverlening 18-' },
      { Key: '6.82  ', Title: 'Geëscaleerde zorg 18-' },
    ]);
    w('Categorie.json', [
      { Key: 'L  ', Title: 'Lasten' },
      { Key: 'B  ', Title: 'Baten' },
    ]);
    w('Verslagsoort.json', [
      { Key: '2017X000', Title: 'Begroting 2017' },
      { Key: '2019X005', Title: 'Jaarrekening 2019' },
    ]);
    w('TypedDataSet.json', [
      {
        ID: 0,
        Gemeenten: 'GM0606  ',
        TaakveldBalanspost: '6.72  ',
        Categorie: 'L  ',
        Verslagsoort: '2019X005',
        Bedrag_1: 18450,
      },
      {
        ID: 1,
        Gemeenten: 'GM0606  ',
        TaakveldBalanspost: '6.82  ',
        Categorie: 'L  ',
        Verslagsoort: '2019X005',
        Bedrag_1: 2120,
      },
      {
        ID: 2,
        Gemeenten: 'GM0606  ',
        TaakveldBalanspost: '6.72  ',
        Categorie: 'B  ',
        Verslagsoort: '2019X005',
        Bedrag_1: 300,
      },
      {
        ID: 3,
        Gemeenten: 'GM0606  ',
        TaakveldBalanspost: '6.72  ',
        Categorie: 'L  ',
        Verslagsoort: '2017X000',
        Bedrag_1: 15000,
      },
      {
        ID: 4,
        Gemeenten: 'GM0606  ',
        TaakveldBalanspost: '6.82  ',
        Categorie: 'L  ',
        Verslagsoort: '2017X000',
        Bedrag_1: null,
      },
    ]);
    const r = await importCbsTable(store, dir, t);
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    const rows = await store.query<{ year: number; kind: string; taakveld: string; amount_cents: number }>(
      "SELECT year, kind, taakveld, amount_cents FROM iv3_amount WHERE gemeente_code = '0606' ORDER BY 1, 2, 3",
    );
    assert.deepEqual(rows, [
      { year: 2017, kind: 'begroting', taakveld: '6.72', amount_cents: 1_500_000_000 },
      { year: 2019, kind: 'jaarrekening', taakveld: '6.72', amount_cents: 1_845_000_000 },
      { year: 2019, kind: 'jaarrekening', taakveld: '6.82', amount_cents: 212_000_000 },
    ]);
  });
});
