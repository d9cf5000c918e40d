/**
 * Claims arrive after the month they are for (domain/claimLag.ts). Found from outside (issue 14, red team 6, LOW): the
 * monthly report for December 2025 showed "kosten € 0, −100%" for the gemeente and every team, the budget burn stopped
 * in November, and the year-end forecast counted December as spent at € 0 — as of 31 December no December claim had
 * been sent. By hand, one youth, allocated and started on 1 September 2025 until mid-2026, € 1.000 a month claimed for
 * September to December, each sent on the 6th of the month after:
 *  - as of 31 December the claims through November are complete, December's not: cost December unknown (not € 0),
 *    flagged; the fourth quarter € 2.000 (October, November), flagged;
 *  - forecast as of 31 December = realised € 3.000 (Sep–Nov) + continuation 1 month × € 1.000 (the mean of its last
 *    three claimed months) + new inflow: 1 started in the last 12 months ÷ 12 × (1 month left × € 1.000, what a new
 *    trajectory cost in its start month) = € 83,33 → € 4.083,33 (it was € 3.000: December as € 0);
 *  - on all data (the dashboard) December costs € 1.000 and the forecast is the year's € 4.000, no flag.
 * Messages through the real iJw importer, on both back ends.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, tempDir, writeCsv } from '../testing/fixtures.js';
import { G, jw301, jw305, jw323, type Msg } from '../testing/ijwMessages.js';
import { importIjwFiles } from '../ingest/ijw/import.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { findIndicator } from '../indicators/catalogue.js';
import { claimsCompleteThrough, monthsWithClaimsPending } from '../domain/claimLag.js';
import { LensHolder } from '../app/lensHolder.js';
import { reportData } from './data.js';
import { buildReport } from './model.js';

const MONTHS = [
  ['2025-09-01', '2025-09-30', '2025-10-06'],
  ['2025-10-01', '2025-10-31', '2025-11-06'],
  ['2025-11-01', '2025-11-30', '2025-12-06'],
  ['2025-12-01', '2025-12-31', '2026-01-06'],
] as const;
const MSGS: readonly Msg[] = [
  jw301(1, '200101', '2025-09-01', '2025-09-01', '2026-06-30'),
  jw305('2025-09-02', 1, '200101', '2025-09-01', '2025-09-01'),
  ...MONTHS.map(([from, to, sent], i) => jw323(sent, 1, '200101', `M${i}`, from, to, 100000)),
];

it('the claims of a month are complete once the month after it has ended', () => {
  assert.equal(claimsCompleteThrough('2025-12-31'), '2025-11-30');
  assert.equal(claimsCompleteThrough('2025-12-30'), '2025-10-31');
  assert.equal(claimsCompleteThrough('2026-01-31'), '2025-12-31');
  assert.equal(claimsCompleteThrough('2024-02-29'), '2024-01-31');
  assert.equal(claimsCompleteThrough('2024-03-01'), '2024-01-31');
  assert.deepEqual(monthsWithClaimsPending('2025-10-01', '2025-12-31', '2025-12-31'), ['2025-12']);
  assert.deepEqual(monthsWithClaimsPending('2025-10-01', '2025-12-31', null), []);
});

forEachBackend('a report as of its period end does not count claims not yet sent as € 0', (kind) => {
  let db: TestDb;
  const dir = tempDir('zicht-claimlag-');
  before(async () => {
    db = await freshStore(kind);
    await db.store.exec(
      "INSERT INTO region VALUES ('R','Regio',true) ON CONFLICT DO NOTHING; INSERT INTO gemeente VALUES ('0363','Amsterdam','R',true) ON CONFLICT DO NOTHING;",
    );
    const reports = await importIjwFiles(
      { store: db.store, dataDir: dir, key: TEST_KEY },
      MSGS.map((m, i) => writeCsv(dir, `${m.dag}-${i}.xml`, m.xml)),
    );
    for (const r of reports) assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    await rebuildLens(db.store, dir);
  });
  after(async () => {
    await db.drop();
  });

  const rows = async (id: string, period: string, asOf?: string) => {
    const lens = await Lens.open(dir, undefined, asOf);
    try {
      return await findIndicator(id)!.compute(lens, { period: parsePeriod(period), gemeenten: [G] });
    } finally {
      lens.close();
    }
  };
  const one = async (id: string, period: string, asOf?: string) =>
    (await rows(id, period, asOf)).find((r) => r.key === null);

  it('as of 31 December: December unknown, the quarter without December flagged', async () => {
    // a row, empty and flagged, not no row (red team 27: a gemeente asked for by name vanished from the table)
    const dec = await one('cost_total', '2025-12', '2025-12-31');
    assert.equal(dec?.value, null, `December: ${JSON.stringify(dec)}`);
    assert.ok(dec?.flags.includes('declaraties_onvolledig'), `December: ${JSON.stringify(dec)}`);
    const q4 = await one('cost_total', '2025Q4', '2025-12-31');
    assert.equal(q4?.value, 2000);
    assert.ok(q4?.flags.includes('declaraties_onvolledig'), JSON.stringify(q4?.flags));
    const nov = await one('cost_total', '2025-11', '2025-12-31');
    assert.equal(nov?.value, 1000);
    assert.deepEqual(nov?.flags, [], 'November is complete on 31 December');
    assert.ok((await one('budget_burn', '2025-12', '2025-12-31'))?.flags.includes('declaraties_onvolledig') ?? true);
  });

  it('the forecast as of 31 December continues December instead of counting it as € 0', async () => {
    const f = (await one('forecast_year_end', '2025-12', '2025-12-31')) as
      (Record<string, unknown> & { value: number | null; flags: readonly string[] }) | undefined;
    assert.equal(f?.value, 4083.33, JSON.stringify(f));
    assert.equal(f?.realised, 3000);
    assert.equal(f?.continuation, 1000);
    assert.equal(f?.newInflow, 83.33);
    assert.ok(f?.flags.includes('declaraties_onvolledig'));
  });

  it('on all data December costs € 1.000 and the forecast is the year, unflagged', async () => {
    const dec = await one('cost_total', '2025-12');
    assert.equal(dec?.value, 1000);
    assert.ok(!dec?.flags.includes('declaraties_onvolledig'));
    const f = await one('forecast_year_end', '2025-12');
    assert.equal(f?.value, 4000);
  });

  it('before the first claim in the data the cost is unknown, not € 0 (red team 8)', async () => {
    const holder = new LensHolder(dir);
    try {
      const m = await buildReport(reportData(db.store, holder), {
        kind: 'maand',
        gemeente: G,
        period: '2025Q3',
        now: new Date('2026-02-01T00:00:00Z'),
      });
      const kosten = m.sections[0]!.tables[0]!.rows.find((r) => r[0] === 'kosten declaraties')!;
      // the second quarter, beside the third: the claims start in September 2025 (it was € 0)
      assert.equal(kosten[1], null, JSON.stringify(kosten));
    } finally {
      holder.close();
    }
  });

  it('the December report shows the cost as unknown with the reason, not € 0 and −100%', async () => {
    const holder = new LensHolder(dir);
    try {
      const m = await buildReport(reportData(db.store, holder), {
        kind: 'maand',
        gemeente: G,
        period: '2025-12',
        now: new Date('2026-02-01T00:00:00Z'),
      });
      const head = m.sections[0]!.tables[0]!;
      const kosten = head.rows.find((r) => r[0] === 'kosten declaraties')!;
      assert.deepEqual(kosten.slice(1, 4), [1000, null, null], JSON.stringify(kosten));
      // the row is there, empty, with every flag of the period (as the youth figure beside it)
      assert.match(head.note ?? '', /kosten declaraties \(december 2025\): [^;]*declaraties nog niet compleet/);
      // per product category the month before, whose claims are in (the table read "Geen gegevens": red team 8)
      const cats = m.sections.find((s) => s.heading === 'Welke hulp, hoeveel en tegen welke kosten')!.tables[1]!;
      assert.match(cats.caption, /november 2025 \(de declaraties over december 2025 waren nog niet compleet\)/);
      assert.deepEqual(
        cats.rows.map((r) => r[1]),
        [1000],
      );
      // said once at the top, for every table with amounts (providers, regio, product codes: red team 7)
      assert.match(m.sections[0]!.paragraphs[0] ?? '', /die over december 2025 waren er toen nog niet/);
      // a quarter whose last month's claims are still to come: its cost beside the quarter before has no change %
      const q4 = await buildReport(reportData(db.store, holder), {
        kind: 'maand',
        gemeente: G,
        period: '2025Q4',
        now: new Date('2026-02-01T00:00:00Z'),
      });
      const q4kosten = q4.sections[0]!.tables[0]!.rows.find((r) => r[0] === 'kosten declaraties')!;
      assert.deepEqual(q4kosten.slice(1, 4), [1000, 2000, null], JSON.stringify(q4kosten));
      // the provider report says it too
      const provider = await buildReport(reportData(db.store, holder), {
        kind: 'aanbieder',
        gemeente: G,
        provider: '65656055',
        period: '2025Q4',
        now: new Date('2026-02-01T00:00:00Z'),
      });
      assert.match(provider.sections[0]!.paragraphs[0] ?? '', /die over december 2025 waren er toen nog niet/);
    } finally {
      holder.close();
    }
  });
});
