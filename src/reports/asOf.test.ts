/**
 * Issue 14.11: a report for a past period is computed as of that period's end. The May report
 * made before June's data is loaded and the one made after are identical: June's claims do not
 * enter the budget burn, a start or stop message dated in June does not change May, and the
 * forecast is the forecast as of 31 May (trajectories running then continue to 31 December).
 * Loaded through the real CSV importer, on both back ends.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { LensHolder } from '../app/lensHolder.js';
import { reportData } from './data.js';
import { buildReport, type ReportModel } from './model.js';

const CLAIMS =
  'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status;ontvangstdatum';
const open = { einddatum: '', reden_einde: '', doelrealisatie: '' };

/** Up to 31 May 2026: three running trajectories, one ended in April, one allocated in May and not started yet. */
function untilMay(): Array<[string, string]> {
  const t = (id: string, n: number, over: Record<string, string>) =>
    trajectRow({ traject_id: id, client_id: testBsn(300 + n), aanvraagdatum: '', ...over });
  return [
    [
      'bevolking.csv',
      'gemeente;wijk;jaar;leeftijd_van;leeftijd_tot;aantal\n9001;;2026;0;17;1000\n9001;;2026;0;120;5000\n9002;;2026;0;17;800\n9002;;2026;0;120;4000\n',
    ],
    ['budget.csv', 'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro\n9001;2026;6.72a;120000,00;0\n'],
    [
      'trajecten.csv',
      [
        TRAJECTEN_HEADER,
        t('A', 1, { toewijzingsdatum: '2025-11-01', startdatum: '2025-11-10', ...open }),
        t('B', 2, { toewijzingsdatum: '2026-01-05', startdatum: '2026-01-12', ...open }),
        t('C', 3, {
          toewijzingsdatum: '2026-02-01',
          startdatum: '2026-02-03',
          einddatum: '2026-04-30',
          reden_einde: '31',
          doelrealisatie: 'ja',
        }),
        t('D', 4, { toewijzingsdatum: '2026-05-20', startdatum: '', ...open }),
        t('E', 5, { gemeente: '9002', wijk: '', toewijzingsdatum: '2026-03-01', startdatum: '2026-05-31', ...open }),
      ].join('\n'),
    ],
    [
      'declaraties.csv',
      [
        CLAIMS,
        ...['01', '02', '03', '04', '05'].flatMap((m) => [
          // A's May claim reached the gemeente on 31 May; the other lines give no day (the month after, by convention)
          `A${m};9001;A;;12345678;45;45A01;2026-${m}-01;2026-${m}-28;10;04;1000,00;D;toegekend;${m === '05' ? '2026-05-31' : ''}`,
          ...(m >= '02' ? [`B${m};9001;B;;12345678;45;45A01;2026-${m}-01;2026-${m}-28;5;04;500,00;D;toegekend;`] : []),
          ...(m >= '02' && m <= '04'
            ? [`C${m};9001;C;;12345678;45;45A01;2026-${m}-01;2026-${m}-28;2;04;200,00;D;toegekend;`]
            : []),
        ]),
      ].join('\n'),
    ],
  ];
}

/** June: D starts (3 June), A stops (15 June), F arrives, and the June claims. */
function june(): Array<[string, string]> {
  const t = (id: string, n: number, over: Record<string, string>) =>
    trajectRow({ traject_id: id, client_id: testBsn(300 + n), aanvraagdatum: '', ...over });
  return [
    [
      'trajecten-juni.csv',
      [
        TRAJECTEN_HEADER,
        t('A', 1, {
          toewijzingsdatum: '2025-11-01',
          startdatum: '2025-11-10',
          einddatum: '2026-06-15',
          reden_einde: '31',
          doelrealisatie: 'ja',
        }),
        t('D', 4, { toewijzingsdatum: '2026-05-20', startdatum: '2026-06-03', ...open }),
        t('F', 6, { toewijzingsdatum: '2026-06-10', startdatum: '2026-06-12', ...open }),
      ].join('\n'),
    ],
    [
      'declaraties-juni.csv',
      [
        CLAIMS,
        'A06;9001;A;;12345678;45;45A01;2026-06-01;2026-06-15;5;04;500,00;D;toegekend;',
        'B06;9001;B;;12345678;45;45A01;2026-06-01;2026-06-28;5;04;500,00;D;toegekend;',
        'F06;9001;F;;12345678;45;45A01;2026-06-12;2026-06-28;20;04;40000,00;D;toegekend;',
      ].join('\n'),
    ],
  ];
}

forEachBackend('a report for a past month is computed as of its end', (kind) => {
  let db: TestDb;
  let dir: string;
  const load = async (files: Array<[string, string]>) => {
    for (const [name, content] of files) {
      const r = await importCsvFile({ store: db.store, dataDir: dir, key: TEST_KEY }, writeCsv(dir, name, content));
      assert.equal(r.status, 'committed', `${name}: ${JSON.stringify(r.problems)}`);
    }
    await rebuildLens(db.store, dir);
  };
  const report = async (period: string): Promise<ReportModel> => {
    const holder = new LensHolder(dir);
    try {
      return await buildReport(reportData(db.store, holder), {
        kind: 'maand',
        gemeente: '9001',
        period,
        now: new Date('2026-07-10T00:00:00Z'),
      });
    } finally {
      holder.close();
    }
  };
  const table = (m: ReportModel, heading: string) => m.sections.find((s) => s.heading === heading)!.tables[0]!;

  let mayBefore: ReportModel;
  let juneEarly: ReportModel;
  before(async () => {
    db = await freshStore(kind);
    dir = tempDir('zicht-asof-');
    await db.store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Een','R',true), ('9002','Twee','R',true);",
    );
    await load(untilMay());
    mayBefore = await report('2026-05');
    juneEarly = await report('2026-06');
    await load(june());
  });
  after(async () => db.drop());

  it("the May report is the same before and after June's data is loaded", async () => {
    const mayAfter = await report('2026-05');
    assert.deepEqual(mayAfter.sections, mayBefore.sections);
    assert.deepEqual(
      mayAfter.definitions.map((d) => d.id),
      mayBefore.definitions.map((d) => d.id),
    );
    assert.equal(mayAfter.sources[0], mayBefore.sources[0], 'the data reach 31 May in both');
    assert.equal(mayAfter.sources[0], 'Gegevens tot en met 2026-05-31 (laatste datum in de lens).');
  });

  it('budget burn counts the claims in by 31 May; the forecast continues the care running on 31 May', () => {
    const money = table(mayBefore, 'Budget en prognose');
    const burn = money.rows.find((r) => r[0] === 'budgetuitputting')!;
    // January–April: A 4 × €1,000, B 3 × €500, C 3 × €200 = €6,100, and A's May claim received on 31 May: €7,100
    // of €120,000. B's May claim gives no day of receipt: taken to arrive by 30 June, not in the May report (it was
    // counted from its period, while the report flagged May as not complete: red team 7 F5)
    assert.equal(burn[2], 5.917);
    assert.match(money.note ?? '', /declaraties nog niet compleet/);
    const forecast = money.rows.find((r) => r[0] === 'prognose jaareinde')!;
    assert.ok(
      typeof forecast[2] === 'number' && forecast[2] > 7600 + 7 * 1500 * 0.9,
      `realised + A and B continued to December (${forecast[2]})`,
    );
  });

  it("a flag of a figure is printed: June asked before June's data is in is not complete", () => {
    const notes = juneEarly.sections.flatMap((s) => s.tables.map((t) => t.note ?? '')).join(' ');
    assert.match(notes, /periode loopt voorbij de laatste gegevens/);
  });
});
