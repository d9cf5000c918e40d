/**
 * Import throughput against a baseline (issue 3): iJw messages end to end (validate + map +
 * pseudonymise + store + fold, then with the lens rebuild) next to parse-only with the same parser on the same files, and the
 * canonical CSV importer next to DuckDB's read_csv of the same file. Prints one JSON line.
 *   npm run bench:ingest   (= node dist/perf/ingest.js <work dir>); appends its table to docs/benchmarks.md
 */
import { rmSync, statSync } from 'node:fs';
import { appendBenchmark, benchDate, benchMachine } from './record.js';
import { join } from 'node:path';
import { parseOnlyMs } from './parseOnly.js';
import { measureRowCosts } from './storeFloor.js';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeIjwMessages } from '../demo/ijw.js';
import { importIjwFiles, expandXml } from '../ingest/ijw/import.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { registerDemoMasterData } from '../demo/load.js';
import { generateDemo } from '../demo/generate.js';
import { openStore } from '../app/openStore.js';
import { rebuildLens } from '../lens/build.js';
import { PseudonymKey } from '../domain/pseudonym.js';
import { readSettings } from '../cli/config.js';

const [work] = process.argv.slice(2);
rmSync(work!, { recursive: true, force: true });
const key = PseudonymKey.fromHex('cd'.repeat(32));
const m = await generateDemo({ seed: 9, size: 'region', until: '2026-06-30', outDir: join(work!, 'csv') });
const out = await writeIjwMessages(
  { trajecten: m.files.trajecten!.path, declaraties: m.files.declaraties!.path },
  join(work!, 'ijw'),
  { limit: 2000, until: m.windowEnd },
);
const files = expandXml([out.dir]);
const bytes = files.reduce((s, f) => s + statSync(f).size, 0);

const parseMs = parseOnlyMs(files);

const store = await openStore({ dataDir: join(work!, 'data'), databaseUrl: readSettings().databaseUrl });
await registerDemoMasterData(store, m);
// validation and mapping alone (a dry run writes nothing): the importer's own share in Node
let t = performance.now();
await importIjwFiles({ store, dataDir: join(work!, 'data'), key }, files, { dryRun: true });
const validateMs = performance.now() - t;
t = performance.now();
await importIjwFiles({ store, dataDir: join(work!, 'data'), key }, files);
const ijwMs = performance.now() - t;
// the floor under any design that writes these rows: what the database needs per row, times the rows per message
const rowCosts = await measureRowCosts(store, ['raw_input', 'import_run', 'ijw_event', 'claim_line', 'trajectory']);
const floorMs = rowCosts.reduce((s, c) => s + (c.rows * c.microsPerRow) / 1000, 0);
// the end to end includes the lens refresh after the import
t = performance.now();
await rebuildLens(store, join(work!, 'data'));
const lensMs = performance.now() - t;

t = performance.now();
const r = await importCsvFile({ store, dataDir: join(work!, 'data'), key }, m.files.declaraties!.path);
const csvMs = performance.now() - t;
await store.close();

// a gemeente's first load: the trajectories, then the same claim lines, into an empty embedded store (the claim lines
// above went into a table that held the iJw lines already); on a PostgreSQL server the database is shared, so no first
let firstLoad: { trajectRowsPerS: number; claimRowsPerS: number; claimMs: number; rows: number } | null = null;
if (!readSettings().databaseUrl) {
  const dir = join(work!, 'first');
  const empty = await openStore({ dataDir: dir });
  await registerDemoMasterData(empty, m);
  t = performance.now();
  const tr = await importCsvFile({ store: empty, dataDir: dir, key }, m.files.trajecten!.path);
  const trMs = performance.now() - t;
  t = performance.now();
  const cl = await importCsvFile({ store: empty, dataDir: dir, key }, m.files.declaraties!.path);
  const clMs = performance.now() - t;
  await empty.close();
  firstLoad = {
    trajectRowsPerS: Math.round((tr.rowsRead / trMs) * 1000),
    claimRowsPerS: Math.round((cl.rowsRead / clMs) * 1000),
    claimMs: Math.round(clMs),
    rows: cl.rowsRead,
  };
}

const duck = await DuckDBInstance.create(':memory:');
const con = await duck.connect();
t = performance.now();
await con.run(
  `CREATE TABLE x AS SELECT * FROM read_csv('${m.files.declaraties!.path}', delim=';', header=true, all_varchar=true)`,
);
const duckMs = performance.now() - t;
con.closeSync();
duck.closeSync();

