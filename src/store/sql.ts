/**
 * The one interface the rest of Zicht uses to talk to the truth store, whichever back end holds it
 * (PGlite in a worker thread, or PostgreSQL). SQL is PostgreSQL dialect and must run on both.
 *
 * Value conventions (same on both back ends): date → 'YYYY-MM-DD' string, bigint/numeric → number,
 * timestamptz → Date, jsonb → parsed value.
 */
import { createHash } from 'node:crypto';

export type Row = Record<string, unknown>;

export interface Sql {
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** One or more statements without parameters. */
  exec(text: string): Promise<void>;
  /** Bulk load: COPY table (columns) FROM CSV text (NULL = empty unquoted field). Much faster than INSERT. */
  copyFrom(table: string, columns: readonly string[], csv: string): Promise<void>;
}

/** One value as a CSV field for COPY: NULL unquoted and empty, everything else quoted. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return csvField(`{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  const s = String(v);
  return `"${s.replace(/"/g, '""')}"`;
}

export type BackendKind = 'pglite' | 'postgres';

export interface Store extends Sql {
  readonly kind: BackendKind;
  /** Human description without secrets (no password in a DATABASE_URL). */
  readonly description: string;
  /** Runs fn in one transaction; rolls back when fn throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Writes the result of a SELECT as CSV (no header, NULL as empty unquoted field) to a file,
   * streaming on the database side. The query is inlined in COPY, so it takes no parameters:
   * callers pass only validated literals.
   */
  copyToFile(select: string, path: string): Promise<number>;
  close(): Promise<void>;
}

/** Which gemeenten a session may see; '*' = all (beheerder of the installation). */
export interface Scope {
  readonly gemeenten: readonly string[] | '*';
  /** narrows person-level rows to one provider (AGB) — role aanbieder */
  readonly provider?: string | undefined;
  /** narrows person-level rows to one team — role teammanager */
  readonly team?: string | undefined;
}

/**
 * Runs fn as the restricted role zicht_app with the scope set for this transaction only, so
 * PostgreSQL row-level security, not only our code, keeps other gemeenten's rows out.
 */
export async function withScope<T>(store: Store, scope: Scope, fn: (tx: Sql) => Promise<T>): Promise<T> {
  const value = scope.gemeenten === '*' ? '*' : scope.gemeenten.join(',');
  return store.transaction(async (tx) => {
    await tx.exec('SET LOCAL ROLE zicht_app');
    await tx.query(
      "SELECT set_config('zicht.scope', $1, true), set_config('zicht.provider', $2, true), set_config('zicht.team', $3, true)",
      [value, scope.provider ?? '', scope.team ?? ''],
    );
    return fn(tx);
  });
}

const ROWS_PER_STATEMENT = 5_000;

/** Column types per table, read once from the catalog (the schema is the same on both back ends). */
const columnTypes = new Map<string, Map<string, string>>();

async function typesOf(sql: Sql, table: string): Promise<Map<string, string>> {
  const known = columnTypes.get(table);
  if (known) return known;
  const rows = await sql.query<{ name: string; type: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, NULL) AS type FROM pg_attribute a
     WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
    [table],
  );
  const types = new Map(rows.map((r) => [r.name, r.type]));
  columnTypes.set(table, types);
  return types;
}

/**
 * Multi-row INSERT. Small sets: one array per column, unnested into rows (`INSERT … SELECT * FROM unnest(…)`; one
 * parameter per column, no parameter limit). From COPY_FROM rows on: COPY, straight into the table when there is no
 * `suffix`, else into a column-only temporary stage and from there by one INSERT … SELECT with the suffix — COPY parses
 * rows faster than array literals on PGlite (a scratch measurement of 10,000 event-like rows with jsonb: 21 → 14 µs a
 * row; the import runs of a batch 37 → 28 µs; issue 18.4, docs/benchmarks.md for the import as a whole). `suffix` may
 * add an ON CONFLICT clause. Returns the number of rows inserted or updated. The caller owns the tables (imports):
 * a COPY into a table with row-level security is refused for a restricted role.
 */
