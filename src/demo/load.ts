/**
 * Loads a generated demo through the same importers a gemeente uses, the CBS comparison set
 * included (SES and poverty deciles are computed from it, as for real gemeenten). Master data the
 * canonical CSV does not carry (the region, the demo gemeenten, provider names) is registered
 * directly and marked as demo.
 */
import type { Store } from '../store/sql.js';
import { insertRows } from '../store/sql.js';
import type { PseudonymKey } from '../domain/pseudonym.js';
import { importCsvFile, type ImportOptions } from '../ingest/csv/import.js';
import type { FileReport } from '../ingest/report.js';
import type { DemoManifest } from './generate.js';
import { basename, dirname } from 'node:path';
import { loadDemoEvaluations } from './evaluations.js';
import { findCbsTables, importCbsTable } from '../ingest/cbs/mirror.js';
import { importIjwMessages, type IjwMessageSource } from '../ingest/ijw/import.js';
import type { IjwTraffic } from './ijw.js';
import { splitCsv } from './splitCsv.js';
import { ingestLimits, type IngestLimits } from '../ingest/limits.js';
import { rmSync } from 'node:fs';

/** Import order: population first (denominators), then trajectories, then what refers to them. */
/**
 * The demo's iJw traffic (demo/ijw.ts), read from its CSV when loadDemo starts it: the claims that stayed CSV and the
 * messages, made one at a time and imported as they are made (no 62,570 files in between, issue 18.1). loadDemo starts
 * it once the trajectories are being written: the first files' reading then has the thread to itself, so the store
 * gets work sooner, and the traffic is read while the thread would wait for the store (2 s of a 60 s demo).
 */
export type DemoIjw = () => Promise<IjwTraffic>;

export const DEMO_IMPORT_ORDER = [
  'bevolking',
  'trajecten',
  'basishulp',
  'declaraties',
  'budget',
  'tevredenheid',
  // a contract before its tariffs (docs/csv-formaat.md); the region's only
  'contracten',
  'contracttarieven',
  // payments on the contracts paid outside iJw (lump sums, pgb, subsidies): after their contracts
  'betalingen',
  // the voice of clients (issue 20): experience results per provider and half-year, complaints and AKJ contacts
  'ervaringen',
  'klachten',
  // the sociale kaart (issue 21): offers of preventive help per gemeente and wijk
  'aanbod',
  // liaison positions at GP practices and schools (issue 21)
  'verbindingsfuncties',
] as const;

export async function registerDemoMasterData(store: Store, m: DemoManifest): Promise<void> {
  await store.transaction(async (tx) => {
    const regions = new Map([
      [m.regionCode, m.regionName],
      ...m.gemeenten.map((g) => [g.region.code, g.region.name] as const),
    ]);
    for (const [code, name] of regions)
      await tx.query(
        'INSERT INTO region (code, name, demo) VALUES ($1,$2,true) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name',
        [code, name],
      );
    await insertRows(
      tx,
      'gemeente',
      ['code', 'name', 'region_code', 'demo'],
      m.gemeenten.map((g) => [g.code, `${g.name} (demo)`, g.region.code, true]),
      'ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, demo = true',
    );
    await insertRows(
      tx,
      'wijk',
      ['gemeente_code', 'code', 'name'],
      m.gemeenten.flatMap((g) => g.wijken.map((w) => [g.code, w.code, w.name])),
      'ON CONFLICT DO NOTHING',
    );
    const teams = m.gemeenten.flatMap((g) => [...new Set(g.wijken.map((w) => w.team))].map((t) => [g.code, t, t]));
    await insertRows(tx, 'team', ['gemeente_code', 'code', 'name'], teams, 'ON CONFLICT DO NOTHING');
    await insertRows(
      tx,
      'provider',
      ['agb', 'name', 'size_class'],
      m.providers.map((p) => [p.agb, p.name, p.sizeClass]),
      'ON CONFLICT (agb) DO UPDATE SET name = EXCLUDED.name, size_class = EXCLUDED.size_class',
    );
  });
}

