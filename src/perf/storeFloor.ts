/**
 * What one row costs the truth store, measured inside the database: copies of rows an import just
 * wrote are inserted again by one INSERT … SELECT (nothing crosses from Node), timed, and rolled
 * back. That is the floor under any importer that writes those rows, whatever it does in Node; the
 * ingest benchmark sets it beside the parse-only time per message.
 */
import type { Store } from '../store/sql.js';

export interface RowCost {
  readonly table: string;
  /** rows of the table after the import */
  readonly rows: number;
  readonly microsPerRow: number;
  /** the same with foreign-key checks switched off (needs a superuser; null when refused) */
  readonly microsPerRowWithoutForeignKeys: number | null;
}

/** A copy of existing rows that satisfies the table's unique keys. */
const COPIES: Record<string, (n: number) => string> = {
  raw_input: (n) => `INSERT INTO raw_input (sha256, file_name, byte_size, stored_path, pack_offset, pack_length, sealed)
    SELECT md5(sha256 || 'a') || md5(sha256 || 'b'), file_name, byte_size, stored_path, pack_offset, pack_length, sealed FROM raw_input LIMIT ${n}`,
  import_run: (
    n,
  ) => `INSERT INTO import_run (raw_sha256, record_type, status, finished_at, rows_read, rows_accepted, report)
    SELECT raw_sha256, record_type || ':kopie', status, finished_at, rows_read, rows_accepted, report FROM import_run LIMIT ${n}`,
  ijw_event: (
    n,
  ) => `INSERT INTO ijw_event (gemeente_code, message_type, event_type, logical_key, delivery_status, event_date, payload, allocation_number, source_run_id, source_ref)
    SELECT gemeente_code, message_type, event_type, logical_key, delivery_status, event_date, payload, allocation_number, source_run_id, source_ref FROM ijw_event LIMIT ${n}`,
  claim_line: (
    n,
  ) => `INSERT INTO claim_line (gemeente_code, claim_id, trajectory_id, allocation_number, youth_pseudonym, provider_agb, product_category, product_code,
      period_start, period_end, volume, unit, amount_cents, debit_credit, status, declaration_number, source_run_id, source_ref)
    SELECT gemeente_code, claim_id || ':kopie', trajectory_id, allocation_number, youth_pseudonym, provider_agb, product_category, product_code,
      period_start, period_end, volume, unit, amount_cents, debit_credit, status, declaration_number, source_run_id, source_ref FROM claim_line LIMIT ${n}`,
  trajectory: (
    n,
  ) => `INSERT INTO trajectory (gemeente_code, trajectory_id, allocation_number, youth_pseudonym, allocation_date, allocation_start, allocation_end,
      start_date, end_date, end_reason, withdrawn, dates_from_allocation, product_category, product_code, provider_agb, referrer_type, referrer_detail, request_date, source_run_id, source_ref)
    SELECT gemeente_code, trajectory_id || ':kopie', allocation_number, youth_pseudonym, allocation_date, allocation_start, allocation_end,
      start_date, end_date, end_reason, withdrawn, dates_from_allocation, product_category, product_code, provider_agb, referrer_type, referrer_detail, request_date, source_run_id, source_ref
    FROM trajectory LIMIT ${n}`,
};

class Rollback extends Error {}

async function timeCopy(store: Store, sql: string, prepare: string | null): Promise<number> {
  let ms = 0;
  try {
    await store.transaction(async (tx) => {
      if (prepare) await tx.exec(prepare);
      const t = performance.now();
      await tx.query(sql);
      ms = performance.now() - t;
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return ms;
}

/** Per table: the best of three copies of up to 10,000 rows (the first run also warms the cache). */
export async function measureRowCosts(store: Store, tables: readonly (keyof typeof COPIES)[]): Promise<RowCost[]> {
  const out: RowCost[] = [];
  for (const table of tables) {
    const [{ n: rows }] = (await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)) as [
      { n: number },
    ];
    const n = Math.min(rows, 10_000);
    if (n === 0) continue;
    const best = async (prepare: string | null) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) times.push(await timeCopy(store, COPIES[table]!(n), prepare));
      return Math.min(...times);
    };
    const withFk = await best(null);
    let withoutFk: number | null = null;
    try {
      withoutFk = await best('SET LOCAL session_replication_role = replica');
    } catch {
      withoutFk = null; // not a superuser: PostgreSQL refuses to switch the checks off, which is fine
    }
    const micros = (ms: number) => Math.round(((ms * 1000) / n) * 10) / 10;
    out.push({
      table,
      rows,
      microsPerRow: micros(withFk),
      microsPerRowWithoutForeignKeys: withoutFk === null ? null : micros(withoutFk),
    });
  }
  return out;
}
