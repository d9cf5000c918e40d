/**
 * budget_by_programme worked out by hand (issue 19). Year 2025, budget.csv:
 *   9001 6.72a  Jeugd — specialistisch  begroot € 1.000.000,00  gerealiseerd € 812.345,00  onttrekking € 50.000,00
 *   9001 6.72b  Jeugd — specialistisch  begroot €   400.000,00  gerealiseerd € 433.000,01
 *   9001 6.82a  Jeugd — veiligheid      begroot €   300.000,00  gerealiseerd € 255.000,00  toevoeging € 20.000,00 (−)
 *   9001 6.71   Wmo                     begroot €   999.999,00  (not a youth taakveld: left out, as budget_burn does)
 *   9002 Jeugd overig (no programme)    begroot €   200.000,00  gerealiseerd empty
 *
 * In cents. Jeugd — specialistisch: budget 100,000,000 + 40,000,000 = 140,000,000; reserve 5,000,000; with reserve
 *   145,000,000; realised 81,234,500 + 43,300,001 = 124,534,501; % = 124,534,501 ÷ 140,000,000 × 100 = 88.953215
 *   → 88.953; remaining 145,000,000 − 124,534,501 = 20,465,499 (€ 204.654,99).
 * Jeugd — veiligheid: budget 30,000,000; reserve −2,000,000; with reserve 28,000,000; realised 25,500,000;
 *   % = 85.000; remaining 28,000,000 − 25,500,000 = 2,500,000 (€ 25.000,00): the addition to the reserve is
 *   money not to be spent.
 * 9001 total: budget 170,000,000; reserve 3,000,000; with reserve 173,000,000; realised 150,034,501;
 *   % = 88.2555888… → 88.256; remaining 22,965,499 (€ 229.654,99).
 * Per post: 6.72a 81,234,500 ÷ 100,000,000 × 100 = 81.2345 exactly → 81.235 (half up, not half even's 81.234);
 *   remaining 105,000,000 − 81,234,500 = 23,765,500. 6.72b 43,300,001 ÷ 40,000,000 × 100 = 108.2500025 → 108.250;
 *   remaining −3,300,001 (overspent).
 * 9002: budget € 200.000,00, no realisation given: no %, no remaining (not 0%).
 * 9003 (own post, no programme): budget 10,000,040, reserve 1,000,025, with reserve 11,000,065, realised 6,000,060;
 *   % = 59.99982… → 60.000; remaining 5,000,005. Published: € 100.000, € 10.000, € 110.001 (110.000,65 half up),
 *   € 60.001, € 50.000 (50.000,05), 60,0%.
 * Disclosure: 9001 has a pgb payment in March 2025 naming one youth, so its rows are hidden when published, in every
 *   period of 2025 (the figures are the year's); 9002's are published, amounts in whole euros.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { parsePeriod } from '../domain/periods.js';
import { TEST_KEY, tempDir, testBsn, writeCsv } from '../testing/fixtures.js';
import { handworked } from '../testing/handworked.js';
import { applyDisclosureControl, protectPayload } from '../app/disclosure.js';
import { findIndicator } from './catalogue.js';
import type { IndicatorRow } from './types.js';
import { LensHolder } from '../app/lensHolder.js';
import { buildReport } from '../reports/model.js';
import { reportData } from '../reports/data.js';

describe('budget against realisation per programme, with reserve mutations', { timeout: 120_000 }, () => {
  let lens: Lens;
  let store: PgliteStore;
  let dir: string;
  before(async () => {
    dir = tempDir('zicht-budget-programme-');
    store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(`INSERT INTO region VALUES ('R','Regio',true);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',true), ('9002','Proefstad','R',true), ('9003','Oefenveen','R',true);`);
    const files: Array<[string, string]> = [
      [
        'budget.csv',
        [
          'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro;programma;reserve_euro;reserve_naam',
          '9001;2025;6.72a;1000000,00;812345,00;Jeugd — specialistisch;50000,00;Reserve sociaal domein',
          '9001;2025;6.72b;400000,00;433000,01;Jeugd — specialistisch;;',
          '9001;2025;6.82a;300000,00;255000,00;Jeugd — veiligheid;-20000,00;Reserve sociaal domein',
          '9001;2025;6.71;999999,00;0;Wmo;;',
          '9002;2025;Jeugd overig;200000,00;;;;',
          '9003;2025;Jeugd;100000,40;60000,60;;10000,25;',
        ].join('\n'),
      ],
      [
        'contracten.csv',
        [
          'contract_id;naam;aanbieder_agb;consortium;perceel;financieringsvorm;tranches;productcategorieen;productcodes;plafond_euro;startdatum;einddatum;verlengingen;verlengingen_benut;evaluatiemomenten;gemeenten',
          'C-PGB;Pgb;;SVB;;pgb;;;;;2025-01-01;2025-12-31;;;;9001',
        ].join('\n'),
      ],
      [
        'betalingen.csv',
        `betaling_id;contract_id;gemeente;periode;soort;tranche_nummer;bedrag_euro;client_id;traject_id\nB1;C-PGB;9001;2025-03;pgb;;1000,00;${testBsn(1)};`,
      ],
    ];
    for (const [name, content] of files) {
      const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, writeCsv(dir, name, content));
      assert.equal(r.status, 'committed', `${name}: ${JSON.stringify(r.problems.slice(0, 3))}`);
    }
    await rebuildLens(store, dir);
    lens = await Lens.open(dir);
  });
  after(async () => {
    lens?.close();
    await store?.close();
  });

  const rows = (period: string, by?: string): Promise<IndicatorRow[]> =>
    findIndicator('budget_by_programme')!.compute(lens, { period: parsePeriod(period), gemeenten: [], by });
  const pick = (r: IndicatorRow) => ({
    g: r.gemeente,
    key: r.key,
    label: r.label,
    value: r.value,
    budget: r.budget,
    reserve: r.reserve,
    withReserve: r.budgetWithReserve,
    realised: r.realised,
    remaining: r.remaining,
  });

  it(handworked(['budget_by_programme'], 'two programmes, a draw-down and an addition'), async () => {
    assert.deepEqual((await rows('2025', 'programma')).map(pick), [
      {
        g: '9001',
        key: 'Jeugd — specialistisch',
        label: 'Jeugd — specialistisch',
        value: 88.953,
        budget: 1_400_000,
        reserve: 50_000,
        withReserve: 1_450_000,
        realised: 1_245_345.01,
        remaining: 204_654.99,
      },
      {
        g: '9001',
        key: 'Jeugd — veiligheid',
        label: 'Jeugd — veiligheid',
        value: 85,
        budget: 300_000,
        reserve: -20_000,
        withReserve: 280_000,
        realised: 255_000,
        remaining: 25_000,
      },
      {
        g: '9002',
        key: '',
        label: 'zonder programma',
        value: null,
        budget: 200_000,
        reserve: 0,
        withReserve: 200_000,
        realised: null,
        remaining: null,
      },
      // 9003 (for the published answer below): 6,000,060 ÷ 10,000,040 × 100 = 59.99982… → 60.000
      {
        g: '9003',
        key: '',
        label: 'zonder programma',
        value: 60,
        budget: 100_000.4,
        reserve: 10_000.25,
        withReserve: 110_000.65,
        realised: 60_000.6,
        remaining: 50_000.05,
      },
    ]);
    const total = (await rows('2025')).map(pick);
    assert.deepEqual(total[0], {
      g: '9001',
      key: null,
      label: undefined,
      value: 88.256,
      budget: 1_700_000,
      reserve: 30_000,
      withReserve: 1_730_000,
      realised: 1_500_345.01,
      remaining: 229_654.99,
    });
    const posts = (await rows('2025', 'post')).filter((r) => r.gemeente === '9001');
    assert.deepEqual(
      posts.map((r) => [r.key, r.label, r.value, r.remaining]),
      [
        ['6.72a', 'Maatwerkdienstverlening 18- (taakveld 6.72a)', 81.235, 237_655],
        ['6.72b', 'Maatwerkdienstverlening 18- (taakveld 6.72b)', 108.25, -33_000.01],
        ['6.82a', 'Jeugdbescherming (taakveld 6.82a)', 85, 25_000],
      ],
    );
    // a month of the year gives the same figures: the realisation is the file's, for the year
    assert.deepEqual((await rows('2025-03')).map(pick), total);
  });

  it('published: hidden where budget_burn is (a payment naming one youth), else whole euros', async () => {
    const published = applyDisclosureControl(await rows('2025', 'programma'));
    const mine = published.filter((r) => r.gemeente === '9001');
    assert.ok(mine.every((r) => r.value === null && r.budget === null && r.realised === null && r.remaining === null));
    assert.ok(mine.every((r) => r.flags.includes('onderdrukt')));
    // any period of the year gives the year's booking, so any hides it: January and February before the pgb month
    // published the year's realisation beside published claims (red team 30)
    for (const p of ['2025-01', '2025-02', '2025Q1', '2025-12'])
      assert.ok(
        applyDisclosureControl(await rows(p, 'programma'))
          .filter((r) => r.gemeente === '9001')
          .every((r) => r.realised === null && r.flags.includes('onderdrukt')),
        p,
      );
    const other = published.find((r) => r.gemeente === '9002')!;
    assert.equal(other.budget, 200_000);
    assert.equal(other.hiddenWhenPublished, undefined);
    // an answer to bestuur: amounts in whole euros (half away from zero), the percentage at one decimal, no pair
    const [answer] = protectPayload(
      (await rows('2025', 'programma')).filter((r) => r.gemeente === '9003'),
      { provider: null },
    );
    assert.deepEqual(
      [answer!.budget, answer!.reserve, answer!.budgetWithReserve, answer!.realised, answer!.remaining],
      [100_000, 10_000, 110_001, 60_001, 50_000],
    );
    assert.equal(answer!.value, 60);
    assert.equal(answer!.numerator, null);
    assert.equal(answer!.denominator, null);
  });

  it('the council report shows the table per programme with the reserve column, in words', async () => {
    const holder = new LensHolder(dir);
    try {
      const geld = async (gemeente: string, extern: boolean) =>
        (
          await buildReport(reportData(store, holder), { kind: 'raad', gemeente, period: '2025H2', extern })
        ).sections.find((x) => x.heading === 'Geld')!;
      const internal = await geld('9001', false);
      const t = internal.tables.find((x) => x.caption.startsWith('Begroting en realisatie per programma'))!;
      assert.deepEqual(
        t.columns.map((c) => c.label),
        [
          'programma',
          'begroting',
          'reserve (+ onttrekking, − toevoeging)',
          'begroting met reserve',
          'gerealiseerd',
          '% van de begroting',
          'over (met reserve)',
        ],
      );
      assert.deepEqual(t.rows, [
        ['Jeugd — specialistisch', 1_400_000, 50_000, 1_450_000, 1_245_345.01, 88.953, 204_654.99],
        ['Jeugd — veiligheid', 300_000, -20_000, 280_000, 255_000, 85, 25_000],
      ]);
      assert.match(internal.paragraphs.join(' '), /niet de som van declaraties en betalingen/);
      // published (bestuur): 9001's year holds a payment naming one youth, so every amount is hidden, in words
      const external = await geld('9001', true);
      const te = external.tables.find((x) => x.caption.startsWith('Begroting en realisatie per programma'))!;
      assert.ok(te.rows.every((r) => r.slice(1).every((c) => c === 'onderdrukt')));
    } finally {
      holder.close();
    }
  });
});
