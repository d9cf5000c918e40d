/**
 * Hand-worked results for the splits a controller asks for (issue 16.6): flows, stock, duration and cost by care
 * form, flows, stock and starts by wijk, and the whole wait request → start with its regio figure. Region R holds
 * gemeenten 9001 and 9002; the period is 2024H1 (the day before it 2023-12-31, its last day 2024-06-30).
 *   9001 A (wijk 900101 Noord): T1 cat 45 zonder verblijf 2023-06-01…2024-02-29; T2 cat 43 met verblijf from
 *        2024-03-01, running, requested 2024-01-15
 *   9001 B (wijk 900102 Zuid):  T3 cat 45 2024-02-01…2024-05-31, requested 2024-01-02
 *   9001 C (no wijk):           T4 cat 48 jeugdbescherming 2023-03-01…2024-04-15
 *   9002 D (wijk 900201):       T5 cat 45 from 2024-05-10, running, requested 2024-03-01
 * Claims 2024H1 in 9001: T1 €300 (Jan), T2 €1,000 (Mar) + €1,000 (Apr), T3 €200 (Feb) + €200 (Mar), T4 €500 (Jan).
 * Population 2024 of 9001: Noord 20 + 50 + 30 aged 0–17 (and 40 aged 18–22), Zuid 200 aged 0–17.
 * Basishulp in 9001: A in Noord January–March 2024; E (no jeugdhulp) in Zuid from May 2024.
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
import { applyDisclosureControl } from '../app/disclosure.js';
import { findIndicator } from './catalogue.js';
import type { IndicatorRow } from './types.js';
import { combineRows } from './region.js';

const [A, B, C, D, E] = [testBsn(30), testBsn(31), testBsn(32), testBsn(33), testBsn(34)];
const open = { einddatum: '', reden_einde: '', doelrealisatie: '' };

describe('the splits a controller asks for, on a hand-worked region', { timeout: 180_000 }, () => {
  let lens: Lens;
  before(async () => {
    const dir = tempDir('zicht-splits-');
    const store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(`INSERT INTO region VALUES ('R','Regio',true);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',true), ('9002','Proefstad','R',true);
      INSERT INTO wijk VALUES ('9001','900101','Noord'), ('9001','900102','Zuid'), ('9002','900201','Centrum');`);
    const rows = [
      TRAJECTEN_HEADER,
      trajectRow({
        traject_id: 'T1',
        client_id: A,
        aanvraagdatum: '2023-05-01',
        toewijzingsdatum: '2023-05-10',
        startdatum: '2023-06-01',
        einddatum: '2024-02-29',
      }),
      trajectRow({
        traject_id: 'T2',
        client_id: A,
        productcategorie: '43',
        productcode: '43F01',
        intensiteit: 'F',
        aanvraagdatum: '2024-01-15',
        toewijzingsdatum: '2024-02-20',
        startdatum: '2024-03-01',
        ...open,
      }),
      trajectRow({
        traject_id: 'T3',
        client_id: B,
        wijk: '900102',
        aanvraagdatum: '2024-01-02',
        toewijzingsdatum: '2024-01-10',
        startdatum: '2024-02-01',
        einddatum: '2024-05-31',
      }),
      trajectRow({
        traject_id: 'T4',
        client_id: C,
        wijk: '',
        productcategorie: '48',
        productcode: '48X01',
        intensiteit: '',
        aanvraagdatum: '2023-02-01',
        toewijzingsdatum: '2023-02-10',
        startdatum: '2023-03-01',
        einddatum: '2024-04-15',
        reden_einde: '33',
        doelrealisatie: 'nee',
      }),
      trajectRow({
        traject_id: 'T5',
        client_id: D,
        gemeente: '9002',
        wijk: '900201',
        aanvraagdatum: '2024-03-01',
        toewijzingsdatum: '2024-03-10',
        startdatum: '2024-05-10',
        ...open,
      }),
    ];
    const claims = [
      'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status',
      'K1;9001;T1;;12345678;45;45A01;2024-01-01;2024-01-31;1;04;300,00;D;toegekend',
      'K2;9001;T2;;12345678;43;43F01;2024-03-01;2024-03-31;1;14;1000,00;D;toegekend',
      'K3;9001;T2;;12345678;43;43F01;2024-04-01;2024-04-30;1;14;1000,00;D;toegekend',
      'K4;9001;T3;;12345678;45;45A01;2024-02-01;2024-02-29;1;04;200,00;D;toegekend',
      'K5;9001;T3;;12345678;45;45A01;2024-03-01;2024-03-31;1;04;200,00;D;toegekend',
      'K6;9001;T4;;12345678;48;48X01;2024-01-01;2024-01-31;1;04;500,00;D;toegekend',
    ];
    for (const [name, content] of [
      ['trajecten.csv', rows.join('\n')],
      ['declaraties.csv', claims.join('\n')],
      [
        'basishulp.csv',
        [
          'episode_id;client_id;geboortedatum;gemeente;wijk;team;startdatum;einddatum;leefgebieden',
          `E1;${A};2012-05;9001;900101;;2024-01-01;2024-03-31;Wonen`,
          `E2;${E};2013-02;9001;900102;;2024-05-01;;Wonen`,
        ].join('\n'),
      ],
      [
        'bevolking.csv',
        [
          'gemeente;wijk;jaar;leeftijd_van;leeftijd_tot;aantal',
          '9001;900101;2024;0;3;20',
          '9001;900101;2024;4;11;50',
          '9001;900101;2024;12;17;30',
          '9001;900101;2024;18;22;40',
          '9001;900102;2024;0;17;200',
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

  const rows = (id: string, by?: string, gemeenten: string[] = ['9001']) =>
    findIndicator(id)!.compute(lens, { period: parsePeriod('2024H1'), gemeenten, by });
  const values = (rs: readonly IndicatorRow[]) => Object.fromEntries(rs.map((r) => [r.key ?? '', r.value]));

  it(
    handworked(['inflow_youth', 'outflow_youth'], 'inflow and outflow by care form: a bridge per care form'),
    async () => {
      // total: A is in care on both dates (T1 then T2), so only B comes in; B (31 May) and C (15 April) go out
      assert.deepEqual(values(await rows('inflow_youth')), { '': 1 });
      assert.deepEqual(values(await rows('outflow_youth')), { '': 2 });
      // zonder verblijf: B comes in; A (T1 ends 29 Feb) and B go out. Met verblijf: A comes in (T2, nothing
      // residential before). Jeugdbescherming: C goes out. A counts in two care forms, so they sum to more.
      assert.deepEqual(values(await rows('inflow_youth', 'zorgvorm')), { met_verblijf: 1, zonder_verblijf: 1 });
      assert.deepEqual(values(await rows('outflow_youth', 'zorgvorm')), { jeugdbescherming: 1, zonder_verblijf: 2 });
    },
  );

  it(handworked(['inflow_youth', 'outflow_youth'], 'inflow and outflow by wijk, with the wijk names'), async () => {
    // one wijk per youth: B in Zuid comes in and goes out, C (no wijk) goes out, A (Noord) stays
    const inflow = await rows('inflow_youth', 'wijk');
    assert.deepEqual(values(inflow), { '900102': 1 });
    assert.equal(inflow[0]!.label, 'Zuid');
    assert.deepEqual(values(await rows('outflow_youth', 'wijk')), { '900102': 1, onbekend: 1 });
  });

  it(handworked(['stock_youth', 'trajectories_started'], 'stock and starts by care form and wijk'), async () => {
    // on 30 June only A (T2, met verblijf, Noord) is in care
    assert.deepEqual(values(await rows('stock_youth', 'zorgvorm')), { met_verblijf: 1 });
    const stock = await rows('stock_youth', 'wijk');
    assert.deepEqual(values(stock), { '900101': 1 });
    assert.equal(stock[0]!.label, 'Noord');
    // started in 2024H1: T2 (A, Noord) and T3 (B, Zuid)
    assert.deepEqual(values(await rows('trajectories_started', 'wijk')), { '900101': 1, '900102': 1 });
  });

  it(handworked(['duration'], 'duration by care form'), async () => {
    // ended in 2024H1: T1 2023-06-01…2024-02-29 = 273 days, T3 2024-02-01…05-31 = 120 days (zonder verblijf),
    // T4 2023-03-01…2024-04-15 = 366 + 45 = 411 days (jeugdbescherming). Zonder verblijf: median (120 + 273) / 2 =
    // 196.5, P75 120 + 0.75 × 153 = 234.75 → 234.8, mean 196.5.
    const rs = await rows('duration', 'zorgvorm');
    assert.ok(rs.every((r) => r.by === 'zorgvorm'));
    assert.deepEqual(values(rs), {
      'jeugdbescherming:mediaan': 411,
      'jeugdbescherming:p75': 411,
      'jeugdbescherming:gemiddelde': 411,
      'zonder_verblijf:mediaan': 196.5,
      'zonder_verblijf:p75': 234.8,
      'zonder_verblijf:gemiddelde': 196.5,
    });
  });

  it(handworked(['cost_total', 'cost_per_client'], 'cost and cost per client by care form'), async () => {
    // zonder verblijf: T1 €300 + T3 €400 = €700 for A and B (€350 each); met verblijf: T2 €2,000 for A;
    // jeugdbescherming: T4 €500 for C. Total €3,200 for three youths: €1,066.67.
    assert.deepEqual(values(await rows('cost_total', 'zorgvorm')), {
      jeugdbescherming: 500,
      met_verblijf: 2000,
      zonder_verblijf: 700,
    });
    assert.deepEqual(values(await rows('cost_per_client')), { '': 1066.67 });
    const perClient = await rows('cost_per_client', 'zorgvorm');
    assert.deepEqual(values(perClient), { jeugdbescherming: 500, met_verblijf: 2000, zonder_verblijf: 350 });
    assert.deepEqual(
      perClient.map((r) => [r.key, r.denominator]),
      [
        ['jeugdbescherming', 1],
        ['met_verblijf', 1],
        ['zonder_verblijf', 2],
      ],
    );
  });

  it(handworked(['basic_support_reach'], 'basic support by wijk, against the youths in care of the wijk'), async () => {
    // Noord: A (basishulp and jeugdhulp) against 1 youth in care there (A); Zuid: E against 1 in care there (B)
    const rs = await rows('basic_support_reach', 'wijk');
    assert.deepEqual(
      rs.map((r) => [r.key, r.value, r.denominator, r.label]),
      [
        ['900101', 1, 1, 'Noord'],
        ['900102', 1, 1, 'Zuid'],
        // C, in care without a wijk: no episode there, so 0 of 1 (a row, so the wijken add up to the gemeente)
        ['onbekend', 0, 1, rs.find((r) => r.key === 'onbekend')?.label],
      ],
    );
    assert.deepEqual(values(await rows('basic_support_reach')), { '': 2 });
  });

  it(
    handworked(['basic_support_reach'], 'a regio divides by every member’s youths in care (red team 32)'),
    async () => {
      // 9001: A and E against 4 youths in care (A, B, C; D is 9002's); 9002 has D in care from May and no basishulp
      // on record at all: its reach is not known (not 0), so the regio's is not known either — before, 9002 had no
      // row and the regio divided 2 by 9001's 3 alone
      const rs = await rows('basic_support_reach', undefined, ['9001', '9002']);
      const g = (code: string) => rs.find((r) => r.gemeente === code)!;
      assert.deepEqual([g('9001').value, g('9001').denominator], [2, 3]);
      assert.deepEqual([g('9002').value, g('9002').denominator], [null, 1]);
      assert.ok(g('9002').flags.includes('geen_basishulp'));
      const [regio] = combineRows('basic_support_reach', rs, 'regio:R');
      assert.equal(regio!.value, null);
    },
  );

  it(handworked(['cost_per_youth'], 'cost per youth by wijk: the wijk\u2019s claims ÷ its youths 0–17'), async () => {
    // Noord: A's T1 €300 + T2 €2,000 = €2,300 ÷ 100 youths (20 + 50 + 30; the 18–22 band is not 0–17) = €23.00;
    // Zuid: B's €400 ÷ 200 = €2.00; C has no wijk: €500 under "onbekend", which has no population
    const rs = await rows('cost_per_youth', 'wijk');
    assert.deepEqual(
      rs.map((r) => [r.key, r.value, r.numerator, r.denominator, r.label ?? null, r.flags.includes('geen_noemer')]),
      [
        ['900101', 23, 2300, 100, 'Noord', false],
        ['900102', 2, 400, 200, 'Zuid', false],
        ['onbekend', null, 500, null, null, true],
      ],
    );
  });

  it(
    handworked(['wait_request_to_start'], 'the whole wait, request → start, per gemeente and for the regio'),
    async () => {
      // 9001: T3 2 Jan → 1 Feb = 30 days, T2 15 Jan → 1 Mar = 46 days (2024 is a leap year): median 38,
      // P90 30 + 0.9 × 16 = 44.4, both within the 56-day norm. 9002: T5 1 Mar → 10 May = 70 days, over the norm.
      // Regio R, all three: median 46, P90 46 + 0.8 × 24 = 65.2, 2 of 3 within the norm = 66.667%.
      const all = await rows('wait_request_to_start', 'regio', []);
      const pick = (g: string) => Object.fromEntries(all.filter((r) => r.gemeente === g).map((r) => [r.key, r.value]));
      assert.deepEqual(pick('9001'), { mediaan: 38, p90: 44.4, binnen_norm: 100 });
      assert.deepEqual(pick('9002'), { mediaan: 70, p90: 70, binnen_norm: 0 });
      assert.deepEqual(pick('regio:R'), { mediaan: 46, p90: 65.2, binnen_norm: 66.667 });
      // every row carries the norm, for the line in the chart
      assert.ok(all.every((r) => r.norm === 56));
      // without the split, or for one gemeente of the region only, there is no regio figure
      assert.ok(!(await rows('wait_request_to_start', undefined, [])).some((r) => r.gemeente.startsWith('regio:')));
      assert.ok(!(await rows('wait_request_to_start', 'regio', ['9001'])).some((r) => r.gemeente.startsWith('regio:')));
    },
  );

  it('disclosure control covers the new small cells: counts by wijk and care form below 10 are hidden', async () => {
    for (const [id, by] of [
      ['inflow_youth', 'wijk'],
      ['outflow_youth', 'zorgvorm'],
      ['stock_youth', 'wijk'],
      ['trajectories_started', 'wijk'],
    ] as const) {
      const exact = await rows(id, by);
      assert.ok(exact.length > 0);
      const external = applyDisclosureControl(exact);
      assert.deepEqual(
        external.map((r) => [r.key, r.value, r.flags.includes('onderdrukt')]),
        exact.map((r) => [r.key, null, true]),
        `${id} by ${by}`,
      );
    }
  });
});
