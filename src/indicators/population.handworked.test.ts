/**
 * Hand-worked denominators from population files in the shapes a gemeente really has (docs/csv-formaat.md,
 * bevolking.csv): one row per year of age, bands beside a row 0–17, and bands with a gap. Period 2024H1.
 *   9001 (wijken 900101 Noord, 900102 Zuid), the gemeente's rows: ages 0 to 17 one row each, 10 youths each (180);
 *        18 to 22 one row each, 5 each (25); 23–110 in one row, 1.000. So 0–17 = 180 and inhabitants = 1.205.
 *        Noord: a row 0–17 of 100 and the bands 0–3 (20), 4–11 (50), 12–17 (30) beside it: 0–17 = 100, not 200.
 *        Zuid: the bands 0–3 (10) and 12–17 (15) only: 4–11 is missing, so Zuid's 0–17 is not known (not 25).
 *   9002: the bands 0–3 (40) and 12–17 (60) and a row 0–120 (5.000): 0–17 unknown (the gap 4–11), inhabitants 5.000.
 * Youths in care in 2024H1: 9001 A (Noord, born 2012-05: 11 on 1 January 2024, band 4–11) and B (Zuid, born
 * 2015-02: 8, band 4–11); 9002 D (no wijk). Claims: 9001 € 1.205,00 in January, 9002 € 500,00.
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
import type { FileReport } from '../ingest/report.js';

const [A, B, D] = [testBsn(40), testBsn(41), testBsn(43)];

describe('denominators from population files by single years, overlapping bands and gaps', { timeout: 180_000 }, () => {
  let lens: Lens;
  let populationReport: FileReport | undefined;
  before(async () => {
    const dir = tempDir('zicht-population-');
    const store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(`INSERT INTO region VALUES ('R','Regio',true);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',true), ('9002','Proefstad','R',true);
      INSERT INTO wijk VALUES ('9001','900101','Noord'), ('9001','900102','Zuid');`);
    const trajecten = [
      TRAJECTEN_HEADER,
      trajectRow({ traject_id: 'T1', client_id: A, geboortedatum: '2012-05-17', wijk: '900101' }),
      trajectRow({ traject_id: 'T2', client_id: B, geboortedatum: '2015-02-03', wijk: '900102' }),
      trajectRow({ traject_id: 'T3', client_id: D, geboortedatum: '2010-09-09', gemeente: '9002', wijk: '' }),
    ];
    const claims = [
      'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status',
      'K1;9001;T1;;12345678;45;45A01;2024-01-15;2024-01-31;1;04;1205,00;D;toegekend',
      'K2;9002;T3;;12345678;45;45A01;2024-01-15;2024-01-31;1;04;500,00;D;toegekend',
    ];
    const population = ['gemeente;wijk;jaar;leeftijd_van;leeftijd_tot;aantal'];
    for (let age = 0; age <= 17; age++) population.push(`9001;;2024;${age};${age};10`);
    for (let age = 18; age <= 22; age++) population.push(`9001;;2024;${age};${age};5`);
    population.push(
      '9001;;2024;23;110;1000',
      '9001;900101;2024;0;17;100',
      '9001;900101;2024;0;3;20',
      '9001;900101;2024;4;11;50',
      '9001;900101;2024;12;17;30',
      '9001;900102;2024;0;3;10',
      '9001;900102;2024;12;17;15',
      '9002;;2024;0;3;40',
      '9002;;2024;12;17;60',
      '9002;;2024;0;120;5000',
    );
    for (const [name, content] of [
      ['trajecten.csv', trajecten.join('\n')],
      ['declaraties.csv', claims.join('\n')],
      ['bevolking.csv', population.join('\n')],
    ] as const) {
      const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, writeCsv(dir, name, content));
      assert.equal(r.status, 'committed', `${name}: ${JSON.stringify(r.problems)}`);
      if (name === 'bevolking.csv') populationReport = r;
    }
    await rebuildLens(store, dir);
    await store.close();
    lens = await Lens.open(dir);
  });
  after(() => lens?.close());

  const rows = (id: string, by?: string) =>
    findIndicator(id)!.compute(lens, { period: parsePeriod('2024H1'), gemeenten: ['9001', '9002'], by });
  const pick = (rs: readonly IndicatorRow[], g: string, key: string | null = null) => {
    const r = rs.find((x) => x.gemeente === g && (x.key ?? null) === key);
    assert.ok(r, `no row ${g} ${key}`);
    return r;
  };

  it('the import says which rows leave 0–17 open, at the first line of that gemeente or wijk and year', () => {
    // Zuid (its first row on line 30) and 9002 (line 32); 9001 by single years and Noord make 0–17
    const notice = populationReport?.notices?.find((n) => n.code === 'population_band_open');
    assert.ok(notice, JSON.stringify(populationReport?.notices));
    assert.equal(notice.count, 2);
    assert.deepEqual(notice.lines, [30, 32]);
    assert.match(notice.nl, /geen 0–17/);
  });

  it(
    handworked(['pct_youth_in_care'], 'one row per year of age makes the 0–17 population; a gap makes none'),
    async () => {
      const rs = await rows('pct_youth_in_care');
      // 9001: 2 youths ÷ 180 × 100 = 1,111…
      assert.equal(pick(rs, '9001').denominator, 180);
      assert.equal(pick(rs, '9001').numerator, 2);
      assert.equal(pick(rs, '9001').value, 1.111);
      // 9002: 0–3 and 12–17 are not 0–17: no percentage of a part of the youths (100 would give 1 %)
      assert.equal(pick(rs, '9002').denominator, null);
      assert.equal(pick(rs, '9002').value, null);
      assert.ok(pick(rs, '9002').flags.includes('geen_noemer'));
    },
  );

  it(
    handworked(['pct_youth_in_care'], 'a wijk row 0–17 beside its bands counts once; a wijk with a gap has none'),
    async () => {
      const rs = await rows('pct_youth_in_care', 'wijk');
      // Noord: 1 youth ÷ 100 (not ÷ 200)
      assert.equal(pick(rs, '9001', '900101').denominator, 100);
      assert.equal(pick(rs, '9001', '900101').value, 1);
      // Zuid: 10 + 15 is not its 0–17 population
      assert.equal(pick(rs, '9001', '900102').denominator, null);
      assert.equal(pick(rs, '9001', '900102').value, null);
    },
  );

  it(handworked(['pct_youth_in_care'], 'an age band over the wijken only when every wijk has it'), async () => {
    const rs = await rows('pct_youth_in_care', 'leeftijd');
    // both youths are 4–11; Zuid has no 4–11 row, so Noord's 50 is not the gemeente's 4–11 population
    assert.equal(pick(rs, '9001', '4–11').numerator, 2);
    assert.equal(pick(rs, '9001', '4–11').denominator, null);
    assert.equal(pick(rs, '9001', '4–11').value, null);
  });

  it(
    handworked(['cost_per_inhabitant', 'cost_per_youth'], 'inhabitants from single years and one row up to 110'),
    async () => {
      // 9001: € 1.205 ÷ (180 + 25 + 1.000) = € 1,00 per inhabitant; ÷ 180 youths = € 6,69
      const inh = await rows('cost_per_inhabitant');
      assert.equal(pick(inh, '9001').denominator, 1205);
      assert.equal(pick(inh, '9001').value, 1);
      // 9002: the row 0–120 is its inhabitants: € 500 ÷ 5.000 = € 0,10
      assert.equal(pick(inh, '9002').denominator, 5000);
      assert.equal(pick(inh, '9002').value, 0.1);
      const youth = await rows('cost_per_youth');
      assert.equal(pick(youth, '9001').denominator, 180);
      assert.equal(pick(youth, '9001').value, 6.69);
      assert.equal(pick(youth, '9002').denominator, null);
      assert.ok(pick(youth, '9002').flags.includes('geen_noemer'));
    },
  );
});
