/**
 * Issue 14 (red team, findings A and B on the report's appendix and headline):
 *  A. The list of sources ("Bronnen") of a report for gemeente G names the import runs whose records count for
 *     G (for a regio: its gemeenten), per message type with how many there were and the latest, and still
 *     leaves out iJw messages sent after the report's as-of day. Before, it named the last run of each type
 *     whatever its gemeente: a file of 0344 in the report of 0363, and one JW301 file of the seven used.
 *  B. A computed zero prints as 0 (the outflow of a month in which nobody left), "–" only for a figure that is
 *     missing: the headline and the stock bridge of the same report agree.
 * Messages generated here (testing/ijwMessages.ts), loaded through the real iJw importer, on both back ends:
 *  - 0363: JW301 for youths 1, 2, 3 sent 03-02, 03-10 and 03-28, JW305 for youth 1 sent 03-05; a JW301 for
 *    youth 4 sent 04-02 (after March: not a source of the March report as of 31 March);
 *  - 0344: one JW301 (youth 21) sent 03-29, imported last of all.
 * Nobody's care ends in March: outflow 0 for both gemeenten.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, tempDir, writeCsv } from '../testing/fixtures.js';
import { G, inGemeente, jw301, jw305, type Msg } from '../testing/ijwMessages.js';
import { importIjwFiles } from '../ingest/ijw/import.js';
import { rebuildLens } from '../lens/build.js';
import { LensHolder } from '../app/lensHolder.js';
import { reportData } from './data.js';
import { buildReport, type ReportModel } from './model.js';
import { formatCell } from './format.js';
import { writeExcel } from './excel.js';
import ExcelJS from 'exceljs';
import { join } from 'node:path';

const OTHER = '0344';

forEachBackend('a report names the sources of its own gemeente', (kind) => {
  let db: TestDb;
  let dir: string;
  const load = async (msgs: ReadonlyArray<{ name: string; msg: Msg }>) => {
    const reports = await importIjwFiles(
      { store: db.store, dataDir: dir, key: TEST_KEY },
      msgs.map(({ name, msg }) => writeCsv(dir, name, msg.xml)),
    );
    for (const r of reports) assert.equal(r.status, 'committed', JSON.stringify(r.problems));
  };
  const report = async (gemeente: string, period: string): Promise<ReportModel> => {
    const holder = new LensHolder(dir);
    try {
      return await buildReport(reportData(db.store, holder), {
        kind: 'maand',
        gemeente,
        period,
        now: new Date('2026-07-10T00:00:00Z'),
      });
    } finally {
      holder.close();
    }
  };
  const sources = (m: ReportModel, type: string) => m.sources.filter((s) => s.toLowerCase().startsWith(`${type}:`));
  const headlineCell = (m: ReportModel, indicator: string, column: number) => {
    const t = m.sections.find((s) => s.heading === 'Kerncijfers')!.tables[0]!;
    const row = t.rows.find((r) => r[0] === indicator)!;
    return { cell: row[column]!, text: formatCell(row[column]!, t.columns[column]!.unit) };
  };
  const bridgeCell = (m: ReportModel, line: number) =>
    m.sections.find((s) => s.heading === 'Kerncijfers')!.tables[1]!.rows[line]![1];

  const models: Record<string, ReportModel> = {};
  before(async () => {
    db = await freshStore(kind);
    dir = tempDir('zicht-sources-');
    await db.store.exec(
      `INSERT INTO region VALUES ('R','Regio',true) ON CONFLICT DO NOTHING;
       INSERT INTO gemeente VALUES ('${G}','Amsterdam','R',true), ('${OTHER}','Utrecht','R',true) ON CONFLICT DO NOTHING;`,
    );
    await load([
      { name: 'g-jw301-a.xml', msg: jw301(1, '200001', '2026-03-02', '2026-03-02', '2026-12-31') },
      { name: 'g-jw305-a.xml', msg: jw305('2026-03-05', 1, '200001', '2026-03-02', '2026-03-03') },
      { name: 'g-jw301-b.xml', msg: jw301(2, '200002', '2026-03-10', '2026-03-10', '2026-12-31') },
      { name: 'g-jw301-c.xml', msg: jw301(3, '200003', '2026-03-28', '2026-03-28', '2026-12-31') },
    ]);
    await load([{ name: 'g-jw301-april.xml', msg: jw301(4, '200004', '2026-04-02', '2026-04-02', '2026-12-31') }]);
    await load([
      { name: 'o-jw301-withdraw.xml', msg: inGemeente(jw301(21, '300001', '2026-03-29', '2026-03-29', null), OTHER) },
    ]);
    await rebuildLens(db.store, dir);
    models.g = await report(G, '2026-03');
    models.other = await report(OTHER, '2026-03');
    models.regio = await report('regio:R', '2026-03');
    models.later = await report(G, '2027-03');
  });
  after(async () => db.drop());

  it("names no other gemeente's file, and how many messages there were with the latest", () => {
    const jw301s = sources(models.g!, 'jw301');
    assert.equal(jw301s.length, 1, models.g!.sources.join('\n'));
    assert.match(jw301s[0]!, /^JW301: 3 berichten, laatste 28 maart 2026 \(g-jw301-c\.xml\)/i);
    assert.ok(!models.g!.sources.some((s) => s.includes('o-jw301-withdraw')), 'a file of 0344 only');
    assert.ok(!models.g!.sources.some((s) => s.includes('april')), 'sent after 31 March');
    const jw305s = sources(models.g!, 'jw305');
    assert.equal(jw305s.length, 1);
    assert.match(jw305s[0]!, /^JW305: g-jw305-a\.xml, ingelezen /i, 'one message: named as before');
  });

  it('the other gemeente names only its own file', () => {
    const jw301s = sources(models.other!, 'jw301');
    assert.equal(jw301s.length, 1, models.other!.sources.join('\n'));
    assert.match(jw301s[0]!, /^JW301: o-jw301-withdraw\.xml, ingelezen /i);
    assert.deepEqual(sources(models.other!, 'jw305'), [], 'no JW305 for 0344');
  });

  it("a regio's report counts the messages of all its gemeenten", () => {
    const jw301s = sources(models.regio!, 'jw301');
    assert.equal(jw301s.length, 1, models.regio!.sources.join('\n'));
    assert.match(jw301s[0]!, /^JW301: 4 berichten, laatste 29 maart 2026 \(o-jw301-withdraw\.xml\)/i);
  });

  it('a month with no outflow shows 0 in the headline, as in the stock bridge', () => {
    assert.equal(bridgeCell(models.g!, 3), 0, 'uitstroom in the bridge');
    const out = headlineCell(models.g!, 'uitstroom', 2);
    assert.equal(out.cell, 0);
    assert.equal(out.text, '0');
    assert.equal(headlineCell(models.g!, 'uitstroom', 1).cell, 0, 'February: nobody in care, nobody left');
  });

  it('a period after the data stays missing ("–"), in the headline and the bridge alike', () => {
    const out = headlineCell(models.later!, 'uitstroom', 2);
    assert.equal(out.cell, null);
    assert.equal(out.text, '–');
    assert.equal(bridgeCell(models.later!, 3), null);
  });

  it('the Excel file holds the same: the number 0 for a computed zero, "–" for a missing figure', async () => {
    const cells = async (m: ReportModel, name: string) => {
      const path = join(dir, name);
      await writeExcel(m, path);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path);
      const out: unknown[] = [];
      wb.getWorksheet('Kerncijfers')!.eachRow((row) => {
        if (row.getCell(1).value === 'uitstroom') out.push(row.getCell(3).value);
        if (row.getCell(1).value === 'af: uitstroom') out.push(row.getCell(2).value);
      });
      return out;
    };
    assert.deepEqual(await cells(models.g!, 'g.xlsx'), [0, 0], 'headline and bridge');
    assert.deepEqual(await cells(models.later!, 'later.xlsx'), ['–', '–']);
  });
});
