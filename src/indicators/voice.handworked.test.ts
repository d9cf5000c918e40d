/**
 * The voice of clients worked out by hand (issue 20; docs/indicators.md "Stem van de cliënt"). Gemeente 9001, 2024.
 *
 * Youths in care in 2024H1: 20 distinct — 12 with provider 11111111, 8 with 22222222 (each one trajectory, January–June).
 *
 * ervaringen.csv (four rows, three surveys):
 *   11111111 45 2024H1  algemeen   mark 7,5  40 answers of 100 invited, 30 positive
 *   11111111 45 2024H1  bejegening mark 8,25 36 answers (same survey: respondents max(40, 36) = 40), 33 positive
 *   22222222 45 2024H1  algemeen   mark 6,0  12 answers of 50, 4 positive
 *   22222222 45 2024Q1  algemeen   mark 9,0   5 answers of 10, 5 positive (a quarter: in 2024Q1, 2024H1 and 2024)
 * response_rate 2024H1 = (40 + 12 + 5) ÷ (100 + 50 + 10) = 57 ÷ 160 = 35,625%; 11111111 40 ÷ 100 = 40%;
 *   22222222 17 ÷ 60 = 28,333…% → 28,333, weak (17 < 30 answers); 2024Q1: 5 ÷ 10 = 50%, weak.
 * experience_score 2024H1 = (7,5×40 + 8,25×36 + 6×12 + 9×5) ÷ (40 + 36 + 12 + 5) = (300 + 297 + 72 + 45) ÷ 93 =
 *   714 ÷ 93 = 7,677… → 7,68; by theme algemeen (300 + 72 + 45) ÷ 57 = 7,315… → 7,32, bejegening 297 ÷ 36 = 8,25;
 *   by provider 11111111 597 ÷ 76 = 7,855… → 7,86, 22222222 117 ÷ 17 = 6,882… → 6,88.
 * experience_positive_share 2024H1 = (30 + 33 + 4 + 5) ÷ 93 = 72 ÷ 93 = 77,419…% → 77,419.
 *
 * klachten.csv: K1 klacht bejegening 11111111 (Feb), K2 klacht uitvoering 11111111 (Mar), K3 vertrouwenspersoon
 *   bejegening 22222222 (Apr), K4 klacht besluit/toegang, no provider (May), K5 klacht bejegening 22222222 (Sep, H2).
 * complaints_per_1000 2024H1 (kind klacht only unless by kind) = 3 ÷ 20 × 1.000 = 150; by theme bejegening,
 *   uitvoering and besluit/toegang each 1 ÷ 20 × 1.000 = 50; by provider 11111111 2 ÷ 12 × 1.000 = 166,667, no
 *   provider 1 ÷ 20 × 1.000 = 50; by kind klacht 150, vertrouwenspersoon 50.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { TRAJECTEN_HEADER, tempDir, testBsn, trajectRow } from '../testing/fixtures.js';
import { handworked } from '../testing/handworked.js';
import { csvLens } from '../testing/csvLens.js';
import { findIndicator } from './catalogue.js';
import type { IndicatorRow } from './types.js';

describe('the voice of clients, by hand', { timeout: 120_000 }, () => {
  let lens: Lens;
  let store: PgliteStore;
  before(async () => {
    const dir = tempDir('zicht-voice-');
    store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(`INSERT INTO region VALUES ('R','Regio',true);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);`);
    const trajectory = (i: number) =>
      trajectRow({
        traject_id: `V${i}`,
        client_id: testBsn(400 + i),
        aanbieder_agb: i < 12 ? '11111111' : '22222222',
        aanvraagdatum: '2024-01-02',
        toewijzingsdatum: '2024-01-02',
        startdatum: '2024-01-02',
        einddatum: '2024-06-30',
      });
    const files: Array<[string, string]> = [
      ['trajecten.csv', [TRAJECTEN_HEADER, ...Array.from({ length: 20 }, (_, i) => trajectory(i))].join('\n')],
      [
        'ervaringen.csv',
        [
          'gemeente;periode;aanbieder_agb;productcategorie;productcode;thema;vraag;score;aantal_antwoorden;aantal_uitgenodigd;aantal_positief',
          '9001;2024H1;11111111;45;;algemeen;;7,5;40;100;30',
          '9001;2024H1;11111111;45;;bejegening;;8,25;36;100;33',
          '9001;2024H1;22222222;45;;algemeen;;6,0;12;50;4',
          '9001;2024Q1;22222222;45;;algemeen;;9,0;5;10;5',
        ].join('\n'),
      ],
      [
        'klachten.csv',
        [
          'klacht_id;gemeente;soort;thema;aanbieder_agb;datum;uitkomst;client_id',
          'K1;9001;klacht;bejegening;11111111;2024-02-01;gegrond;',
          'K2;9001;klacht;uitvoering;11111111;2024-03-15;;',
          'K3;9001;vertrouwenspersoon;bejegening;22222222;2024-04-01;;',
          'K4;9001;klacht;besluit/toegang;;2024-05-01;ongegrond;',
          'K5;9001;klacht;bejegening;22222222;2024-09-01;;',
        ].join('\n'),
      ],
    ];
    lens = await csvLens(store, dir, files);
  });
  after(async () => {
    lens?.close();
    await store?.close();
  });

  const rows = (id: string, period: string, by?: string): Promise<IndicatorRow[]> =>
    findIndicator(id)!.compute(lens, { period: parsePeriod(period), gemeenten: [], by });
  const values = (rs: readonly IndicatorRow[]) => Object.fromEntries(rs.map((r) => [r.key ?? '', r.value]));
  const weak = (rs: readonly IndicatorRow[]) => rs.filter((r) => r.flags.includes('lage_respons')).map((r) => r.key);

  it(handworked(['response_rate'], 'response: most answers per survey ÷ invited, a weak figure flagged'), async () => {
    const h1 = await rows('response_rate', '2024H1');
    assert.deepEqual(values(h1), { '': 35.625 });
    assert.deepEqual(weak(h1), []);
    const byProvider = await rows('response_rate', '2024H1', 'aanbieder');
    assert.deepEqual(values(byProvider), { '11111111': 40, '22222222': 28.333 });
    assert.deepEqual(weak(byProvider), ['22222222']);
    const q1 = await rows('response_rate', '2024Q1');
    assert.deepEqual([values(q1), weak(q1)], [{ '': 50 }, [null]]);
  });

  it(handworked(['experience_score'], 'experience: the mark weighted by the answers to each question'), async () => {
    assert.deepEqual(values(await rows('experience_score', '2024H1')), { '': 7.68 });
    assert.deepEqual(values(await rows('experience_score', '2024H1', 'thema')), { algemeen: 7.32, bejegening: 8.25 });
    assert.deepEqual(values(await rows('experience_score', '2024H1', 'aanbieder')), {
      '11111111': 7.86,
      '22222222': 6.88,
    });
  });

  it(handworked(['experience_positive_share'], 'positive: answers of 7 or more ÷ answers'), async () => {
    assert.deepEqual(values(await rows('experience_positive_share', '2024H1')), { '': 77.419 });
  });

  it(
    handworked(['complaints_per_1000'], 'complaints per 1.000 youths in care, by theme, provider and kind'),
    async () => {
      assert.deepEqual(values(await rows('complaints_per_1000', '2024H1')), { '': 150 });
      const byTheme = values(await rows('complaints_per_1000', '2024H1', 'thema'));
      // every theme has a figure, 0 without complaints (a regio pools them: red team 35)
      assert.deepEqual(Object.values(byTheme).sort(), [0, 0, 50, 50, 50], JSON.stringify(byTheme));
      assert.equal(byTheme.bejegening, 50);
      const byProvider = values(await rows('complaints_per_1000', '2024H1', 'aanbieder'));
      assert.equal(byProvider['11111111'], 166.667);
      assert.equal(byProvider.geen_aanbieder, 50);
      assert.equal(byProvider['22222222'], 0, 'the AKJ contact is no complaint; the provider has youths in care');
      assert.deepEqual(values(await rows('complaints_per_1000', '2024H1', 'soort')), {
        klacht: 150,
        vertrouwenspersoon: 50,
      });
    },
  );
});
