/**
 * Issue 14.2: in the external provider report every published cell is disclosure control applied
 * to the exact regio figure, never a sum of cells protected per gemeente. The exact regio cell is
 * computed here along another path than the report takes (the report data's own "regio:<code>"
 * combination), for every provider of the test region and every KPI and period of the report.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { serverFixture, type ServerFixture } from '../testing/server.js';
import { reportData } from './data.js';
import { buildReport, type Cell, type ReportData, type Table } from './model.js';
import { applyDisclosureControl } from '../app/disclosure.js';
import { cellText } from './format.js';
import { findIndicator } from '../indicators/catalogue.js';
import { parsePeriod, periodLabelNl, shiftPeriod, formatPeriod } from '../domain/periods.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { TEST_KEY, TRAJECTEN_HEADER, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';

const KPIS: Record<string, string> = {
  kosten: 'cost_total',
  uitval: 'dropout',
  doelrealisatie: 'goal_attainment',
  tevredenheid: 'satisfaction',
  'toewijzingen zonder start': 'allocations_without_start',
};

forEachBackend('external provider report: protect the exact regio cell, not the gemeente cells (14.2)', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let data: ReportData;
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    // provider 22222222: in each gemeente 6 trajectories ended early (uitval) and 10 as planned in
    // 2024Q2: per gemeente the numerator is below 10, over the regio it is 12 of 32
    const lines = [TRAJECTEN_HEADER];
    let n = 0;
    for (const [gemeente, team, reason] of [
      ['9001', 'Zuid', '32'],
      ['9002', 'Centrum', '33'],
    ] as const) {
      for (let i = 0; i < 16; i++, n++) {
        lines.push(
          trajectRow({
            traject_id: `U${n}`,
            client_id: testBsn(300 + n),
            gemeente,
            team,
            wijk: `${gemeente}01`,
            aanbieder_agb: '22222222',
            startdatum: '2024-01-10',
            einddatum: '2024-05-15',
            reden_einde: i < 6 ? reason : '31',
            doelrealisatie: i < 6 ? 'nee' : 'ja',
          }),
        );
      }
    }
    const r = await importCsvFile(
      { store: db.store, dataDir: f.dataDir, key: TEST_KEY },
      writeCsv(f.dataDir, 'uitval.csv', lines.join('\n')),
    );
    assert.equal(r.status, 'committed', JSON.stringify(r.problems.slice(0, 3)));
    await rebuildLens(db.store, f.dataDir);
    await f.ctx.lens.reload();
    data = reportData(db.store, f.ctx.lens);
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });

  // a suppressed count reads "<10", a suppressed amount or share "onderdrukt" (reports/format.ts cellText)
  const published = (v: { value: number | null; flags: readonly string[] } | undefined, id: string): Cell =>
    v === undefined
      ? null
      : v.flags.includes('onderdrukt')
        ? cellText('<10', findIndicator(id)!.definition.unit)
        : v.value;

  it('every KPI cell of every provider equals disclosure control of the exact regio cell', async () => {
    const agbs = (await db.store.query<{ agb: string }>('SELECT agb FROM provider ORDER BY agb')).map((r) => r.agb);
    let compared = 0;
    let differsFromPerGemeente = 0;
    for (const agb of agbs) {
      for (const period of ['2024Q1', '2024Q2', '2024Q3', '2024Q4']) {
        const model = await buildReport(data, {
          kind: 'aanbieder',
          gemeente: '9001',
          period,
          provider: agb,
          extern: true,
        });
        const intern = await buildReport(data, {
          kind: 'aanbieder',
          gemeente: '9001',
          period,
          provider: agb,
          extern: false,
        });
        const table = (m: typeof model, n: number): Table =>
          m.sections.filter((s) => s.tables.length > 0)[n]!.tables[0]!;
        const p = parsePeriod(period);
        const trendPeriods = [-3, -2, -1, 0].map((k) => shiftPeriod(p, k));
        for (const [n, periods] of [
          [0, [p]],
          [1, trendPeriods],
        ] as const) {
          const ext = table(model, n);
          const int = table(intern, n);
          for (const [r, row] of ext.rows.entries()) {
            const id = KPIS[String(row[0])]!;
            assert.ok(id, `unknown KPI ${String(row[0])}`);
            for (const [i, q] of periods.entries()) {
              const split = await data.compute(id, [q], ['regio:R'], 'aanbieder');
              const exactOwn = split.find((x) => x.key === agb);
              // the provider's cell is published as its split is, with every provider beside it (complementary
              // suppression: red team 32)
              const publishedOwn = applyDisclosureControl(split).find((x) => x.key === agb);
              const exactTotal = (await data.compute(id, [q], ['regio:R'])).find((x) => x.key === null);
              const want =
                n === 0
                  ? [published(publishedOwn, id), published(exactTotal && applyDisclosureControl([exactTotal])[0], id)]
                  : [published(publishedOwn, id)];
              const got = n === 0 ? [row[1], row[2]] : [row[1 + i]];
              assert.deepEqual(got, want, `${agb} ${formatPeriod(q)} ${id} (${periodLabelNl(q)}): external cell`);
              // the internal version shows the exact regio figures
              const exactWant =
                n === 0 ? [exactOwn?.value ?? null, exactTotal?.value ?? null] : [exactOwn?.value ?? null];
              assert.deepEqual(
                n === 0 ? [int.rows[r]![1], int.rows[r]![2]] : [int.rows[r]![1 + i]],
                exactWant,
                `${agb} ${formatPeriod(q)} ${id}: internal cell`,
              );
              compared++;
              // the old way protected per gemeente and added up what was left: a cell published now
              // while one gemeente's part of it is below 10 is a cell the old way got wrong
              const perGemeente = applyDisclosureControl(
                (await data.compute(id, [q], ['9001', '9002'], 'aanbieder')).filter((x) => x.key === agb),
              );
              if (typeof got[0] === 'number' && perGemeente.some((x) => x.flags.includes('onderdrukt')))
                differsFromPerGemeente++;
            }
          }
        }
      }
    }
    assert.ok(compared > 50, `only ${compared} cells compared`);
    assert.ok(differsFromPerGemeente > 0, 'the test region has a provider whose small gemeente the old way dropped');
  });

  it('the report says the provider figures are summed over the regio and names its gemeenten', async () => {
    const model = await buildReport(data, {
      kind: 'aanbieder',
      gemeente: '9001',
      period: '2024Q1',
      provider: '22222222',
      extern: true,
    });
    assert.match(model.subtitle, /regio/);
    const text = model.sections.flatMap((s) => [...s.paragraphs, ...s.tables.map((t) => t.caption)]).join(' ');
    assert.match(text, /Testdorp, Proefstad/);
    assert.match(text, /opgeteld/);
  });
});
