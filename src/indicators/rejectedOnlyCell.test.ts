/**
 * Red team 27: a split key whose lines were all rejected (afgewezen) is € 0 with no youth behind it. Disclosure control
 * hid it as a cell of fewer than 10 youths and then hid a neighbour beside it, so that it could not be subtracted
 * out: a cell of 12 youths, and the quarter and half-year with it. A rejected line counts € 0 in every sum, so it
 * adds nothing anyone could subtract: it is no cell of the linked tables. 9001, January 2024: twelve youths, each
 * with a € 100 line from provider 12345678; one more line of youth 1 from provider 87654321, rejected.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import type { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { DECLARATIES_HEADER, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow } from '../testing/fixtures.js';
import { csvLens } from '../testing/csvLens.js';
import { findIndicator } from './catalogue.js';

const YOUTHS = Array.from({ length: 12 }, (_, i) => testBsn(70 + i));

describe('a split key with only rejected lines hides nothing beside it', () => {
  let store: PgliteStore;
  let lens: Lens;
  before(async () => {
    store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(`INSERT INTO region VALUES ('R','Regio',true);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);`);
    lens = await csvLens(store, tempDir('zicht-rejected-only-'), [
      [
        'trajecten.csv',
        [TRAJECTEN_HEADER, ...YOUTHS.map((y, i) => trajectRow({ traject_id: `T${i + 1}`, client_id: y }))].join('\n'),
      ],
      [
        'declaraties.csv',
        [
          DECLARATIES_HEADER,
          ...YOUTHS.map(
            (_, i) => `K${i + 1};9001;T${i + 1};;12345678;45;45A01;2024-01-01;2024-01-31;1;04;100,00;D;toegekend`,
          ),
          'K13;9001;T1;;87654321;45;45A01;2024-01-01;2024-01-31;1;04;80,00;D;afgewezen',
        ].join('\n'),
      ],
    ]);
  });
  after(async () => {
    lens.close();
    await store.close();
  });

  for (const period of ['2024-01', '2024Q1', '2024H1'])
    it(`cost_total ${period} by provider: 12 youths shown, the rejected provider € 0 and not hidden`, async () => {
      const q = { period: parsePeriod(period), gemeenten: [] };
      const rows = await findIndicator('cost_total')!.compute(lens, { ...q, by: 'aanbieder' });
      assert.deepEqual(
        rows.map((r) => [r.key, r.value, r.youths, r.hiddenWhenPublished ?? false]),
        [
          ['12345678', 1200, 12, false],
          ['87654321', 0, 0, false],
        ],
      );
      const [total] = await findIndicator('cost_total')!.compute(lens, q);
      assert.deepEqual([total!.value, total!.youths, total!.hiddenWhenPublished ?? false], [1200, 12, false]);
    });
});
