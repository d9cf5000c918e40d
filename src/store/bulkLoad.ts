/**
 * A large first load into empty tables on the embedded store: the tables' foreign keys and non-unique indexes are taken
 * off for the load and put back, from the catalogue's own definitions, in the same transaction before it commits.
 *
 * Why: in PGlite each row's foreign-key check is a trigger run through SPI in WebAssembly. Loading 560.000 claim lines
 * took 26,4 s with the checks and the two secondary indexes, 6,7 s without them and with both put back after
 * (docs/benchmarks.md, stop 44). Putting a foreign key back validates every row of the table in one query, so the keys
 * stay enforced by the database: a row that breaks one fails the import as the row's own check would have. The primary
 * key and unique indexes stay, so conflicts and duplicates are found as before.
 *
 * Only where nothing else can see the tables meanwhile: the PGlite store serialises callers, and a transaction holds
 * its lock from BEGIN to COMMIT. On a PostgreSQL server the same DDL would lock `gemeente` and `import_run` for every
 * other session (a second application server) for the whole import, so `kind === 'pglite'` is the caller's condition.
 * Only for empty tables: putting the keys and indexes back reads the whole table, which for a small daily import into
 * a large table would cost more than the rows' own checks.
 */
import type { Sql } from './sql.js';

/** Tables that hold rows are left as they are; returns what puts the rest back (call it before the commit). */
export async function liftRowChecks(tx: Sql, tables: readonly string[]): Promise<() => Promise<void>> {
  const empty: string[] = [];
  for (const t of tables) {
    const [row] = await tx.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${t}) AS any`);
    if (row && !row.any) empty.push(t);
  }
  if (empty.length === 0) return async () => {};
  const keys = await tx.query<{ tbl: string; name: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1) ORDER BY c.conname`,
    [empty],
  );
  const indexes = await tx.query<{ name: string; def: string }>(
    `SELECT ci.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid
      WHERE i.indrelid::regclass::text = ANY($1) AND NOT i.indisprimary AND NOT i.indisunique ORDER BY ci.relname`,
    [empty],
  );
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  for (const k of keys) await tx.exec(`ALTER TABLE ${k.tbl} DROP CONSTRAINT ${quote(k.name)}`);
  for (const i of indexes) await tx.exec(`DROP INDEX ${quote(i.name)}`);
  return async () => {
    for (const i of indexes) await tx.exec(i.def);
    for (const k of keys) await tx.exec(`ALTER TABLE ${k.tbl} ADD CONSTRAINT ${quote(k.name)} ${k.def}`);
  };
}
