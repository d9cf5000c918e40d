/**
 * Builds the lens: a DuckDB file with columnar copies of the truth tables the indicators need.
 * It is built beside the current one and swapped in with a rename, so a reader never sees a
 * half-built lens, and it can be deleted at any time: the next rebuild makes it again.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { duckdb } from './duckdb.js';
import type { Store } from '../store/sql.js';
import { workName } from '../store/dataDir.js';
import { notifyDataChange } from '../store/notify.js';
import { DERIVED_SQL, LENS_TABLES, type LensTable } from './tables.js';

export interface LensBuildResult {
  readonly path: string;
  readonly tables: Record<string, number>;
  readonly millis: number;
}

export function lensPath(dataDir: string): string {
  return join(dataDir, 'lens.duckdb');
}

export async function rebuildLens(
  store: Store,
  dataDir: string,
  onProgress?: (step: string, done: number, total: number) => void,
  opts: { readonly sliceRows?: number } = {},
): Promise<LensBuildResult> {
  const sliceRows = opts.sliceRows ?? SLICE_ROWS;
  const started = performance.now();
  // names of this build alone: with PostgreSQL two processes may build a lens for one data directory
  // at once, and one must not delete or write into the other's half-built file (dataDir.ts removes
  // what a crashed build left)
  const work = join(dataDir, workName('lens-build'));
  mkdirSync(work, { recursive: true, mode: 0o700 });
  const target = lensPath(dataDir);
  const building = join(dataDir, workName('lens.duckdb.building'));

  const gemeenten = (await store.query<{ code: string }>('SELECT code FROM gemeente ORDER BY code')).map((r) => r.code);
  // what the lens is built from, read before the copy: an import committed during the build makes
  // the lens look older than it is, never newer, so `zicht check` then asks for a rebuild
  const runs = await committedRuns(store);
  const instance = await (await duckdb()).DuckDBInstance.create(building);
  const con = await instance.connect();
  const tables: Record<string, number> = {};
  let built = false;
  try {
    let step = 0;
    for (const t of LENS_TABLES) {
      onProgress?.(t.name, step++, LENS_TABLES.length + 1);
      const dir = join(work, t.name);
      mkdirSync(dir);
      const select = `SELECT ${t.columns.map(([n, , expr]) => expr ?? n).join(', ')} FROM ${t.from}`;
      let files = 0;
      if (t.perGemeente) {
        for (const g of gemeenten) {
          if (!/^\d{4}$/.test(g)) throw new Error(`unexpected gemeente code ${g}`);
          files += await copyGemeente(store, t, select, g, dir, sliceRows);
        }
      } else {
        await store.copyToFile(select, join(dir, 'all.csv'));
        files++;
      }
      const columns = [...t.columns, ...(t.enrich?.columns ?? [])];
      await con.run(`CREATE TABLE ${t.name} (${columns.map(([n, type]) => `"${n}" ${type}`).join(', ')})`);
      const read = `read_csv('${join(dir, '*.csv')}', ${csvOptions(t)})`;
      // no gemeenten yet (e.g. only CBS data loaded): the table stays empty
      if (files > 0 && t.enrich) {
        // read into a scratch file first, then joined into the lens: the join straight from the CSV files held the
        // rows in memory (peak 7,9 GB for 19 M claim lines at national size, against 3,2 GB for the whole build
        // before); from a stored table it stays at 2,4 GB
        const scratch = join(work, `${t.name}.duckdb`);
        await con.run(`ATTACH '${scratch}' AS scratch`);
        try {
          await con.run(`CREATE TABLE scratch.${t.name} AS SELECT * FROM ${read}`);
          await con.run(
            `INSERT INTO ${t.name} SELECT ${enrichSelect(t.enrich)} FROM scratch.${t.name} csv ${t.enrich.joins}`,
          );
        } finally {
          await con.run('DETACH scratch');
          rmSync(scratch, { force: true });
          rmSync(`${scratch}.wal`, { force: true });
        }
      } else if (files > 0) await con.run(`INSERT INTO ${t.name} SELECT * FROM ${read}`);
      const reader = await con.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${t.name}`);
      tables[t.name] = Number(reader.getRowObjects()[0]!.n);
      rmSync(dir, { recursive: true, force: true });
    }
    onProgress?.('afgeleide tabellen', step, LENS_TABLES.length + 1);
    for (const sql of DERIVED_SQL) await con.run(sql);
    const truth = store.description.replace(/'/g, "''");
    await con.run(
      `CREATE TABLE lens_meta AS SELECT now() AS built_at, '${truth}' AS truth, ${LENS_FORMAT}::INTEGER AS format, ` +
        `${runs.count}::INTEGER AS committed_runs, ${runs.max ?? 'NULL'}::BIGINT AS max_run`,
    );
    await con.run('CREATE TABLE lens_counts (table_name VARCHAR, n BIGINT)');
    for (const [name, n] of Object.entries(tables)) await con.run(`INSERT INTO lens_counts VALUES ('${name}', ${n})`);
    await con.run('CHECKPOINT');
    built = true;
  } finally {
    con.closeSync();
    instance.closeSync();
    rmSync(work, { recursive: true, force: true });
    if (!built) {
      rmSync(building, { force: true });
      rmSync(`${building}.wal`, { force: true });
    }
  }
  // two builds at once (processes on PostgreSQL, an upload beside a handed-over import): the one
  // that read the store later wins, whichever finishes last; an older build is thrown away. A lens
  // newer than the store itself (a store restored from a backup) is replaced all the same.
  const current = await builtFromRun(target);
  const now = (await committedRuns(store)).max;
  if (current !== null && (runs.max === null || current > runs.max) && now !== null && current <= now) {
    rmSync(building, { force: true });
  } else {
    renameSync(building, target);
  }
  if (existsSync(`${building}.wal`)) rmSync(`${building}.wal`);
  // other servers on this PostgreSQL database reload (a shared data directory) or rebuild their lens
  await notifyDataChange(store, { event: 'lens', run: runs.max });
  return { path: target, tables, millis: Math.round(performance.now() - started) };
}

/** The newest import run the lens at `path` was built from (null: no lens, or one from before this was recorded). */
export async function builtFromRun(path: string): Promise<number | null> {
  if (!existsSync(path)) return null;
  const instance = await (await duckdb()).DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const con = await instance.connect();
  try {
    const rows = (
      await con.runAndReadAll(
        'SELECT column_name FROM information_schema.columns ' +
          "WHERE table_name = 'lens_meta' AND column_name = 'max_run'",
      )
    ).getRowObjectsJson();
    if (rows.length === 0) return null;
    const [meta] = (await con.runAndReadAll('SELECT max_run FROM lens_meta')).getRowObjectsJson();
    return meta?.max_run === null || meta?.max_run === undefined ? null : Number(meta.max_run);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** The committed import runs: how many, and the newest. */
export async function committedRuns(store: Store): Promise<{ count: number; max: number | null }> {
  const [r] = await store.query<{ n: number; max: number | null }>(
    "SELECT count(*)::int AS n, max(id)::int AS max FROM import_run WHERE status = 'committed'",
  );
  return { count: Number(r?.n ?? 0), max: r?.max === null || r?.max === undefined ? null : Number(r.max) };
}

function csvOptions(t: LensTable): string {
  const cols = t.columns.map(([n, type]) => `'${n}': '${type === 'BOOLEAN' ? 'INTEGER' : type}'`).join(', ');
  return `columns = {${cols}}, header = false, auto_detect = false, nullstr = '', allow_quoted_nulls = false, dateformat = '%Y-%m-%d'`;
}

/** Rows per slice when a gemeente's table is copied in slices (about 100 MB of CSV for claim lines). */
const SLICE_ROWS = 500_000;

/**
 * What the lens derives while it loads, beyond its columns: raised when a rule changes (the trajectory a claim line
 * belongs to, format 2; the population bands, format 3), so `zicht check` finds a lens built by the rule before and it is rebuilt.
 */
export const LENS_FORMAT = 3;

/** The loaded row with the resolved columns in place (`* REPLACE`), then the added ones. */
const enrichSelect = (e: NonNullable<LensTable['enrich']>): string =>
  [
    e.replace?.length ? `csv.* REPLACE (${e.replace.map(([n, x]) => `${x} AS "${n}"`).join(', ')})` : 'csv.*',
    ...e.columns.map(([, , x]) => x),
  ].join(', ');

const literal = (v: string | number) => (typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`);

/**
 * One gemeente's rows of a table into CSV files: in one piece, or for a table with a slice key in
 * key ranges of sliceRows rows (keyset pagination, so each slice is an index range scan).
 */
async function copyGemeente(
  store: Store,
  t: LensTable,
  select: string,
  g: string,
  dir: string,
  sliceRows: number,
): Promise<number> {
  const where = `WHERE gemeente_code = '${g}'`;
  if (!t.sliceKey) {
    await store.copyToFile(`${select} ${where}`, join(dir, `${g}.csv`));
    return 1;
  }
  const key = t.sliceKey;
  let after: string | number | null = null;
  for (let part = 0; ; part++) {
    const from: string = after === null ? '' : ` AND ${key} > ${literal(after)}`;
    const [upper]: Array<{ k: string | number }> = await store.query<{ k: string | number }>(
      `SELECT ${key} AS k FROM ${t.from} ${where}${from} ORDER BY ${key} OFFSET ${sliceRows - 1} LIMIT 1`,
    );
    const to = upper ? ` AND ${key} <= ${literal(upper.k)}` : '';
    await store.copyToFile(`${select} ${where}${from}${to}`, join(dir, `${g}-${part}.csv`));
    if (!upper) return part + 1;
    after = upper.k;
  }
}
