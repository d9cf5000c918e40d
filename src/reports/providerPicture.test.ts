/**
 * The provider's own picture in the provider report (issue 19): client volume, starts, waits and the product mix with
 * the price per product, each beside the regio. Hand-worked on a small regio (9001 Testdorp and 9002 Proefstad):
 *
 * - provider A (22222222), product 45A01: 6 youths in 9001 waiting 10, 20, …, 60 days from request to start and 6 in
 *   9002 waiting 70, …, 120; each allocated 5 days before the start; one claim of € 1.000 each in April 2024.
 * - provider B (33333333), product 45A01: 12 youths in 9001 waiting 7 days, allocated 7 days before; € 500 each.
 *
 * In 2024Q2, internally: A has 12 youths and 12 starts; its median wait over the regio is the middle of 10…120, 65
 * days; within the norm of 56 days: 10…50, 5 of 12 = 41,667%. The regio: 24 youths, 24 starts, the median of 12 × 7
 * and 10…120 is (7 + 10) / 2 = 8,5, within the norm 17 of 24 = 70,833%. Allocation to start: A 5 days for all, the regio
 * the middle of 12 × 5 and 12 × 7 = 6. Price: A € 1.000 per child, every provider of 45A01 together
 * (€ 12.000 + € 6.000) / 24 = € 750.
 *
 * Externally each cell is disclosure control of the provider's row in its whole split (every provider beside it),
 * computed here along the indicator's own regio rows.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { productCodeTable } from '../app/productMonth.js';
import { freshStore, type TestDb } from '../testing/backends.js';
import { serverFixture, type ServerFixture } from '../testing/server.js';
import { reportData } from './data.js';
import { buildReport, type ReportData, type Table } from './model.js';
import { applyDisclosureControl } from '../app/disclosure.js';
import { cellText } from './format.js';
import { DECLARATIES_HEADER, TRAJECTEN_HEADER, testBsn, trajectRow } from '../testing/fixtures.js';
import { PICTURE_MEASURES } from './kinds/providerPicture.js';
import { findIndicator } from '../indicators/catalogue.js';

const DAY = 86_400_000;
const dayNumberOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

const A = '22222222';
const B = '33333333';

let db: TestDb;
let f: ServerFixture;
let data: ReportData;

before(async () => {
  db = await freshStore('pglite');
  const traj = [TRAJECTEN_HEADER];
  const claims = [DECLARATIES_HEADER];
  let n = 0;
  const add = (gemeente: string, agb: string, start: string, wait: number, allocBefore: number, euro: string) => {
    const id = `P${n}`;
    traj.push(
      trajectRow({
        traject_id: id,
        client_id: testBsn(500 + n),
        gemeente,
        wijk: `${gemeente}01`,
        aanbieder_agb: agb,
        aanvraagdatum: isoOf(dayNumberOf(start) - wait),
        toewijzingsdatum: isoOf(dayNumberOf(start) - allocBefore),
        startdatum: start,
        einddatum: '',
        reden_einde: '',
        doelrealisatie: '',
      }),
    );
    claims.push(`K${n};${gemeente};${id};;${agb};45;45A01;2024-04-01;2024-04-30;1;04;${euro};D;toegekend`);
    n++;
  };
  for (let i = 0; i < 6; i++) add('9001', A, '2024-04-10', 10 * (i + 1), 5, '1000,00');
  for (let i = 0; i < 6; i++) add('9002', A, '2024-04-10', 70 + 10 * i, 5, '1000,00');
  for (let i = 0; i < 12; i++) add('9001', B, '2024-05-01', 7, 7, '500,00');
  // this data set instead of the fixture's own trajectories and claims
  f = await serverFixture(
    db.store,
    {},
    { files: { 'trajecten.csv': traj.join('\n'), 'declaraties.csv': claims.join('\n') } },
  );
  data = reportData(db.store, f.ctx.lens);
});
after(async () => {
  await f?.close();
  await db?.drop();
});

const report = (agb: string, extern: boolean) =>
  buildReport(data, { kind: 'aanbieder', gemeente: '9001', period: '2024Q2', provider: agb, extern });
const picture = (m: Awaited<ReturnType<typeof report>>, n: number): Table => {
  const s = m.sections.find((x) => x.heading.startsWith('Het beeld van'));
  assert.ok(s, 'the report has the section "Het beeld van …"');
  return s.tables[n]!;
};

it('internally: volume, starts and waits of provider A beside the regio, worked by hand', async () => {
  const t = picture(await report(A, false), 0);
  assert.deepEqual(
    t.rows.map((r) => [r[1], r[2]]),
    [
      [12, 24], // youths in care
      [12, 24], // trajectories started
      [65, 8.5], // request → start, median days
      [41.667, 70.833], // request → start, within the norm of 56 days
      [5, 6], // allocation → start, median days
      [100, 100], // allocation → start, within 42 days
    ],
  );
  assert.deepEqual(
    t.rows.map((r) => r[0]),
    PICTURE_MEASURES.map((m) => m.words),
  );
});

it('internally: the product mix and price per product of provider A beside every provider of the code', async () => {
  const t = picture(await report(A, false), 1);
  const col = (label: string) => t.columns.findIndex((c) => c.label === label);
  assert.equal(t.rows.length, 1);
  const row = t.rows[0]!;
  assert.equal(row[col('productcode')], '45A01');
  assert.equal(row[col('kinderen')], 12);
  assert.equal(row[col('trajecten')], 12);
  assert.equal(row[col('kosten')], 12000);
  assert.equal(row[col('kosten per kind')], 1000);
  assert.equal(row[col('kosten per kind, alle aanbieders')], 750);
});

it('externally: every cell is the provider row of its whole split under disclosure control', async () => {
  for (const agb of [A, B]) {
    const t = picture(await report(agb, true), 0);
    for (const [i, m] of PICTURE_MEASURES.entries()) {
      const unit = findIndicator(m.id)!.definition.unit;
      const split = await data.compute(
        m.id,
        [{ kind: 'quarter', year: 2024, index: 2 }],
        ['9001', '9002'],
        'aanbieder',
      );
      // counts: the regio rows are the gemeenten summed; waits: the indicator's own regio row
      const rows =
        m.stat === undefined
          ? await data.compute(m.id, [{ kind: 'quarter', year: 2024, index: 2 }], ['regio:R'], 'aanbieder')
          : split.filter((r) => r.gemeente === 'regio:R');
      const key = m.stat === undefined ? agb : `${agb}:${m.stat}`;
      const own = applyDisclosureControl(rows).find((r) => r.key === key);
      const want = own === undefined ? null : own.flags.includes('onderdrukt') ? cellText('<10', unit) : own.value;
      assert.deepEqual(t.rows[i]![1], want, `${agb} ${m.words}`);
    }
  }
  // and by hand where it matters: A's 12 youths are published as 10; B's waits within the norm (12 of 12) are hidden
  // because the 0 outside it is a cell below 10; the regio's 7 outside it of 24 too
  const ta = picture(await report(A, true), 0);
  assert.equal(ta.rows[0]![1], 10);
  const tb = picture(await report(B, true), 0);
  assert.equal(typeof tb.rows[3]![1], 'string');
  assert.equal(typeof tb.rows[3]![2], 'string');
});

it('externally: the price per product is the page Per productcode’s drill-down cell, hidden where the page hides it', async () => {
  const lens = await f.ctx.lens.get();
  const window = { gemeenten: ['9001', '9002'], from: '2024-04-01', to: '2024-06-30', money: true, published: true };
  const page = (await productCodeTable(lens, { ...window, productCode: '45A01', ownProvider: null })).table;
  const all = (await productCodeTable(lens, { ...window, ownProvider: null })).table;
  for (const agb of [A, B]) {
    const t = picture(await report(agb, true), 1);
    const row = t.rows[0]!;
    const pageRow = page.rows.find((r) => r[page.columns.findIndex((c) => c.key === 'agb')] === agb)!;
    for (const [i, c] of t.columns.entries()) {
      const key = c.label === 'kosten per kind, alle aanbieders' ? 'costPerChild' : null;
      const from = key ? all : page;
      const source = key ? all.rows[0]! : pageRow;
      const at = from.columns.findIndex((x) => (key ? x.key === key : x.label === c.label));
      assert.ok(at >= 0, c.label);
      const want = source[at] === '<10' ? cellText('<10', c.unit) : source[at];
      assert.deepEqual(row[i], want, `${agb} ${c.label}`);
    }
  }
  // by hand: B's 12 children are published as 10. Its € 6.000 is hidden: in Testdorp in April A's 6 claims are a
  // cell below 10, and the code's total there minus B's amount would give A's back (complementary, amountCells.ts)
  const tb = picture(await report(B, true), 1);
  const col = (label: string) => tb.columns.findIndex((c) => c.label === label);
  assert.equal(tb.rows[0]![col('kinderen')], 10);
  assert.equal(tb.rows[0]![col('kosten')], 'onderdrukt');
  // every provider together is hidden too: in Proefstad the code's April amount is A's 6 children alone
  assert.equal(tb.rows[0]![col('kosten per kind, alle aanbieders')], 'onderdrukt');
});

it('asked as regio:R the section is the same as asked for a gemeente of the regio (red team 34: it came out empty)', async () => {
  for (const extern of [false, true]) {
    const byRegio = await buildReport(data, {
      kind: 'aanbieder',
      gemeente: 'regio:R',
      period: '2024Q2',
      provider: A,
      extern,
    });
    const byGemeente = await report(A, extern);
    assert.deepEqual(picture(byRegio, 0).rows, picture(byGemeente, 0).rows, `volume and waits, extern ${extern}`);
    assert.deepEqual(picture(byRegio, 1).rows, picture(byGemeente, 1).rows, `product mix, extern ${extern}`);
  }
});

it('the subtitle names the provider in words with its code', async () => {
  const m = await report(A, true);
  assert.match(m.subtitle, /· aanbieder Aanbieder Twee \(AGB 22222222\) ·/);
});
