/**
 * CBS StatLine offline mirror (docs/domain/formats.md §2): one folder per table with
 * DataProperties.json, one JSON per dimension and TypedDataSet.json, exactly as the OData v3 API
 * returns them. The reader is generic: it learns dimensions and topics from DataProperties, trims
 * the space-padded keys ("GM0363  "), keeps the status of a period (definitief, voorlopig, nader
 * voorlopig) and keeps null ("." in StatLine) as unknown. Each table replaces its previous import.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { csvField, type Store } from '../../store/sql.js';
import { fromCbsRegionKey } from '../../domain/municipalities.js';
import { keepRaw } from '../raw.js';
import { foldTaakveld, parseVerslagsoort } from '../../domain/taakvelden.js';
import type { Sql } from '../../store/sql.js';
import { addProblem, problem, type FileReport } from '../report.js';
import { tablePeriod } from './tableInfo.js';
import {
  checkFileSize,
  columnLimitError,
  ingestLimits,
  LimitError,
  rowLimitError,
  type IngestLimits,
} from '../limits.js';

const Property = z.object({
  Key: z.string(),
  Type: z.enum(['Dimension', 'GeoDimension', 'TimeDimension', 'Topic', 'TopicGroup', 'GeoDetail']),
  Title: z.string().nullable().optional(),
  Unit: z.string().nullable().optional(),
  /** 'String' for text topics (e.g. the jeugdzorgregio of a gemeente); numbers otherwise */
  Datatype: z.string().nullable().optional(),
});
const DataProperties = z.object({ value: z.array(Property.passthrough()) });
const DimensionFile = z.object({
  value: z.array(
    z
      .object({ Key: z.string(), Title: z.string().nullable().optional(), Status: z.string().nullable().optional() })
      .passthrough(),
  ),
});
const DataSet = z.object({ value: z.array(z.record(z.string(), z.unknown())) });

/** Table folders under the given paths: a folder with DataProperties.json, or a mirror of such folders. */
export function findCbsTables(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    if (!existsSync(p) || !statSync(p).isDirectory()) return [];
    if (existsSync(join(p, 'DataProperties.json'))) return [p];
    return readdirSync(p)
      .sort()
      .map((d) => join(p, d))
      .filter((d) => statSync(d).isDirectory() && existsSync(join(d, 'DataProperties.json')));
  });
}

export function isCbsMirror(path: string): boolean {
  return findCbsTables([path]).length > 0;
}

/** "2020 1e halfjaar*" → voorlopig; "**" → nader voorlopig; an explicit Status wins. */
function periodStatus(entry: { Title?: string | null; Status?: string | null }): string {
  // StatLine writes NaderVoorlopig in one word: the flag is cbs_nader_voorlopig either way
  if (entry.Status) return entry.Status.toLowerCase().replace(/^nader\s*voorlopig$/, 'nader voorlopig');
  const t = (entry.Title ?? '').trim();
  if (t.endsWith('**')) return 'nader voorlopig';
  if (t.endsWith('*')) return 'voorlopig';
  return 'definitief';
}

function readJson<T>(schema: z.ZodType<T>, file: string, report: FileReport): T | null {
  if (!existsSync(file)) {
    addProblem(
      report,
      problem(
        0,
        basename(file),
        null,
        'missing_file',
        `bestand ${basename(file)} ontbreekt in de spiegel`,
        `file ${basename(file)} is missing from the mirror`,
      ),
    );
    return null;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    addProblem(
      report,
      problem(
        0,
        basename(file),
        null,
        'not_json',
        `${basename(file)} is geen geldige JSON: ${(err as Error).message}`,
        `${basename(file)} is not valid JSON`,
      ),
    );
    return null;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    addProblem(
      report,
      problem(
        0,
        `${basename(file)}:${i.path.join('.')}`,
        null,
        'unexpected_shape',
        `${basename(file)} heeft niet de vorm van de CBS OData-API: ${i.message}`,
        `${basename(file)} does not have the shape of the CBS OData API: ${i.message}`,
      ),
    );
    return null;
  }
  return parsed.data;
}

export async function importCbsTable(
  store: Store,
  dataDir: string,
  dir: string,
  limits: IngestLimits = ingestLimits(),
): Promise<FileReport> {
  const tableId = basename(dir);
  const report: FileReport = {
    file: tableId,
    sha256: null,
    recordType: `cbs:${tableId}`,
    status: 'rejected',
    encoding: 'utf-8',
    separator: null,
    rowsRead: 0,
    rowsAccepted: 0,
    rowsRejected: 0,
    problems: [],
    problemsTotal: 0,
    runId: null,
  };
  try {
    // every file of the table is parsed whole (or hashed): each is checked before any is read
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')))
      checkFileSize(join(dir, f), limits.cbsFileBytes, `${tableId}/${f}`);
    return await readCbsTable(store, dataDir, dir, tableId, report, limits);
  } catch (err) {
    if (!(err instanceof LimitError)) throw err;
    addProblem(report, problem(0, null, null, 'limiet', err.nl, err.en));
    return { ...report, status: 'rejected', runId: null };
  }
}

