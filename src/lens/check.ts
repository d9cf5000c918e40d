/**
 * zicht check: does the lens agree with the truth store? The lens records, when it is built, the
 * committed import runs it was built from and how many rows each table got (build.ts). A lens that
 * disagrees shows figures the store no longer (or not yet) holds: after a crash between an import's
 * commit and the rebuild, after an import by a process that did not rebuild, or after a store was
 * restored or damaged.
 */
import { existsSync } from 'node:fs';
import { duckdb } from './duckdb.js';
import type { Store } from '../store/sql.js';
import { committedRuns, LENS_FORMAT, lensPath } from './build.js';
import { LENS_TABLES, lensColumns } from './tables.js';

export interface LensDifference {
  readonly what: string;
  readonly lens: number | string | null;
  readonly store: number | string | null;
}

export interface LensCheck {
  readonly agrees: boolean;
  readonly lens: string;
  readonly missing: boolean;
  readonly builtAt: string | null;
  readonly differences: LensDifference[];
}

type Recorded = {
  meta: Record<string, unknown> | null;
  counts: Map<string, number> | null;
  /** table → its columns in the file */
  columns: Map<string, Set<string>>;
};

async function readLens(path: string): Promise<Recorded> {
  const instance = await (await duckdb()).DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const con = await instance.connect();
  try {
    const rows = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson();
    const names = await rows('SELECT table_name FROM information_schema.tables');
    const tables = new Set(names.map((r) => String(r.table_name)));
    // a lens built before zicht check existed has neither table: it counts as disagreeing
    const meta = tables.has('lens_meta') ? ((await rows('SELECT * FROM lens_meta'))[0] ?? null) : null;
    const counts = tables.has('lens_counts')
      ? new Map((await rows('SELECT table_name, n FROM lens_counts')).map((r) => [String(r.table_name), Number(r.n)]))
      : null;
    const columns = new Map<string, Set<string>>();
    for (const r of await rows('SELECT table_name, column_name FROM information_schema.columns'))
      columns.set(String(r.table_name), (columns.get(String(r.table_name)) ?? new Set()).add(String(r.column_name)));
    return { meta: meta as Record<string, unknown> | null, counts, columns };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

export async function checkLens(store: Store, dataDir: string): Promise<LensCheck> {
  const path = lensPath(dataDir);
  if (!existsSync(path)) {
    const differences = [{ what: 'lens', lens: null, store: 'aanwezig / present' }];
    return { agrees: false, lens: path, missing: true, builtAt: null, differences };
  }
  const { meta, counts, columns } = await readLens(path);
  const differences: LensDifference[] = [];
  // a lens built by a version before a column was added (budget's programme and reserve, migration 25) has the
  // same runs and rows but cannot answer the figures that read it: rebuilt like one that disagrees
  for (const t of LENS_TABLES) {
    const have = columns.get(t.name);
    const lacking = have ? lensColumns(t).filter((c) => !have.has(c)) : [];
    if (lacking.length > 0)
      differences.push({ what: `kolommen ${t.name} / columns`, lens: `zonder ${lacking.join(', ')}`, store: null });
  }
  const runs = await committedRuns(store);
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  if (!meta || !('committed_runs' in meta) || !counts) {
    differences.push({ what: 'controlegegevens / check data (lens van vóór zicht check)', lens: null, store: null });
  } else {
    // built by an older rule (build.ts LENS_FORMAT): the same runs and rows, other derived values
    if ((num(meta.format) ?? 1) !== LENS_FORMAT)
      differences.push({ what: 'lensversie / lens format', lens: num(meta.format) ?? 1, store: LENS_FORMAT });
    if (num(meta.committed_runs) !== runs.count) {
      const what = 'ingelezen runs / committed import runs';
      differences.push({ what, lens: num(meta.committed_runs), store: runs.count });
    }
    if (num(meta.max_run) !== runs.max) {
      differences.push({ what: 'laatste run / newest import run', lens: num(meta.max_run), store: runs.max });
    }
    for (const t of LENS_TABLES) {
      // the lens holds only rows of known gemeenten (build.ts copies per gemeente)
      const where = t.perGemeente ? ' WHERE gemeente_code IN (SELECT code FROM gemeente)' : '';
      const [r] = await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t.from}${where}`);
      const inStore = Number(r?.n ?? 0);
      const inLens = counts.get(t.name) ?? null;
      if (inLens !== inStore) differences.push({ what: `rijen ${t.name} / rows`, lens: inLens, store: inStore });
    }
  }
  const builtAt = meta?.built_at ? String(meta.built_at) : null;
  return { agrees: differences.length === 0, lens: path, missing: false, builtAt, differences };
}

/** One line per difference, for people. */
export function formatCheck(c: LensCheck): string {
  if (c.agrees) return `De lens klopt met de database (gebouwd ${c.builtAt}) / the lens agrees with the store.`;
  if (c.missing) return `De lens ontbreekt (${c.lens}): voer 'zicht lens' uit / the lens is missing: run 'zicht lens'.`;
  return [
    `De lens wijkt af van de database (gebouwd ${c.builtAt ?? '?'}); voer 'zicht lens' uit / ` +
      "the lens disagrees with the store; run 'zicht lens':",
    ...c.differences.map((d) => `  ${d.what}: lens ${d.lens ?? '–'}, database ${d.store ?? '–'}`),
  ].join('\n');
}
