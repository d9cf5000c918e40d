/**
 * The one interface the rest of Zicht uses to talk to the truth store, whichever back end holds it
 * (PGlite in a worker thread, or PostgreSQL). SQL is PostgreSQL dialect and must run on both.
 *
 * Value conventions (same on both back ends): date → 'YYYY-MM-DD' string, bigint/numeric → number,
 * timestamptz → Date, jsonb → parsed value.
 */
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
 * Multi-row INSERT: one array per column, unnested into rows (`INSERT … SELECT * FROM unnest(…)`).
 * One parameter per column instead of one per value is about twice as fast as VALUES lists on
 * PGlite and has no parameter limit. `suffix` may add an ON CONFLICT clause. Returns the number
 * of rows inserted or updated.
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