async function readCbsTable(
  store: Store,
  dataDir: string,
  dir: string,
  tableId: string,
  report: FileReport,
  limits: IngestLimits,
): Promise<FileReport> {
  const props = readJson(DataProperties, join(dir, 'DataProperties.json'), report);
  if (!props) return report;
  if (props.value.length > limits.columns)
    throw columnLimitError(`${tableId}/DataProperties.json`, props.value.length, limits.columns);
  const dims = props.value.filter(
    (p) => p.Type === 'Dimension' || p.Type === 'GeoDimension' || p.Type === 'TimeDimension',
  );
  const topics = props.value.filter((p) => p.Type === 'Topic');
  const geo = dims.find((d) => d.Type === 'GeoDimension');
  // Iv3 tables have no TimeDimension: their period is the Verslagsoort (2019X005 = jaarrekening 2019)
  const time = dims.find((d) => d.Type === 'TimeDimension') ?? dims.find((d) => d.Key === 'Verslagsoort');
  // Kerncijfers wijken en buurten has no period dimension: the whole table is the year in its TableInfos
  const fixed = time ? null : tablePeriod(dir);
  if (!geo || (!time && !fixed)) {
    addProblem(
      report,
      problem(
        0,
        'DataProperties.json',
        null,
        'no_region_or_period',
        'de tabel heeft geen regio- of periodedimensie (en geen TableInfos met één jaar); Zicht leest alleen regionale tijdreeksen',
        'the table has no region or period dimension (nor a TableInfos with one year); Zicht reads regional time series only',
      ),
    );
    return report;
  }
  const dimValues = new Map<string, Map<string, { Title?: string | null; Status?: string | null }>>();
  for (const d of dims) {
    const f = readJson(DimensionFile, join(dir, `${d.Key}.json`), report);
    if (!f) return report;
    dimValues.set(d.Key, new Map(f.value.map((v) => [v.Key, v])));
  }
  const data = readJson(DataSet, join(dir, 'TypedDataSet.json'), report);
  if (!data) return report;
  if (data.value.length > limits.rows) throw rowLimitError(`${tableId}/TypedDataSet.json`, limits.rows);

  const rows: unknown[][] = [];
  let accepted = 0;
  for (const [i, row] of data.value.entries()) {
    report.rowsRead++;
    const keys: Record<string, string> = {};
    let ok = true;
    for (const d of dims) {
      const k = String(row[d.Key] ?? '');
      if (!dimValues.get(d.Key)!.has(k)) {
        addProblem(
          report,
          problem(
            i + 1,
            d.Key,
            k.trim(),
            'unknown_dimension_value',
            `waarde staat niet in ${d.Key}.json`,
            `value is not listed in ${d.Key}.json`,
          ),
        );
        ok = false;
      }
      keys[d.Key] = k.trim();
    }
    if (!ok) {
      report.rowsRejected++;
      continue;
    }
    const region = keys[geo.Key]!;
    const period = time ? keys[time.Key]! : fixed!.key;
    const status = time ? periodStatus(dimValues.get(time.Key)!.get(String(row[time.Key]))!) : fixed!.status;
    const other = dims
      .filter((d) => d !== geo && d !== time)
      .map((d) => `${d.Key}=${keys[d.Key]}`)
      .join('|');
    let badRow = false;
    for (const t of topics) {
      const v = row[t.Key];
      if (t.Datatype === 'String') {
        const text = typeof v === 'string' ? v.trim() : null;
        rows.push([
          tableId,
          region,
          fromCbsRegionKey(region),
          period,
          other,
          t.Key,
          null,
          text ? status : 'onbekend',
          text || null,
        ]);
        continue;
      }
      if (v !== null && v !== undefined && typeof v !== 'number') {
        addProblem(report, problem(i + 1, t.Key, String(v), 'not_number', 'geen getal', 'not a number'));
        badRow = true;
        continue;
      }
      rows.push([
        tableId,
        region,
        fromCbsRegionKey(region),
        period,
        other,
        t.Key,
        v ?? null,
        v === null || v === undefined ? 'onbekend' : status,
        null,
      ]);
    }
    // read, good and refused count CBS rows: a row holds one value per topic, and counting the values as
    // good rows showed more good than read on the Data page (3,762 read, 18,810 good)
    if (badRow) report.rowsRejected++;
    else accepted++;
  }
  if (report.problemsTotal > 0) return report;

  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const sha = createHash('sha256');
  for (const f of files) sha.update(f).update(readFileSync(join(dir, f)));
  const setHash = sha.digest('hex');
  report.rowsAccepted = accepted;
  report.runId = await store.transaction(async (tx) => {
    for (const f of files) await keepRaw(tx, dataDir, join(dir, f), 'public');
    // the run points at the data set; the other files of the table are kept beside it
    const main = await keepRaw(tx, dataDir, join(dir, 'TypedDataSet.json'), 'public');
    const done = await tx.query<{ id: number; report: { set?: string } }>(
      "SELECT id, report FROM import_run WHERE raw_sha256 = $1 AND record_type = $2 AND status = 'committed'",
      [main.sha256, `cbs:${tableId}`],
    );
    if (done.some((d) => d.report.set === setHash)) {
      report.status = 'unchanged';
      return done[0]!.id;
    }
    const [run] = await tx.query<{ id: number }>(
      `INSERT INTO import_run (raw_sha256, record_type, status, finished_at, rows_read, rows_accepted, report) VALUES ($1,$2,'committed',now(),$3,$4,$5)
       ON CONFLICT (raw_sha256, record_type) WHERE status = 'committed' DO UPDATE SET finished_at = now(), report = EXCLUDED.report RETURNING id`,
      [main.sha256, `cbs:${tableId}`, report.rowsRead, rows.length, JSON.stringify({ set: setHash, files })],
    );
    await tx.query('DELETE FROM cbs_table WHERE table_id = $1', [tableId]);
    await tx.query(
      'INSERT INTO cbs_table (table_id, title, dimensions, topics, source_run_id) VALUES ($1,$2,$3,$4,$5)',
      [
        tableId,
        tableId,
        JSON.stringify(dims.map((d) => ({ key: d.Key, type: d.Type, title: d.Title ?? null }))),
        JSON.stringify(topics.map((t) => ({ key: t.Key, title: t.Title ?? null, unit: t.Unit ?? null }))),
        run!.id,
      ],
    );
    for (let i = 0; i < rows.length; i += 20_000) {
      await tx.copyFrom(
        'cbs_observation',
        ['table_id', 'region_key', 'gemeente_code', 'period_key', 'dims_key', 'topic', 'value', 'status', 'text_value'],
        rows
          .slice(i, i + 20_000)
          .map((r) => r.map(csvField).join(','))
          .join('\n') + '\n',
      );
    }
    const titles = [...dimValues.get(geo.Key)!.entries()].map(([k, v]) => [tableId, k.trim(), v.Title?.trim() || null]);
    if (titles.length > 0)
      await tx.copyFrom(
        'cbs_region',
        ['table_id', 'region_key', 'title'],
        titles.map((r) => r.map(csvField).join(',')).join('\n') + '\n',
      );
    if (dims.some((d) => d.Key === 'TaakveldBalanspost') && topics[0])
      await deriveIv3(tx, tableId, topics[0].Key, run!.id);
    report.status = 'committed';
    return run!.id;
  });
  return report;
}

