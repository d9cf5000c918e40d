/**
 * The mean satisfaction score to two decimals, half up on the exact sum ÷ count (issue 14.7): 39 scores of 1 and one 2
 * are a mean of 41 ÷ 40 = 1.025, which is 1.03; binary rounding (Math.round(1.025 × 100) ÷ 100) gave 1.02.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { tempDir } from '../testing/fixtures.js';
import { csvLens } from '../testing/csvLens.js';
import type { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { findIndicator } from './catalogue.js';

forEachBackend('the mean satisfaction score', (kind) => {
  let db: TestDb;
  let lens: Lens;
  before(async () => {
    db = await freshStore(kind);
    await db.store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Een','R',true);",
    );
    const rows = Array.from({ length: 40 }, (_, i) => `9001;2024H1;12345678;;${i === 0 ? 2 : 1}`);
    lens = await csvLens(db.store, tempDir('zicht-satisfaction-'), [
      ['tevredenheid.csv', ['gemeente;periode;aanbieder_agb;traject_id;score', ...rows].join('\n')],
    ]);
  });
  after(async () => {
    lens?.close();
    await db.drop();
  });

  it('is rounded half up on the exact sum ÷ count', async () => {
    const [r] = await findIndicator('satisfaction')!.compute(lens, { period: parsePeriod('2024H1'), gemeenten: [] });
    assert.deepEqual([r!.value, r!.denominator], [1.03, 40]);
  });
});
