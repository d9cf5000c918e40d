/**
 * Hand-worked results for the trajectory families that indicators.test.ts does not reach: stacking (use.ts),
 * referrer mix (referrers.ts) and the two waiting times (waiting.ts). Three youths in gemeente 9001:
 *   P: U1 cat 45, verwijzer 02, request Fri 2024-03-01, allocation Mon 2024-03-11, start 2024-03-15, end 2024-06-30
 *      U2 cat 43, verwijzer 01, request Mon 2024-05-06, allocation Tue 2024-05-14, start 2024-06-28, running
 *   Q: U3 cat 45, no verwijzer, request Mon 2024-02-05, allocation Fri 2024-02-09, start 2024-02-09, end 2024-04-30
 *   R: U4 cat 45, verwijzer 06, 2023-01-02 … 2023-03-31: outside 2024 on every count
 *   S: V1 cat 45, 2023-06-01 … 2023-12-15; V2 cat 45, allocated 2024-08-05, started 2024-09-02, running: back in 2024H2
 * Satisfaction (2024): ten answers for provider 12345678 in 2024H1 (9, 8, 8, 7, 7, 7, 6, 6, 5, 4), one for 87654321
 * in 2024Q2 (10) and one in 2024Q3 (1).
 * Claims (2024): U1 €100 (March), €200 (April), €300 (May); U2 €90 (June); U3 €50 (February).
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

const [P, Q, R, S] = [testBsn(20), testBsn(21), testBsn(22), testBsn(23)];

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
      trajectRow({
        traject_id: 'V1',
        client_id: S,
        verwijzer: '06',
        aanvraagdatum: '2023-05-22',
        toewijzingsdatum: '2023-05-25',
        startdatum: '2023-06-01',
        einddatum: '2023-12-15',
      }),
      trajectRow({
        traject_id: 'V2',
        client_id: S,
        verwijzer: '06',
        aanvraagdatum: '2024-08-01',
        toewijzingsdatum: '2024-08-05',
        startdatum: '2024-09-02',
        einddatum: '',
        reden_einde: '',
        doelrealisatie: '',
      }),
    ];
    const scores = [9, 8, 8, 7, 7, 7, 6, 6, 5, 4].map((x) => `9001;2024H1;12345678;;${x}`);
    const survey = [
      'gemeente;periode;aanbieder_agb;traject_id;score',
      ...scores,
      '9001;2024Q2;87654321;;10',
      '9001;2024Q3;;;1',
    ];
    for (const [name, content] of [
      ['trajecten.csv', rows.join('\n')],
      ['tevredenheid.csv', survey.join('\n')],
      [
        'declaraties.csv',
        [
          'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status',
          'K1;9001;U1;;12345678;45;45A01;2024-03-15;2024-03-31;1;04;100,00;D;toegekend',
          'K2;9001;U1;;12345678;45;45A01;2024-04-01;2024-04-30;1;04;200,00;D;toegekend',
          'K3;9001;U1;;12345678;45;45A01;2024-05-01;2024-05-31;1;04;300,00;D;toegekend',
          'K4;9001;U2;;12345678;43;43F01;2024-06-28;2024-06-30;1;04;90,00;D;toegekend',
          'K5;9001;U3;;12345678;45;45A01;2024-02-09;2024-02-29;1;04;50,00;D;toegekend',
        ].join('\n'),
      ],
    ] as const) {
      const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, writeCsv(dir, name, content));
      assert.equal(r.status, 'committed', `${name}: ${JSON.stringify(r.problems)}`);
    }
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
      // 2023: R (U4) and S (V1), one category each
      assert.deepEqual(await keyed('stacking', '2023'), { '1': [100, 2, 2] });
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

  it(
    handworked(['stock_bridge', 'reentry_youth'], 'stock bridge: Q leaves in Q2; S comes back in H2 within 365 days'),
    async () => {
      // 2024Q1, stock on 31 Dec 2023: nobody (V1 ended 15 Dec). P (U1 15 Mar) and Q (U3 9 Feb) come in, with
      // nothing in the 365 days before: new. Stock on 31 Mar: P and Q. 0 + 2 + 0 − 0 = 2
      assert.deepEqual(await keyed('stock_bridge', '2024Q1'), {
        begin: [0, 0, null],
        instroom: [2, 2, null],
        herinstroom: [0, 0, null],
        uitstroom: [0, 0, null],
        eind: [2, 2, null],
      });
      // 2024Q2, stock on 31 Mar: P, Q. Q's U3 ends 30 April: out. P still in on 30 June (U1 ends that day, U2 runs)
      // 2 + 0 + 0 − 1 = 1
      assert.deepEqual(await keyed('stock_bridge', '2024Q2'), {
        begin: [2, 2, null],
        instroom: [0, 0, null],
        herinstroom: [0, 0, null],
        uitstroom: [1, 1, null],
        eind: [1, 1, null],
      });
      // 2024H2, stock on 30 June: P. S starts V2 on 2 Sep 2024; V1 ended 15 Dec 2023, after 2 Sep 2024 − 365 days
      // = 3 Sep 2023: a re-entry, not new inflow. 1 + 0 + 1 − 0 = 2
      assert.deepEqual(await keyed('stock_bridge', '2024H2'), {
        begin: [1, 1, null],
        instroom: [0, 0, null],
        herinstroom: [1, 1, null],
        uitstroom: [0, 0, null],
        eind: [2, 2, null],
      });
      assert.deepEqual(await keyed('reentry_youth', '2024H2'), { null: [1, 1, null] });
      assert.deepEqual(await get('reentry_youth', '2024H1'), [], 'no re-entry in H1: zero rows are left out');
    },
  );

  it(
    handworked(['satisfaction'], 'satisfaction: mean of eleven answers in 2024H1, hidden per provider below ten'),
    async () => {
      // 2024H1 holds the ten H1 answers and the Q2 answer; Q3 lies outside.
      // 9 + 8 + 8 + 7 + 7 + 7 + 6 + 6 + 5 + 4 + 10 = 77, ÷ 11 = 7; seven answers are 7 or more
      assert.deepEqual(await keyed('satisfaction', '2024H1'), { null: [7, 7, 11] });
      // per provider: 12345678 has 67 ÷ 10 = 6.7 with six of 7 or more; 87654321 has one answer: no score shown
      const rows = await get('satisfaction', '2024H1', 'aanbieder');
      assert.deepEqual(
        rows.map((r) => [r.key, r.value, r.numerator, r.denominator, r.flags.includes('weinig_waarnemingen')]),
        [
          ['12345678', 6.7, 6, 10, false],
          ['87654321', null, 1, 1, true],
        ],
      );
    },
  );

  it(
    handworked(['forecast_year_end'], 'year-end forecast at June 2024: realised + continuation + the new inflow'),
    async () => {
      // realised 1 Jan – 30 Jun: 100 + 200 + 300 + 90 + 50 = €740
      // running on 30 June: only U2 (U1 ends that day, U3 in April); its last three claimed months average €90,
      // no planned end (open-ended): each month to December counts as the chance it still runs, (1 − h) a month.
      // h: of the trajectories running on the first day of July 2023 … June 2024, the share ending that month —
      // V1 runs on 1 Jul … 1 Dec 2023 and ends in December (6, 1 end), U3 on 1 Mar and 1 Apr, ends in April (2, 1),
      // U1 on 1 Apr, 1 May, 1 Jun, ends in June (3, 1): h = 3 ÷ 11. Σ j = 1 … 6 of (8/11)^j = (8/3) × (1 − (8/11)^6)
      // = 2.27207…; × €90 = €204.4864 → €204.49 (it was 6 × €90 = €540: care was taken to run on to December)
      // started in the 12 months to June 2024: U1 (Mar), U2 (Jun), U3 (Feb) = 3, all with claim lines. Their cost
      // per month of their own, up to June (0 = the start month): month 0 U1 100, U2 90, U3 50 → 240 ÷ 3 = 80;
      // month 1 U1 200 (Apr), U3 0 (Mar) → 100; month 2 U1 300, U3 0 → 150; month 3 U1 0 (Jun), U3 0 → 0;
      // month 4 U3 0 → 0; month 5 nobody yet → as month 4, 0. Six months left: a start in July has 6 months to
      // December, one in December 1: 6 × 80 + 5 × 100 + 4 × 150 + 3 × 0 + 2 × 0 + 1 × 0 = €1,580
      // new inflow 3 ÷ 12 × 1,580 = €395 (it was €185: "first three months × 6 ÷ 2"). Total 740 + 204.49 + 395 =
      // €1,339.49; range: 740 + 0.9 × 204.4864 + 0.75 × 395 = 1,220.29 and 740 + 1.1 × 204.4864 + 1.25 × 395 = 1,458.69
      const [r] = (await get('forecast_year_end', '2024-06')) as unknown as Array<Record<string, unknown>>;
      assert.deepEqual(
        [r!.value, r!.realised, r!.continuation, r!.newInflow, r!.low, r!.high],
        [1339.49, 740, 204.49, 395, 1220.29, 1458.69],
      );
    },
  );
});
