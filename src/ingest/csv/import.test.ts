import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { forEachBackend, freshStore, type TestDb } from '../../testing/backends.js';
import {
  DECLARATIES_HEADER,
  TEST_KEY,
  TRAJECTEN_HEADER,
  tempDir,
  testBsn,
  trajectRow,
  writeCsv,
} from '../../testing/fixtures.js';
import { importCsvFile, type ImportContext } from './import.js';
import { formatReport } from '../report.js';
import { CsvTokenizer } from './tokenize.js';
import { decimalEvidence } from './fields.js';
import { readRawBytes, type KeptRaw } from '../raw.js';

describe('CSV tokenizer', () => {
  it('handles quotes, doubled quotes, separators and line breaks inside fields across chunks', () => {
    const text = 'a;b;c\r\n1;"x;y";"he said ""hi"""\n2;"multi\nline";z\n3;plain;last';
    for (const size of [1, 2, 3, 7, 1000]) {
      const tok = new CsvTokenizer(';');
      const recs = [];
      for (let i = 0; i < text.length; i += size) recs.push(...tok.push(text.slice(i, i + size)));
      recs.push(...tok.end());
      assert.deepEqual(
        recs.map((r) => r.fields),
        [
          ['a', 'b', 'c'],
          ['1', 'x;y', 'he said "hi"'],
          ['2', 'multi\nline', 'z'],
          ['3', 'plain', 'last'],
        ],
        `chunk ${size}`,
      );
      assert.deepEqual(
        recs.map((r) => r.line),
        [1, 2, 3, 5],
      );
    }
  });
  it('reports a file that ends inside quotes as truncated', () => {
    const tok = new CsvTokenizer(';');
    tok.push('a;b\n1;"unfinished');
    assert.throws(() => tok.end(), /quoted field that starts on line 2/);
  });
  it('tells decimal comma, decimal point and ambiguity apart', () => {
    assert.equal(decimalEvidence('3250,50'), ',');
    assert.equal(decimalEvidence('1.234,5'), ',');
    assert.equal(decimalEvidence('3250.50'), '.');
    assert.equal(decimalEvidence('1,234.5'), '.');
    assert.equal(decimalEvidence('1.500'), 'ambiguous');
    assert.equal(decimalEvidence('12'), 'none');
  });
});

