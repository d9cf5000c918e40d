/**
 * Excel import with a mapping profile: a workbook as a gemeente's system exports it (own column
 * names, the data on the second sheet, dates as Excel dates, an AGB code Excel turned into a
 * number) arrives as canonical records; a bad cell is named by its Excel row; nothing is imported
 * twice; broken profiles and files say what is wrong.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PgliteStore } from '../../store/pglite.js';
import { migrate } from '../../store/migrate.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow } from '../../testing/fixtures.js';
import { importXlsxFile } from './import.js';
import { parseProfile, ProfileError, readProfile, saveProfile, type MappingProfile } from './profiles.js';
import { cellText, sheetToCsv, unescapeXstring } from './sheet.js';

const OWN: Record<string, string> = {
  client_id: 'Cliëntnummer',
  aanbieder_agb: 'AGB-code zorgaanbieder',
  startdatum: 'Begin zorg',
  einddatum: 'Einde zorg',
  bedrag_toegekend: 'Bedrag (€)',
};
const profile: MappingProfile = {
  naam: 'suite-jeugd',
  soort: 'trajecten',
  blad: 'Export',
  kolommen: Object.fromEntries(Object.entries(OWN).map(([canon, own]) => [own, canon])),
};

/** A workbook with a cover sheet and the data on sheet "Export", typed the way Excel types cells. */
async function workbook(path: string, rows: Array<Record<string, string>>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Toelichting').addRow(['Export uit het eigen systeem, 1 juli 2024']);
  const ws = wb.addWorksheet('Export');
  const cols = TRAJECTEN_HEADER.split(';');
  ws.addRow(cols.map((c) => OWN[c] ?? c));
  for (const r of rows) {
    ws.addRow(
      cols.map((c) => {
        const v = r[c] ?? '';
        if (/datum$|^(startdatum|einddatum)$/.test(c) && /^\d{4}-\d{2}-\d{2}$/.test(v))
          return new Date(`${v}T00:00:00Z`);
        if (c === 'aanbieder_agb' || c === 'gemeente') return Number(v); // Excel drops the leading zeros
        if (c === 'bedrag_toegekend' && v) return Number(v.replace(',', '.'));
        return v;
      }),
    );
  }
  await wb.xlsx.writeFile(path);
}

const parse = (over: Partial<Record<string, string>>) => {
  const cols = TRAJECTEN_HEADER.split(';');
  const values = trajectRow(over).split(';');
  return Object.fromEntries(cols.map((c, i) => [c, values[i]!]));
};

