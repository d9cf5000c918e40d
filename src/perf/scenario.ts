/**
 * One benchmark scenario, run in its own process so its peak memory (maxRSS, PGlite's worker
 * included) and event-loop stalls are its own. Prints one JSON line.
 *
 *   demo <gemeenteCount> <dataDir>     generate + import + lens for the first N gemeenten of the national set
 *   bigfile <megabytes> <dir>          write a trajecten.csv of that size, then validate it (dry run)
 *   claims <lines> <dir>               write JW323 declarations of 100 lines (10 clients × 10), import them
 */
import { statSync, rmSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { generateDemo } from '../demo/generate.js';
import { loadDemo } from '../demo/load.js';
import { parseOnlyMs } from './parseOnly.js';
import { rebuildLens } from '../lens/build.js';
import { openStore } from '../app/openStore.js';
import { PseudonymKey } from '../domain/pseudonym.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { TRAJECTEN_HEADER, testBsn, trajectRow } from '../testing/fixtures.js';
import { passesElfproef } from '../domain/bsn.js';
import { jw323and325, type Claim, type Traject } from '../demo/ijw.js';
import { expandXml, importIjwFiles } from '../ingest/ijw/import.js';
import { readSettings } from '../cli/config.js';

const KEY = PseudonymKey.fromHex('ef'.repeat(32));
// the event loop is watched during the import and lens steps only (reset before them): writing the
// scenario's input and the parse-only baseline run synchronously by design
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, Math.round(performance.now() - t)];
}

async function demo(count: number, dataDir: string): Promise<Record<string, unknown>> {
  rmSync(dataDir, { recursive: true, force: true });
  const [m, genMs] = await timed(() =>
    generateDemo({
      seed: 2026,
      size: count === 9 ? 'region' : 'national',
      gemeenteCount: count,
      until: '2026-06-30',
      outDir: join(dataDir, 'files'),
    }),
  );
  const store = await openStore({ dataDir, databaseUrl: readSettings().databaseUrl });
  loop.reset();
  const [, importMs] = await timed(() => loadDemo(store, dataDir, KEY, m));
  const [, lensMs] = await timed(() => rebuildLens(store, dataDir));
  await store.close();
  const inhabitants = m.gemeenten.reduce((s, g) => s + g.inhabitants, 0);
  return {
    scenario: 'demo',
    backend: readSettings().databaseUrl ? 'postgres' : 'pglite',
    gemeenten: count,
    inhabitants,
    rows: Object.fromEntries(Object.entries(m.files).map(([k, f]) => [k, f.rows])),
    bytes: Object.values(m.files).reduce((s, f) => s + statSync(f.path).size, 0),
    generateMs: genMs,
    importMs,
    lensMs,
    totalMs: genMs + importMs + lensMs,
    lensMsPerMillionTrajectories: Math.round(lensMs / (m.files.trajecten!.rows / 1e6)),
  };
}

async function bigfile(megabytes: number, dir: string): Promise<Record<string, unknown>> {
  rmSync(dir, { recursive: true, force: true });
  const path = join(dir, 'trajecten-groot.csv');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(path);
  out.write(TRAJECTEN_HEADER + '\n');
  const bsns = Array.from({ length: 500 }, (_, i) => testBsn(i));
  let written = 0;
  let i = 0;
  const [, writeMs] = await timed(async () => {
    while (written < megabytes * 1_048_576) {
      const lines: string[] = [];
      for (let j = 0; j < 5000; j++, i++)
        lines.push(trajectRow({ traject_id: `G${i}`, client_id: bsns[i % 500]!, gemeente: '0363' }));
      const chunk = lines.join('\n') + '\n';
      written += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  });
  const rssBefore = process.memoryUsage().rss;
  const store = await openStore({ dataDir: join(dir, 'data') });
  loop.reset();
  const [report, validateMs] = await timed(() =>
    importCsvFile({ store, dataDir: join(dir, 'data'), key: KEY }, path, { dryRun: true }),
  );
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    scenario: 'bigfile',
    bytes: written,
    rows: report.rowsRead,
    status: report.status,
    writeMs,
    validateMs,
    rssBeforeValidateMb: Math.round(rssBefore / 1e6),
  };
}

