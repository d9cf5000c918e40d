/**
 * Reproduces the index columns of the Verwey-Jonker report "Eigenwijs transformeren" (2021), Tabel 3,
 * 5, 7, 9 and 11: % youths with jeugdhulp zonder verblijf, first half of 2017 and of 2020, and the
 * index 2017 H1 = 100. The fixture is an offline CBS mirror built from the printed percentages.
 * One printed figure is wrong in the source: Peel en Maas (Tabel 9) goes from 7.8% to 5.9%, which is
 * index 76, printed as 102. Zicht computes 76; this test documents the error in the source.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { importCbsTable } from '../ingest/cbs/mirror.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { tempDir } from '../testing/fixtures.js';
import { indexSeries } from './indices.js';

const FIXTURE = fileURLToPath(new URL('../../src/benchmark/fixtures/vj2021/', import.meta.url));
const printed = JSON.parse(readFileSync(`${FIXTURE}printed-indices.json`, 'utf8')) as {
  rows: Array<{
    tabel: number;
    naam: string;
    regio: string;
    pct2017H1: number;
    pct2020H1: number;
    index_gedrukt: number;
  }>;
};
const SOURCE_ERRORS: Record<string, number> = { 'Peel en Maas': 76 };

describe('Verwey-Jonker 2021, Tabel 3–11: index % jeugdhulp zonder verblijf (2017 H1 = 100)', () => {
  let lens: Lens;
  let dir: string;
  before(async () => {
    dir = tempDir('zicht-vj-');
    const store = await PgliteStore.open('memory://');
    await migrate(store);
    const r = await importCbsTable(store, dir, `${FIXTURE}VJ2021JH`);
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    const again = await importCbsTable(store, dir, `${FIXTURE}VJ2021JH`);
    assert.equal(again.status, 'unchanged', 'the same mirror twice changes nothing');
    await rebuildLens(store, dir);
    await store.close();
    lens = await Lens.open(dir);
  });
  after(() => lens?.close());

  it('reads the padded CBS keys, the periods and their status', async () => {
    const rows = await indexSeries(lens, {
      table: 'VJ2021JH',
      topic: 'JongerenMetJeugdhulpZonderVerblijf_1',
      basePeriod: '2017H1',
      period: '2020H1',
    });
    const deventer = rows.find((r) => r.region === 'GM0150')!;
    assert.deepEqual(
      { ...deventer },
      { region: 'GM0150', gemeente: '0150', base: 8.1, value: 6.7, status: 'voorlopig', index: 83 },
    );
    assert.equal(rows.length, printed.rows.length);
  });

  for (const row of printed.rows) {
    const expected = SOURCE_ERRORS[row.naam] ?? row.index_gedrukt;
    const title =
      SOURCE_ERRORS[row.naam] !== undefined
        ? `Tabel ${row.tabel}, ${row.naam}: ${row.pct2017H1}% → ${row.pct2020H1}% is index ${expected} (the report prints ${row.index_gedrukt}: an error in the source)`
        : `Tabel ${row.tabel}, ${row.naam}: index ${row.index_gedrukt} as printed`;
    it(title, async () => {
      const rows = await indexSeries(lens, {
        table: 'VJ2021JH',
        topic: 'JongerenMetJeugdhulpZonderVerblijf_1',
        basePeriod: '2017HJ01',
        period: '2020HJ01',
      });
      assert.equal(rows.find((r) => r.region === row.regio)!.index, expected);
    });
  }

  it('keeps an unknown CBS value (".") as unknown, not as zero', async () => {
    const rows = await indexSeries(lens, {
      table: 'VJ2021JH',
      topic: 'JongerenMetJeugdhulpZonderVerblijf_1',
      basePeriod: '2017H1',
      period: '2019H1',
    });
    const d = rows.find((r) => r.region === 'GM0150')!;
    assert.deepEqual([d.value, d.index, d.status], [null, null, 'onbekend']);
  });
});
