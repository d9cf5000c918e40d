/**
 * Hostile files against every import path (issue 13.3): a workbook zip bomb (3.7 GB of shared
 * strings in a few MB), a shared-strings table with too many entries, a compression ratio that
 * gives the bomb away, an entry whose declared size lies, a CSV with 100k columns or one 50 MB
 * line, too many rows, an archive of 100k entries, CBS files that are too large. Each is refused
 * with a message naming the file and the limit, and nothing of it is written or kept. A child
 * process with a small heap reads the bombs, so "memory stays bounded" is a fact, not a hope.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow } from '../testing/fixtures.js';
import {
  deflated,
  repeatedDeflate,
  SHEET_HEAD,
  SHEET_TAIL,
  SST_HEAD,
  SST_TAIL,
  xlsxArchive,
  zipArchive,
} from '../testing/zip.js';
import { bombWorkbook, lyingWorkbook, manyStringsWorkbook, SI } from '../testing/bombs.js';
import { writeDemoCbsMirror } from '../demo/cbsMirror.js';
import { importCsvFile } from './csv/import.js';
import { importXlsxFile } from './xlsx/import.js';
import { unzipXml, ZipRefused } from './ijw/zip.js';
import { findCbsTables, importCbsTable } from './cbs/mirror.js';
import { DEFAULT_LIMITS, ingestLimits } from './limits.js';
import type { FileReport } from './report.js';

function assertLimit(r: FileReport, file: string, what: RegExp): void {
  assert.equal(r.status, 'rejected', JSON.stringify(r));
  const p = r.problems.find((x) => x.code === 'limiet');
  assert.ok(p, `a limit problem: ${JSON.stringify(r.problems)}`);
  assert.ok(p.nl.includes(file) && p.en.includes(file), `the message names the file: ${p.nl}`);
  assert.match(`${p.nl} | ${p.en}`, what);
}

describe('limits on what is read from outside', () => {
  let store: PgliteStore;
  let dir: string;
  const ctx = () => ({ store, dataDir: dir, key: TEST_KEY });
  const nothingWritten = async () => {
    const [runs] = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM import_run');
    const [raws] = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM raw_input');
    assert.deepEqual([runs!.n, raws!.n], [0, 0], 'no import run and no kept raw file');
  };
  before(async () => {
    store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);",
    );
    dir = tempDir('zicht-limits-');
  });
  after(async () => store.close());

  it('a workbook zip bomb is refused on its directory, naming file and limit', async () => {
    const path = join(dir, 'bom.xlsx');
    writeFileSync(path, bombWorkbook());
    assert.ok(readFileSync(path).length < 13 * 1048576, 'a small file');
    assertLimit(
      await importXlsxFile(ctx(), path),
      'bom.xlsx',
      /sharedStrings\.xml is uitgepakt 3[.,]?\d* ?[\d.,]* MB; de grens is 1[.,]?024 MB.*zip-bom/,
    );
    await nothingWritten();
  });

  it('a compression ratio that gives a bomb away is refused, also under the size limits', async () => {
    const path = join(dir, 'ratio.xlsx');
    writeFileSync(
      path,
      xlsxArchive({
        sharedStrings: repeatedDeflate(SST_HEAD, SI.repeat(58_254), 50, SST_TAIL),
        sheet: `${SHEET_HEAD}${SHEET_TAIL}`,
      }),
    );
    assertLimit(await importXlsxFile(ctx(), path), 'ratio.xlsx', /keer samengeperst; de grens is 200 keer/);
    await nothingWritten();
  });

  it('an entry that unpacks to more than it declares is stopped at the declared size', async () => {
    const path = join(dir, 'leugen.xlsx');
    writeFileSync(path, lyingWorkbook());
    assertLimit(await importXlsxFile(ctx(), path), 'leugen.xlsx', /vervalst|groter dan/);
    await nothingWritten();
  });

  it('a shared-strings table is bounded in entries and in bytes', async () => {
    const path = join(dir, 'teksten.xlsx');
    writeFileSync(path, manyStringsWorkbook(5_000));
    assertLimit(
      await importXlsxFile(ctx(), path, { limits: ingestLimits({ sharedStrings: 1_000 }) }),
      'teksten.xlsx',
      /meer dan 1\.000 verschillende teksten/,
    );
    assertLimit(
      await importXlsxFile(ctx(), path, { limits: ingestLimits({ sharedStringsBytes: 10_000 }) }),
      'teksten.xlsx',
      /sharedStrings\) is uitgepakt groter dan/,
    );
    await nothingWritten();
  });

  it('a sheet over the row or column limit is refused', async () => {
    const rows = Array.from(
      { length: 20 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>x</t></is></c></row>`,
    ).join('');
    const path = join(dir, 'rijen.xlsx');
    writeFileSync(path, xlsxArchive({ sheet: SHEET_HEAD + rows + SHEET_TAIL }));
    assertLimit(
      await importXlsxFile(ctx(), path, { limits: ingestLimits({ rows: 10 }) }),
      'rijen.xlsx',
      /meer dan 10 gegevensregels/,
    );
    const wide = join(dir, 'breed.xlsx');
    writeFileSync(
      wide,
      xlsxArchive({
        sheet: `${SHEET_HEAD}<row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>${SHEET_TAIL}`,
      }),
    );
    assertLimit(await importXlsxFile(ctx(), wide), 'breed.xlsx', /16\.384 kolommen; de grens is 500/);
    await nothingWritten();
  });

  it('a CSV with 100,000 columns, or one 50 MB line, or too many rows is refused', async () => {
    const wide = join(dir, 'trajecten-breed.csv');
    writeFileSync(wide, `${Array.from({ length: 100_000 }, (_, i) => `k${i}`).join(';')}\n${'x;'.repeat(99_999)}x\n`);
    assertLimit(await importCsvFile(ctx(), wide), 'trajecten-breed.csv', /100\.000 kolommen; de grens is 500/);
    await nothingWritten();

    const line = join(dir, 'trajecten-regel.csv');
    writeFileSync(line, Buffer.concat([Buffer.from(`${TRAJECTEN_HEADER}\n`), Buffer.alloc(50 * 1048576, 'a')]));
    assertLimit(
      await importCsvFile(ctx(), line),
      'trajecten-regel.csv',
      /regel 2 is langer dan 1 MB, de grens per regel/,
    );
    await nothingWritten();

    const rows = [
      TRAJECTEN_HEADER,
      ...Array.from({ length: 12 }, (_, i) => trajectRow({ traject_id: `L${i}`, client_id: testBsn(500 + i) })),
    ].join('\n');
    const many = join(dir, 'trajecten.csv');
    writeFileSync(many, rows);
    const before = (await store.query<{ n: number }>('SELECT count(*)::int AS n FROM trajectory'))[0]!.n;
    assertLimit(
      await importCsvFile(ctx(), many, { limits: ingestLimits({ rows: 10 }) }),
      'trajecten.csv',
      /meer dan 10 gegevensregels/,
    );
    assert.equal(
      (await store.query<{ n: number }>('SELECT count(*)::int AS n FROM trajectory'))[0]!.n,
      before,
      'no row of it imported',
    );
    assertLimit(
      await importCsvFile(ctx(), many, { limits: ingestLimits({ fileBytes: 1000 }) }),
      'trajecten.csv',
      /de grens is 1\.000 bytes per bestand/,
    );
  });

  it('an iJw archive of 100,000 entries, or with an entry that lies about its size, is refused whole', async () => {
    const crowd = join(dir, 'veel.zip');
    writeFileSync(crowd, zipArchive(Array.from({ length: 100_000 }, (_, i) => ({ name: `m${i}.xml`, data: '<a/>' }))));
    const out = join(dir, 'uit-veel');
    await assert.rejects(
      unzipXml(crowd, out),
      (e) =>
        e instanceof ZipRefused &&
        /veel\.zip bevat 100\.000 bestanden; de grens is 50\.000/.test(e.nl) &&
        /100000 entries/.test(e.en),
    );
    assert.ok(!existsSync(out), 'nothing unpacked');

    const liar = join(dir, 'leugen.zip');
    writeFileSync(
      liar,
      zipArchive([
        { name: 'JW301.xml', data: '<a/>' },
        { name: 'JW305.xml', deflated: repeatedDeflate('<a>', 'x'.repeat(1 << 20), 20, '</a>'), declaredSize: 10 },
      ]),
    );
    const out2 = join(dir, 'uit-leugen');
    await assert.rejects(unzipXml(liar, out2), (e) => e instanceof ZipRefused && /JW305\.xml/.test(e.nl));
    assert.deepEqual(readdirSync(out2), [], 'what was unpacked before the lie was found is gone');
    const honest = join(dir, 'goed.zip');
    writeFileSync(honest, zipArchive([{ name: 'JW301.xml', deflated: deflated('<a/>') }]));
    assert.equal((await unzipXml(honest, join(dir, 'uit-goed'))).length, 1, 'an ordinary archive still unpacks');
  });

  it('CBS mirror files over the size or row limit are refused', async () => {
    const [table] = findCbsTables([writeDemoCbsMirror(join(dir, 'cbs'), 1, '2024-12-31', 5).dir]);
    const r = await importCbsTable(store, dir, table!, ingestLimits({ cbsFileBytes: 100 }));
    assertLimit(r, 'DataProperties.json', /de grens is 100 bytes per bestand/);
    assertLimit(
      await importCbsTable(store, dir, table!, ingestLimits({ rows: 3 })),
      'TypedDataSet.json',
      /meer dan 3 gegevensregels/,
    );
    await nothingWritten();
  });

  it('limits come from the environment, and a wrong value says which variable', () => {
    assert.equal(ingestLimits({}, { ZICHT_MAX_ROWS: '7', ZICHT_MAX_UPLOAD_MB: '2' }).rows, 7);
    assert.equal(ingestLimits({}, { ZICHT_MAX_UPLOAD_MB: '2' }).uploadBytes, 2 * 1048576);
    assert.deepEqual(ingestLimits({}, {}), DEFAULT_LIMITS);
    assert.throws(() => ingestLimits({}, { ZICHT_MAX_COLUMNS: 'veel' }), /ZICHT_MAX_COLUMNS=veel/);
  });
});

describe('memory while reading hostile workbooks', () => {
  it('a child process with a 96 MB heap refuses every bomb and lives', () => {
    const dir = tempDir('zicht-bomb-');
    const files = { bom: bombWorkbook(), leugen: lyingWorkbook(), teksten: manyStringsWorkbook(400_000) };
    for (const [n, b] of Object.entries(files)) writeFileSync(join(dir, `${n}.xlsx`), b);
    const sheet = new URL('./xlsx/sheet.js', import.meta.url).href;
    const limitsJs = new URL('./limits.js', import.meta.url).href;
    // ZICHT_MAX_SHARED_STRINGS=100000, passed down as cli/config.ts passes the environment it reads
    const script = `
      const { sheetToCsv } = await import(${JSON.stringify(sheet)});
      const { ingestLimits } = await import(${JSON.stringify(limitsJs)});
      const limits = ingestLimits({}, { ZICHT_MAX_SHARED_STRINGS: '100000' });
      const out = {};
      let peak = 0;
      const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 5);
      for (const n of ${JSON.stringify(Object.keys(files))}) {
        try { await sheetToCsv(${JSON.stringify(dir)} + '/' + n + '.xlsx', ${JSON.stringify(dir)} + '/' + n + '.csv', { limits }); out[n] = 'read'; }
        catch (e) { out[n] = e.constructor.name + ': ' + e.message; }
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
      clearInterval(timer);
      console.log(JSON.stringify({ out, peak, rss: process.memoryUsage().rss }));`;
    const r = spawnSync(process.execPath, ['--max-old-space-size=96', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('.', import.meta.url)),
    });
    assert.equal(r.status, 0, `the child died: ${r.stderr.slice(-800)}`);
    const res = JSON.parse(r.stdout.trim().split('\n').pop()!) as { out: Record<string, string>; peak: number };
    assert.match(res.out.bom!, /^LimitError: .*unpacks to 3\d{3}\.\d MB/);
    assert.match(res.out.leugen!, /^LimitError/);
    assert.match(res.out.teksten!, /^LimitError: .*more than 100000 shared strings/);
    assert.ok(res.peak < 96 * 1048576, `heap stayed under 96 MB (peak ${Math.round(res.peak / 1048576)} MB)`);
  });
});