/**
 * A year of claims at scale: JW323 messages of 100 lines each, for one gemeente and 40 providers,
 * imported end to end (validation, pseudonymisation, store) and then the lens rebuilt.
 */
async function claims(lines: number, dir: string): Promise<Record<string, unknown>> {
  rmSync(dir, { recursive: true, force: true });
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const msgDir = join(dir, 'JW323');
  mkdirSync(msgDir, { recursive: true });
  const messages = Math.ceil(lines / 100);
  const bsns: string[] = [];
  for (let i = 0; bsns.length < 10_000; i++) {
    const s = `999${String(i).padStart(6, '0')}`;
    if (passesElfproef(s)) bsns.push(s);
  }
  let bytes = 0;
  const [, writeMs] = await timed(async () => {
    for (let m = 0; m < messages; m++) {
      const agb = `9910${String(m % 40).padStart(4, '0')}`;
      const month = `2025-${String((m % 12) + 1).padStart(2, '0')}-01`;
      const batch: Claim[] = [];
      for (let c = 0; c < 10; c++) {
        const n = m * 10 + c;
        const traject: Traject = {
          id: `9001-T${String(n).padStart(7, '0')}`,
          bsn: bsns[n % bsns.length]!,
          birth: '2012-01-01',
          gender: 'M',
          gemeente: '9001',
          agb,
          category: '45',
          code: '45A01',
          referrer: '01',
          referrerDetail: '',
          request: month,
          allocation: month,
          start: month,
          end: '',
          reason: '',
          amount: '0',
        };
        for (let l = 0; l < 10; l++)
          batch.push({
            id: `R${m}-${c}-${l}`,
            traject,
            start: month,
            end: month,
            volume: 4,
            unit: '04',
            cents: 31_200 + l,
            rejected: false,
          });
      }
      const [xml] = jw323and325('9001', agb, month, batch, m + 1);
      bytes += Buffer.byteLength(xml);
      writeFileSync(join(msgDir, `9001-${m}.xml`), xml);
    }
  });
  const dataDir = join(dir, 'data');
  const store = await openStore({ dataDir, databaseUrl: readSettings().databaseUrl });
  await store.query("INSERT INTO region (code, name, demo) VALUES ('BENCH', 'Benchmark', true) ON CONFLICT DO NOTHING");
  await store.query(
    "INSERT INTO gemeente (code, name, region_code, demo) VALUES ('9001', 'Benchmark (demo)', 'BENCH', true) ON CONFLICT DO NOTHING",
  );
  const files = expandXml([msgDir]);
  const parseMs = parseOnlyMs(files);
  loop.reset();
  const [reports, importMs] = await timed(() => importIjwFiles({ store, dataDir, key: KEY }, files));
  const [, lensMs] = await timed(() => rebuildLens(store, dataDir));
  const [{ n }] = (await store.query<{ n: number }>('SELECT count(*)::int AS n FROM claim_line')) as [{ n: number }];
  await store.close();
  const refused = reports.filter((r) => r.status === 'rejected').length;
  return {
    scenario: 'claims',
    backend: readSettings().databaseUrl ? 'postgres' : 'pglite',
    messages,
    lines,
    claimLinesStored: n,
    refused,
    megabytes: Math.round(bytes / 1e5) / 10,
    writeMs,
    importMs,
    lensMs,
    linesPerS: Math.round(lines / (importMs / 1000)),
    messagesPerS: Math.round(messages / (importMs / 1000)),
    parseOnlyMs: Math.round(parseMs),
    ratio: Math.round((parseMs / importMs) * 1000) / 1000,
    ratioWithLens: Math.round((parseMs / (importMs + lensMs)) * 1000) / 1000,
  };
}

const [kind, arg, dir] = process.argv.slice(2);
const result =
  kind === 'demo'
    ? await demo(Number(arg), dir!)
    : kind === 'claims'
      ? await claims(Number(arg), dir!)
      : await bigfile(Number(arg), dir!);
loop.disable();
console.log(
  JSON.stringify({
    ...result,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    eventLoopMaxStallMs: Math.round(loop.max / 1e6),
    eventLoopP99Ms: Math.round(loop.percentile(99) / 1e6),
  }),
);
