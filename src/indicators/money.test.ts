/**
 * Issue 14.7: euro amounts leave the indicators, the regio totals and the reports in whole cents
 * (Math.round(v × 100) / 100 === v), never as 5195018.859999999; percentages are exact decimals.
 * A sweep over the whole catalogue (every indicator, split and period kind) on a three-gemeente
 * region whose claims are chosen so that a float sum leaves binary residue, on both back ends.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { decimalOf, isWholeCents } from '../domain/decimal.js';
import { INDICATORS } from './catalogue.js';
import { canCombine, combineRows } from './region.js';
import type { IndicatorRow } from './types.js';
import { LensHolder } from '../app/lensHolder.js';
import { reportData } from '../reports/data.js';
import { buildReport } from '../reports/model.js';

/** Indicators whose numerator is an amount in euros (the value may be a share, as budget_burn). */
const EURO_NUMERATOR = new Set([
  'cost_total',
  'commitments',
  'cost_per_client',
  'cost_per_youth',
  'cost_per_inhabitant',
  'effective_price',
  'budget_burn',
  'burden_per_user',
  'burden_per_inhabitant',
]);

forEachBackend('euro amounts in whole cents', (kind) => {
  let db: TestDb;
  let dir: string;
  let lens: Lens;
  before(async () => {
    db = await freshStore(kind);
    dir = tempDir('zicht-cents-');
    await db.store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Een','R',true), ('9002','Twee','R',true), ('9003','Drie','R',true);",
    );
    const g = ['9001', '9002', '9003'];
    // per gemeente one trajectory; the three claim totals add up to 5,195,018.86, which a float sum makes …859999999
    const amounts = [['1234567,79', '0,10'], ['2345678,91'], ['1614772,06']];
    // volumes in tenths whose float sum leaves residue: 0.1 + 0.2 is 0.30000000000000004 in binary floating point
    const volumes = [['0,1', '0,2'], ['0,7'], ['0,6']];
    const files: Array<[string, string]> = [
      [
        'bevolking.csv',
        [
          'gemeente;wijk;jaar;leeftijd_van;leeftijd_tot;aantal',
          ...g.flatMap((c, i) => [`${c};;2026;0;17;${997 + i}`, `${c};;2026;0;120;${4999 + i * 7}`]),
        ].join('\n'),
      ],
      [
        'trajecten.csv',
        [
          TRAJECTEN_HEADER,
          ...g.map((c, i) =>
            trajectRow({
              traject_id: `T${i}`,
              client_id: testBsn(40 + i),
              gemeente: c,
              wijk: '',
              aanvraagdatum: '2026-01-02',
              toewijzingsdatum: '2026-01-05',
              startdatum: '2026-01-10',
              einddatum: '',
              reden_einde: '',
              doelrealisatie: '',
            }),
          ),
        ].join('\n'),
      ],
      [
        'declaraties.csv',
        [
          'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status',
          ...g.flatMap((c, i) =>
            amounts[i]!.map(
              (a, j) =>
                `K${i}${j};${c};T${i};;12345678;45;45A01;2026-0${2 + j}-01;2026-0${2 + j}-28;${volumes[i]![j]};04;${a};D;toegekend`,
            ),
          ),
        ].join('\n'),
      ],
      [
        'budget.csv',
        [
          'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro',
          ...g.map((c) => `${c};2026;6.72a;3333333,33;0`),
        ].join('\n'),
      ],
    ];
    for (const [name, content] of files) {
      const r = await importCsvFile({ store: db.store, dataDir: dir, key: TEST_KEY }, writeCsv(dir, name, content));
      assert.equal(r.status, 'committed', `${name}: ${JSON.stringify(r.problems)}`);
    }
    await rebuildLens(db.store, dir);
    lens = await Lens.open(dir);
  });
  after(async () => {
    lens?.close();
    await db.drop();
  });

  const badCents = (rows: readonly IndicatorRow[]) =>
    rows.flatMap((r) => [
      ...(r.unit === 'euro' && r.value !== null && !isWholeCents(r.value)
        ? [`${r.indicator} ${r.gemeente} ${r.period} ${r.key ?? ''} value ${r.value}`]
        : []),
      ...(EURO_NUMERATOR.has(r.indicator) && r.numerator !== null && !isWholeCents(r.numerator)
        ? [`${r.indicator} ${r.gemeente} ${r.period} numerator ${r.numerator}`]
        : []),
      ...(r.indicator === 'budget_burn' && r.denominator !== null && !isWholeCents(r.denominator)
        ? [`${r.indicator} denominator ${r.denominator}`]
        : []),
    ]);

  it('every euro value of every indicator, split and period, per gemeente and for the regio, has at most two decimals', async () => {
    const problems: string[] = [];
    let euroRows = 0;
    for (const ind of INDICATORS) {
      for (const period of ['2026-03', '2026Q1', '2026H1', '2026']) {
        for (const by of [undefined, ...ind.definition.dimensions]) {
          const rows = await ind.compute(lens, { period: parsePeriod(period), gemeenten: [], by });
          euroRows += rows.filter((r) => r.unit === 'euro' || EURO_NUMERATOR.has(r.indicator)).length;
          problems.push(...badCents(rows));
          if (canCombine(ind.definition.id))
            problems.push(...badCents(combineRows(ind.definition.id, rows, 'regio:R')));
        }
      }
    }
    assert.ok(euroRows > 50, `the sweep saw euro figures (${euroRows})`);
    assert.deepEqual(problems, []);
    const total = combineRows(
      'cost_total',
      await INDICATORS.find((i) => i.definition.id === 'cost_total')!.compute(lens, {
        period: parsePeriod('2026'),
        gemeenten: [],
      }),
      'regio:R',
    );
    assert.equal(total[0]!.value, 5195018.86);
  });

  it('no value, numerator or denominator of any indicator, split and period carries binary residue (at most 6 decimals), per gemeente and for the regio', async () => {
    const residue = (rows: readonly IndicatorRow[]) =>
      rows.flatMap((r) =>
        (['value', 'numerator', 'denominator'] as const)
          .filter((f) => typeof r[f] === 'number' && decimalOf(r[f]).scale > 6)
          .map((f) => `${r.indicator} ${r.gemeente} ${r.period} ${r.key ?? ''} ${f} ${r[f]}`),
      );
    const problems: string[] = [];
    for (const ind of INDICATORS) {
      for (const period of ['2026-03', '2026Q1', '2026H1', '2026']) {
        for (const by of [undefined, ...ind.definition.dimensions]) {
          const rows = await ind.compute(lens, { period: parsePeriod(period), gemeenten: [], by });
          problems.push(...residue(rows));
          if (canCombine(ind.definition.id)) problems.push(...residue(combineRows(ind.definition.id, rows, 'regio:R')));
        }
      }
    }
    assert.deepEqual(problems, []);
    const price = await INDICATORS.find((i) => i.definition.id === 'effective_price')!.compute(lens, {
      period: parsePeriod('2026'),
      gemeenten: ['9001'],
      by: 'productcode',
    });
    assert.deepEqual(
      price.map((r) => r.denominator),
      [0.3],
    );
    const regio = combineRows(
      'effective_price',
      await INDICATORS.find((i) => i.definition.id === 'effective_price')!.compute(lens, {
        period: parsePeriod('2026'),
        gemeenten: [],
        by: 'productcode',
      }),
      'regio:R',
    );
    assert.deepEqual(
      regio.map((r) => r.denominator),
      [1.6],
    );
  });

  it("the provider report sums the provider's cost over the regio in cents", async () => {
    const holder = new LensHolder(dir);
    try {
      const m = await buildReport(reportData(db.store, holder), {
        kind: 'aanbieder',
        gemeente: '9001',
        provider: '12345678',
        period: '2026',
        now: new Date('2027-01-05T00:00:00Z'),
      });
      const kosten = m.sections[0]!.tables[0]!.rows.find((r) => r[0] === 'kosten')!;
      assert.deepEqual(kosten.slice(1, 3), [5195018.86, 5195018.86]);
      for (const s of m.sections)
        for (const t of s.tables)
          for (const r of t.rows)
            for (const [i, c] of r.entries()) {
              if (t.columns[i]?.unit === 'euro' && typeof c === 'number')
                assert.ok(isWholeCents(c), `${t.caption}: ${c}`);
            }
    } finally {
      holder.close();
    }
  });
});
