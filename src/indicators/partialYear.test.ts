/**
 * An amount from claims over months before a gemeente's first claim line covers the period only in part: the data
 * start mid-year (the demo's first year), or a gemeente joined the regio later. Shown unflagged, 2020's cost read as
 * a year's and the next year as a rise. Flagged `declaraties_deels`, per gemeente, for every claim-based indicator
 * of the catalogue (those that declare their amounts), and only where the period starts before the first claim.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import {
  DECLARATIES_HEADER,
  TEST_KEY,
  TRAJECTEN_HEADER,
  openTrajectRow,
  tempDir,
  testBsn,
  writeCsv,
} from '../testing/fixtures.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { csvLens } from '../testing/csvLens.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { INDICATORS } from './catalogue.js';
import { combineRows } from './region.js';
import { FLAG_NL } from '../reports/format.js';
import { dataEnd } from './sql.js';

forEachBackend('amounts over months before the first claim line', (kind) => {
  let db: TestDb;
  let lens: Lens;
  before(async () => {
    db = await freshStore(kind);
    const dir = tempDir('zicht-partial-');
    await db.store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Een','R',true), ('9002','Twee','R',true);",
    );
    // 9001 claims every month of 2024, 9002 only from July (its first claim line)
    const months = (from: number) => Array.from({ length: 13 - from }, (_, i) => from + i);
    const line = (g: string, t: string, m: number) => {
      const mm = String(m).padStart(2, '0');
      return `K${g}${mm};${g};${t};;12345678;45;45A01;2024-${mm}-01;2024-${mm}-28;4;04;1000,00;D;toegekend`;
    };
    const files: Array<[string, string]> = [
      [
        'trajecten.csv',
        [
          TRAJECTEN_HEADER,
          ...['9001', '9002'].map((g, i) =>
            openTrajectRow({
              traject_id: `T${g}`,
              client_id: testBsn(60 + i),
              gemeente: g,
              wijk: '',
              aanvraagdatum: '2023-12-01',
              toewijzingsdatum: '2023-12-10',
              startdatum: '2024-01-01',
            }),
          ),
        ].join('\n'),
      ],
      [
        'declaraties.csv',
        [
          DECLARATIES_HEADER,
          ...months(1).map((m) => line('9001', 'T9001', m)),
          ...months(7).map((m) => line('9002', 'T9002', m)),
        ].join('\n'),
      ],
      [
        'bevolking.csv',
        'gemeente;wijk;jaar;leeftijd_van;leeftijd_tot;aantal\n9001;;2024;0;17;400\n9002;;2024;0;17;300',
      ],
      [
        'budget.csv',
        'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro\n9001;2024;6.72a;20000;0\n9002;2024;6.72a;20000;0',
      ],
    ];
    lens = await csvLens(db.store, dir, files);
  });
  after(async () => {
    lens?.close();
    await db.drop();
  });

  const flagged = async (id: string, period: string) => {
    const ind = INDICATORS.find((i) => i.definition.id === id)!;
    const rows = await ind.compute(lens, { period: parsePeriod(period), gemeenten: [] });
    return Object.fromEntries(
      ['9001', '9002'].map((g) => [g, rows.some((r) => r.gemeente === g && r.flags.includes('declaraties_deels'))]),
    );
  };

  it('the year and its first half are flagged for the gemeente whose claims start in July, not for the other', async () => {
    assert.deepEqual(await flagged('cost_total', '2024'), { '9001': false, '9002': true });
    // no claim line at all in the first half-year: no figure for 9002 (not € 0)
    const h1 = await INDICATORS.find((i) => i.definition.id === 'cost_total')!.compute(lens, {
      period: parsePeriod('2024H1'),
      gemeenten: [],
    });
    assert.deepEqual(
      h1.map((r) => r.gemeente),
      ['9001'],
    );
    assert.deepEqual(await flagged('cost_total', '2024H2'), { '9001': false, '9002': false });
    assert.deepEqual(await flagged('cost_total', '2024-07'), { '9001': false, '9002': false });
    // a year-to-date figure counts from January: the second half-year's budget burn is partial too
    assert.deepEqual(await flagged('budget_burn', '2024H2'), { '9001': false, '9002': true });
    assert.deepEqual(await flagged('cost_per_client', '2024'), { '9001': false, '9002': true });
  });

  it('every indicator that declares its amounts from claims carries the flag, and it is said in words', async () => {
    const amounts = ['cost_total', 'cost_per_client', 'budget_burn', 'forecast_year_end'];
    for (const id of amounts) {
      const got = await flagged(id, '2024');
      assert.equal(got['9002'], true, id);
    }
    assert.match(FLAG_NL['declaraties_deels']!, /voor een deel/);
  });

  it('a cost per youth of a period before any claim line of the gemeente is no figure, not € 0 (red team 13)', async () => {
    const ind = INDICATORS.find((i) => i.definition.id === 'cost_per_youth')!;
    const rows = await ind.compute(lens, { period: parsePeriod('2024H1'), gemeenten: [] });
    const of = (g: string) => rows.find((r) => r.gemeente === g);
    assert.equal(of('9001')?.value, 15, '6 × € 1.000 ÷ 400 youths');
    assert.deepEqual([of('9002')?.value, of('9002')?.numerator, of('9002')?.denominator], [null, null, 300]);
    assert.ok(of('9002')?.flags.includes('declaraties_deels'));
  });

  it('cost per inhabitant without a 0 to ≥ 100 population row keeps its row, empty and flagged (red team 15)', async () => {
    // this data set's population has the 0–17 band only: the rows used to vanish from the table without a word
    const ind = INDICATORS.find((i) => i.definition.id === 'cost_per_inhabitant')!;
    const rows = await ind.compute(lens, { period: parsePeriod('2024H2'), gemeenten: [] });
    assert.deepEqual(
      rows.map((r) => [r.gemeente, r.value, r.numerator, r.denominator, r.flags.includes('geen_noemer')]),
      [
        ['9001', null, 6000, null, true],
        ['9002', null, 6000, null, true],
      ],
    );
  });

  it('a total over gemeenten asked for by name says it is partial when one has no claims yet (red team 13)', async () => {
    const ind = INDICATORS.find((i) => i.definition.id === 'cost_total')!;
    const rows = await ind.compute(lens, { period: parsePeriod('2024H1'), gemeenten: ['9001', '9002'] });
    const empty = rows.find((r) => r.gemeente === '9002');
    assert.deepEqual([empty?.value, empty?.flags.includes('declaraties_deels')], [null, true]);
    const [total] = combineRows('cost_total', rows, 'regio:R');
    assert.equal(total!.value, 6000);
    assert.ok(total!.flags.includes('declaraties_deels'));
    assert.ok(!total!.flags.includes('geen_noemer'));
    // all gemeenten (none named): only those with a row, as the API's own lists
    const all = await ind.compute(lens, { period: parsePeriod('2024H1'), gemeenten: [] });
    assert.deepEqual(
      all.map((r) => r.gemeente),
      ['9001'],
    );
  });
});

forEachBackend('the data end counts claims (red team 17)', (kind) => {
  it('claims that reach further than the trajectories move the data end; a product period in the future does not', async () => {
    const db = await freshStore(kind);
    const dir = tempDir('zicht-dataend-');
    await db.store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Een','R',true);",
    );
    const line = (id: string, from: string, to: string) =>
      `${id};9001;T1;;12345678;45;45A01;${from};${to};4;04;1000,00;D;toegekend`;
    let lens = await csvLens(db.store, dir, [
      [
        'trajecten.csv',
        [
          TRAJECTEN_HEADER,
          openTrajectRow({
            traject_id: 'T1',
            client_id: testBsn(70),
            gemeente: '9001',
            wijk: '',
            aanvraagdatum: '2023-12-01',
            toewijzingsdatum: '2023-12-10',
            startdatum: '2024-01-01',
          }),
        ].join('\n'),
      ],
      ['declaraties.csv', [DECLARATIES_HEADER, line('K1', '2024-05-01', '2024-05-31')].join('\n')],
    ]);
    try {
      assert.equal(
        await dataEnd(lens),
        '2024-05-31',
        'the claims reach to the end of May, the trajectories to January',
      );
      const r = await importCsvFile(
        { store: db.store, dataDir: dir, key: TEST_KEY },
        writeCsv(dir, 'declaraties.csv', [DECLARATIES_HEADER, line('K2', '2099-01-01', '2099-01-31')].join('\n')),
      );
      // the importer takes a product period in 2099 (a typo the gemeente's file may hold)
      assert.equal(r.status, 'committed');
      lens.close();
      await rebuildLens(db.store, dir);
      lens = await Lens.open(dir);
      assert.ok((await dataEnd(lens)) <= new Date().toISOString().slice(0, 10), 'never beyond today');
    } finally {
      lens.close();
      await db.drop();
    }
  });
});
