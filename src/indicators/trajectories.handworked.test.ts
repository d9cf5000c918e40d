/**
 * Hand-worked results for the trajectory families that indicators.test.ts does not reach: stacking (use.ts),
 * referrer mix (referrers.ts) and the two waiting times (waiting.ts). Three youths in gemeente 9001:
 *   P: U1 cat 45, verwijzer 02, request Fri 2024-03-01, allocation Mon 2024-03-11, start 2024-03-15, end 2024-06-30
 *      U2 cat 43, verwijzer 01, request Mon 2024-05-06, allocation Tue 2024-05-14, start 2024-06-28, running
 *   Q: U3 cat 45, no verwijzer, request Mon 2024-02-05, allocation Fri 2024-02-09, start 2024-02-09, end 2024-04-30
 *   R: U4 cat 45, verwijzer 06, 2023-01-02 … 2023-03-31: outside 2024 on every count
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { handworked } from '../testing/handworked.js';
import { findIndicator } from './catalogue.js';
import type { IndicatorRow } from './types.js';

const [P, Q, R] = [testBsn(20), testBsn(21), testBsn(22)];

describe('trajectory families on a hand-worked region', { timeout: 180_000 }, () => {
  let lens: Lens;
  before(async () => {
    const dir = tempDir('zicht-hw-');
    const store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);",
    );
    const rows = [
      TRAJECTEN_HEADER,
      trajectRow({
        traject_id: 'U1',
        client_id: P,
        verwijzer: '02',
        aanvraagdatum: '2024-03-01',
        toewijzingsdatum: '2024-03-11',
        startdatum: '2024-03-15',
        einddatum: '2024-06-30',
      }),
      trajectRow({
        traject_id: 'U2',
        client_id: P,
        productcategorie: '43',
        productcode: '43F01',
        intensiteit: 'F',
        verwijzer: '01',
        aanvraagdatum: '2024-05-06',
        toewijzingsdatum: '2024-05-14',
        startdatum: '2024-06-28',
        einddatum: '',
        reden_einde: '',
        doelrealisatie: '',
      }),
      trajectRow({
        traject_id: 'U3',
        client_id: Q,
        verwijzer: '',
        verwijzer_detail: '',
        aanvraagdatum: '2024-02-05',
        toewijzingsdatum: '2024-02-09',
        startdatum: '2024-02-09',
        einddatum: '2024-04-30',
      }),
      trajectRow({
        traject_id: 'U4',
        client_id: R,
        verwijzer: '06',
        aanvraagdatum: '2023-01-02',
        toewijzingsdatum: '2023-01-05',
        startdatum: '2023-01-09',
        einddatum: '2023-03-31',
      }),
    ];
    const r = await importCsvFile(
      { store, dataDir: dir, key: TEST_KEY },
      writeCsv(dir, 'trajecten.csv', rows.join('\n')),
    );
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    await rebuildLens(store, dir);
    await store.close();
    lens = await Lens.open(dir);
  });
  after(() => lens?.close());

  const get = async (id: string, period: string, by?: string): Promise<IndicatorRow[]> =>
    findIndicator(id)!.compute(lens, { period: parsePeriod(period), gemeenten: ['9001'], by });
  const keyed = async (id: string, period: string, by?: string) =>
    Object.fromEntries((await get(id, period, by)).map((r) => [r.key, [r.value, r.numerator, r.denominator]]));

  it(
    handworked(['stacking'], 'stacking: P has categories 45 and 43 active in 2024H1, Q only 45; R not active'),
    async () => {
      // youths active in 2024H1: P (U1 cat 45, U2 cat 43: 2 categories) and Q (U3 cat 45: 1) → 1 of 2 each = 50%
      assert.deepEqual(await keyed('stacking', '2024H1'), { '1': [50, 1, 2], '2': [50, 1, 2] });
      // 2023: only R, one category
      assert.deepEqual(await keyed('stacking', '2023'), { '1': [100, 1, 1] });
    },
  );

  it(
    handworked(['referrer_mix'], 'referrer mix: U1 (02), U2 (01), U3 (none) started in 2024H1: a third each'),
    async () => {
      // 1 ÷ 3 × 100 = 33.3333… → 33.333 (three decimals, half up); U4 (06) started in 2023
      assert.deepEqual(await keyed('referrer_mix', '2024H1'), {
        '01': [33.333, 1, 3],
        '02': [33.333, 1, 3],
        onbekend: [33.333, 1, 3],
      });
    },
  );

  it(
    handworked(['wait_request_to_allocation'], 'request → allocation in working days: 6, 5 (Ascension skipped), 4'),
    async () => {
      // counted: working days after the request up to and including the allocation
      // U1 Fri 1 Mar → Mon 11 Mar: 4, 5, 6, 7, 8, 11 March = 6
      // U2 Mon 6 May → Tue 14 May: 7, 8, (9 May Ascension Day is no working day), 10, 13, 14 = 5 (6 if the holiday counted)
      // U3 Mon 5 Feb → Fri 9 Feb: 6, 7, 8, 9 = 4
      // sorted [4, 5, 6]: median 5; P90 at position (3 − 1) × 0.9 = 1.8 → 5 + 0.8 × (6 − 5) = 5.8;
      // within 5 working days: U2 and U3 → 2 ÷ 3 = 66.667%. U4 was allocated in 2023.
      assert.deepEqual(await keyed('wait_request_to_allocation', '2024H1'), {
        mediaan: [5, null, 3],
        p90: [5.8, null, 3],
        binnen_norm: [66.667, 2, 3],
      });
    },
  );

  it(handworked(['wait_allocation_to_start'], 'allocation → start in calendar days: 4, 45 and 0'), async () => {
    // U1 11 Mar → 15 Mar = 4; U2 14 May → 28 Jun = 17 (to 31 May) + 28 = 45; U3 9 Feb → 9 Feb = 0
    // sorted [0, 4, 45]: median 4; P90 at position 1.8 → 4 + 0.8 × (45 − 4) = 36.8;
    // within 42 days: U1 and U3 → 66.667%
    assert.deepEqual(await keyed('wait_allocation_to_start', '2024H1'), {
      mediaan: [4, null, 3],
      p90: [36.8, null, 3],
      binnen_norm: [66.667, 2, 3],
    });
    // Q1 holds only U1 and U3 (started in February and March): [0, 4], median 2, P90 0 + 0.9 × 4 = 3.6, both within
    assert.deepEqual(await keyed('wait_allocation_to_start', '2024Q1'), {
      mediaan: [2, null, 2],
      p90: [3.6, null, 2],
      binnen_norm: [100, 2, 2],
    });
  });
});
