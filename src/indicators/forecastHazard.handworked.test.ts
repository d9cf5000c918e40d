/**
 * The forecast's ending rate h counts a trajectory that starts on the first day of a month as running on that day
 * (red team 13: one starting on 1 March and ending in March was left out, h = 0 instead of 1/13, and the
 * continuation came out € 1.100 instead of € 702,49). Hand-worked, gemeente 9001:
 *   TA: started 2024-01-01, running, € 100 claimed every month January 2024 … January 2025
 *   TB: 2024-03-01 … 2024-03-15, no claims
 * Forecast for 2025 as of January 2025 (all data): running on 31 January: TA only, monthly amount € 100 (the mean of
 * its last three months). h over the first days of February 2024 … January 2025: TA runs on all 12, TB on 1 March
 * and ends in March: h = 1 ÷ 13. Continuation = 100 × Σ j = 1 … 11 of (12/13)^j = 1.200 × (1 − (12/13)^11).
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { csvLens } from '../testing/csvLens.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import {
  DECLARATIES_HEADER,
  TRAJECTEN_HEADER,
  openTrajectRow,
  tempDir,
  testBsn,
  trajectRow,
} from '../testing/fixtures.js';
import { handworked } from '../testing/handworked.js';
import { findIndicator } from './catalogue.js';

let lens: Lens;
before(async () => {
  const dir = tempDir('zicht-hazard-');
  const store = await PgliteStore.open('memory://');
  await migrate(store);
  await store.exec(
    "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);",
  );
  const months = Array.from(
    { length: 13 },
    (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
  );
  const files = [
    [
      'trajecten.csv',
      [
        TRAJECTEN_HEADER,
        openTrajectRow({
          traject_id: 'TA',
          client_id: testBsn(31),
          aanvraagdatum: '2023-12-01',
          toewijzingsdatum: '2023-12-10',
          startdatum: '2024-01-01',
        }),
        trajectRow({
          traject_id: 'TB',
          client_id: testBsn(32),
          aanvraagdatum: '2024-02-01',
          toewijzingsdatum: '2024-02-10',
          startdatum: '2024-03-01',
          einddatum: '2024-03-15',
        }),
      ].join('\n'),
    ],
    [
      'declaraties.csv',
      [
        DECLARATIES_HEADER,
        ...months.map((m, i) => `K${i};9001;TA;;12345678;45;45A01;${m}-01;${m}-28;1;04;100,00;D;toegekend`),
      ].join('\n'),
    ],
  ] as const;
  lens = await csvLens(store, dir, files);
  await store.close();
});
after(() => lens?.close());

it(handworked(['forecast_year_end'], 'a trajectory starting on the 1st runs on that day: h = 1/13'), async () => {
  const [r] = (await findIndicator('forecast_year_end')!.compute(lens, {
    period: parsePeriod('2025-01'),
    gemeenten: ['9001'],
  })) as unknown as Array<Record<string, unknown>>;
  // 1.200 × (1 − (12/13)^11) = 702,4876… → € 702,49
  assert.equal(r!.continuation, 702.49);
  assert.equal(Math.round(1200 * (1 - (12 / 13) ** 11) * 100) / 100, 702.49);
});
