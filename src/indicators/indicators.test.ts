/**
 * The catalogue on a small region whose answers are worked out by hand. Four youths:
 *   A: T1 ambulant 2023-01-10…2023-06-30 (31, ja); T2 ambulant 2024-03-01…2024-08-31 (31, ja); basishulp Feb–Apr 2024
 *   B: T3 verblijf intensity F from 2024-02-01, running; secret address (geheim adres); one claim of €5,000 (10 days)
 *   C: T4 jeugdbescherming 2022-01-01…2024-05-15 (33, nee)
 *   D: T5 ambulant A, allocated 2024-01-10, never started
 * Population 2024: 1,000 aged 0–17, 5,000 inhabitants. Claims: two for T2 (€500 / 5 h, €600 / 6 h), one for an
 * unknown trajectory (€100 / 1 h), one for T1 after it ended (€80 / 1 h), and B's €5,000.
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
import { INDICATORS, findIndicator } from './catalogue.js';
import type { IndicatorRow } from './types.js';
import { qualityChecks, scoreFor } from './quality.js';
import { handworked } from '../testing/handworked.js';

const [A, B, C, D] = [testBsn(10), testBsn(11), testBsn(12), testBsn(13)];

describe('indicator catalogue on a hand-computed region', { timeout: 180_000 }, () => {
  let lens: Lens;
  before(async () => {
    const dir = tempDir('zicht-ind-');
    const store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);",
    );
    const empty = { einddatum: '', reden_einde: '', doelrealisatie: '' };
    const files: Array<[string, string]> = [
      [
        'bevolking.csv',
        'gemeente;wijk;jaar;leeftijd_van;leeftijd_tot;aantal\n9001;;2024;0;17;1000\n9001;;2024;0;120;5000\n9001;;2023;0;17;1000\n',
      ],
      [
        'trajecten.csv',
        [
          `${TRAJECTEN_HEADER};geheim_adres`,
          trajectRow({
            traject_id: 'T1',
            client_id: A,
            productcode: '45B01',
            intensiteit: 'B',
            aanvraagdatum: '2023-01-02',
            toewijzingsdatum: '2023-01-05',
            startdatum: '2023-01-10',
            einddatum: '2023-06-30',
          }) + ';',
          trajectRow({
            traject_id: 'T2',
            client_id: A,
            productcode: '45B01',
            intensiteit: 'B',
            aanvraagdatum: '2024-02-20',
            toewijzingsdatum: '2024-02-22',
            startdatum: '2024-03-01',
            einddatum: '2024-08-31',
          }) + ';',
          trajectRow({
            traject_id: 'T3',
            client_id: B,
            productcategorie: '43',
            productcode: '43F01',
            intensiteit: 'F',
            aanvraagdatum: '2024-01-25',
            toewijzingsdatum: '2024-01-29',
            startdatum: '2024-02-01',
            ...empty,
          }) + ';ja',
          trajectRow({
            traject_id: 'T4',
            client_id: C,
            productcategorie: '48',
            productcode: '48X01',
            intensiteit: '',
            verwijzer: '04',
            aanvraagdatum: '2021-12-20',
            toewijzingsdatum: '2021-12-22',
            startdatum: '2022-01-01',
            einddatum: '2024-05-15',
            reden_einde: '33',
            doelrealisatie: 'nee',
          }) + ';',
          trajectRow({
            traject_id: 'T5',
            client_id: D,
            productcode: '45A01',
            intensiteit: 'A',
            aanvraagdatum: '2024-01-08',
            toewijzingsdatum: '2024-01-10',
            startdatum: '',
            ...empty,
          }) + ';',
        ].join('\n'),
      ],
      [
        'declaraties.csv',
        [
          'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status',
          'K1;9001;T2;;12345678;45;45B01;2024-03-01;2024-03-31;5;04;500,00;D;toegekend',
          'K2;9001;T2;;12345678;45;45B01;2024-04-01;2024-04-30;6;04;600,00;D;toegekend',
          'K3;9001;TX;;12345678;45;45A01;2024-04-01;2024-04-30;1;04;100,00;D;toegekend',
          'K4;9001;T1;;12345678;45;45A01;2024-01-01;2024-01-31;1;04;80,00;D;toegekend',
          'K5;9001;T3;;12345678;43;43F01;2024-05-01;2024-05-31;10;14;5000,00;D;toegekend',
        ].join('\n'),
      ],
      [
        'budget.csv',
        'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro\n9001;2024;6.72a;2000,00;0\n9001;2024;6.82;560,00;0\n9001;2024;7.1;1000,00;0\n',
      ],
      [
        'basishulp.csv',
        `episode_id;client_id;geboortedatum;gemeente;wijk;team;startdatum;einddatum;leefgebieden\nE1;${A};2012-05;9001;;;2024-02-01;2024-04-30;Wonen\n`,
      ],
    ];
    for (const [name, content] of files) {
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
  const value = async (id: string, period: string) => (await get(id, period))[0]?.value;
  const keyed = async (id: string, period: string, by?: string) =>
    Object.fromEntries((await get(id, period, by)).map((r) => [r.key, r.value]));

  it('data quality: the checks count by hand, the score averages the checks that apply, the reasons say why', async () => {
    const period = parsePeriod('2024H1');
    const checks = (await qualityChecks(lens, { period, gemeenten: ['9001'] })).get('9001')!;
    const c = Object.fromEntries(checks.map((x) => [x.id, [x.numerator, x.denominator]]));
    assert.deepEqual(c, {
      startberichten: [3, 4], // T2, T3, T4 started; T5 never did
      stopberichten: [0, 0], // the CSV carries no allocation end: nothing to check
      tijdigheid: [0, 0], // no iJw messages
      declaraties_gekoppeld: [3, 5], // K3 unknown trajectory, K4 after T1 ended
      declaratiegaten: [3, 3], // T2 March + April, T1 and T3 one claim each
      bevolking: [1, 1],
    });
    const pct = scoreFor(findIndicator('pct_youth_in_care')!.definition, checks, '9001', period);
    assert.equal(pct.score, 88, 'mean of start messages (75%) and population (100%)');
    assert.deepEqual(
      pct.reasons.map((r) => r.nl),
      ['25% van de lopende toewijzingen heeft geen startbericht: begin en einde komen uit de toewijzing.'],
    );
    assert.equal(
      scoreFor(findIndicator('cost_total')!.definition, checks, '9001', period).score,
      80,
      'claims matched 60%, no gaps 100%',
    );
    assert.equal(
      scoreFor(findIndicator('satisfaction')!.definition, checks, '9001', period).score,
      null,
      'no check applies to survey data',
    );
  });

  it('every indicator declares its definition in Dutch and English', () => {
    for (const i of INDICATORS) {
      const d = i.definition;
      assert.ok(d.id && d.nameNl && d.nameEn && d.definitionNl.length > 20 && d.definitionEn.length > 20, d.id);
    }
    assert.equal(new Set(INDICATORS.map((i) => i.definition.id)).size, INDICATORS.length);
  });

  it(
    handworked(['youth_in_care', 'pct_youth_in_care'], 'youths in care counts A, B, C and D once each; % of 1,000'),
    async () => {
      assert.equal(await value('youth_in_care', '2024H1'), 4);
      assert.equal(await value('pct_youth_in_care', '2024H1'), 0.4);
    },
  );

  it('youths in care by age on 1 January (born May 2012: 11 on 1 January 2024) and by wijk', async () => {
    assert.deepEqual(await keyed('youth_in_care', '2024H1', 'leeftijd'), { '4–11': 4 });
    assert.deepEqual(
      await keyed('youth_in_care', '2023H1', 'leeftijd'),
      { '4–11': 2 },
      'A (T1) and C (T4) in 2023: age 10',
    );
    assert.deepEqual(await keyed('youth_in_care', '2024H1', 'wijk'), { '900101': 4 });
    const pct = await get('pct_youth_in_care', '2024H1', 'wijk');
    assert.deepEqual(
      pct[0]!.flags.includes('geen_noemer'),
      true,
      'no population per wijk in this fixture: no percentage, said so',
    );
  });

  it(
    handworked(
      ['trajectories_started'],
      'trajectories started: T3, T5 (on its allocation date) and T2 in 2024; T1 in 2023',
    ),
    async () => {
      assert.equal(await value('trajectories_started', '2024'), 3);
      assert.equal(await value('trajectories_started', '2023'), 1);
      assert.deepEqual(await keyed('trajectories_started', '2024', 'productcategorie'), { '43': 1, '45': 2 });
    },
  );

  it(
    handworked(['inflow_youth'], 'inflow: B and D are new; A is not (T1 ended within 365 days before T2)'),
    async () => {
      assert.equal(await value('inflow_youth', '2024H1'), 2);
    },
  );

  it(handworked(['outflow_youth'], 'outflow: C leaves on 2024-05-15 with nothing after'), async () => {
    assert.equal(await value('outflow_youth', '2024H1'), 1);
  });

  it(handworked(['stock_youth'], 'stock on 2024-06-30: A, B and D (D on allocation dates)'), async () => {
    assert.equal(await value('stock_youth', '2024H1'), 3);
  });

  it(
    handworked(['duration'], 'duration of T2 (183 days) and T4 (865 days): median 524, P75 694.5, mean 524'),
    async () => {
      assert.deepEqual(await keyed('duration', '2024'), { mediaan: 524, p75: 694.5, gemiddelde: 524 });
      assert.deepEqual(await keyed('duration', '2024', 'productcategorie'), {
        '45:mediaan': 183,
        '45:p75': 183,
        '45:gemiddelde': 183,
        '48:mediaan': 865,
        '48:p75': 865,
        '48:gemiddelde': 865,
      });
    },
  );

  it(handworked(['long_running'], 'long-running: only T4 ran longer than 18 months among the 4 active'), async () => {
    const [r] = await get('long_running', '2024H1');
    assert.deepEqual([r!.value, r!.denominator], [1, 4]);
  });

  it(handworked(['re_entry'], 're-entry: A ended as planned in 2023H1 and came back within a year'), async () => {
    const [r] = await get('re_entry', '2023H1');
    assert.deepEqual([r!.value, r!.numerator, r!.denominator], [100, 1, 1]);
  });

  it(handworked(['specialist_referral_rate'], 'specialist referral: only B (intensity F) of 1,000'), async () => {
    assert.equal(await value('specialist_referral_rate', '2024H1'), 0.1);
  });

  it(handworked(['intensity_mix'], 'intensity mix of trajectories started in 2024: A, B, F a third each'), async () => {
    assert.deepEqual(await keyed('intensity_mix', '2024'), { A: 33.333, B: 33.333, F: 33.333 });
  });

  it(handworked(['goal_attainment'], 'goal attainment: T2 ja, T4 nee → 50%'), async () => {
    assert.equal(await value('goal_attainment', '2024'), 50);
    assert.deepEqual(await keyed('goal_attainment', '2024', 'uitkomst'), { ja: 50, nee: 50 });
  });

  it(handworked(['dropout'], 'drop-out: T4 ended by the provider (33)'), async () => {
    assert.equal(await value('dropout', '2024H1'), 100);
  });

  it(handworked(['basic_support_reach'], 'basic support reach: A, against 4 youths in care'), async () => {
    const [r] = await get('basic_support_reach', '2024H1');
    assert.deepEqual([r!.value, r!.denominator], [1, 4]);
  });

  it(
    handworked(['allocations_without_start'], 'allocations without start: T5, older than 42 days on 2024-06-30'),
    async () => {
      assert.equal(await value('allocations_without_start', '2024H1'), 1);
      assert.equal(await value('allocations_without_start', '2024-01'), undefined, 'not yet 42 days old in January');
    },
  );

  it(
    handworked(['claims_without_allocation'], 'claims without allocation: K3 unknown, K4 after T1 ended'),
    async () => {
      const [r] = await get('claims_without_allocation', '2024');
      assert.deepEqual([r!.value, r!.denominator], [2, 5]);
      assert.deepEqual(await keyed('claims_without_allocation', '2024', 'reden'), {
        'buiten looptijd toewijzing': 1,
        'onbekende toewijzing': 1,
      });
    },
  );

  it(
    handworked(
      ['cost_total', 'cost_per_youth', 'cost_per_inhabitant', 'cost_per_client'],
      'money: €6,280 in total; €6.28 per youth; €1.26 per inhabitant; cost per client over A and B',
    ),
    async () => {
      assert.equal(await value('cost_total', '2024'), 6280);
      assert.equal(await value('cost_per_youth', '2024'), 6.28);
      assert.equal(await value('cost_per_inhabitant', '2024'), 1.26);
      const [c] = await get('cost_per_client', '2024');
      assert.deepEqual([c!.numerator, c!.denominator], [6280, 2]);
    },
  );

  it(
    handworked(
      ['budget_burn'],
      'budget burn: €6,280 of the youth lines 6.72a + 6.82 (€2,560), not the other post: overspent',
    ),
    async () => {
      const [r] = await get('budget_burn', '2024H1');
      assert.deepEqual(
        [r!.value, r!.numerator, r!.denominator, (r as unknown as { remaining: number }).remaining],
        [245.313, 6280, 2560, -3720],
      );
    },
  );

  it(
    handworked(
      ['commitments'],
      'commitments: €3,250.50 a year per running allocation × the days left to 31 December ÷ 365, per allocation to the cent',
    ),
    async () => {
      // 2024H1: T2 (ends in August, not known on 30 June), T3 and T5 (never started) run; T1 and T4 ended.
      // 1 July – 31 December = 184 days: 325,050 × 184 ÷ 365 = 163,860.8 → 163,861 cents, three times
      const [h] = await get('commitments', '2024H1');
      assert.deepEqual([h!.value, h!.numerator, h!.denominator], [4915.83, 4915.83, 3]);
      // 2024Q1: T4 (ends 15 May) runs too; 1 April – 31 December = 275 days: 244,900.7 → 244,901 cents, four times
      const [q] = await get('commitments', '2024Q1');
      assert.deepEqual([q!.value, q!.denominator], [9796.04, 4]);
      // a period ending on 31 December leaves nothing of that year
      const [y] = await get('commitments', '2024');
      assert.deepEqual([y!.value, y!.denominator], [0, 2]);
    },
  );

  it(
    handworked(
      ['care_paths', 'step_up_down'],
      'care paths and step-up/down: A goes ambulant (T1) → basishulp (Feb 2024) → ambulant (Mar 2024): one down, one up',
    ),
    async () => {
      assert.deepEqual(await keyed('care_paths', '2024'), { 'ambulant → basishulp': 1, 'basishulp → ambulant': 1 });
      assert.deepEqual(await keyed('step_up_down', '2024'), { opschaling: 50, afschaling: 50 });
      assert.deepEqual(await keyed('care_paths', '2023'), {}, 'T1 alone is no transition');
    },
  );

  it(
    handworked(
      ['top_cost_trajectories'],
      'top-cost trajectories: T2 (€1,100) before T1 (€80); B\u2019s €5,000 is counted in totals but never listed (secret address)',
    ),
    async () => {
      const rows = await get('top_cost_trajectories', '2024H1');
      assert.deepEqual(
        rows.map((r) => [r.key, r.value]),
        [
          ['T2', 1100],
          ['T1', 80],
        ],
      );
    },
  );

  it(
    handworked(['effective_price'], 'effective price is sum(amount) ÷ sum(volume), never a mean of tariffs'),
    async () => {
      assert.deepEqual(await keyed('effective_price', '2024'), {
        '43F01 / 14': 500,
        '45A01 / 04': 90,
        '45B01 / 04': 100,
      });
    },
  );
});