export async function loadDemo(
  store: Store,
  dataDir: string,
  key: PseudonymKey,
  m: DemoManifest,
  onProgress?: ImportOptions['onProgress'],
  ijw?: DemoIjw,
  /** the import limits in force (cli/config.ts reads ZICHT_MAX_*); the defaults otherwise */
  limits?: Partial<IngestLimits>,
): Promise<FileReport[]> {
  await registerDemoMasterData(store, m);
  const reports: FileReport[] = [];
  let started: Promise<IjwTraffic> | undefined;
  const traffic = (): Promise<IjwTraffic> => {
    if (!started) {
      started = ijw!();
      // a failure is met where the traffic is awaited
      started.catch(() => undefined);
    }
    return started;
  };
  for (const name of DEMO_IMPORT_ORDER) {
    // the claims that travel as iJw messages are not in the CSV the gemeente's administration gives
    // (null: every claim travels as iJw, none is left for the CSV)
    const file = name === 'declaraties' && ijw ? (await traffic()).historicClaims : m.files[name];
    if (!file) continue;
    // the national demo's claims are more rows than one file may hold: imported in parts, as a gemeente would
    const max = ingestLimits(limits).rows;
    for (const part of await splitCsv(file.path, file.rows, max)) {
      const report = await importCsvFile({ store, dataDir, key }, part, {
        onProgress: (p) => {
          // the trajectories are being written: the iJw traffic is read meanwhile
          if (ijw && name === 'trajecten' && p.phase === 'inlezen') void traffic();
          onProgress?.(p);
        },
        limits: ingestLimits(limits),
      });
      if (report.status === 'rejected') {
        throw new Error(`demo file ${name} was rejected: ${JSON.stringify(report.problems.slice(0, 3))}`);
      }
      reports.push(report);
      if (part !== file.path) rmSync(part);
    }
  }
  if (ijw) {
    // after the CSV trajectories: the iJw importer matches its allocations to them by number
    const made = await traffic();
    const total = Object.values(made.counts).reduce((a, b) => a + b, 0);
    const sources = function* (): Generator<IjwMessageSource> {
      for (const x of made.messages()) {
        const bytes = Buffer.from(x.xml, 'utf8');
        yield { name: `${x.type}/${x.name}`, size: bytes.length, read: () => bytes };
      }
    };
    const ijwReports = await importIjwMessages({ store, dataDir, key }, sources(), total, {
      onProgress: (p) =>
        onProgress?.({ file: 'iJw-berichten', phase: 'inlezen', bytes: p.done, totalBytes: p.total, rows: p.done }),
    });
    const refused = ijwReports.filter((r) => r.status === 'rejected');
    if (refused.length > 0)
      throw new Error(
        `demo iJw message ${refused[0]!.file} was rejected: ${JSON.stringify(refused[0]!.problems.slice(0, 3))}`,
      );
    reports.push(...ijwReports);
  }
  // evaluation moments after referral (issue 21): from the trajectories now in the store, the iJw ones included
  if (m.size === 'region') {
    const first = Object.values(m.files)[0];
    if (first) reports.push(await loadDemoEvaluations(store, dataDir, key, dirname(first.path), m.windowEnd));
  }
  for (const table of findCbsTables([m.cbsMirror])) {
    onProgress?.({ file: `CBS ${basename(table)}`, phase: 'inlezen', bytes: 1, totalBytes: 1, rows: 0 });
    const report = await importCbsTable(store, dataDir, table);
    if (report.status === 'rejected')
      throw new Error(`demo CBS table ${basename(table)} was rejected: ${JSON.stringify(report.problems.slice(0, 3))}`);
    reports.push(report);
  }
  // The keys of these indexes are hashes (pseudonyms, SHA-256 of raw inputs) or arrive out of order, so the load
  // inserts anywhere in the B-tree: pages split in halves and stay part empty. Rebuilt once after the load they are
  // packed: 6,5 MB less of the region's data directory (aim under 500 MB, issue 18.2) for about a second
  for (const index of ['youth_pkey', 'raw_input_pkey', 'import_run_once', 'cbs_observation_pkey'])
    await store.exec(`REINDEX INDEX ${index}`);
  return reports;
}