const per = (n: number, ms: number) => Math.round((n / ms) * 1000);
const result = {
  ijw: {
    messages: files.length,
    mb: Math.round(bytes / 1e5) / 10,
    endToEndMsgPerS: per(files.length, ijwMs),
    parseOnlyMsgPerS: per(files.length, parseMs),
    endToEndMBPerS: Math.round((bytes / 1e6 / (ijwMs / 1000)) * 100) / 100,
    ratio: Math.round((parseMs / ijwMs) * 1000) / 1000,
    importMs: Math.round(ijwMs),
    lensMs: Math.round(lensMs),
    withLensMsgPerS: per(files.length, ijwMs + lensMs),
    ratioWithLens: Math.round((parseMs / (ijwMs + lensMs)) * 1000) / 1000,
    microsPerMessage: {
      parseOnly: Math.round((parseMs * 1000) / files.length),
      validateAndMap: Math.round((validateMs * 1000) / files.length),
      storeFloor: Math.round((floorMs * 1000) / files.length),
      endToEnd: Math.round((ijwMs * 1000) / files.length),
    },
    // validation runs on the main thread while the store works in its own: at best they overlap completely
    ratioBound: Math.round((parseMs / Math.max(validateMs, floorMs)) * 1000) / 1000,
    rowCosts,
  },
  csv: {
    rows: r.rowsRead,
    mb: Math.round(statSync(m.files.declaraties!.path).size / 1e5) / 10,
    importRowsPerS: per(r.rowsRead, csvMs),
    duckdbReadCsvRowsPerS: per(r.rowsRead, duckMs),
    ratio: Math.round((duckMs / csvMs) * 1000) / 1000,
  },
  firstLoad,
  backend: readSettings().databaseUrl ? 'postgres' : 'pglite',
};
console.log(JSON.stringify(result));

const nf = (n: number) => n.toLocaleString('nl-NL');
const date = benchDate();
const machine = benchMachine();
const { ijw, csv } = result;
const block = [
  `<!-- bench-ingest:${date} -->`,
  `### Import throughput — ${date} UTC — ${machine}`,
  '',
  `Demo region (${result.backend}). iJw: the demo's messages for its first 2,000 trajectories (${nf(ijw.messages)} messages, ${nf(ijw.mb)} MB); CSV: the demo's \`declaraties.csv\` (${nf(csv.rows)} rows, ${nf(csv.mb)} MB).`,
  '',
  '| import | end to end | baseline | ratio (aim) |',
  '|---|---|---|---|',
  `| iJw (validate, pseudonymise, store, fold) | ${nf(ijw.endToEndMsgPerS)} msg/s, ${nf(ijw.endToEndMBPerS)} MB/s (${nf(ijw.importMs)} ms) | parse only ${nf(ijw.parseOnlyMsgPerS)} msg/s | ${nf(ijw.ratio)} (≥ 0,33) |`,
  `| iJw including the lens rebuild (${nf(ijw.lensMs)} ms) | ${nf(ijw.withLensMsgPerS)} msg/s | parse only ${nf(ijw.parseOnlyMsgPerS)} msg/s | ${nf(ijw.ratioWithLens)} (≥ 0,33) |`,
  `| canonical CSV (claim lines) | ${nf(csv.importRowsPerS)} rows/s | DuckDB \`read_csv\` ${nf(csv.duckdbReadCsvRowsPerS)} rows/s | ${nf(csv.ratio)} (none set) |`,
  ...(result.firstLoad
    ? [
        `| canonical CSV, a first load into an empty store: trajectories, then the claim lines | ${nf(result.firstLoad.trajectRowsPerS)} and ${nf(result.firstLoad.claimRowsPerS)} rows/s (claim lines ${nf(result.firstLoad.claimMs)} ms) | — | — |`,
      ]
    : []),
  '',
  "Where an iJw message's time goes (µs per message) and the floor under it: the rows the import wrote, each at what the database needs for one row",
  '(measured inside the database: copies of those rows by one `INSERT … SELECT`, rolled back; best of three).',
  '',
  '| parse only | validate + map (dry run) | store floor (rows × µs per row) | end to end | best ratio any design writing these rows can reach |',
  '|---|---|---|---|---|',
  `| ${nf(ijw.microsPerMessage.parseOnly)} | ${nf(ijw.microsPerMessage.validateAndMap)} | ${nf(ijw.microsPerMessage.storeFloor)} | ${nf(ijw.microsPerMessage.endToEnd)} | ${nf(ijw.ratioBound)} |`,
  '',
  '| table | rows after the import | µs per row | µs per row without foreign-key checks |',
  '|---|---|---|---|',
  ...ijw.rowCosts.map(
    (c) =>
      `| ${c.table} | ${nf(c.rows)} | ${nf(c.microsPerRow)} | ${c.microsPerRowWithoutForeignKeys === null ? 'n/a' : nf(c.microsPerRowWithoutForeignKeys)} |`,
  ),
  '',
].join('\n');
appendBenchmark(block);