export async function insertRows(
  sql: Sql,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  suffix = '',
): Promise<number> {
  if (rows.length === 0) return 0;
  const types = await typesOf(sql, table);
  const casts = columns.map((c, i) => {
    const type = types.get(c);
    if (!type) throw new Error(`insertRows: ${table} has no column ${c}`);
    // unnest would flatten an array column; no caller writes one this way
    if (type.endsWith('[]')) throw new Error(`insertRows: array column ${table}.${c} is not supported`);
    return `$${i + 1}::${type}[]`;
  });
  if (rows.length >= COPY_FROM) return copyRows(sql, table, columns, rows, suffix);
  let written = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const res = await sql.query(
      `INSERT INTO ${table} (${columns.join(',')}) SELECT * FROM unnest(${casts.join(', ')}) ${suffix} RETURNING 1 AS x`,
      columns.map((_, c) => chunk.map((row) => row[c] ?? null)),
    );
    written += res.length;
  }
  return written;
}

const COPY_FROM = 64;
const ROWS_PER_COPY = 20_000;

async function copyRows(
  sql: Sql,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  suffix: string,
): Promise<number> {
  if (!suffix) {
    for (let i = 0; i < rows.length; i += ROWS_PER_COPY) await sql.copyFrom(table, columns, csvOf(columns, rows, i));
    return rows.length;
  }
  const written = await stagedInsert<{ n: number }>(
    sql,
    table,
    columns,
    rows,
    suffix,
    '1',
    (ins) => `SELECT count(*)::int AS n FROM ${ins}`,
  );
  return written.reduce((s, r) => s + r.n, 0);
}

function csvOf(columns: readonly string[], rows: readonly (readonly unknown[])[], from: number): string {
  return (
    rows
      .slice(from, from + ROWS_PER_COPY)
      .map((r) => columns.map((_, c) => csvField(r[c])).join(','))
      .join('\n') + '\n'
  );
}

/**
 * COPY into a column-only temporary stage, then one INSERT … SELECT with `suffix` and RETURNING `returning`, read by
 * `select` over the inserted rows (a CTE named `ins`). The stage is kept for the connection, one per table and column
 * set (the same table may be written with other columns in one transaction: events and answers), and emptied by the
 * statement that moves its rows: creating a table in every transaction cost ~9 ms on PGlite.
 */
async function stagedInsert<T>(
  sql: Sql,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  suffix: string,
  returning: string,
  select: (ins: string) => string,
): Promise<T[]> {
  const cols = columns.join(',');
  const stage = `zicht_ins_${table}_${createHash('sha1').update(cols).digest('hex').slice(0, 8)}`;
  await sql.exec(
    `CREATE TEMP TABLE IF NOT EXISTS ${stage} ON COMMIT DELETE ROWS AS SELECT ${cols} FROM ${table} WITH NO DATA`,
  );
  const out: T[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_COPY) {
    await sql.copyFrom(stage, columns, csvOf(columns, rows, i));
    out.push(
      ...(await sql.query<T>(
        `WITH moved AS (DELETE FROM ${stage} RETURNING ${cols}), ins AS (INSERT INTO ${table} (${cols}) SELECT ${cols} FROM moved ${suffix} RETURNING ${returning})
         ${select('ins')}`,
      )),
    );
  }
  return out;
}

/** insertRows that returns `returning` of every row written (by COPY through a stage, whatever the number of rows). */
export async function insertRowsReturning<T extends Row>(
  sql: Sql,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  returning: string,
  suffix = '',
): Promise<T[]> {
  if (rows.length === 0) return [];
  return stagedInsert<T>(sql, table, columns, rows, suffix, returning, (ins) => `SELECT * FROM ${ins}`);
}
