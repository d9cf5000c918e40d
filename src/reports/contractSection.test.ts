/**
 * The section "Contract" of the provider quarterly report (issue 19), on the server fixture's region
 * (testing/server.ts) with two contracts of provider 11111111, hand-computed. Edge cases first: a provider without a
 * contract gets one sentence; the external version hides a tranche count under 10, a price over few youths and the
 * use of a contract whose claims are hidden in the linked month tables; a tariff in another unit than the claims is
 * not compared but said in words. Then the exact internal cells, and the Excel sheet.
 *
 * Fixture, report 2024Q1 for 9001 (regio R: 9001 + 9002), provider 11111111 (Aanbieder Een):
 * - claims of the fixture: K0–K11 and K29, 9001, 45A01, March 2024, 4 hours each (unit 04), € 400 + 10 i:
 *   12 × 400 + 10 × 66 + 690 = € 6.150 over 52 hours, 13 youths → effective price 6150 / 52 = 118,269… = € 118,27;
 *   against the tariff € 110,00 per hour: (118,27 − 110) / 110 = +7,518…% → 7,5%.
 * - own claims X0, X1: 9001, 45A02, February 2024, 120 minutes each (unit 01), € 200 each: € 1,67 a minute over 2
 *   youths, against a tariff per hour → not compared; externally hidden (2 youths).
 * - a whole-category tariff for 45 per etmaal: no other code of 45 claimed → "geen declaraties".
 * - C-A (inspanningsgericht, 45, ceiling € 10.000, 2024, 1+1): use 2024 to 31 March = 6.150 + 400 claims + € 1.000
 *   advance (B1, February) = € 7.550 = 75,5%; last month with use March → 3 months → forecast 7.550 × 12 / 3 =
 *   € 30.200 > € 10.000: "plafond dreigt overschreden". Externally hidden: in March 2024 the 45A01 cell of provider
 *   22222222 in 9001 has 3 youths (K12–K14), so its sibling of 11111111 is hidden with it (complementary).
 * - C-R (resultaat 50 start | 50 doelrealisatie, code 45A03 without claims, no ceiling, 2024–2025): tranche 1 paid
 *   for T0–T11 (February) and R0–R3 (January): 16 trajectories × € 925 = € 14.800; tranche 2 for T3 and R3 (March):
 *   2 × € 925 = € 1.850. Use = € 16.650, forecast 16.650 × 12 / 3 = € 66.600. Closed in Q1 after tranche 1 without a
 *   second and without goal realisation: R0, R1, R2 (ended 15 March, goals 'nee'; R3 had its second) = 3. Externally 16 → 15, 2 and 3 → "<10".
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { freshStore, type TestDb } from '../testing/backends.js';
import { serverFixture, type ServerFixture } from '../testing/server.js';
import { TRAJECTEN_HEADER, testBsn, trajectRow } from '../testing/fixtures.js';
import { reportData } from './data.js';
import { buildReport, type ReportModel, type Section, type Table } from './model.js';
import { writeExcel } from './excel.js';
import { writePdf } from './pdf.js';
import { statSync } from 'node:fs';

const CONTRACTS = [
  'contract_id;naam;aanbieder_agb;consortium;perceel;financieringsvorm;tranches;productcategorieen;productcodes;plafond_euro;startdatum;einddatum;verlengingen;verlengingen_benut;evaluatiemomenten;gemeenten',
  'C-A;Ambulant Een;11111111;;perceel 1;inspanningsgericht;;45;;10000;2024-01-01;2024-12-31;1+1;0;;9001',
  'C-R;Resultaat Een;11111111;;perceel 3;resultaat;50 start | 50 doelrealisatie;;45A03;;2024-01-01;2025-12-31;;;;9001',
].join('\n');
const TARIFFS = [
  'contract_id;productcategorie;productcode;eenheid;tarief_euro;geldig_van;geldig_tot',
  'C-A;45;45A01;04;110,00;2024-01-01;2024-12-31',
  'C-A;45;45A02;04;90,00;2024-01-01;',
  'C-A;45;;14;300,00;2024-01-01;',
].join('\n');
const CLAIMS = [
  'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status;ontvangstdatum',
  'X0;9001;T0;;11111111;45;45A02;2024-02-01;2024-02-29;120;01;200,00;D;toegekend;2024-02-29',
  'X1;9001;T1;;11111111;45;45A02;2024-02-01;2024-02-29;120;01;200,00;D;toegekend;2024-02-29',
].join('\n');
const TRAJECTORIES = [
  TRAJECTEN_HEADER,
  ...[0, 1, 2, 3].map((i) =>
    trajectRow({
      traject_id: `R${i}`,
      client_id: testBsn(700 + i),
      gemeente: '9001',
      team: 'Noord',
      wijk: '900101',
      aanbieder_agb: '11111111',
      productcode: '45A03',
      toewijzingsdatum: '2024-01-03',
      startdatum: '2024-01-05',
      einddatum: '2024-03-15',
      reden_einde: '32',
      doelrealisatie: i === 3 ? 'ja' : 'nee',
    }),
  ),
].join('\n');
const PAYMENTS = [
  'betaling_id;contract_id;gemeente;periode;soort;tranche_nummer;bedrag_euro;client_id;traject_id',
  'B1;C-A;9001;2024-02;voorschot;;1000,00;;',
  // paid for June: in the second quarter's report, June's claims are still to come (see the last test)
  'B2;C-A;9001;2024-06;voorschot;;500,00;;',
  ...Array.from({ length: 12 }, (_, i) => `P1-T${i};C-R;9001;2024-02;tranche;1;925,00;;T${i}`),
  ...[0, 1, 2, 3].map((i) => `P1-R${i};C-R;9001;2024-01;tranche;1;925,00;;R${i}`),
  'P2-T3;C-R;9001;2024-03;tranche;2;925,00;;T3',
  'P2-R3;C-R;9001;2024-03;tranche;2;925,00;;R3',
].join('\n');

describe('provider report: the section Contract (issue 19)', { timeout: 300_000 }, () => {
  let db: TestDb;
  let f: ServerFixture;
  const report = async (provider: string, extern: boolean): Promise<ReportModel> =>
    buildReport(reportData(db.store, f.ctx.lens), {
      kind: 'aanbieder',
      gemeente: '9001',
      period: '2024Q1',
      provider,
      extern,
      now: new Date('2024-04-15T10:00:00Z'),
    });
  const contractOf = (m: ReportModel): Section => {
    const s = m.sections.find((x) => x.heading === 'Contract');
    assert.ok(s, `a section Contract in ${m.sections.map((x) => x.heading).join(', ')}`);
    return s;
  };
  const table = (s: Section, caption: RegExp): Table => {
    const t = s.tables.find((x) => caption.test(x.caption));
    assert.ok(t, `a table ${caption} in ${s.tables.map((x) => x.caption).join(' | ')}`);
    return t;
  };
  let internal: ReportModel;
  let external: ReportModel;

  before(async () => {
    db = await freshStore('pglite');
    f = await serverFixture(
      db.store,
      {},
      {
        files: {
          'trajecten-contract.csv': TRAJECTORIES,
          'declaraties-contract.csv': CLAIMS,
          'contracten.csv': CONTRACTS,
          'contracttarieven.csv': TARIFFS,
          'betalingen.csv': PAYMENTS,
        },
      },
    );
    await f.ctx.lens.reload();
    internal = await report('11111111', false);
    external = await report('11111111', true);
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });

  it('a provider without a contract: one sentence', async () => {
    const s = contractOf(await report('22222222', false));
    assert.deepEqual(s.paragraphs, ['Voor deze aanbieder is geen contract vastgelegd in de contractenlijst.']);
    assert.deepEqual(s.tables, []);
  });

  it('external version: a tranche count under 10 is "<10", the amounts per tranche are left out', () => {
    const t = table(contractOf(external), /^Tranches, Resultaat Een \(C-R\), 1e kwartaal 2024$/);
    assert.deepEqual(
      t.columns.map((c) => c.label),
      ['tranche', 'trajecten'],
    );
    assert.deepEqual(t.rows, [
      ['betaald: tranche 1 (50% bij de start)', 15],
      ['betaald: tranche 2 (50% bij doelrealisatie)', '<10'],
      ['afgesloten na de eerste tranche zonder doelrealisatie', '<10'],
    ]);
  });

  it('external version: a price over 2 youths and a use with hidden claims are "onderdrukt"; ceilings and tariffs stay', () => {
    const s = contractOf(external);
    const use = table(s, /^Gebruik tegen het plafond/);
    assert.deepEqual(use.rows, [
      [
        'Ambulant Een (C-A)',
        '1 januari 2024 t/m 31 december 2024',
        10000,
        'onderdrukt',
        'onderdrukt',
        'onderdrukt',
        'niet gepubliceerd (weinig jeugdigen)',
      ],
      // the tranches name their youths by trajectory only: January's four (R0–R3) and March's two are small groups,
      // so the use is hidden too (red team 28: published, it gave their tranches back beside the provider's claims)
      [
        'Resultaat Een (C-R)',
        '1 januari 2024 t/m 31 december 2024',
        null,
        'onderdrukt',
        null,
        'onderdrukt',
        'geen plafond (open einde)',
      ],
    ]);
    const tariffs = table(s, /^Tarieven tegen de effectieve prijs, Ambulant Een/);
    assert.deepEqual(tariffs.rows[1]!.slice(3, 6), [110, 118.27, 7.5], '13 youths: published to the cent');
    assert.deepEqual(tariffs.rows[2]!.slice(3, 6), [90, 'onderdrukt', 'onderdrukt']);
    assert.match(String(tariffs.rows[2]![6]), /minder dan 10 jeugdigen: effectieve prijs niet gepubliceerd/);
    // no warning sentence built on a hidden forecast
    assert.ok(!s.paragraphs.some((p) => /dreigt/.test(p)));
  });

  it('a month with a payment but its claims still to come is no month of use yet (red team 32)', async () => {
    // 2024Q2, as of 30 June: C-A's claims end in March (no claims after), the advance of June is paid, and June's claims
    // are not in until the end of July (claim lag). Use = 6.150 + 400 + 1.000 + 500 = € 8.050 over the months up to
    // March (April and May have neither claims nor payments: the last month of use is March) → 8.050 × 12 / 3 =
    // € 32.200; counting June as a month of use gave 8.050 × 12 / 6 = € 16.100
    const q2 = await buildReport(reportData(db.store, f.ctx.lens), {
      kind: 'aanbieder',
      gemeente: '9001',
      period: '2024Q2',
      provider: '11111111',
      extern: false,
    });
    const row = table(contractOf(q2), /^Gebruik tegen het plafond/).rows.find((r) => r[0] === 'Ambulant Een (C-A)');
    assert.deepEqual(row?.slice(3, 6), [8050, 80.5, 32200]);
  });

  it('a tariff in another unit than the claims is not compared, and says so in words', () => {
    const tariffs = table(contractOf(internal), /^Tarieven tegen de effectieve prijs, Ambulant Een/);
    assert.deepEqual(tariffs.rows[2], [
      '45A02 (categorie 45 Jeugdhulp ambulant)',
      'uur',
      'vanaf 1 januari 2024',
      90,
      1.67,
      null,
      'andere eenheid: declaraties per minuut, tarief per uur; niet vergeleken',
    ]);
  });

  it('internal version: the hand-computed cells', () => {
    const s = contractOf(internal);
    assert.deepEqual(table(s, /vorm en looptijd$/).rows, [
      [
        'Ambulant Een (C-A)',
        'inspanningsgericht (prijs × aantal per tijdseenheid)',
        '1 januari 2024',
        '31 december 2024',
        '2 van 2 over (1+1 jaar)',
        '31 december 2026',
      ],
      [
        'Resultaat Een (C-R)',
        'resultaatgericht (betaling in tranches): 50% bij de start, 50% bij doelrealisatie',
        '1 januari 2024',
        '31 december 2025',
        'geen',
        '31 december 2025',
      ],
    ]);
    assert.deepEqual(table(s, /^Gebruik tegen het plafond, contractjaar tot en met 31 maart 2024$/).rows, [
      [
        'Ambulant Een (C-A)',
        '1 januari 2024 t/m 31 december 2024',
        10000,
        7550,
        75.5,
        30200,
        'plafond dreigt overschreden',
      ],
      [
        'Resultaat Een (C-R)',
        '1 januari 2024 t/m 31 december 2024',
        null,
        16650,
        null,
        66600,
        'geen plafond (open einde)',
      ],
    ]);
    assert.ok(
      s.paragraphs.includes(
        'Let op: bij Ambulant Een (C-A) dreigt het plafond overschreden te worden: de prognose voor het contractjaar is € 30.200 bij een plafond van € 10.000.',
      ),
      s.paragraphs.join('\n'),
    );
    assert.ok(
      s.paragraphs.some((p) => /rechte lijn/.test(p)),
      'the forecast says it is linear',
    );
    assert.deepEqual(table(s, /^Tarieven tegen de effectieve prijs, Ambulant Een \(C-A\), 1e kwartaal 2024$/).rows, [
      // the whole-category tariff first, then the codes with a tariff of their own
      [
        'categorie 45 Jeugdhulp ambulant (hele categorie)',
        'etmaal',
        'vanaf 1 januari 2024',
        300,
        null,
        null,
        'geen declaraties van deze aanbieder 1 januari 2024 t/m 31 maart 2024',
      ],
      [
        '45A01 (categorie 45 Jeugdhulp ambulant)',
        'uur',
        '1 januari 2024 t/m 31 december 2024',
        110,
        118.27,
        7.5,
        'effectieve prijs over de declaraties 1 januari 2024 t/m 31 maart 2024',
      ],
      [
        '45A02 (categorie 45 Jeugdhulp ambulant)',
        'uur',
        'vanaf 1 januari 2024',
        90,
        1.67,
        null,
        'andere eenheid: declaraties per minuut, tarief per uur; niet vergeleken',
      ],
    ]);
    assert.deepEqual(table(s, /^Tranches, Resultaat Een/).rows, [
      ['betaald: tranche 1 (50% bij de start)', 16, 14800],
      ['betaald: tranche 2 (50% bij doelrealisatie)', 2, 1850],
      ['afgesloten na de eerste tranche zonder doelrealisatie', 3, null],
    ]);
    // words, never a stored code or snake_case on its own (the Excel join column's label `contract_id` aside)
    const text = JSON.stringify([
      s.paragraphs,
      s.tables.map((t) => [t.caption, t.note, t.columns.map((c) => c.label), t.rows]),
    ]);
    assert.doesNotMatch(text, /"inspanningsgericht"|"resultaat"|\b[a-z]+_[a-z_]+\b/);
  });

  it('the section comes before the agreements, and the workbook has it with prices to the cent', async () => {
    const headings = internal.sections.map((x) => x.heading);
    assert.equal(headings.indexOf('Contract') + 1, headings.indexOf('Afspraken'));
    const path = join(f.dataDir, 'aanbieder.xlsx');
    await writeExcel(internal, path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('Contract');
    assert.ok(ws, 'a sheet Contract');
    let tariff: ExcelJS.Cell | null = null;
    ws.eachRow((row) => {
      if (row.getCell(1).value === '45A01 (categorie 45 Jeugdhulp ambulant)') tariff = row.getCell(5);
    });
    assert.ok(tariff, 'the 45A01 row');
    const cell = tariff as ExcelJS.Cell;
    assert.equal(cell.value, 118.27);
    assert.equal(cell.numFmt, '"€" #,##0.00');
    // and the PDF lays the section out (both versions)
    for (const [m, name] of [
      [internal, 'intern.pdf'],
      [external, 'extern.pdf'],
    ] as const) {
      await writePdf(m, join(f.dataDir, name));
      assert.ok(statSync(join(f.dataDir, name)).size > 1000, name);
    }
  });
});