/**
 * An Iv3 table (dimensions Gemeenten, TaakveldBalanspost, Categorie, Verslagsoort; amounts in
 * thousands of euros) also becomes Iv3 amounts: lasten (Categorie L…) per gemeente, year, kind and
 * taakveld, with the pre-2023 youth line beside each taakveld.
 */
async function deriveIv3(tx: Sql, tableId: string, topic: string, runId: number): Promise<void> {
  const obs = await tx.query<{ gemeente_code: string; period_key: string; dims_key: string; value: number }>(
    `SELECT gemeente_code, period_key, dims_key, value FROM cbs_observation
     WHERE table_id = $1 AND topic = $2 AND gemeente_code IS NOT NULL AND value IS NOT NULL`,
    [tableId, topic],
  );
  const rows: unknown[][] = [];
  for (const o of obs) {
    const report = parseVerslagsoort(o.period_key);
    const parts = Object.fromEntries(o.dims_key.split('|').map((kv) => kv.split('=') as [string, string]));
    const taakveld = (parts.TaakveldBalanspost ?? '').trim().toLowerCase();
    const category = (parts.Categorie ?? 'L').trim();
    if (!report || !taakveld || !category.startsWith('L')) continue; // lasten only; baten and balance posts are not youth-care cost
    rows.push([
      o.gemeente_code,
      report.year,
      report.kind,
      taakveld,
      foldTaakveld(taakveld),
      category,
      Math.round(o.value * 100_000),
      `CBS ${tableId}`,
      runId,
    ]);
  }
  if (rows.length === 0) return;
  await tx.exec(
    'CREATE TEMP TABLE IF NOT EXISTS zicht_stage_iv3 (LIKE iv3_amount INCLUDING DEFAULTS) ON COMMIT DROP; TRUNCATE zicht_stage_iv3;',
  );
  const cols = [
    'gemeente_code',
    'year',
    'kind',
    'taakveld',
    'youth_line',
    'category',
    'amount_cents',
    'source',
    'source_run_id',
  ];
  await tx.copyFrom('zicht_stage_iv3', cols, rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n');
  await tx.exec(`INSERT INTO iv3_amount (${cols.join(',')}) SELECT ${cols.join(',')} FROM zicht_stage_iv3
    ON CONFLICT (gemeente_code, year, kind, taakveld, category) DO UPDATE SET amount_cents = EXCLUDED.amount_cents,
      youth_line = EXCLUDED.youth_line, source = EXCLUDED.source, source_run_id = EXCLUDED.source_run_id`);
}
