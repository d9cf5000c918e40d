/**
 * Effective price with a credit-and-rebill correction (red team 2, finding 2). A credit line (debet_credit C)
 * reverses an earlier line: its amount AND its volume. Three lines, product 45A01, unit 04, January 2023:
 *   D €1000 for 10 units, C €1000 for 10 units (cancels it), D €900 for 9 units.
 * Net amount €900, net volume 10 − 10 + 9 = 9 units: €100.00 per unit. Counting the credit's volume as
 * positive gave 900 ÷ 29 = €31.03.
 * A product whose lines are all credited away has no volume left: no price (null), not a division by zero.
 * Red team 29: "-100,00 met D" is the same correction as "100,00 met C" — 45C01: D €1000 for 10 and −€100 D for 1 is
 * €900 ÷ 9 = €100 (it added the volume: €81,82); 45D01: D €1000 for 10 and −€100 D for 0 units (the amount corrected,
 * not the volume) is €900 ÷ 10 = €90 (the line was left out: €100, while cost_total said €900).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { TEST_KEY, tempDir, writeCsv } from '../testing/fixtures.js';
import { findIndicator } from './catalogue.js';

describe('effective price nets credit lines', { timeout: 180_000 }, () => {
  let lens: Lens;
  before(async () => {
    const dir = tempDir('zicht-ep-');
    const store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);",
    );
    const claims = [
      'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status',
      'K1;9001;;;12345678;45;45A01;2023-01-01;2023-01-31;10;04;1000,00;D;toegekend',
      'K2;9001;;;12345678;45;45A01;2023-01-01;2023-01-31;10;04;1000,00;C;toegekend',
      'K3;9001;;;12345678;45;45A01;2023-01-01;2023-01-31;9;04;900,00;D;toegekend',
      'K4;9001;;;12345678;45;45B01;2023-01-01;2023-01-31;4;04;400,00;D;toegekend',
      'K5;9001;;;12345678;45;45B01;2023-01-01;2023-01-31;4;04;400,00;C;toegekend',
      'K6;9001;;;12345678;45;45C01;2023-01-01;2023-01-31;10;04;1000,00;D;toegekend',
      'K7;9001;;;12345678;45;45C01;2023-01-01;2023-01-31;1;04;-100,00;D;toegekend',
      'K8;9001;;;12345678;45;45D01;2023-01-01;2023-01-31;10;04;1000,00;D;toegekend',
      'K9;9001;;;12345678;45;45D01;2023-01-01;2023-01-31;0;04;-100,00;D;toegekend',
    ].join('\n');
    const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, writeCsv(dir, 'declaraties.csv', claims));
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    await rebuildLens(store, dir);
    await store.close();
    lens = await Lens.open(dir);
  });
  after(() => lens?.close());

  it('a credit line subtracts its volume as well as its amount', async () => {
    const rows = await findIndicator('effective_price')!.compute(lens, {
      period: parsePeriod('2023-01'),
      gemeenten: ['9001'],
      by: 'productcode',
    });
    const byKey = Object.fromEntries(rows.map((r) => [r.key, [r.value, r.numerator, r.denominator]]));
    assert.deepEqual(byKey, {
      '45A01 / 04': [100, 900, 9],
      '45B01 / 04': [null, 0, 0],
      '45C01 / 04': [100, 900, 9],
      '45D01 / 04': [90, 900, 10],
    });
  });
});
