/**
 * Import throughput against a baseline (issue 3): iJw messages end to end (validate + map +
 * pseudonymise + store + fold) next to parse-only with the same parser on the same files, and the
 * canonical CSV importer next to DuckDB's read_csv of the same file. Prints one JSON line.
 *   node dist/perf/ingest.js <dir with demo csv> <dir for iJw messages> <work dir>
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeIjwMessages } from '../demo/ijw.js';
import { importIjwFiles, expandXml } from '../ingest/ijw/import.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { registerDemoMasterData } from '../demo/load.js';
import { generateDemo } from '../demo/generate.js';
import { openStore } from '../store/open.js';
import { PseudonymKey } from '../domain/pseudonym.js';

const [work] = process.argv.slice(2);
const key = PseudonymKey.fromHex('cd'.repeat(32));
const m = await generateDemo({ seed: 9, size: 'region', until: '2026-06-30', outDir: join(work!, 'csv') });
const out = await writeIjwMessages({ trajecten: m.files.trajecten!.path, declaraties: m.files.declaraties!.path }, join(work!, 'ijw'), { limit: 2000 });
const files = expandXml([out.dir]);
const bytes = files.reduce((s, f) => s + statSync(f).size, 0);

let t = performance.now();
for (const f of files) {
  const p = new SaxesParser({ xmlns: true });
  p.write(readFileSync(f, 'utf8')).close();
}
const parseMs = performance.now() - t;

const store = await openStore({ dataDir: join(work!, 'data') });
await registerDemoMasterData(store, m);
t = performance.now();
await importIjwFiles({ store, dataDir: join(work!, 'data'), key }, files);
const ijwMs = performance.now() - t;

t = performance.now();
const r = await importCsvFile({ store, dataDir: join(work!, 'data'), key }, m.files.declaraties!.path);
const csvMs = performance.now() - t;
await store.close();

const duck = await DuckDBInstance.create(':memory:');
const con = await duck.connect();
t = performance.now();
await con.run(`CREATE TABLE x AS SELECT * FROM read_csv('${m.files.declaraties!.path}', delim=';', header=true, all_varchar=true)`);
const duckMs = performance.now() - t;
con.closeSync();
duck.closeSync();

const per = (n: number, ms: number) => Math.round((n / ms) * 1000);
console.log(JSON.stringify({
  ijw: { messages: files.length, mb: Math.round(bytes / 1e5) / 10, endToEndMsgPerS: per(files.length, ijwMs), parseOnlyMsgPerS: per(files.length, parseMs),
    endToEndMBPerS: Math.round((bytes / 1e6 / (ijwMs / 1000)) * 100) / 100, ratio: Math.round((parseMs / ijwMs) * 1000) / 1000 },
  csv: { rows: r.rowsRead, mb: Math.round(statSync(m.files.declaraties!.path).size / 1e5) / 10, importRowsPerS: per(r.rowsRead, csvMs), duckdbReadCsvRowsPerS: per(r.rowsRead, duckMs), ratio: Math.round((duckMs / csvMs) * 1000) / 1000 },
  note: readdirSync(out.dir).join(','),
}));