describe('Excel import with a mapping profile', () => {
  let store: PgliteStore;
  let dir: string;
  before(async () => {
    store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Testdorp','R',true), ('0150','Deventer','R',false);",
    );
    dir = tempDir('zicht-xlsx-');
    saveProfile(dir, profile);
  });
  after(async () => store.close());

  it('reads the named sheet with the profile: own headers, Excel dates, codes with their zeros back', async () => {
    const path = join(dir, 'export-juli.xlsx');
    await workbook(path, [
      parse({ traject_id: 'X1', client_id: testBsn(21), aanbieder_agb: '01234567', gemeente: '0150' }),
      parse({
        traject_id: 'X2',
        client_id: testBsn(22),
        startdatum: '2024-02-01',
        einddatum: '',
        reden_einde: '',
        doelrealisatie: '',
      }),
    ]);
    const r = await importXlsxFile({ store, dataDir: dir, key: TEST_KEY }, path, {
      profile: readProfile(dir, 'suite-jeugd'),
    });
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    assert.equal(r.file, 'export-juli.xlsx (blad Export)');
    assert.equal(r.rowsAccepted, 2);
    const rows = await store.query<{
      trajectory_id: string;
      gemeente_code: string;
      provider_agb: string;
      start_date: string;
      end_date: string | null;
      budget_cents: number;
    }>(
      "SELECT trajectory_id, gemeente_code, provider_agb, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date, budget_cents::int AS budget_cents FROM trajectory ORDER BY trajectory_id",
    );
    assert.deepEqual(rows, [
      {
        trajectory_id: 'X1',
        gemeente_code: '0150',
        provider_agb: '01234567',
        start_date: '2024-01-15',
        end_date: '2024-06-30',
        budget_cents: 325050,
      },
      {
        trajectory_id: 'X2',
        gemeente_code: '9001',
        provider_agb: '12345678',
        start_date: '2024-02-01',
        end_date: null,
        budget_cents: 325050,
      },
    ]);
    const [run] = await store.query<{ report: { werkmap: string; blad: string; werkmap_sha256: string } }>(
      'SELECT report FROM import_run WHERE id = $1',
      [r.runId],
    );
    assert.deepEqual(
      [run!.report.werkmap, run!.report.blad, run!.report.werkmap_sha256.length],
      ['export-juli.xlsx', 'Export', 64],
      'lineage names the workbook',
    );
    const again = await importXlsxFile({ store, dataDir: dir, key: TEST_KEY }, path, {
      profile: readProfile(dir, 'suite-jeugd'),
    });
    assert.equal(again.status, 'unchanged', 'the same workbook twice changes nothing');
  });

  it('names the Excel row and the canonical column of a bad cell, and imports nothing of the file', async () => {
    const path = join(dir, 'fout.xlsx');
    await workbook(path, [
      parse({ traject_id: 'Y1', client_id: testBsn(23) }),
      parse({ traject_id: 'Y2', client_id: testBsn(24) }),
      parse({ traject_id: 'Y3', client_id: testBsn(25), startdatum: '31-02-2024' }),
    ]);
    const r = await importXlsxFile({ store, dataDir: dir, key: TEST_KEY }, path, { profile });
    assert.equal(r.status, 'rejected');
    assert.deepEqual(
      [r.problems[0]!.line, r.problems[0]!.column, r.problems[0]!.code],
      [4, 'startdatum', 'impossible_date'],
      'header is row 1, so the third data row is Excel row 4',
    );
    assert.ok(r.problems.every((p) => p.line === 4));
    assert.equal((await store.query("SELECT 1 FROM trajectory WHERE trajectory_id LIKE 'Y%'")).length, 0);
  });

  it("decodes Excel's _xHHHH_ escapes, so a control character stored that way is refused (red team 20)", async () => {
    const path = join(dir, 'stuurteken.xlsx');
    await workbook(path, [
      parse({ traject_id: 'CTL1', client_id: testBsn(26), team: 'Team_x0007_A' }),
      parse({ traject_id: 'CTL2', client_id: testBsn(27), team: 'Team_x0085_B' }),
    ]);
    const r = await importXlsxFile({ store, dataDir: dir, key: TEST_KEY }, path, { profile });
    assert.equal(r.status, 'rejected');
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.column, p.code]),
      [
        [2, 'team', 'not_text'],
        [3, 'team', 'not_text'],
      ],
    );
    assert.equal(unescapeXstring('a_x005F_x0007_b'), 'a_x0007_b', 'an escaped underscore stays the letters');
    assert.equal((await store.query("SELECT 1 FROM trajectory WHERE trajectory_id LIKE 'CTL%'")).length, 0);
  });

  it('says which sheets there are when the asked one is missing, and refuses a file that is not a workbook', async () => {
    const path = join(dir, 'bladen.xlsx');
    await workbook(path, [parse({ traject_id: 'Z1' })]);
    const missing = await importXlsxFile({ store, dataDir: dir, key: TEST_KEY }, path, { sheet: 'Gegevens', profile });
    assert.match(missing.problems[0]!.nl, /blad 'Gegevens' staat niet in het bestand; wel: Toelichting, Export/);
    writeFileSync(join(dir, 'kapot.xlsx'), 'dit is geen Excel-bestand');
    const broken = await importXlsxFile({ store, dataDir: dir, key: TEST_KEY }, join(dir, 'kapot.xlsx'));
    assert.deepEqual([broken.status, broken.problems[0]!.code], ['rejected', 'xlsx_unreadable']);
  });

  it('checks profiles: a column that is not canonical and an unknown record type are named', () => {
    assert.throws(
      () => parseProfile({ naam: 'x', soort: 'trajecten', kolommen: { Nummer: 'clientnummer' } }, 'x.json'),
      (e: Error) =>
        e instanceof ProfileError &&
        /kolommen\.Nummer: 'clientnummer' is geen canonieke kolom van trajecten/.test(e.message),
    );
    assert.throws(
      () => parseProfile({ naam: 'x', soort: 'cliënten', kolommen: {} }, 'x.json'),
      /onbekende soort 'cliënten'/,
    );
    // the name only, never the data directory's path (issue 13.9: the error used to show where the profiles live)
    assert.throws(
      () => readProfile(dir, 'bestaat-niet'),
      (e: Error) => /profiel 'bestaat-niet' bestaat niet; wel: suite-jeugd/.test(e.message) && !e.message.includes(dir),
    );
  });

  it('turns Excel cell values into the text a person would type', () => {
    assert.deepEqual(
      [
        cellText(new Date('2024-03-05T00:00:00Z')),
        cellText(12.5),
        cellText(0.1 + 0.2),
        cellText({ richText: [{ text: 'Noord' }, { text: 'oost' }] }),
        cellText({ formula: 'A1*2', result: 42 }),
        cellText({ error: '#N/A' }),
        cellText(true),
        cellText(null),
      ],
      ['2024-03-05', '12.5', '0.3', 'Noordoost', '42', '#N/A', 'ja', ''],
    );
  });
  it('our own reader turns every kind of cell exceljs writes into the text a person would type', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Cellen');
    ws.addRow(['tekst', 'formule', 'waar', 'datum', 'fout', 'lastig', 'getal', 'formuletekst', 'link', 'leeg', 'code']);
    const row = ws.addRow([
      { richText: [{ text: 'Jeugd' }, { text: ' & Gezin', font: { bold: true } }] },
      { formula: '1+1', result: 2 },
      true,
      new Date('2024-03-05T00:00:00Z'),
      { error: '#N/A' },
      'a;"b"',
      3.25,
      { formula: '"a"&"b"', result: 'ab' },
      { text: 'site', hyperlink: 'http://x' },
      null,
      'x',
    ]);
    row.getCell(4).numFmt = 'dd-mm-yyyy';
    ws.getRow(5).getCell(2).value = -1.5;
    const path = join(dir, 'cellen.xlsx');
    await wb.xlsx.writeFile(path);
    const csv = join(dir, 'cellen.csv');
    const r = await sheetToCsv(path, csv);
    assert.deepEqual([r.sheet, r.rows], ['Cellen', 2]);
    assert.equal(
      readFileSync(csv, 'utf8'),
      'tekst;formule;waar;datum;fout;lastig;getal;formuletekst;link;leeg;code\nJeugd & Gezin;2;ja;2024-03-05;#N/A;"a;""b""";3.25;ab;site;;x\n\n\n;-1.5\n',
    );
  });
});
