/**
 * Canonical CSV ervaringen and klachten (issue 20): bad input first — every problem names file, line, column and
 * value, a file with one bad row is refused whole and kept, --accept-valid quarantines — then recognition, the round
 * trip with lineage and a pseudonym instead of the BSN, row-level security per gemeente and provider, and an Excel
 * export read through a mapping profile (soort ervaringen).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { forEachBackend, freshStore, type TestDb } from '../../testing/backends.js';
import { TEST_KEY, tempDir, testBsn, writeCsv } from '../../testing/fixtures.js';
import { withScope } from '../../store/sql.js';
import { importXlsxFile } from '../xlsx/import.js';
import { parseProfile } from '../xlsx/profiles.js';
import { recognise } from './recordTypes.js';
import { importCsvFile, type ImportContext } from './import.js';
import type { FileReport } from '../report.js';

export const ERVARINGEN_HEADER =
  'gemeente;periode;aanbieder_agb;productcategorie;productcode;thema;vraag;score;aantal_antwoorden;aantal_uitgenodigd;aantal_positief';
export const KLACHTEN_HEADER = 'klacht_id;gemeente;soort;thema;aanbieder_agb;datum;uitkomst;client_id';

const codes = (r: FileReport): string[] => r.problems.map((p) => `${p.line}:${p.column}:${p.code}`);

describe('voice files are recognised', () => {
  it('by name, or by the header alone (an ervaringen header holds every required column of tevredenheid too)', () => {
    assert.equal(recognise('ervaringen-2025H1.csv', [])?.id, 'ervaringen');
    assert.equal(recognise('klachten.csv', [])?.id, 'klachten');
    assert.equal(recognise('kwaliteitsmonitor.csv', ERVARINGEN_HEADER.split(';'))?.id, 'ervaringen');
    assert.equal(recognise('akj-register.csv', KLACHTEN_HEADER.split(';'))?.id, 'klachten');
    assert.equal(recognise('enquete.csv', ['gemeente', 'periode', 'score'])?.id, 'tevredenheid');
  });
});

forEachBackend('canonical CSV ervaringen and klachten', (kind) => {
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

  const count = async (table: string) =>
    Number((await db.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);
  const rejectedKept = async (r: FileReport) => {
    assert.equal(r.status, 'rejected');
    assert.equal(r.rowsAccepted, 0);
    const [run] = await db.store.query<{ status: string; raw_sha256: string }>(
      'SELECT status, raw_sha256 FROM import_run WHERE id = $1',
      [r.runId],
    );
    assert.equal(run?.status, 'rejected', 'the refused file is recorded');
    assert.equal((await db.store.query('SELECT 1 FROM raw_input WHERE sha256 = $1', [run!.raw_sha256])).length, 1);
  };

  it('refuses an ervaringen file with an unknown theme, more responses than invitations, negative numbers, …', async () => {
    const f = writeCsv(
      dir,
      'ervaringen-fout.csv',
      [
        ERVARINGEN_HEADER,
        '9001;2025H1;12345678;45;;tevredenheid;;7,5;40;200;30',
        '9001;2025H1;12345678;45;;algemeen;;7,5;240;200;30',
        '9001;2025H1;12345678;45;;bejegening;;7,5;-4;200;',
        '9001;2025H1;12345678;45;;informatie;;11,0;40;200;41',
        '9001;2025H7;12345678;45;;algemeen;;7,0;40;;',
        '9999;2025H1;12345678;45;;algemeen;;7,0;40;;',
        '9001;2025H1;1234;45;;resultaat;;;40;200;',
        '9001;2025H1;12345678;45;;samenwerking;;6,5;0;200;',
        '9001;2025H1;12345678;45;;veiligheid;;8,25;40;180;',
        '9001;2025H2;12345678;45;;algemeen;;7,5;40;200;30',
        '9001;2025H2;12345678;45;;Algemeen;;7,5;40;200;30',
        '9001;2025H2;12345678;45;;bejegening;;7,123;40;200;',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    await rejectedKept(r);
    assert.equal(r.recordType, 'ervaringen');
    const theme = r.problems.find((p) => p.code === 'unknown_theme')!;
    assert.equal(theme.line, 2);
    assert.equal(theme.column, 'thema');
    assert.equal(theme.value, 'tevredenheid');
    for (const w of [
      'algemeen',
      'bejegening',
      'bereikbaarheid',
      'informatie',
      'samenwerking',
      'resultaat',
      'veiligheid',
    ])
      assert.ok(theme.nl.includes(w) && theme.en.includes(w), `the allowed themes are listed: ${w}`);
    const more = r.problems.find((p) => p.code === 'responses_exceed_invitations')!;
    assert.equal(more.value, '240');
    assert.match(more.nl, /240.*200/);
    const c = codes(r);
    for (const want of [
      '3:aantal_antwoorden:responses_exceed_invitations',
      '4:aantal_antwoorden:negative_number',
      '5:score:out_of_range',
      '5:aantal_positief:positive_exceed_responses',
      '6:periode:invalid_period',
      '7:gemeente:unknown_gemeente',
      '8:aanbieder_agb:invalid_agb',
      '8:score:required',
      '9:score:score_without_responses',
      '10:aantal_uitgenodigd:invitations_differ',
      '12:vraag:duplicate_line',
      '13:score:too_many_decimals',
    ])
      assert.ok(c.includes(want), `${want} in ${c.join(', ')}`);
    const differ = r.problems.find((p) => p.code === 'invitations_differ')!;
    assert.match(differ.nl, /regel 3/, 'the earlier line is named (line 2 was refused before its survey was known)');
    assert.equal(await count('experience_result'), 0, 'nothing of a refused file is written');
  });

  it('refuses a klachten file with an unknown theme or kind, a bad or future date, an unknown gemeente, a duplicate id', async () => {
    const f = writeCsv(
      dir,
      'klachten-fout.csv',
      [
        KLACHTEN_HEADER,
        'K1;9001;klacht;wachttijd;12345678;2025-03-01;gegrond;',
        'K2;9001;brief;bejegening;;2025-03-01;;',
        'K3;9001;klacht;uitvoering;;2025-02-30;;',
        'K4;9001;klacht;uitvoering;;2099-01-01;;',
        'K5;9999;klacht;anders;;2025-03-01;;',
        'K6;9001;klacht;anders;;2025-03-01;gewonnen;',
        'K7;9001;klacht;anders;;2025-03-01;;123456789',
        'K8;9001;klacht;anders;;;;',
        'K1;9001;klacht;anders;;2025-03-02;;',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    await rejectedKept(r);
    assert.equal(r.recordType, 'klachten');
    const theme = r.problems.find((p) => p.code === 'unknown_theme')!;
    assert.equal(theme.value, 'wachttijd');
    for (const w of ['bejegening', 'besluit_toegang', 'uitvoering', 'bereikbaarheid', 'anders'])
      assert.ok(theme.nl.includes(w), w);
    const c = codes(r);
    for (const want of [
      '2:thema:unknown_theme',
      '3:soort:unknown_kind',
      '4:datum:impossible_date',
      '5:datum:date_in_future',
      '6:gemeente:unknown_gemeente',
      '7:uitkomst:unknown_outcome',
      '8:client_id:invalid_bsn',
      '9:datum:required',
    ])
      assert.ok(c.includes(want), `${want} in ${c.join(', ')}`);
    const bsn = r.problems.find((p) => p.code === 'invalid_bsn')!;
    assert.ok(!String(bsn.value).includes('123456789'), 'a client id is masked in the report');
    assert.equal(await count('complaint'), 0);
    // a duplicate id is found by the store while writing: --accept-valid writes the good rows and says so
    const dup = writeCsv(
      dir,
      'klachten-dubbel.csv',
      [KLACHTEN_HEADER, 'D1;9001;klacht;anders;;2025-03-01;;', 'D1;9001;klacht;anders;;2025-03-02;;'].join('\n') + '\n',
    );
    const d = await importCsvFile(ctx, dup);
    assert.equal(d.status, 'rejected');
    assert.ok(codes(d).includes('3:klacht_id:duplicate_id'), codes(d).join(', '));
  });

  it('--accept-valid writes the good rows and quarantines the bad ones, with their gemeente', async () => {
    const f = writeCsv(
      dir,
      'klachten-deels.csv',
      [
        KLACHTEN_HEADER,
        'Q1;9001;klacht;bejegening;12345678;2025-03-01;gegrond;',
        'Q2;9001;klacht;wachttijd;;2025-03-01;;',
        'Q3;9002;AKJ;besluit/toegang;;2025-04-01;;',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f, { acceptValid: true });
    assert.equal(r.status, 'committed');
    assert.equal(r.rowsAccepted, 2);
    const q = await db.store.query<{ gemeente_code: string; source_ref: string }>(
      'SELECT gemeente_code, source_ref FROM quarantine WHERE import_run_id = $1',
      [r.runId],
    );
    assert.deepEqual(q, [{ gemeente_code: '9001', source_ref: 'regel 3' }]);
    const [akj] = await db.store.query<{ kind: string; theme: string }>(
      "SELECT kind, theme FROM complaint WHERE complaint_id = 'Q3'",
    );
    assert.deepEqual(akj, { kind: 'vertrouwenspersoon', theme: 'besluit_toegang' }, 'AKJ and besluit/toegang are read');
  });

  it('imports experience results and complaints with lineage, a pseudonym instead of the BSN; re-reading updates', async () => {
    const e = writeCsv(
      dir,
      'ervaringen.csv',
      [
        ERVARINGEN_HEADER,
        '9001;2025H1;12345678;45;45A01;algemeen;;7,8;60;240;48',
        '9001;2025H1;12345678;45;45A01;bejegening;Voelde u zich serieus genomen?;8,1;58;240;',
        '9001;2025H1;12345678;45;45A01;informatie;;;0;240;',
        '9002;2025H1;23456789;;;algemeen;;6,9;25;;',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, e);
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    const rows = await db.store.query<Record<string, unknown>>(
      'SELECT * FROM experience_result ORDER BY gemeente_code, theme',
    );
    assert.equal(rows.length, 4);
    assert.equal(rows[0]!.score, 7.8);
    assert.equal(rows[0]!.period_start, '2025-01-01');
    assert.equal(rows[0]!.period_end, '2025-06-30');
    assert.equal(rows[0]!.source_run_id, r.runId);
    assert.equal(rows[0]!.source_ref, 'regel 2');
    assert.equal(rows[3]!.product_category, '', 'an empty product is part of the key as empty text');
    assert.equal(rows[3]!.invitations, null);
    // a newer export of the same survey updates its rows
    const e2 = writeCsv(
      dir,
      'ervaringen-v2.csv',
      [ERVARINGEN_HEADER, '9002;2025H1;23456789;;;algemeen;;7,1;27;90;'].join('\n') + '\n',
    );
    assert.equal((await importCsvFile(ctx, e2)).status, 'committed');
    const [upd] = await db.store.query<Record<string, unknown>>(
      "SELECT * FROM experience_result WHERE gemeente_code = '9002'",
    );
    assert.equal(upd!.score, 7.1);
    assert.equal(upd!.invitations, 90);

    const k = writeCsv(
      dir,
      'klachten.csv',
      [
        KLACHTEN_HEADER,
        `K-1;9001;klacht;bejegening;12345678;01-03-2025;deels gegrond;${testBsn(3)}`,
        'K-2;9001;vertrouwenspersoon;bereikbaarheid;;2025-03-05;;',
        'K-3;9002;klacht;uitvoering;23456789;2025-05-01;ongegrond;local-77',
      ].join('\n') + '\n',
    );
    const kr = await importCsvFile(ctx, k);
    assert.equal(kr.status, 'committed', JSON.stringify(kr.problems));
    const [k1] = await db.store.query<Record<string, unknown>>("SELECT * FROM complaint WHERE complaint_id = 'K-1'");
    assert.equal(k1!.complaint_date, '2025-03-01');
    assert.equal(k1!.outcome, 'deels_gegrond');
    assert.match(String(k1!.youth_pseudonym), /^P[0-9a-f]{32}$/);
    assert.equal(k1!.source_run_id, kr.runId);
    assert.equal(k1!.source_ref, 'regel 2');
    const dump =
      JSON.stringify(await db.store.query('SELECT * FROM complaint')) +
      JSON.stringify(await db.store.query('SELECT report FROM import_run'));
    assert.ok(!dump.includes(testBsn(3)), 'the BSN is nowhere in the database');
  });

  it('row-level security: a gemeente sees its own rows, a provider only its own results and the complaints about it', async () => {
    const seen = (scope: Parameters<typeof withScope>[1]) =>
      withScope(db.store, scope, async (tx) => ({
        e: (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM experience_result'))[0]!.n,
        k: (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM complaint'))[0]!.n,
      }));
    const all9001 = await seen({ gemeenten: ['9001'] });
    const e9001 = await count("experience_result WHERE gemeente_code = '9001'");
    const k9001 = await count("complaint WHERE gemeente_code = '9001'");
    assert.deepEqual(all9001, { e: e9001, k: k9001 });
    assert.deepEqual(await seen({ gemeenten: ['9002'], provider: '12345678' }), { e: 0, k: 0 });
    const prov = await seen({ gemeenten: ['9001'], provider: '12345678' });
    assert.equal(prov.e, e9001);
    assert.equal(prov.k, await count("complaint WHERE gemeente_code = '9001' AND provider_agb = '12345678'"));
    const team = await seen({ gemeenten: ['9001'], team: 'Noord' });
    assert.equal(team.k, await count("complaint WHERE gemeente_code = '9001' AND youth_pseudonym IS NULL"));
  });

  it('reads a kwaliteitsmonitor export in Excel through a mapping profile (soort ervaringen)', async () => {
    const own: Record<string, string> = {
      Gemeentecode: 'gemeente',
      Meetperiode: 'periode',
      'AGB-code': 'aanbieder_agb',
      Productcategorie: 'productcategorie',
      Thema: 'thema',
      Gemiddelde: 'score',
      Respons: 'aantal_antwoorden',
      Uitgenodigd: 'aantal_uitgenodigd',
      'Aantal 7 of hoger': 'aantal_positief',
    };
    const profile = parseProfile(
      { naam: 'kwaliteitsmonitor', soort: 'ervaringen', blad: 'Resultaten', kolommen: own },
      'test',
    );
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Resultaten');
    ws.addRow(Object.keys(own));
    ws.addRow([9002, '2025H2', 34567890, 43, 'Bejegening', 7.9, 31, 120, 27]);
    const path = join(dir, 'kwaliteitsmonitor.xlsx');
    await wb.xlsx.writeFile(path);
    const r = await importXlsxFile(ctx, path, { profile });
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    assert.equal(r.recordType, 'ervaringen');
    const [row] = await db.store.query<Record<string, unknown>>(
      "SELECT * FROM experience_result WHERE provider_agb = '34567890'",
    );
    assert.equal(row!.gemeente_code, '9002');
    assert.equal(row!.product_category, '43');
    assert.equal(row!.theme, 'bejegening');
    assert.equal(row!.score, 7.9);
    assert.deepEqual([row!.responses, row!.invitations, row!.positive], [31, 120, 27]);
  });
});
