/**
 * Issue 14 (red team, high): a report for a past period uses, per allocation, the JW301 version that
 * was valid on the period's last day. An allocation extended, shortened or withdrawn (RedenWijziging
 * 13) later is in the report with the version of then, not left out. Messages generated here, loaded
 * through the real iJw importer, on both back ends; figures computed by hand:
 *  - b1 100001: allocated 01-05 to 03-31, started 01-10, extended on 03-20 to 06-30 (no stop);
 *    100005: allocated 01-06 to 01-31, started 02-05 (lasts one day, 02-05);
 *  - b2 100002: allocated 02-01 to 12-31, its start deleted (so from the allocation, 02-01);
 *  - b3 100003: allocated 03-01, started 03-02, withdrawn 03-05 (never counts from March on);
 *  - b4 100004: 01-15 to 02-10 (stop message);
 *  - b5 100006: allocated 01-10 to 12-31, started 01-11, shortened on 04-10 to 04-30;
 *  - b6 100007: allocated 02-02, started 02-03, withdrawn on 04-15;
 *  - b7 100008: allocated 02-15, started 02-20;
 *  - May: b8 100009 allocated 05-04 to 05-31, started 05-05, extended on 06-02 to 08-31;
 *    b9 100010 allocated 05-10 to 12-31, started 05-11, shortened on 06-05 to 06-15;
 *    b10 100011 allocated 05-12, started 05-13, withdrawn on 06-10;
 *  - b11 100012 allocated 04-01 (not started), b12 100013 allocated 06-01: sent after the period's
 *    end, so they do not make it complete in a report as of that end (data known on 31 March reach 25
 *    March, on 31 May 14 May);
 *  - late messages (a start or stop is known from the day its message was SENT, not from its date):
 *    b13 100014 allocated 03-02 to 12-31, started 03-03, stop sent 04-03 with Einddatum 03-20;
 *    b14 100015 allocated 03-09 to 12-31, start sent 04-06 with Begindatum 03-10;
 *  - claims (JW323) count from the day they were SENT, not from their product period: b1 €500 for
 *    1–15 March sent 03-25, b1 €5,000 for 16–31 March sent 04-01 (after 31 March), b8 €2,000 for May
 *    sent 06-05 (after 31 May); b2 €300 for July sent 07-16, rejected by a JW325 sent 07-25 (as of 07-20 it
 *    counts, as submitted; as of 07-31 not), accepted by a second JW325 for that declaration sent 08-05.
 * March (as of 31 March: b13 not stopped, b14's start from the allocation, 03-09): in care b1 b2 b5 b6 b7
 * b13 b14 = 7; February b1 b2 b4 b5 b6 b7 = 6; stock 31 Jan b1 b4 b5 = 3, February + 3 (b2 b6 b7) − 1 (b4)
 * = 5; March 5 + 2 (b13 b14) − 0 = 7. May (as of 31 May: b5 ended 30 April, b6 withdrawn, b13 ended 20
 * March): in care b1 b2 b7 b8 b9 b10 b11 b14 = 8; stock 30 April b1 b2 b5 b7 b11 b14 = 6, + 3 (b8 b9 b10)
 * − 1 (b5) = 8.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, tempDir, writeCsv } from '../testing/fixtures.js';
import { G, jw301, jw305, jw307, jw323, jw325, type Msg } from '../testing/ijwMessages.js';
import { importIjwFiles } from '../ingest/ijw/import.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { LensHolder } from '../app/lensHolder.js';
import { parsePeriod } from '../domain/periods.js';
import { findIndicator } from '../indicators/catalogue.js';
import { reportData } from './data.js';
import { buildReport, type ReportModel } from './model.js';

const MESSAGES: readonly Msg[] = [
  jw301(1, '100001', '2026-01-05', '2026-01-05', '2026-03-31'),
  jw305('2026-01-12', 1, '100001', '2026-01-05', '2026-01-10'),
  jw301(1, '100001', '2026-03-20', '2026-01-05', '2026-06-30', '01'),
  jw301(1, '100005', '2026-01-06', '2026-01-06', '2026-01-31'),
  jw305('2026-02-06', 1, '100005', '2026-01-06', '2026-02-05'),
  jw301(2, '100002', '2026-02-01', '2026-02-01', '2026-12-31'),
  jw305('2026-02-04', 2, '100002', '2026-02-01', '2026-02-03'),
  jw305('2026-02-10', 2, '100002', '2026-02-01', '2026-02-03', '3'),
  jw301(3, '100003', '2026-03-01', '2026-03-01', '2026-09-30'),
  jw305('2026-03-03', 3, '100003', '2026-03-01', '2026-03-02'),
  jw301(3, '100003', '2026-03-05', '2026-03-01', '2026-03-01', '13'),
  jw301(4, '100004', '2026-01-01', '2026-01-01', '2026-02-28'),
  jw305('2026-01-16', 4, '100004', '2026-01-01', '2026-01-15'),
  jw307('2026-02-12', 4, '100004', '2026-01-01', '2026-01-15', '2026-02-10'),
  jw301(5, '100006', '2026-01-10', '2026-01-10', '2026-12-31'),
  jw305('2026-01-12', 5, '100006', '2026-01-10', '2026-01-11'),
  jw301(5, '100006', '2026-04-10', '2026-01-10', '2026-04-30', '01'),
  jw301(6, '100007', '2026-02-02', '2026-02-02', '2026-12-31'),
  jw305('2026-02-04', 6, '100007', '2026-02-02', '2026-02-03'),
  jw301(6, '100007', '2026-04-15', '2026-02-02', '2026-02-02', '13'),
  jw301(7, '100008', '2026-02-15', '2026-02-15', '2026-12-31'),
  jw305('2026-03-10', 7, '100008', '2026-02-15', '2026-02-20'),
  jw301(13, '100014', '2026-03-02', '2026-03-02', '2026-12-31'),
  jw305('2026-03-04', 13, '100014', '2026-03-02', '2026-03-03'),
  jw307('2026-04-03', 13, '100014', '2026-03-02', '2026-03-03', '2026-03-20'),
  jw301(14, '100015', '2026-03-09', '2026-03-09', '2026-12-31'),
  jw305('2026-04-06', 14, '100015', '2026-03-09', '2026-03-10'),
  jw323('2026-03-25', 1, '100001', 'RN1', '2026-03-01', '2026-03-15', 50000),
  jw323('2026-04-01', 1, '100001', 'RN2', '2026-03-16', '2026-03-31', 500000),
  jw323('2026-06-05', 8, '100009', 'RN3', '2026-05-05', '2026-05-31', 200000),
  // sent the day after March and May end: a report as of the period's end does not know them (nor their dates)
  jw301(11, '100012', '2026-04-01', '2026-04-01', '2026-12-31'),
  jw301(12, '100013', '2026-06-01', '2026-06-01', '2026-12-31'),
  jw301(8, '100009', '2026-05-04', '2026-05-04', '2026-05-31'),
  jw305('2026-05-06', 8, '100009', '2026-05-04', '2026-05-05'),
  jw301(8, '100009', '2026-06-02', '2026-05-04', '2026-08-31', '01'),
  jw301(9, '100010', '2026-05-10', '2026-05-10', '2026-12-31'),
  jw305('2026-05-12', 9, '100010', '2026-05-10', '2026-05-11'),
  jw301(9, '100010', '2026-06-05', '2026-05-10', '2026-06-15', '01'),
  jw301(10, '100011', '2026-05-12', '2026-05-12', '2026-12-31'),
  jw305('2026-05-14', 10, '100011', '2026-05-12', '2026-05-13'),
  jw301(10, '100011', '2026-06-10', '2026-05-12', '2026-05-12', '13'),
  // a July claim of b2 sent 16 July, rejected by a JW325 sent 25 July; a second JW325 for the same declaration,
  // sent 5 August, accepts it after all
  jw323('2026-07-16', 2, '100002', 'RN4', '2026-07-01', '2026-07-15', 30000),
  jw325('2026-07-25', 2, '100002', 'RN4', '2026-07-01', '2026-07-15', 30000, true),
  jw325('2026-08-05', 2, '100002', 'RN4', '2026-07-01', '2026-07-15', 30000, false),
];

forEachBackend('an as-of report uses the allocation version valid then', (kind) => {
  let db: TestDb;
  let dir: string;
  /** loads the messages sent in [from, to] */
  const load = async (from: string, to: string) => {
    const msgs = MESSAGES.filter((m) => m.dag >= from && m.dag <= to);
    const reports = await importIjwFiles(
      { store: db.store, dataDir: dir, key: TEST_KEY },
      // the file name starts with the day the message was sent, so a report's list of sources shows it
      msgs.map((m, i) => writeCsv(dir, `${m.dag}-m${from}-${i}.xml`, m.xml)),
    );
    for (const r of reports) assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    await rebuildLens(db.store, dir);
  };
  const report = async (period: string): Promise<ReportModel> => {
    const holder = new LensHolder(dir);
    try {
      return await buildReport(reportData(db.store, holder), {
        kind: 'maand',
        gemeente: G,
        period,
        now: new Date('2026-07-10T00:00:00Z'),
      });
    } finally {
      holder.close();
    }
  };
  const bridge = (m: ReportModel) =>
    m.sections
      .find((s) => s.heading === 'Kerncijfers')!
      .tables[1]!.rows.map((r) => r[1])
      .join(' ');
  /** an indicator's gemeente row on the lens as of `asOf` */
  const row = async (id: string, period: string, asOf: string) => {
    const lens = await Lens.open(dir, undefined, asOf);
    try {
      const rows = await findIndicator(id)!.compute(lens, { period: parsePeriod(period), gemeenten: [G] });
      return rows.find((r) => r.key === null);
    } finally {
      lens.close();
    }
  };
  /** an indicator's gemeente figure on the lens as of `asOf` */
  const value = async (id: string, period: string, asOf: string) => (await row(id, period, asOf))?.value ?? 0;
  /** one allocation's row of traj on the lens as of `asOf` */
  const traj = async (nr: string, asOf: string) => {
    const lens = await Lens.open(dir, undefined, asOf);
    try {
      const rows = await lens.query<Record<string, unknown>>(
        `SELECT start_date, end_date, end_reason, eff_start, eff_end, start_from_allocation FROM traj WHERE allocation_number = '${nr}'`,
      );
      assert.equal(rows.length, 1, nr);
      return rows[0]!;
    } finally {
      lens.close();
    }
  };

  const before_: Record<string, ReportModel> = {};
  before(async () => {
    db = await freshStore(kind);
    dir = tempDir('zicht-asofv-');
    await db.store.exec(
      "INSERT INTO region VALUES ('R','Regio',true) ON CONFLICT DO NOTHING; INSERT INTO gemeente VALUES ('0363','Amsterdam','R',true) ON CONFLICT DO NOTHING;",
    );
    // the messages of the day after the period's end are imported last, so they are the latest import of their type
    await load('2026-01-01', '2026-03-31');
    await load('2026-04-01', '2026-04-01');
    before_['2026-03'] = await report('2026-03');
    await load('2026-04-02', '2026-05-31');
    await load('2026-06-01', '2026-06-01');
    before_['2026-05'] = await report('2026-05');
  });
  after(async () => db.drop());

  it('March as of 31 March: an allocation shortened or withdrawn in April is there with its March version', async () => {
    assert.equal(await value('youth_in_care', '2026-03', '2026-03-31'), 7, 'b1 b2 b5 b6 b7 b13 b14');
    assert.equal(await value('youth_in_care', '2026-02', '2026-03-31'), 6, 'b1 b2 b4 b5 b6 b7');
    assert.equal(await value('youth_in_care', '2026-02', '2026-02-28'), 6);
    assert.equal(await value('stock_youth', '2026-01', '2026-02-28'), 3, 'b1 b4 b5 on 31 January');
    assert.equal(await value('inflow_youth', '2026-02', '2026-02-28'), 3, 'b2 b6 b7');
    assert.equal(await value('outflow_youth', '2026-02', '2026-02-28'), 1, 'b4');
    assert.equal(await value('stock_youth', '2026-02', '2026-02-28'), 5);
    assert.equal(bridge(before_['2026-03']!), '5 2 0 0 7', 'b3 was withdrawn within March: never counts');
  });

  it('March as of 31 March: a stop or start sent in April (dated in March) is not known yet', async () => {
    // the April messages are loaded; as of 31 March they were not sent yet
    assert.equal(await value('outflow_youth', '2026-03', '2026-03-31'), 0, 'b13 stop sent 04-03');
    assert.equal(await value('stock_youth', '2026-03', '2026-03-31'), 7);
    assert.equal(await value('inflow_youth', '2026-03', '2026-03-31'), 2, 'b13 b14');
    assert.deepEqual(await traj('100014', '2026-03-31'), {
      start_date: '2026-03-03',
      end_date: null,
      end_reason: null,
      eff_start: '2026-03-03',
      eff_end: '2026-12-31',
      start_from_allocation: false,
    });
    assert.deepEqual(await traj('100015', '2026-03-31'), {
      start_date: null,
      end_date: null,
      end_reason: null,
      eff_start: '2026-03-09',
      eff_end: '2026-12-31',
      start_from_allocation: true,
    });
    // as of 30 April both messages were sent
    assert.deepEqual(await traj('100014', '2026-04-30'), {
      start_date: '2026-03-03',
      end_date: '2026-03-20',
      end_reason: '31',
      eff_start: '2026-03-03',
      eff_end: '2026-03-20',
      start_from_allocation: false,
    });
    assert.deepEqual(await traj('100015', '2026-04-30'), {
      start_date: '2026-03-10',
      end_date: null,
      end_reason: null,
      eff_start: '2026-03-10',
      eff_end: '2026-12-31',
      start_from_allocation: false,
    });
    assert.equal(await value('outflow_youth', '2026-03', '2026-04-30'), 1, 'b13, known in April');
  });

  it('March as of 31 March: a claim for March sent on 1 April is not known yet; as of 30 April it is', async () => {
    // loaded before the March report was made: only the claim sent on 25 March counts
    assert.equal(await value('cost_total', '2026-03', '2026-03-31'), 500, 'RN1 only');
    assert.equal(await value('cost_total', '2026-03', '2026-04-30'), 5500, 'RN1 + RN2');
    const early = await row('forecast_year_end', '2026-03', '2026-03-31');
    const late = await row('forecast_year_end', '2026-03', '2026-04-30');
    assert.equal(early?.realised, 500);
    assert.equal(late?.realised, 5500);
    assert.ok(Number(early?.value) < Number(late?.value), `${early?.value} < ${late?.value}`);
  });

  it("a report's list of sources names no message sent after its day", async () => {
    /** the send days of the iJw messages a report's sources name, per message type */
    const sent = (m: ReportModel) =>
      Object.fromEntries(
        m.sources.flatMap((line) => {
          // one message: its file; many: "n berichten, laatste <day> (<file>)"
          const hit = /^(JW\d{3}): (?:[\d.]+ berichten, laatste [^(]+\()?(\d{4}-\d{2}-\d{2})-m/.exec(line);
          return hit ? [[hit[1]!, hit[2]!]] : [];
        }),
      );
    const march = sent(before_['2026-03']!);
    assert.equal(march.JW323, '2026-03-25', 'the claim sent on 1 April is not named');
    for (const [type, day] of Object.entries(march)) assert.ok(day <= '2026-03-31', `${type} ${day}`);
    const may = sent(before_['2026-05']!);
    assert.ok(Object.keys(may).length > 0);
    for (const [type, day] of Object.entries(may)) assert.ok(day <= '2026-05-31', `${type} ${day}`);
  });

  it('the data end and completeness of a report are those of the data known on its day', async () => {
    // known on 31 March: the last message was sent on 25 March (the JW323 RN1); the messages of 1 April do not
    // make March complete in a report as of 31 March
    assert.equal(before_['2026-03']!.sources[0], 'Gegevens tot en met 2026-03-25 (laatste datum in de lens).');
    const notes = before_['2026-03']!.sections.flatMap((s) => s.tables.map((t) => t.note ?? '')).join(' ');
    assert.match(notes, /periode loopt voorbij de laatste gegevens/);
    assert.ok((await row('youth_in_care', '2026-03', '2026-03-31'))?.flags.includes('periode_niet_compleet'));
    // as of 30 April the data known reach beyond March (the JW301 of 15 April)
    assert.equal((await row('youth_in_care', '2026-03', '2026-04-30'))?.flags.includes('periode_niet_compleet'), false);
    assert.equal(before_['2026-05']!.sources[0], 'Gegevens tot en met 2026-05-14 (laatste datum in de lens).');
  });

  it('May as of 31 May: the shortening (b5) and withdrawal (b6) of April count, June changes do not', async () => {
    assert.equal(await value('youth_in_care', '2026-05', '2026-05-31'), 8, 'b1 b2 b7 b8 b9 b10 b11 b14');
    assert.equal(bridge(before_['2026-05']!), '6 3 0 1 8', 'b1 b2 b5 b7 b11 b14 + b8 b9 b10 − b5');
  });

  it('the March and May reports are the same after later messages (JW301 versions, a late JW305 and JW307) are loaded', async () => {
    await load('2026-06-02', '2026-06-30');
    for (const p of ['2026-03', '2026-05']) {
      const now = await report(p);
      assert.deepEqual(now.sections, before_[p]!.sections, p);
    }
    assert.equal(await value('youth_in_care', '2026-05', '2026-05-31'), 8);
    assert.equal(await value('youth_in_care', '2026-03', '2026-03-31'), 7);
    // the claim for May sent on 5 June: not known on 31 May, known on 30 June
    assert.equal(await value('cost_total', '2026-05', '2026-05-31'), 0, 'RN3 sent 06-05');
    assert.equal(await value('cost_total', '2026-05', '2026-06-30'), 2000, 'RN3');
  });

  /** claim RN4's status and status date in the store, and its status on the lens as of `asOf` */
  const rn4 = async (asOf: string) => {
    const [stored] = await db.store.query<{ status: string; status_date: string | null }>(
      "SELECT status, status_date FROM claim_line WHERE claim_id = '65656055:RN4'",
    );
    const lens = await Lens.open(dir, undefined, asOf);
    try {
      const [l] = await lens.query<{ status: string }>("SELECT status FROM claim_line WHERE claim_id = '65656055:RN4'");
      return { ...stored!, asOf: l?.status ?? null };
    } finally {
      lens.close();
    }
  };

  it('a claim rejected by a JW325 sent after the day counts as submitted as of that day; as of a later day it does not', async () => {
    await load('2026-07-01', '2026-07-31');
    assert.equal(await value('cost_total', '2026-07', '2026-07-20'), 300, 'RN4 sent 07-16, rejected only on 07-25');
    // the answer's send date is kept with the status it set
    assert.deepEqual(await rn4('2026-07-20'), { status: 'afgewezen', status_date: '2026-07-25', asOf: 'ingediend' });
    assert.equal(await value('cost_total', '2026-07', '2026-07-24'), 300);
    assert.equal((await rn4('2026-07-25')).asOf, 'afgewezen');
    assert.equal(await value('cost_total', '2026-07', '2026-07-31'), 0, 'RN4 rejected on 07-25');
    assert.equal(await value('cost_total', '2026-07', '2026-07-15'), 0, 'RN4 not sent yet');
  });

  it('a declaration answered twice takes the status of the answer sent last by the day of the report', async () => {
    await load('2026-08-01', '2026-08-31');
    assert.deepEqual(await rn4('2026-08-10'), { status: 'toegekend', status_date: '2026-08-05', asOf: 'toegekend' });
    assert.equal(await value('cost_total', '2026-07', '2026-08-10'), 300, 'accepted by the answer of 08-05');
    // as of a day between the two answers the line has the first answer's status (red team 5a: the later answer
    // rewrote that day's report), before the first answer it is as submitted
    assert.equal((await rn4('2026-07-31')).asOf, 'afgewezen');
    assert.equal((await rn4('2026-07-20')).asOf, 'ingediend');
    // loading the earlier answer again (a new message, sent before the later one) does not undo the later answer
    const again = jw325('2026-07-26', 2, '100002', 'RN4', '2026-07-01', '2026-07-15', 30000, true);
    const [r] = await importIjwFiles({ store: db.store, dataDir: dir, key: TEST_KEY }, [
      writeCsv(dir, `${again.dag}-again.xml`, again.xml),
    ]);
    assert.equal(r!.status, 'committed', JSON.stringify(r!.problems));
    await rebuildLens(db.store, dir);
    assert.deepEqual(await rn4('2026-08-10'), { status: 'toegekend', status_date: '2026-08-05', asOf: 'toegekend' });
  });
});
