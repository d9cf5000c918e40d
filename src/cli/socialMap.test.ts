/**
 * zicht import reads aanbod.csv like every canonical CSV (and refuses a bad one naming line and field); zicht
 * sociale-kaart lists with filters (--json) and exports one gemeente's public list of today as CSV or Excel.
 * Real processes on a data directory (PGlite).
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { cliOn, type Cli } from '../testing/cli.js';
import { tempDir, writeCsv } from '../testing/fixtures.js';
import { addDays, dutchToday } from '../domain/dates.js';

const HEADER =
  'aanbod_id;gemeente;organisatie;naam;doelgroep;omschrijving;leeftijd_van;leeftijd_tot;themas;wijk;vrij_toegankelijk;website;telefoon;email;geldig_van;geldig_tot';
const dir = tempDir('zicht-cli-kaart-');
let cli: Cli;
before(async () => {
  cli = await cliOn('pglite', join(dir, 'data'));
});
after(async () => cli.drop());

it('zicht import refuses a bad aanbod file naming line and field, then reads a good one', async () => {
  const bad = writeCsv(
    dir,
    'aanbod-fout.csv',
    `${HEADER}\nA1;0363;Org;Naam;;;0;18;wachtlijst;;ja;org.nl;;;2025-01-01;\n`,
  );
  const refused = await cli.run('import', bad);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stdout + refused.stderr, /GEWEIGERD/);
  assert.match(refused.stdout + refused.stderr, /regel 2.*themas.*onbekend thema 'wachtlijst'/s);
  const good = writeCsv(
    dir,
    'aanbod.csv',
    [
      HEADER,
      'A1;0363;Opvoedpunt;Opvoedspreekuur;ouders;;0;12;opvoeden;Noord;ja;opvoedpunt.example.nl;;;2024-01-01;',
      'A2;0363;Bibliotheek;Huiswerkklas;scholieren;;10;16;school;;ja;bieb.example.nl;;;2024-01-01;',
      `A3;0363;Oud;Afgelopen;ouders;;0;18;opvoeden;;ja;oud.example.nl;;;2023-01-01;${addDays(dutchToday(), -1)}`,
    ].join('\n') + '\n',
  );
  const r = await cli.run('import', good, '--json');
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /"recordType": "aanbod"/);
});

it('zicht sociale-kaart list filters and answers --json; export writes the public list of today', async () => {
  const all = await cli.run('sociale-kaart', 'list', '--json');
  assert.equal(all.code, 0, all.stderr);
  assert.deepEqual(
    (JSON.parse(all.stdout) as Array<{ id: string }>).map((o) => o.id),
    ['A3', 'A2', 'A1'],
  );
  const school = await cli.run('sociale-kaart', 'list', '--thema', 'school', '--leeftijd', '12', '--json');
  assert.deepEqual(
    (JSON.parse(school.stdout) as Array<{ id: string }>).map((o) => o.id),
    ['A2'],
  );
  const text = await cli.run('sociale-kaart', 'list', '--gemeente', '0363', '--op', dutchToday());
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Opvoedspreekuur/);
  assert.doesNotMatch(text.stdout, /Afgelopen/);
  const badTheme = await cli.run('sociale-kaart', 'list', '--thema', 'wachtlijst');
  assert.equal(badTheme.code, 2);
  assert.match(badTheme.stderr, /onbekend thema "wachtlijst"/);

  const csv = join(dir, 'kaart.csv');
  const e = await cli.run('sociale-kaart', 'export', '--gemeente', '0363', '--out', csv);
  assert.equal(e.code, 0, e.stderr);
  const lines = readFileSync(csv, 'utf8')
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  assert.equal(lines.length, 3, 'header and the two offers valid today');
  assert.ok(!lines.some((l) => l.includes('Afgelopen')));
  const xlsx = join(dir, 'kaart.xlsx');
  assert.equal((await cli.run('sociale-kaart', 'export', '--gemeente', '0363', '--out', xlsx)).code, 0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  assert.equal(wb.worksheets[0]!.rowCount, 3);
  const none = await cli.run('sociale-kaart', 'export', '--gemeente', '9999', '--out', csv);
  assert.equal(none.code, 2);
});
