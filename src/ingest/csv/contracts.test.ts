/**
 * Canonical CSV contracten, contracttarieven and betalingen (issue 19): bad input first — every problem names its
 * file, line and column, a file with a bad row is refused whole and kept — then the round trip with lineage, and
 * row-level security per gemeente and provider.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../../testing/backends.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../../testing/fixtures.js';
import { rebuildLens } from '../../lens/build.js';
import { Lens } from '../../lens/lens.js';
import { backup, restore } from '../../ops/backup.js';
import { runRetention } from '../../ops/retention.js';
import { recognise } from './recordTypes.js';
import { inImportOrder } from '../../app/imports.js';
import { withScope } from '../../store/sql.js';
import { cliOn, type Cli } from '../../testing/cli.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { importCsvFile, type ImportContext } from './import.js';
import type { FileReport } from '../report.js';
import ExcelJS from 'exceljs';
import { importXlsxFile } from '../xlsx/import.js';
import { parseProfile } from '../xlsx/profiles.js';

const CONTRACT_HEADER =
  'contract_id;naam;aanbieder_agb;consortium;perceel;financieringsvorm;tranches;productcategorieen;productcodes;plafond_euro;startdatum;einddatum;verlengingen;verlengingen_benut;evaluatiemomenten;gemeenten';
const TARIFF_HEADER = 'contract_id;productcategorie;productcode;eenheid;tarief_euro;geldig_van;geldig_tot';
const PAYMENT_HEADER = 'betaling_id;contract_id;gemeente;periode;soort;tranche_nummer;bedrag_euro;client_id;traject_id';

const GOOD_CONTRACTS = [
  CONTRACT_HEADER,
  // taakgericht lump sum for a consortium, two gemeenten, 3+2+2+2
  'C-TAAK;Buurtteams;;Samen Sterk;perceel 1;taakgericht;;45|46;;1250000,50;2024-01-01;2026-12-31;2+2+2;1;2025-06-30|2026-06-30;9001|9002',
  // result-based, half at the start and half on goal realisation
  'C-RES;Ambulant resultaat;12345678|23456789;;perceel 2;resultaat;50 start | 50 doelrealisatie;45;45A01|45A02;;2024-01-01;2027-12-31;;;;9001',
  'C-PGB;PGB via SVB;87654321;;;pgb;;;;;2024-01-01;2028-12-31;;;;9001|9002',
].join('\n');

function codes(r: FileReport): string[] {
  return r.problems.map((p) => `${p.line}:${p.column}:${p.code}`);
}

describe('contract files are recognised and ordered', () => {
  it('by name or, for another name, by the header alone', () => {
    const header = (h: string) => h.split(';');
    assert.equal(recognise('contracten-2026.csv', [])?.id, 'contracten');
    assert.equal(recognise('contracttarieven.csv', [])?.id, 'contracttarieven');
    assert.equal(recognise('export.csv', header(CONTRACT_HEADER))?.id, 'contracten');
    assert.equal(recognise('export.csv', header(TARIFF_HEADER))?.id, 'contracttarieven');
    assert.equal(recognise('svb.csv', header(PAYMENT_HEADER))?.id, 'betalingen');
  });
  it('contracts before the tariffs and payments that need them; other files keep their order', () => {
    assert.deepEqual(
      inImportOrder([
        '/in/betalingen.csv',
        '/in/budget.csv',
        '/in/contracttarieven.xlsx',
        '/in/contracten.csv',
        '/in/trajecten.csv',
      ]),
      ['/in/budget.csv', '/in/contracten.csv', '/in/trajecten.csv', '/in/betalingen.csv', '/in/contracttarieven.xlsx'],
    );
  });
});

forEachBackend('canonical CSV contracts and payments', (kind) => {
  let db: TestDb;
  let ctx: ImportContext;
  let dir: string;
  before(async () => {
    db = await freshStore(kind);
    dir = tempDir();
    ctx = { store: db.store, dataDir: dir, key: TEST_KEY };
    await db.store.exec(
      `INSERT INTO region VALUES ('DEMO','Demoregio',true);
       INSERT INTO gemeente VALUES ('9001','Demodorp','DEMO',true), ('9002','Demostad','DEMO',true), ('9003','Demohoek','DEMO',true);`,
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

  it('refuses a contracts file with an unknown financing form, bad tranches, a duplicate id or no provider', async () => {
    const f = writeCsv(
      dir,
      'contracten-fout.csv',
      [
        CONTRACT_HEADER,
        'C1;;12345678;;;lumpsum;;;;;2024-01-01;2026-12-31;;;;9001',
        'C2;;12345678;;;resultaat;50 start | 40 doelrealisatie;;;;2024-01-01;2026-12-31;;;;9001',
        'C3;;12345678;;;taakgericht;50 start | 50 einde;;;;2024-01-01;2026-12-31;;;;9001',
        'C4;;12345678;;;resultaat;;;;;2024-01-01;2026-12-31;;;;9001',
        'C5;;;;;taakgericht;;;;;2024-01-01;2026-12-31;;;;9001',
        'C6;;12345678;;;pgb;;;;;2024-01-01;2023-12-31;;;;9001',
        'C7;;12345678;;;pgb;;;;;2024-01-01;2026-12-31;2+2;3;2031-01-01;9001|9999',
        'C1;;12345678;;;pgb;;;;12.50.0;2024-31-01;2026-12-31;;;;9001',
        'C8;;12345678;;;resultaat;50 start | 50 later;;;;2024-01-01;2026-12-31;;;;9001',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    await rejectedKept(r);
    assert.equal(r.recordType, 'contracten');
    const form = r.problems.find((p) => p.code === 'unknown_financing_form')!;
    assert.equal(form.line, 2);
    assert.equal(form.column, 'financieringsvorm');
    assert.equal(form.value, 'lumpsum');
    for (const w of ['inspanningsgericht', 'outputgericht', 'taakgericht', 'resultaat', 'pgb', 'subsidie'])
      assert.ok(form.nl.includes(w) && form.en.includes(w), `the allowed words are listed: ${w}`);
    const sum = r.problems.find((p) => p.code === 'tranche_sum')!;
    assert.equal(sum.line, 3);
    assert.equal(sum.column, 'tranches');
    assert.match(sum.nl, /90%, niet tot 100%/);
    const c = codes(r);
    for (const want of [
      '4:tranches:tranches_without_result',
      '5:tranches:required',
      '6:aanbieder_agb:no_provider',
      '7:einddatum:end_before_start',
      '8:verlengingen_benut:extensions_used',
      '8:evaluatiemomenten:outside_term',
      '8:gemeenten:unknown_gemeente',
      '9:contract_id:duplicate_id',
      '9:plafond_euro:not_number',
      '9:startdatum:impossible_date',
      '10:tranches:unknown_tranche_moment',
    ])
      assert.ok(c.includes(want), `${want} in ${c.join(', ')}`);
    assert.equal(r.rowsRejected, 9, 'every row with a problem is counted');
    assert.equal(await count('contract'), 0, 'nothing of a refused file is stored');
  });

  it('refuses tariffs and payments for a contract that is not there', async () => {
    const t = await importCsvFile(
      ctx,
      writeCsv(dir, 'contracttarieven-vooraf.csv', `${TARIFF_HEADER}\nC-RES;45;45A01;;100;2024-01-01;\n`),
    );
    await rejectedKept(t);
    assert.deepEqual(codes(t), ['2:contract_id:unknown_contract']);
    const b = await importCsvFile(
      ctx,
      writeCsv(dir, 'betalingen-vooraf.csv', `${PAYMENT_HEADER}\nB1;C-TAAK;9001;2024-03;termijn;;1000;;\n`),
    );
    await rejectedKept(b);
    assert.deepEqual(codes(b), ['2:contract_id:unknown_contract']);
    const dry = await importCsvFile(ctx, join(dir, 'betalingen-vooraf.csv'), { dryRun: true });
    assert.equal(dry.status, 'rejected', 'a dry run of a file that would be refused says so');
    assert.deepEqual(codes(dry), ['2:contract_id:unknown_contract']);
    assert.match(b.problems[0]!.nl, /contract "C-TAAK" is onbekend/);
  });

  it('imports contracts: one copy per party gemeente, terms with extensions, tranches, lineage', async () => {
    const r = await importCsvFile(ctx, writeCsv(dir, 'contracten.csv', GOOD_CONTRACTS + '\n'));
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    assert.equal(r.rowsAccepted, 3);
    const rows = await db.store.query<Record<string, unknown>>(
      'SELECT * FROM contract ORDER BY contract_id, gemeente_code',
    );
    assert.deepEqual(
      rows.map((x) => `${x.contract_id}@${x.gemeente_code}`),
      ['C-PGB@9001', 'C-PGB@9002', 'C-RES@9001', 'C-TAAK@9001', 'C-TAAK@9002'],
    );
    const taak = rows.find((x) => x.contract_id === 'C-TAAK')!;
    assert.equal(taak.financing_form, 'taakgericht');
    assert.equal(taak.consortium, 'Samen Sterk');
    assert.equal(taak.ceiling_cents, 125000050);
    assert.equal(taak.end_date, '2026-12-31');
    assert.equal(taak.current_end_date, '2028-12-31', 'one option of two years used');
    assert.equal(taak.max_end_date, '2032-12-31', '3+2+2+2 ends nine years after the start');
    assert.deepEqual(taak.parties, ['9001', '9002']);
    assert.deepEqual(taak.product_categories, ['45', '46']);
    assert.equal(taak.source_run_id, r.runId);
    assert.equal(taak.source_ref, 'regel 2');
    const res = rows.find((x) => x.contract_id === 'C-RES')!;
    assert.equal(res.tranche_rule, '50 start | 50 doelrealisatie');
    assert.deepEqual(res.provider_agbs, ['12345678', '23456789']);
    const tranches = await db.store.query<{ tranche_no: number; share_pct: number; moment: string }>(
      "SELECT tranche_no, share_pct, moment FROM contract_tranche WHERE contract_id = 'C-RES' ORDER BY tranche_no",
    );
    assert.deepEqual(
      tranches.map((x) => [x.tranche_no, Number(x.share_pct), x.moment]),
      [
        [1, 50, 'start'],
        [2, 50, 'doelrealisatie'],
      ],
    );
    const again = await importCsvFile(ctx, writeCsv(dir, 'contracten.csv', GOOD_CONTRACTS + '\n'));
    assert.equal(again.status, 'unchanged');
  });

  it('refuses overlapping tariff periods and tariffs outside the contract, naming the other line', async () => {
    const f = writeCsv(
      dir,
      'contracttarieven-fout.csv',
      [
        TARIFF_HEADER,
        'C-RES;45;45A01;01;1850,00;2024-01-01;2024-12-31',
        'C-RES;45;45A01;01;1900,00;2024-12-01;',
        'C-RES;45;45A02;01;-5;2024-01-01;',
        'C-RES;43;;;100;2024-01-01;',
        'C-RES;45;45A02;01;100;2030-01-01;',
        'C-RES;45;45A02;01;100;2025-01-01;2024-01-01',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    await rejectedKept(r);
    const overlap = r.problems.find((p) => p.code === 'overlapping_tariff')!;
    assert.equal(overlap.line, 3);
    assert.equal(overlap.column, 'geldig_van');
    assert.match(overlap.nl, /overlapt met regel 2/);
    const c = codes(r);
    for (const want of [
      '4:tarief_euro:negative_amount',
      '5:productcategorie:product_not_in_contract',
      '6:geldig_van:outside_term',
      '7:geldig_tot:end_before_start',
    ])
      assert.ok(c.includes(want), `${want} in ${c.join(', ')}`);
    assert.equal(await count('contract_tariff'), 0);
  });

  it('imports tariffs for every party; a newer file replaces the tariffs of the contracts in it', async () => {
    const f = writeCsv(
      dir,
      'contracttarieven.csv',
      [
        TARIFF_HEADER,
        'C-RES;45;45A01;01;1850,00;2024-01-01;2024-12-31',
        'C-RES;45;45A01;01;1900,00;2025-01-01;',
        'C-TAAK;45;;;0;2024-01-01;',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    const rows = await db.store.query<Record<string, unknown>>(
      'SELECT * FROM contract_tariff ORDER BY contract_id, gemeente_code, valid_from',
    );
    assert.deepEqual(
      rows.map((x) => `${x.contract_id}@${x.gemeente_code}:${x.tariff_cents}`),
      ['C-RES@9001:185000', 'C-RES@9001:190000', 'C-TAAK@9001:0', 'C-TAAK@9002:0'],
    );
    assert.equal(rows[1]!.valid_to, null);
    assert.equal(rows[1]!.source_ref, 'regel 3');
    const newer = await importCsvFile(
      ctx,
      writeCsv(dir, 'contracttarieven-2.csv', `${TARIFF_HEADER}\nC-RES;45;45A01;01;1950;2024-01-01;\n`),
    );
    assert.equal(newer.status, 'committed', JSON.stringify(newer.problems));
    const res = await db.store.query<{ tariff_cents: number }>(
      "SELECT tariff_cents FROM contract_tariff WHERE contract_id = 'C-RES'",
    );
    assert.deepEqual(
      res.map((x) => x.tariff_cents),
      [195000],
    );
    assert.equal(await count('contract_tariff'), 3, 'C-TAAK keeps its tariffs');
  });

  it('refuses payments outside the term, for a gemeente not party, with a wrong tranche or bad fields', async () => {
    const f = writeCsv(
      dir,
      'betalingen-fout.csv',
      [
        PAYMENT_HEADER,
        'B1;C-TAAK;9001;2033-01;termijn;;104166,67;;',
        'B2;C-TAAK;9001;2023-12-31;termijn;;104166,67;;',
        'B3;C-TAAK;9003;2024-03;termijn;;104166,67;;',
        'B4;C-TAAK;9001;2024-03;tranche;1;100;;',
        'B5;C-RES;9001;2024-03;tranche;3;100;;',
        'B6;C-RES;9001;2024-03;tranche;;100;;',
        'B7;C-TAAK;9001;2024-03;pgb;;100;;',
        'B8;C-TAAK;9001;2024-13;lumpsum;;1O0;;',
        'B9;C-RES;9001;2024-03;termijn;2;100;;',
        'B10;C-PGB;9001;2024-03;pgb;;100;123456789;',
        'B11;C-TAAK;9001;2024-03;termijn;;;;',
        'B12;C-TAAK;9001;maart 2024;termijn;;100;;',
        'B13;C-TAAK;9001;2024-04;termijn;;104166,6667;;',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    await rejectedKept(r);
    const c = codes(r);
    for (const want of [
      '2:periode:outside_term',
      '3:periode:outside_term',
      '4:gemeente:not_a_party',
      '5:soort:tranche_without_result',
      '6:tranche_nummer:unknown_tranche',
      '7:tranche_nummer:required',
      '8:soort:pgb_without_pgb_contract',
      '9:periode:impossible_date',
      '13:periode:invalid_period',
      '14:bedrag_euro:too_many_decimals',
      '9:soort:unknown_payment_kind',
      '9:bedrag_euro:not_number',
      '10:tranche_nummer:tranche_number_without_tranche',
      '11:client_id:invalid_bsn',
      '12:bedrag_euro:required',
    ])
      assert.ok(c.includes(want), `${want} in ${c.join(', ')}`);
    const term = r.problems.find((p) => p.line === 2 && p.code === 'outside_term')!;
    assert.match(term.nl, /2024-01-01 t\/m 2032-12-31, met alle verlengingen/);
    assert.equal(r.problems.find((p) => p.column === 'client_id')!.value, '*********', 'no BSN digit in the report');
    assert.equal(await count('payment'), 0);
  });

  it('imports payments with lineage and a pseudonym instead of the BSN', async () => {
    const f = writeCsv(
      dir,
      'betalingen.csv',
      [
        PAYMENT_HEADER,
        'B1;C-TAAK;9001;2024-01;termijn;;104166,67;;',
        'B2;C-TAAK;9002;2024-01;voorschot;;50000;;',
        'B3;C-RES;9001;2024-02-15;tranche;1;925,00;;T1',
        'B4;C-PGB;9002;2024-01;pgb;;1250;' + testBsn(3) + ';',
        // the last month of the last extension of C-TAAK still falls inside its term
        'B5;C-TAAK;9001;2032-12;termijn;;-100,00;;',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    assert.equal(r.rowsAccepted, 5);
    const rows = await db.store.query<Record<string, unknown>>('SELECT * FROM payment ORDER BY payment_id');
    assert.equal(rows[0]!.amount_cents, 10416667);
    assert.equal(rows[0]!.period_start, '2024-01-01');
    assert.equal(rows[0]!.period_end, '2024-01-31');
    assert.equal(rows[2]!.tranche_no, 1);
    assert.equal(rows[2]!.period_start, '2024-02-15');
    assert.equal(rows[4]!.amount_cents, -10000, 'a correction is a negative amount');
    assert.match(String(rows[3]!.youth_pseudonym), /^P[0-9a-f]{32}$/);
    assert.equal(rows[3]!.source_run_id, r.runId);
    assert.equal(rows[3]!.source_ref, 'regel 5');
    const dump = JSON.stringify(rows) + JSON.stringify(await db.store.query('SELECT report FROM import_run'));
    assert.ok(!dump.includes(testBsn(3)), 'the BSN is nowhere in the database');
  });

  it('reads an SVB export in Excel through a mapping profile (soort betalingen)', async () => {
    const own: Record<string, string> = {
      Betaalkenmerk: 'betaling_id',
      Contract: 'contract_id',
      Gemeentecode: 'gemeente',
      Betaaldatum: 'periode',
      Soort: 'soort',
      Bedrag: 'bedrag_euro',
      BSN: 'client_id',
    };
    const profile = parseProfile({ naam: 'svb-pgb', soort: 'betalingen', blad: 'Betalingen', kolommen: own }, 'test');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Betalingen');
    ws.addRow(Object.keys(own));
    ws.addRow(['SVB-1', 'C-PGB', 9001, new Date('2024-03-28T00:00:00Z'), 'pgb', 1234.5, testBsn(7)]);
    const path = join(dir, 'svb-maart.xlsx');
    await wb.xlsx.writeFile(path);
    const r = await importXlsxFile(ctx, path, { profile });
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    assert.equal(r.recordType, 'betalingen');
    const [row] = await db.store.query<Record<string, unknown>>("SELECT * FROM payment WHERE payment_id = 'SVB-1'");
    assert.equal(row!.gemeente_code, '9001');
    assert.equal(row!.period_start, '2024-03-28');
    assert.equal(row!.amount_cents, 123450);
    assert.match(String(row!.youth_pseudonym), /^P[0-9a-f]{32}$/);
  });

  it('keeps what payments need: a contract that drops a paying gemeente or shortens its term is refused', async () => {
    const f = writeCsv(
      dir,
      'contracten-krimp.csv',
      [
        CONTRACT_HEADER,
        'C-TAAK;Buurtteams;;Samen Sterk;perceel 1;taakgericht;;45|46;;1250000,50;2024-01-01;2026-12-31;2+2+2;1;;9001',
        'C-PGB;PGB via SVB;87654321;;;pgb;;;;;2024-02-01;2028-12-31;;;;9001|9002',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    await rejectedKept(r);
    assert.deepEqual(codes(r), ['2:gemeenten:party_has_payments', '3:einddatum:payments_outside_term']);
    assert.equal(await count('contract'), 5);
  });

  it('a new party gets the tariffs; quarantine keeps bad payment rows with --accept-valid', async () => {
    const more = GOOD_CONTRACTS.replace('1;2025-06-30|2026-06-30;9001|9002', '1;2025-06-30|2026-06-30;9001|9002|9003');
    const r = await importCsvFile(ctx, writeCsv(dir, 'contracten-3.csv', more + '\n'));
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    assert.equal(
      (await db.store.query("SELECT 1 FROM contract_tariff WHERE contract_id = 'C-TAAK' AND gemeente_code = '9003'"))
        .length,
      1,
    );
    const b = await importCsvFile(
      ctx,
      writeCsv(
        dir,
        'betalingen-deels.csv',
        `${PAYMENT_HEADER}\nB20;C-TAAK;9003;2024-01;termijn;;100;;\nB21;C-ONBEKEND;9003;2024-01;termijn;;100;;\n`,
      ),
      { acceptValid: true },
    );
    assert.equal(b.status, 'committed');
    assert.equal(b.rowsAccepted, 1);
    assert.equal(b.rowsRejected, 1);
    const q = await db.store.query<{ gemeente_code: string; source_ref: string }>(
      'SELECT gemeente_code, source_ref FROM quarantine WHERE import_run_id = $1',
      [b.runId],
    );
    assert.deepEqual(q, [{ gemeente_code: '9003', source_ref: 'regel 3' }]);
    // refused contract and tariff rows are quarantined with a gemeente too (their first party), so that gemeente sees them
    const c = await importCsvFile(
      ctx,
      writeCsv(
        dir,
        'contracten-q.csv',
        `${CONTRACT_HEADER}\nC-X;;12345678;;;lumpsum;;;;;2024-01-01;2026-12-31;;;;9002|9001\n`,
      ),
      { acceptValid: true },
    );
    const t = await importCsvFile(
      ctx,
      writeCsv(
        dir,
        'contracttarieven-q.csv',
        `${TARIFF_HEADER}\nC-RES;45;45A01;01;1950;2024-01-01;\nC-RES;45;45A01;01;2000;2024-06-01;\n`,
      ),
      { acceptValid: true },
    );
    assert.deepEqual([c.rowsRejected, t.rowsAccepted, t.rowsRejected], [1, 1, 1]);
    const g = async (run: number | null) =>
      (
        await db.store.query<{ g: string }>('SELECT gemeente_code AS g FROM quarantine WHERE import_run_id = $1', [run])
      ).map((r) => r.g);
    assert.deepEqual(await g(c.runId), ['9002']);
    assert.deepEqual(await g(t.runId), ['9001']);
  });

  it('the lens gets the contract, tranche, tariff and payment tables; a team and a past date narrow payments', async () => {
    await importCsvFile(
      ctx,
      writeCsv(
        dir,
        'trajecten-lens.csv',
        `${TRAJECTEN_HEADER}\n${trajectRow({ traject_id: 'T1', client_id: testBsn(11), team: 'Noord' })}\n`,
      ),
    );
    const built = await rebuildLens(db.store, dir);
    assert.equal(built.tables.contract, 6);
    assert.equal(built.tables.contract_tranche, 2);
    assert.equal(built.tables.payment, await count('payment'));
    const lens = await Lens.open(dir);
    try {
      const [c] = await lens.query<Record<string, unknown>>(
        "SELECT * FROM contract WHERE contract_id = 'C-TAAK' AND gemeente_code = '9001'",
      );
      assert.equal(c!.max_end_date, '2032-12-31');
      assert.equal(c!.extension_years, '2+2+2');
      assert.equal(c!.parties, '9001|9002|9003');
      assert.equal(c!.product_categories, '45|46');
      const [t] = await lens.query<Record<string, unknown>>(
        "SELECT * FROM contract_tariff WHERE contract_id = 'C-TAAK' AND gemeente_code = '9001'",
      );
      assert.equal(t!.product_code, '', 'a whole-category tariff keeps its empty code');
      assert.equal(t!.tariff_cents, 0);
    } finally {
      lens.close();
    }
    const team = await Lens.open(dir, { gemeente: '9001', team: 'Noord' });
    try {
      const rows = await team.query<{ payment_id: string }>('SELECT payment_id FROM payment');
      assert.deepEqual(
        rows.map((r) => r.payment_id),
        ['B3'],
        'a team sees only what was paid for its trajectories',
      );
      assert.equal((await team.query('SELECT * FROM contract')).length, 3, "the team's gemeente's contracts");
    } finally {
      team.close();
    }
    const past = await Lens.open(dir, undefined, '2024-01-31');
    try {
      const rows = await past.query<{ payment_id: string }>(
        "SELECT payment_id FROM payment WHERE gemeente_code = '9001' ORDER BY payment_id",
      );
      assert.deepEqual(
        rows.map((r) => r.payment_id),
        ['B1'],
        'a payment counts from the start of its period',
      );
    } finally {
      past.close();
    }
  });

  it('a backup restores contracts, tariffs, tranches and payments as they were (arrays and dates included)', async () => {
    const actor = { username: 'cli', role: null, scope: 'test', origin: 'cli' } as const;
    const target = await freshStore(kind);
    const out = tempDir('zicht-contract-backup-');
    try {
      await backup(db.store, { dataDir: dir, outDir: join(out, 'backup'), key: TEST_KEY, actor });
      await restore(target.store, {
        fromDir: join(out, 'backup'),
        dataDir: join(out, 'restored'),
        key: TEST_KEY,
        actor,
      });
      for (const t of ['contract', 'contract_tranche', 'contract_tariff', 'payment']) {
        const q = `SELECT * FROM ${t} ORDER BY 1, 2, 3`;
        assert.deepEqual(await target.store.query(q), await db.store.query(q), t);
      }
    } finally {
      await target.drop();
    }
  });

  it('row-level security: another gemeente sees none of these rows, a provider only its own contracts', async () => {
    const seen = (scope: Parameters<typeof withScope>[1]) =>
      withScope(db.store, scope, async (tx) => {
        const n = async (t: string) =>
          Number((await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0]!.n);
        return {
          contract: await n('contract'),
          tariff: await n('contract_tariff'),
          tranche: await n('contract_tranche'),
          payment: await n('payment'),
        };
      });
    await db.store.exec(`INSERT INTO gemeente VALUES ('9004','Elders','DEMO',true);`);
    assert.deepEqual(await seen({ gemeenten: ['9004'] }), { contract: 0, tariff: 0, tranche: 0, payment: 0 });
    const own = await seen({ gemeenten: ['9002'] });
    assert.deepEqual(own, { contract: 2, tariff: 1, tranche: 0, payment: 2 });
    assert.deepEqual(await seen({ gemeenten: ['9001'], provider: '12345678' }), {
      contract: 1,
      tariff: 1,
      tranche: 2,
      payment: 1,
    });
    const team = await seen({ gemeenten: ['9002'], team: 'Wijkteam 1' });
    assert.equal(team.payment, 1, 'a team does not see the payment tied to one youth');
  });
  it('retention removes payments seven years after their period, like claim lines (dry run)', async () => {
    const actor = { username: 'cli', role: null, scope: 'test', origin: 'cli' } as const;
    const stored = await count('payment');
    const r = await runRetention(db.store, {
      dataDir: dir,
      key: TEST_KEY,
      dryRun: true,
      actor,
      reseal: false,
      now: new Date('2031-06-01T00:00:00Z'),
    });
    const payments = r.removed.filter((x) => x.type === 'payment').reduce((a, x) => a + x.count, 0);
    assert.equal(payments, stored - 1, 'every payment but the one of 2032-12');
    assert.equal(await count('payment'), stored, 'a dry run removes nothing');
  });
});

forEachBackend('zicht import contracten and betalingen', (kind) => {
  let cli: Cli;
  let dir: string;
  before(async () => {
    dir = tempDir('zicht-cli-contract-');
    cli = await cliOn(kind, join(dir, 'data'));
  });
  after(async () => cli.drop());

  it('reads a folder with contracts and payments in dependency order and answers --json', async () => {
    const files = join(dir, 'in');
    mkdirSync(files);
    // betalingen sorts before contracten: the import still reads the contracts first
    writeCsv(files, 'betalingen.csv', `${PAYMENT_HEADER}\nB1;C-TAAK;0363;2024-01;termijn;;104166,67;;\n`);
    writeCsv(
      files,
      'contracten.csv',
      `${CONTRACT_HEADER}\nC-TAAK;Buurtteams;;Samen Sterk;;taakgericht;;;;1250000;2024-01-01;2026-12-31;2+2+2;;;0363|0344\n`,
    );
    const r = await cli.run('import', files, '--json');
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = JSON.parse(r.stdout) as { files?: FileReport[] } | FileReport[];
    const reports = Array.isArray(out) ? out : (out.files ?? []);
    assert.deepEqual(
      reports.map((x) => [x.recordType, x.status, x.rowsAccepted]),
      [
        ['contracten', 'committed', 1],
        ['betalingen', 'committed', 1],
      ],
    );
    const bad = writeCsv(dir, 'betalingen-fout.csv', `${PAYMENT_HEADER}\nB2;C-ONBEKEND;0363;2024-01;termijn;;1;;\n`);
    const refused = await cli.run('import', bad);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stdout + refused.stderr, /GEWEIGERD/);
    assert.match(refused.stdout + refused.stderr, /regel 2.*contract_id.*contract "C-ONBEKEND" is onbekend/s);
  });
});
