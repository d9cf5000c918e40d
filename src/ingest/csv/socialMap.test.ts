/**
 * Canonical CSV aanbod (issue 21, the sociale kaart): bad input first — missing columns, bad ages, an end before the
 * start, an unknown theme, personal data in the contact details or the text, a duplicate id, an unknown gemeente;
 * every problem names file, line and column, and a refused file writes nothing — then the round trip with lineage,
 * row-level security per gemeente, and the same file as Excel through the xlsx reader.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { forEachBackend, freshStore, type TestDb } from '../../testing/backends.js';
import { TEST_KEY, tempDir, writeCsv } from '../../testing/fixtures.js';
import { withScope } from '../../store/sql.js';
import { importXlsxFile } from '../xlsx/import.js';
import { recognise } from './recordTypes.js';
import { importCsvFile, type ImportContext } from './import.js';
import type { FileReport } from '../report.js';

export const AANBOD_HEADER =
  'aanbod_id;gemeente;organisatie;naam;doelgroep;omschrijving;leeftijd_van;leeftijd_tot;themas;wijk;vrij_toegankelijk;website;telefoon;email;geldig_van;geldig_tot';
const GOOD =
  'A1;9001;Stichting Opvoedpunt;Opvoedspreekuur;ouders;Elke dinsdag;0;18;opvoeden;Centrum;ja;opvoedpunt.nl;0101234567;info@opvoedpunt.nl;2025-01-01;';

const codes = (r: FileReport): string[] => r.problems.map((p) => `${p.line}:${p.column}:${p.code}`);

describe('aanbod files are recognised', () => {
  it('by name, or by the header alone', () => {
    assert.equal(recognise('aanbod-2026.csv', [])?.id, 'aanbod');
    assert.equal(recognise('sociale-kaart.csv', AANBOD_HEADER.split(';'))?.id, 'aanbod');
  });
});

forEachBackend('canonical CSV aanbod', (kind) => {
  let db: TestDb;
  let ctx: ImportContext;
  let dir: string;
  before(async () => {
    db = await freshStore(kind);
    dir = tempDir();
    ctx = { store: db.store, dataDir: dir, key: TEST_KEY };
    await db.store.exec(
      `INSERT INTO region VALUES ('DEMO','Demoregio',true);
       INSERT INTO gemeente VALUES ('9001','Demodorp','DEMO',true), ('9002','Demostad','DEMO',true);`,
    );
  });
  after(async () => db.drop());

  const count = async () =>
    Number((await db.store.query<{ n: number }>('SELECT count(*)::int AS n FROM social_offer'))[0]!.n);

  it('refuses a file whose header lacks required columns, naming each', async () => {
    const f = writeCsv(dir, 'aanbod-kolommen.csv', 'aanbod_id;gemeente;organisatie;naam;themas\nA1;9001;X;Y;school\n');
    const r = await importCsvFile(ctx, f);
    assert.equal(r.status, 'rejected');
    assert.equal(r.file, 'aanbod-kolommen.csv');
    const missing = r.problems
      .filter((p) => p.code === 'missing_column')
      .map((p) => p.column)
      .sort();
    assert.deepEqual(missing, ['geldig_van', 'leeftijd_tot', 'leeftijd_van', 'vrij_toegankelijk']);
    assert.equal(await count(), 0);
  });

  it('refuses bad ages, an end before the start, unknown themes, personal data, duplicates and a wrong gemeente', async () => {
    const f = writeCsv(
      dir,
      'aanbod-fout.csv',
      [
        AANBOD_HEADER,
        GOOD,
        'A2;9001;Org;Naam;;;-1;18;school;;ja;org.nl;;;2025-01-01;',
        'A3;9001;Org;Naam;;;12;40;school;;ja;org.nl;;;2025-01-01;',
        'A4;9001;Org;Naam;;;12;4;school;;ja;org.nl;;;2025-01-01;',
        'A5;9001;Org;Naam;;;0;18;school;;ja;org.nl;;;2025-06-01;2025-05-31',
        'A6;9001;Org;Naam;;;0;18;school|wachtlijst;;ja;org.nl;;;2025-01-01;',
        'A7;9001;Org;Naam;;;0;18;school;;ja;;0612345678;;2025-01-01;',
        'A8;9001;Org;Naam;;;0;18;school;;ja;;;jan.jansen@org.nl;2025-01-01;',
        'A9;9001;Org;Naam;Bel Piet op 06-12345678;;0;18;school;;ja;org.nl;;;2025-01-01;',
        'A1;9001;Org;Naam;;;0;18;school;;ja;org.nl;;;2025-01-01;',
        'A10;9999;Org;Naam;;;0;18;school;;ja;org.nl;;;2025-01-01;',
        'A11;9001;Org;Naam;;;0;18;school;;misschien;;;;2025-01-01;',
        'A12;9001;Org;Naam;;;0;18;;;ja;org.nl;;;31-13-2025;',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    assert.equal(r.status, 'rejected');
    assert.equal(r.recordType, 'aanbod');
    assert.equal(r.rowsAccepted, 0);
    const c = codes(r);
    for (const want of [
      '3:leeftijd_van:invalid_age',
      '4:leeftijd_tot:invalid_age',
      '5:leeftijd_tot:age_to_before_from',
      '6:geldig_tot:end_before_start',
      '7:themas:unknown_theme',
      '8:telefoon:personal_data',
      '9:email:personal_data',
      '10:doelgroep:personal_data',
      '11:aanbod_id:duplicate_line',
      '12:gemeente:unknown_gemeente',
      '13:vrij_toegankelijk:invalid_yes_no',
      '13:website:no_contact',
      '14:themas:required',
      '14:geldig_van:impossible_date',
    ])
      assert.ok(c.includes(want), `${want} in ${c.join(', ')}`);
    assert.ok(!c.some((x) => x.startsWith('2:')), `the good line has no problem: ${c.join(', ')}`);
    const dup = r.problems.find((p) => p.code === 'duplicate_line')!;
    assert.match(dup.nl, /regel 2/, 'the earlier line is named');
    const theme = r.problems.find((p) => p.code === 'unknown_theme')!;
    assert.match(theme.nl, /wachtlijst/);
    assert.ok(theme.nl.includes('psychisch_welzijn'), 'the allowed themes are listed');
    assert.equal(theme.value, 'school|wachtlijst');
    assert.equal(await count(), 0, 'nothing of a refused file is written');
  });

  it('imports a good file with lineage, updates by id from a later file, and keeps gemeenten apart', async () => {
    const f = writeCsv(
      dir,
      'aanbod.csv',
      [
        AANBOD_HEADER,
        GOOD,
        'B1;9002;Bibliotheek Demostad;Huiswerkklas;scholieren;;10;16;school, vrije tijd;Noord;ja;https://bieb.example.nl/huiswerk;+31 (0)10 123 4567;;2025-01-01;2026-12-31',
        'B2;9002;Jongerenwerk;Inloop;jongeren;;12;23;Psychisch welzijn|vrije_tijd;;nee;;0800 1234;jongerenwerk@example.nl;2024-01-01;2024-12-31',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    assert.equal(r.rowsAccepted, 3);
    const rows = await db.store.query<{
      offer_id: string;
      themes: string[];
      website: string | null;
      open_access: boolean;
      source_ref: string;
      source_run_id: number;
    }>('SELECT offer_id, themes, website, open_access, source_ref, source_run_id FROM social_offer ORDER BY offer_id');
    assert.deepEqual(
      rows.map((x) => [x.offer_id, x.themes, x.website, x.open_access]),
      [
        ['A1', ['opvoeden'], 'https://opvoedpunt.nl', true],
        ['B1', ['school', 'vrije_tijd'], 'https://bieb.example.nl/huiswerk', true],
        ['B2', ['psychisch_welzijn', 'vrije_tijd'], null, false],
      ],
    );
    assert.ok(
      rows.every((x) => Number(x.source_run_id) === r.runId && x.source_ref.length > 0),
      'lineage',
    );
    const seen = await withScope(db.store, { gemeenten: ['9001'] }, (tx) =>
      tx.query<{ offer_id: string }>('SELECT offer_id FROM social_offer'),
    );
    assert.deepEqual(
      seen.map((x) => x.offer_id),
      ['A1'],
      'row-level security: 9001 sees only its own offers',
    );
    const later = writeCsv(dir, 'aanbod-2.csv', [AANBOD_HEADER, `${GOOD}2025-12-31`].join('\n') + '\n');
    const r2 = await importCsvFile(ctx, later);
    assert.equal(r2.status, 'committed', JSON.stringify(r2.problems));
    const [a1] = await db.store.query<{ valid_to: string }>(
      "SELECT valid_to::text AS valid_to FROM social_offer WHERE offer_id = 'A1'",
    );
    assert.equal(a1!.valid_to, '2025-12-31', 'a later file ends the offer');
    assert.equal(await count(), 3);
    assert.equal(r2.notices, undefined, 'an offer the last file wrote is replaced without a word');
    // changed on the page Sociale kaart since: the next file still replaces it, and says so with the line
    await db.store.query(
      "UPDATE social_offer SET changed_by = 'analist9001', changed_at = now() WHERE offer_id = 'A1'",
    );
    const r3 = await importCsvFile(ctx, writeCsv(dir, 'aanbod-3.csv', [AANBOD_HEADER, GOOD].join('\n') + '\n'));
    assert.equal(r3.status, 'committed', JSON.stringify(r3.problems));
    assert.deepEqual(
      r3.notices?.map((n) => [n.code, n.count, n.lines]),
      [['replaces_page_edit', 1, [2]]],
    );
  });

  it('reads the same offers from Excel, and names the sheet row of a bad one', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Aanbod');
    ws.addRow(AANBOD_HEADER.split(';'));
    ws.addRow([
      'X1',
      '9001',
      'Buurtcentrum',
      'Kookclub',
      'kinderen',
      '',
      6,
      12,
      'vrije_tijd',
      'Noord',
      'ja',
      'buurt.example.nl',
      '',
      '',
      '2025-02-01',
      '',
    ]);
    ws.addRow([
      'X2',
      '9001',
      'Buurtcentrum',
      'Kookclub 2',
      'kinderen',
      '',
      14,
      6,
      'vrije_tijd',
      '',
      'ja',
      'buurt.example.nl',
      '',
      '',
      '2025-02-01',
      '',
    ]);
    const bad = join(dir, 'aanbod-fout.xlsx');
    await wb.xlsx.writeFile(bad);
    const r = await importXlsxFile(ctx, bad);
    assert.equal(r.status, 'rejected');
    assert.match(r.file, /^aanbod-fout\.xlsx/);
    assert.deepEqual(codes(r), ['3:leeftijd_tot:age_to_before_from']);
    ws.spliceRows(3, 1);
    const good = join(dir, 'aanbod.xlsx');
    await wb.xlsx.writeFile(good);
    const r2 = await importXlsxFile(ctx, good);
    assert.equal(r2.status, 'committed', JSON.stringify(r2.problems));
    assert.equal(r2.recordType, 'aanbod');
    const [x1] = await db.store.query<{ age_from: number; valid_from: string }>(
      "SELECT age_from, valid_from::text AS valid_from FROM social_offer WHERE offer_id = 'X1'",
    );
    assert.deepEqual({ ...x1 }, { age_from: 6, valid_from: '2025-02-01' });
  });
});