forEachBackend('canonical CSV import', (kind) => {
  let db: TestDb;
  let ctx: ImportContext;
  let dir: string;
  before(async () => {
    db = await freshStore(kind);
    dir = tempDir();
    ctx = { store: db.store, dataDir: dir, key: TEST_KEY };
    await db.store.exec(
      `INSERT INTO region VALUES ('DEMO','Demoregio',true); INSERT INTO gemeente VALUES ('9001','Demodorp','DEMO',true);`,
    );
  });
  after(async () => db.drop());

  const count = async (table: string) =>
    Number((await db.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);

  it('imports a valid file, pseudonymises the BSN and keeps lineage', async () => {
    const f = writeCsv(
      dir,
      'trajecten-ok.csv',
      [
        TRAJECTEN_HEADER,
        trajectRow(),
        trajectRow({ traject_id: 'T2', client_id: testBsn(1), einddatum: '', reden_einde: '', doelrealisatie: '' }),
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    assert.equal(r.recordType, 'trajecten');
    assert.equal(r.rowsAccepted, 2);
    const rows = await db.store.query<Record<string, unknown>>('SELECT * FROM trajectory ORDER BY trajectory_id');
    assert.equal(rows[0]!.budget_cents, 325050);
    assert.equal(rows[0]!.start_date, '2024-01-15');
    assert.equal(rows[0]!.referrer_type, '02');
    assert.equal(rows[0]!.source_ref, 'regel 2');
    assert.equal(rows[0]!.source_run_id, r.runId);
    const youth = await db.store.query<{ pseudonym: string; birth_month: string; gender: string }>(
      'SELECT * FROM youth ORDER BY pseudonym',
    );
    assert.equal(youth.length, 2);
    assert.equal(youth[0]!.birth_month.length, 7, 'only the birth month is kept');
    // the BSN is nowhere in the database
    const dump =
      JSON.stringify(await db.store.query('SELECT * FROM youth')) +
      JSON.stringify(rows) +
      JSON.stringify(await db.store.query('SELECT report FROM import_run'));
    assert.ok(!dump.includes(testBsn(0)) && !dump.includes(testBsn(1)));
    // the raw file is kept unchanged, content-addressed
    const [raw] = await db.store.query<KeptRaw>(
      'SELECT stored_path, pack_offset, pack_length, sealed, compression FROM raw_input WHERE sha256 = $1',
      [r.sha256],
    );
    assert.ok(
      raw!.sealed && !readFileSync(raw!.stored_path).includes(testBsn(0)),
      'kept sealed: no BSN readable in the raw store',
    );
    assert.deepEqual(readRawBytes(raw!, TEST_KEY), readFileSync(f), 'the raw file comes back byte for byte');
  });

  it('importing the same file twice changes nothing', async () => {
    const f = join(dir, 'trajecten-ok.csv');
    const before = await count('trajectory');
    const r = await importCsvFile(ctx, f);
    assert.equal(r.status, 'unchanged');
    assert.equal(await count('trajectory'), before);
    assert.equal(
      Number(
        (await db.store.query<{ n: number }>("SELECT count(*)::int AS n FROM import_run WHERE status='committed'"))[0]!
          .n,
      ),
      1,
    );
  });

  it('a later row of the same youth without wijk or team keeps what an earlier row of the batch said', async () => {
    const bsn = testBsn(7);
    const f = writeCsv(
      dir,
      'trajecten-zelfde-jeugdige.csv',
      [
        TRAJECTEN_HEADER,
        trajectRow({ traject_id: 'W1', client_id: bsn, wijk: '900102', team: 'J&G Zuid' }),
        trajectRow({ traject_id: 'W2', client_id: bsn, wijk: '', team: '' }),
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    const [y] = await db.store.query<{ wijk_code: string | null; team_code: string | null; gender: string | null }>(
      `SELECT y.wijk_code, y.team_code, y.gender FROM youth y JOIN trajectory t
         ON t.gemeente_code = y.gemeente_code AND t.youth_pseudonym = y.pseudonym WHERE t.trajectory_id = 'W2'`,
    );
    assert.deepEqual(y, { wijk_code: '900102', team_code: 'J&G Zuid', gender: '2' });
  });

  it('registers the teams a file names, so team reports and accounts find them (red team 28)', async () => {
    const f = writeCsv(
      dir,
      'trajecten-teams.csv',
      [
        TRAJECTEN_HEADER,
        trajectRow({ traject_id: 'TM1', client_id: testBsn(8), team: 'Team Noord' }),
        trajectRow({ traject_id: 'TM2', client_id: testBsn(9), team: 'Team Noord' }),
        trajectRow({ traject_id: 'TM3', client_id: testBsn(10), team: '' }),
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    const teams = await db.store.query<{ code: string; name: string }>(
      "SELECT code, name FROM team WHERE gemeente_code = '9001' AND code = 'Team Noord'",
    );
    assert.deepEqual(teams, [{ code: 'Team Noord', name: 'Team Noord' }]);
  });

  it('rejects a whole file with errors and reports file, line, column, value and reason in both languages', async () => {
    const f = writeCsv(
      dir,
      'trajecten-bad.csv',
      [
        TRAJECTEN_HEADER,
        trajectRow({ traject_id: 'B1' }),
        trajectRow({ traject_id: 'B2', startdatum: '2027-06-31' }),
        trajectRow({ traject_id: 'B3', productcategorie: '99' }),
        trajectRow({ traject_id: 'B4', gemeente: '0001' }),
        trajectRow({ traject_id: 'B5', startdatum: '2024-05-01', einddatum: '2024-04-01' }),
        trajectRow({ traject_id: 'B6', client_id: '999990018' }),
        trajectRow({ traject_id: 'B7', verwijzer: '07' }),
      ].join('\n'),
    );
    const before = await count('trajectory');
    const r = await importCsvFile(ctx, f);
    assert.equal(r.status, 'rejected');
    assert.equal(await count('trajectory'), before, 'nothing imported');
    const byCode = Object.fromEntries(r.problems.map((p) => [p.code, p]));
    assert.deepEqual(
      { ...byCode.impossible_date, nl: undefined, en: undefined },
      { line: 3, column: 'startdatum', value: '2027-06-31', code: 'impossible_date', nl: undefined, en: undefined },
    );
    assert.equal(byCode.impossible_date!.nl, 'deze datum bestaat niet');
    assert.equal(byCode.impossible_date!.en, 'this date does not exist');
    assert.ok(r.problems.some((p) => p.code === 'unknown_code' && p.line === 4 && p.column === 'productcategorie'));
    assert.equal(byCode.unknown_gemeente!.line, 5);
    assert.equal(byCode.end_before_start!.line, 6);
    assert.equal(byCode.invalid_bsn!.value, '*********', 'BSN masked in the report, not one digit shown');
    assert.ok(r.problems.some((p) => p.line === 8 && p.column === 'verwijzer'));
    const [run] = await db.store.query<{ status: string }>('SELECT status FROM import_run WHERE id = $1', [r.runId]);
    assert.equal(run!.status, 'rejected');
  });

  it('with --accept-valid imports the valid rows and quarantines the rest, masked', async () => {
    const f = writeCsv(
      dir,
      'trajecten-mixed.csv',
      [
        TRAJECTEN_HEADER,
        trajectRow({ traject_id: 'M1', client_id: testBsn(2) }),
        trajectRow({ traject_id: 'M2', client_id: testBsn(3), startdatum: '31-13-2024' }),
      ].join('\n'),
    );
    const r = await importCsvFile(ctx, f, { acceptValid: true });
    assert.equal(r.status, 'committed');
    assert.equal(r.rowsAccepted, 1);
    assert.equal(r.rowsRejected, 1);
    const q = await db.store.query<{
      record: Record<string, string>;
      errors: Array<{ code: string }>;
      source_ref: string;
    }>('SELECT * FROM quarantine WHERE import_run_id = $1', [r.runId]);
    assert.equal(q.length, 1);
    assert.equal(q[0]!.source_ref, 'regel 3');
    assert.equal(q[0]!.errors[0]!.code, 'impossible_date');
    assert.ok(!JSON.stringify(q).includes(testBsn(3)), 'no BSN in quarantine');
  });

  it('rejects duplicated ids in one file', async () => {
    const f = writeCsv(
      dir,
      'trajecten-dup.csv',
      [
        TRAJECTEN_HEADER,
        trajectRow({ traject_id: 'D1' }),
        trajectRow({ traject_id: 'D2' }),
        trajectRow({ traject_id: 'D1' }),
      ].join('\n'),
    );
    const r = await importCsvFile(ctx, f);
    assert.equal(r.status, 'rejected');
    assert.equal(r.problems[0]!.code, 'duplicate_id');
    assert.equal(r.problems[0]!.line, 4);
    assert.equal((await db.store.query("SELECT 1 FROM trajectory WHERE trajectory_id IN ('D1','D2')")).length, 0);
    // a dry run says the same (red team 20: it accepted what the import then refused)
    const dry = await importCsvFile(ctx, f, { dryRun: true });
    assert.deepEqual(
      dry.problems.map((p) => [p.line, p.code]),
      [[4, 'duplicate_id']],
    );
  });

  it('finds a duplicate id even when the copies are in different batches', async () => {
    const rows = [TRAJECTEN_HEADER];
    for (let i = 0; i < 2500; i++) rows.push(trajectRow({ traject_id: `L${i}`, client_id: testBsn(i % 50) }));
    rows.push(trajectRow({ traject_id: 'L5' }));
    const r = await importCsvFile(ctx, writeCsv(dir, 'trajecten-long-dup.csv', rows.join('\n')));
    assert.equal(r.status, 'rejected');
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.line]),
      [['duplicate_id', 2502]],
    );
  });

  /** Youths no trajectory or basishulp episode refers to: a refused row left its client behind. */
  const orphanYouths = async () =>
    (
      await db.store.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM youth y
          WHERE NOT EXISTS (SELECT 1 FROM trajectory t WHERE t.gemeente_code = y.gemeente_code AND t.youth_pseudonym = y.pseudonym)
            AND NOT EXISTS (SELECT 1 FROM basic_support_episode e WHERE e.gemeente_code = y.gemeente_code AND e.youth_pseudonym = y.pseudonym)`,
      )
    )[0]!.n;
  const youthOf = async (trajectory: string) =>
    (
      await db.store.query<{ birth_month: string; gender: string; team_code: string }>(
        `SELECT y.birth_month, y.gender, y.team_code FROM trajectory t
           JOIN youth y ON y.gemeente_code = t.gemeente_code AND y.pseudonym = t.youth_pseudonym
          WHERE t.trajectory_id = $1`,
        [trajectory],
      )
    )[0];

  it('with --accept-valid, every copy of an id after the first is refused whole: counted, quarantined, nothing of it stored (red team 23)', async () => {
    const before = await orphanYouths();
    const f = writeCsv(
      dir,
      'trajecten-copies.csv',
      [
        TRAJECTEN_HEADER,
        trajectRow({
          traject_id: 'RT1',
          client_id: testBsn(21),
          geboortedatum: '2012-05-14',
          geslacht: 'V',
          team: 'Team A',
        }),
        trajectRow({ traject_id: 'RT2', client_id: testBsn(22) }),
        trajectRow({
          traject_id: 'RT1',
          client_id: testBsn(21),
          geboortedatum: '2005-01-01',
          geslacht: 'M',
          team: 'Team Z',
        }),
        trajectRow({
          traject_id: 'RT1',
          client_id: testBsn(29),
          geboortedatum: '2006-01-01',
          geslacht: 'M',
          team: 'Team Q',
        }),
      ].join('\n'),
    );
    const dry = await importCsvFile(ctx, f, { acceptValid: true, dryRun: true });
    const r = await importCsvFile(ctx, f, { acceptValid: true });
    assert.equal(r.status, 'committed');
    // the import says what its dry run said
    assert.deepEqual([r.rowsAccepted, r.rowsRejected], [2, 2]);
    assert.deepEqual([dry.rowsAccepted, dry.rowsRejected], [2, 2]);
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.line]),
      [
        ['duplicate_id', 4],
        ['duplicate_id', 5],
      ],
    );
    const q = await db.store.query<{ source_ref: string }>(
      'SELECT source_ref FROM quarantine WHERE import_run_id = $1 ORDER BY source_ref',
      [r.runId],
    );
    assert.deepEqual(
      q.map((x) => x.source_ref),
      ['regel 4', 'regel 5'],
    );
    // the youth of the first row as the first row gave it; the client of the refused row not stored at all
    assert.deepEqual({ ...(await youthOf('RT1')) }, { birth_month: '2012-05', gender: '2', team_code: 'Team A' });
    assert.equal(await orphanYouths(), before);
  });

  it('a copy of an id in a later batch does not rewrite the youth of the first (red team 23)', async () => {
    const before = await orphanYouths();
    const rows = [TRAJECTEN_HEADER];
    rows.push(trajectRow({ traject_id: 'RB0', client_id: testBsn(31), geboortedatum: '2012-05-14', team: 'Team A' }));
    for (let i = 1; i < 10_500; i++) rows.push(trajectRow({ traject_id: `RB${i}`, client_id: testBsn(40 + (i % 50)) }));
    rows.push(trajectRow({ traject_id: 'RB0', client_id: testBsn(31), geboortedatum: '2005-01-01', team: 'Team Z' }));
    rows.push(trajectRow({ traject_id: 'RB0', client_id: testBsn(39), geboortedatum: '2006-01-01', team: 'Team Q' }));
    const r = await importCsvFile(ctx, writeCsv(dir, 'trajecten-later-copy.csv', rows.join('\n')), {
      acceptValid: true,
    });
    assert.equal(r.status, 'committed');
    assert.deepEqual([r.rowsAccepted, r.rowsRejected], [10_500, 2]);
    assert.deepEqual(r.problems.map((p) => [p.code, p.line]).sort(), [
      ['duplicate_id', 10_502],
      ['duplicate_id', 10_503],
    ]);
    assert.deepEqual({ ...(await youthOf('RB0')) }, { birth_month: '2012-05', gender: '2', team_code: 'Team A' });
    assert.equal(await orphanYouths(), before);
  });

  it('a file of several batches, each written while the next is read: every valid row once, the problems in the order of the file', async () => {
    // 10.000 rows a batch: a copy of an id of the first batch in the second and the third, a bad date in the third
    const rows = [TRAJECTEN_HEADER];
    for (let i = 1; i <= 25_000; i++) {
      if (i === 12_000) rows.push(trajectRow({ traject_id: 'B7', client_id: testBsn(7) }));
      else if (i === 22_000) rows.push(trajectRow({ traject_id: `B${i}`, startdatum: '31-13-2024' }));
      else if (i === 24_000) rows.push(trajectRow({ traject_id: 'B8', client_id: testBsn(8) }));
      else rows.push(trajectRow({ traject_id: `B${i}`, client_id: testBsn(i % 50) }));
    }
    const f = writeCsv(dir, 'trajecten-batches.csv', rows.join('\n'));
    const dry = await importCsvFile(ctx, f, { acceptValid: true, dryRun: true });
    const r = await importCsvFile(ctx, f, { acceptValid: true });
    assert.deepEqual(r.problems, dry.problems, 'the import lists what its dry run listed');
    assert.equal(r.status, 'committed');
    assert.equal(r.rowsRead, 25_000);
    assert.equal(r.rowsRejected, 3);
    assert.equal(r.rowsAccepted, 24_997);
    // line = row + 1 (the header); in the order of the file, though a duplicate is known only once its batch is written
    // and the next batch was read meanwhile
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.line]),
      [
        ['duplicate_id', 12_001],
        ['impossible_date', 22_001],
        ['end_without_start', 22_001],
        ['duplicate_id', 24_001],
      ],
    );
    const [stored] = await db.store.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM trajectory WHERE trajectory_id LIKE 'B%' AND trajectory_id ~ '^B[0-9]+$'",
    );
    assert.equal(stored!.n, 24_997);
    const again = await importCsvFile(ctx, f, { acceptValid: true });
    assert.equal(again.status, 'unchanged');
  });

  it('refuses an empty file, a header-only file and a truncated file', async () => {
    const empty = await importCsvFile(ctx, writeCsv(dir, 'trajecten-empty.csv', ''));
    assert.equal(empty.status, 'rejected');
    assert.equal(empty.problems[0]!.code, 'empty_file');
    const headerOnly = await importCsvFile(ctx, writeCsv(dir, 'trajecten-header.csv', TRAJECTEN_HEADER + '\n'));
    assert.equal(headerOnly.problems[0]!.code, 'no_rows');
    const truncated = await importCsvFile(
      ctx,
      writeCsv(
        dir,
        'trajecten-trunc.csv',
        `${TRAJECTEN_HEADER}\n${trajectRow({ traject_id: 'X1' })}\n"X2;${testBsn(4)};2012-0`,
      ),
    );
    assert.equal(truncated.status, 'rejected');
    assert.equal(truncated.problems[0]!.code, 'truncated');
    assert.equal(truncated.problems[0]!.line, 3);
  });

  it('refuses UTF-16 with a clear message and reads Windows-1252', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`${TRAJECTEN_HEADER}\n${trajectRow()}`, 'utf16le'),
    ]);
    const r = await importCsvFile(ctx, writeCsv(dir, 'trajecten-utf16.csv', utf16));
    assert.equal(r.status, 'rejected');
    assert.equal(r.problems[0]!.code, 'encoding');
    assert.match(r.problems[0]!.nl, /UTF-16/);
    const cp = iconv.encode(
      `${TRAJECTEN_HEADER}\n${trajectRow({ traject_id: 'W1', team: 'Team Zuidoost-Bréda' })}\n`,
      'win1252',
    );
    const ok = await importCsvFile(ctx, writeCsv(dir, 'trajecten-1252.csv', cp));
    assert.equal(ok.status, 'committed', JSON.stringify(ok.problems));
    assert.equal(ok.encoding, 'windows-1252');
    const [t] = await db.store.query<{ team_code: string }>(
      "SELECT team_code FROM trajectory WHERE trajectory_id = 'W1'",
    );
    assert.equal(t!.team_code, 'Team Zuidoost-Bréda');
  });

  it('refuses a character that is not text in any field, naming line, column and code point; nothing is stored (red team 19)', async () => {
    const odd = ['\u0001', '\uffff', '\u001b[31m', '\u007f', '\u0085', '\u0080', '\ufffd', '\u000b'];
    const rows = odd.map((c, i) => trajectRow({ traject_id: `NT${i}`, client_id: testBsn(80 + i), team: `Team${c}A` }));
    const before = await count('trajectory');
    const r = await importCsvFile(
      ctx,
      writeCsv(dir, 'trajecten-stuurtekens.csv', [TRAJECTEN_HEADER, ...rows].join('\n')),
    );
    assert.equal(r.status, 'rejected');
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.column, p.code]),
      odd.map((_, i) => [i + 2, 'team', 'not_text']),
    );
    assert.match(r.problems[0]!.nl, /teken dat geen tekst is \(U\+0001, een stuurteken\)/);
    assert.match(r.problems[1]!.nl, /U\+FFFF, een niet-teken/);
    assert.match(r.problems[6]!.nl, /U\+FFFD, een teken voor bytes die geen UTF-8 waren/);
    assert.equal(r.problems[0]!.value, 'Team[U+0001]A', 'the value shown names the character, not as itself');
    assert.equal(await count('trajectory'), before, 'nothing stored');
    // a control character in the header: named as such, not as an unknown column
    const head = await importCsvFile(
      ctx,
      writeCsv(dir, 'trajecten-kop.csv', `${TRAJECTEN_HEADER.replace('team', 'te\u0001am')}\n${trajectRow()}`),
    );
    assert.deepEqual(
      head.problems.map((p) => [p.line, p.code]),
      [[1, 'not_text']],
    );
    assert.match(head.problems[0]!.nl, /kopregel bevat een teken dat geen tekst is/);
  });

  it('detects comma separator with quoted decimal comma, and DD-MM-YYYY dates', async () => {
    const header = TRAJECTEN_HEADER.replaceAll(';', ',');
    const row = trajectRow({
      traject_id: 'C1',
      startdatum: '15-01-2024',
      bedrag_toegekend: '"1.250,75"',
      team: '"Team, Noord"',
    }).replaceAll(';', ',');
    const r = await importCsvFile(ctx, writeCsv(dir, 'trajecten-comma.csv', `${header}\n${row}\n`));
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    assert.equal(r.separator, ',');
    const [t] = await db.store.query<{ budget_cents: number; start_date: string; team_code: string }>(
      "SELECT * FROM trajectory WHERE trajectory_id = 'C1'",
    );
    assert.deepEqual([t!.budget_cents, t!.start_date, t!.team_code], [125075, '2024-01-15', 'Team, Noord']);
  });

  it('refuses a column that mixes decimal comma and point, and an ambiguous amount', async () => {
    const mixed = await importCsvFile(
      ctx,
      writeCsv(
        dir,
        'budget-mixed.csv',
        'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro\n9001;2024;6.72;1000,50;900\n9001;2025;6.72;1000.50;900\n',
      ),
    );
    assert.equal(mixed.problems[0]!.code, 'decimal_mixed');
    const amb = await importCsvFile(
      ctx,
      writeCsv(
        dir,
        'budget-amb.csv',
        'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro\n9001;2024;6.72;1.500;900\n',
      ),
    );
    assert.equal(amb.problems[0]!.code, 'decimal_ambiguous');
  });

  it('names a missing required column and an unrecognised file', async () => {
    const r = await importCsvFile(ctx, writeCsv(dir, 'trajecten-nocol.csv', 'traject_id;client_id\nT;1\n'));
    assert.ok(r.problems.some((p) => p.code === 'missing_column' && p.column === 'aanbieder_agb'));
    const u = await importCsvFile(ctx, writeCsv(dir, 'export.csv', 'a;b\n1;2\n'));
    assert.equal(u.problems[0]!.code, 'unknown_type');
  });

  it('registers a real gemeente from the CBS list on first use', async () => {
    const r = await importCsvFile(
      ctx,
      writeCsv(dir, 'trajecten-ams.csv', `${TRAJECTEN_HEADER}\n${trajectRow({ traject_id: 'A1', gemeente: '363' })}\n`),
    );
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    const [g] = await db.store.query<{ name: string }>("SELECT name FROM gemeente WHERE code = '0363'");
    assert.equal(g!.name, 'Amsterdam');
  });

  it('reads the other record types', async () => {
    const files: Array<[string, string, string]> = [
      [
        'bevolking.csv',
        'gemeente;wijk;jaar;leeftijd_van;leeftijd_tot;aantal\n9001;;2024;0;17;4210\n9001;900101;2024;0;17;1200\n',
        'population',
      ],
      [
        'budget.csv',
        'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro\n9001;2024;6.72a;1250000,00;1310000,55\n',
        'budget',
      ],
      [
        'tevredenheid.csv',
        'gemeente;periode;aanbieder_agb;traject_id;score\n9001;2024H1;12345678;;8\n9001;2024H1;;;7\n',
        'satisfaction',
      ],
      [
        'basishulp.csv',
        `episode_id;client_id;geboortedatum;gemeente;wijk;team;startdatum;einddatum;leefgebieden\nE1;${testBsn(5)};2015-02;9001;900101;Wijkteam;2024-02-01;;Opvoeden en opgroeien|Financiën\n`,
        'basic_support_episode',
      ],
      [
        'declaraties.csv',
        'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status\nK1;9001;T1;;12345678;45;45A01;2024-02-01;2024-02-29;6;04;540,00;D;toegekend\n',
        'claim_line',
      ],
    ];
    for (const [name, content, table] of files) {
      const r = await importCsvFile(ctx, writeCsv(dir, name, content));
      assert.equal(r.status, 'committed', `${name}: ${JSON.stringify(r.problems)}`);
      assert.ok((await count(table)) >= 1, table);
    }
    const [b] = await db.store.query<{ realised_cents: number }>('SELECT realised_cents FROM budget');
    assert.equal(b!.realised_cents, 131000055);
    const [e] = await db.store.query<{ life_domains: string[] }>('SELECT life_domains FROM basic_support_episode');
    assert.deepEqual(e!.life_domains, ['opvoeden_opgroeien', 'financien']);
  });

  it('stores claim amounts in cents rounded half away from zero as written, and refuses an amount over a biljoen in words (red team 25)', async () => {
    const head = DECLARATIES_HEADER;
    const line = (id: string, euro: string) =>
      `${id};9001;T1;;12345678;45;45A01;2024-03-01;2024-03-31;1;04;${euro};D;toegekend`;
    const amounts = ['1,005', '2,675', '8,345', '0,285', '-12,345', '1.234,565', '1000000000000,00'];
    const ok = await importCsvFile(
      ctx,
      writeCsv(dir, 'declaraties-centen.csv', [head, ...amounts.map((a, i) => line(`RC${i}`, a))].join('\n')),
    );
    assert.equal(ok.status, 'committed', JSON.stringify(ok.problems));
    const rows = await db.store.query<{ id: string; cents: number }>(
      "SELECT claim_id AS id, amount_cents::float8 AS cents FROM claim_line WHERE claim_id LIKE 'RC%' ORDER BY claim_id",
    );
    assert.deepEqual(
      rows.map((r) => r.cents),
      [101, 268, 835, 29, -1235, 123457, 100000000000000],
    );
    // the rounding is said, with the lines it touched (lines 2–7: not the whole amount of line 8)
    assert.deepEqual(
      ok.notices?.map((n) => [n.code, n.column, n.count, n.lines]),
      [['rounded_to_cents', 'bedrag_euro', 6, [2, 3, 4, 5, 6, 7]]],
    );
    assert.match(formatReport(ok), /let op: 6 × kolom bedrag_euro: bedrag met meer dan twee decimalen afgerond/);
    // beyond 10^12 the cents no longer add up exactly, and 10^20 did not fit the store: refused, naming line and column
    for (const euro of ['1000000000000,01', '99999999999999999999,995']) {
      const r = await importCsvFile(ctx, writeCsv(dir, 'declaraties-te-groot.csv', `${head}\n${line('RX1', euro)}\n`));
      assert.equal(r.status, 'rejected', euro);
      assert.deepEqual(
        r.problems.map((p) => [p.line, p.column, p.code]),
        [[2, 'bedrag_euro', 'out_of_range']],
        euro,
      );
      assert.match(r.problems[0]!.nl, /biljoen/);
    }
    // a credit with a minus counted +€ 100 (red team 28): refused, naming line and column; a negative debit is a
    // correction and stays accepted (RC4 above)
    const credit = await importCsvFile(
      ctx,
      writeCsv(dir, 'declaraties-credit.csv', `${head}\n${line('RN1', '-100,00').replace(';D;', ';C;')}\n`),
    );
    assert.equal(credit.status, 'rejected');
    assert.deepEqual(
      credit.problems.map((p) => [p.line, p.column, p.code]),
      [[2, 'bedrag_euro', 'negative_credit']],
    );
    // a copy of an id refused with --accept-valid takes its notice back (red team 29: counted, though not stored)
    const copies = await importCsvFile(
      ctx,
      writeCsv(
        dir,
        'declaraties-kopie.csv',
        [head, line('RD1', '1,005'), line('RD2', '2,00'), line('RD1', '2,225'), line('RD3', '3,335')].join('\n'),
      ),
      { acceptValid: true },
    );
    assert.equal(copies.status, 'committed', JSON.stringify(copies.problems));
    assert.deepEqual(
      copies.notices?.map((n) => [n.code, n.count, n.lines]),
      [['rounded_to_cents', 2, [2, 5]]],
    );
    // a negative volume says the direction twice or against the amount: refused (red team 29)
    const volume = await importCsvFile(
      ctx,
      writeCsv(dir, 'declaraties-volume.csv', `${head}\n${line('RN2', '100,00').replace(';1;04;', ';-1;04;')}\n`),
    );
    assert.deepEqual(
      volume.problems.map((p) => [p.line, p.column, p.code]),
      [[2, 'volume', 'negative_volume']],
    );
  });

  it('a claim line may say the day it was received; one before its period is refused, naming line and column', async () => {
    const head =
      'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status;ontvangstdatum';
    const bad = await importCsvFile(
      ctx,
      writeCsv(
        dir,
        'declaraties-ontvangst-fout.csv',
        `${head}\nR1;9001;T1;;12345678;45;45A01;2024-03-01;2024-03-31;6;04;540,00;D;toegekend;2024-04-05\nR2;9001;T1;;12345678;45;45A01;2024-03-01;2024-03-31;6;04;540,00;D;toegekend;2024-02-28\nR3;9001;T1;;12345678;45;45A01;2024-03-01;2024-03-31;6;04;540,00;D;toegekend;2200-01-01\n`,
      ),
    );
    assert.equal(bad.status, 'rejected');
    assert.deepEqual(
      bad.problems.map((p) => [p.line, p.column, p.code]),
      [
        [3, 'ontvangstdatum', 'received_before_period'],
        [4, 'ontvangstdatum', 'received_in_future'],
      ],
    );
    // red team 8: a receipt-date column spelled differently, or standing twice, was dropped without a word
    for (const [spelling, code] of [
      ['ontvangst_datum', 'misspelled_column'],
      ['datum_ontvangst', 'misspelled_column'],
      ['ontvangstdatum;ontvangstdatum', 'duplicate_column'],
      // red team 9: a near miss beside the right column
      ['ontvangstdatum;ontvangst_datum', 'misspelled_column'],
    ] as const) {
      const r = await importCsvFile(
        ctx,
        writeCsv(
          dir,
          `declaraties-kolom-${code}.csv`,
          `${head.replace('ontvangstdatum', spelling)}\nR9;9001;T1;;12345678;45;45A01;2024-03-01;2024-03-31;6;04;540,00;D;toegekend;2024-04-05${spelling.includes(';') ? ';2024-04-05' : ''}\n`,
        ),
      );
      assert.equal(r.status, 'rejected', spelling);
      assert.deepEqual(
        r.problems.map((p) => [p.line, p.code]),
        [[1, code]],
        spelling,
      );
      assert.match(r.problems[0]!.nl, /ontvangstdatum/);
    }
    assert.equal((await db.store.query("SELECT 1 FROM claim_line WHERE claim_id = 'R9'")).length, 0, 'nothing kept');
    assert.equal((await db.store.query("SELECT 1 FROM claim_line WHERE claim_id = 'R1'")).length, 0, 'nothing kept');
    const good = await importCsvFile(
      ctx,
      writeCsv(
        dir,
        'declaraties-ontvangst.csv',
        `${head}\nR1;9001;T1;;12345678;45;45A01;2024-03-01;2024-03-31;6;04;540,00;D;toegekend;2024-04-05\nR2;9001;T1;;12345678;45;45A01;2024-03-01;2024-03-31;6;04;540,00;D;toegekend;\n`,
      ),
    );
    assert.equal(good.status, 'committed', JSON.stringify(good.problems));
    const rows = await db.store.query<{ claim_id: string; sent: string | null }>(
      "SELECT claim_id, sent_date::text AS sent FROM claim_line WHERE claim_id IN ('R1', 'R2') ORDER BY claim_id",
    );
    assert.deepEqual(rows, [
      { claim_id: 'R1', sent: '2024-04-05' },
      { claim_id: 'R2', sent: null },
    ]);
  });

  it('"today" for a receipt date is the Dutch day, not the UTC one: at 00:30 in Amsterdam a claim received that day is in', async () => {
    const head =
      'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status;ontvangstdatum';
    // 2026-12-04T23:30Z is 5 December, 00:30 in Amsterdam (CET, UTC+1)
    const late = { ...ctx, now: () => new Date('2026-12-04T23:30:00Z') };
    const row = (id: string, received: string) =>
      `${id};9001;T1;;12345678;45;45A01;2026-11-01;2026-11-30;6;04;540,00;D;toegekend;${received}`;
    const tomorrow = await importCsvFile(
      late,
      writeCsv(dir, 'declaraties-morgen.csv', `${head}\n${row('D6', '2026-12-06')}\n`),
    );
    assert.equal(tomorrow.status, 'rejected');
    assert.deepEqual(
      tomorrow.problems.map((p) => [p.line, p.code]),
      [[2, 'received_in_future']],
    );
    assert.match(tomorrow.problems[0]!.nl, /na vandaag \(05-12-2026\)/);
    const today = await importCsvFile(
      late,
      writeCsv(dir, 'declaraties-vandaag.csv', `${head}\n${row('D5', '2026-12-05')}\n`),
    );
    assert.equal(today.status, 'committed', JSON.stringify(today.problems));
  });

  it('a dry run validates and writes nothing', async () => {
    const runs = await count('import_run');
    const r = await importCsvFile(
      ctx,
      writeCsv(dir, 'trajecten-dry.csv', `${TRAJECTEN_HEADER}\n${trajectRow({ traject_id: 'DRY' })}\n`),
      { dryRun: true },
    );
    assert.equal(r.status, 'dry-run');
    assert.equal(r.rowsAccepted, 1);
    assert.equal(await count('import_run'), runs);
    assert.equal((await db.store.query("SELECT 1 FROM trajectory WHERE trajectory_id = 'DRY'")).length, 0);
    assert.ok(!readdirSync(dir).includes('raw') || true);
  });
});
