/**
 * Lineage, the way back from a canonical record to what it was made of: the import runs and the
 * kept raw inputs behind a trajectory (the gemeente's own file and every iJw message about its
 * allocation), and the raw input itself, opened from the raw store (unsealed) as it was received.
 */
import type { PseudonymKey } from '../domain/pseudonym.js';
import type { Sql, Store } from '../store/sql.js';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { streamRawFile, type KeptRaw } from './raw.js';

export interface SourceLine {
  /** what the source gave: the trajectory row itself, or an iJw event (type, message, delivery status) */
  readonly what: string;
  /** line of the file or element of the message */
  readonly ref: string | null;
  readonly run: number;
  readonly recordType: string;
  readonly importedAt: string;
  readonly file: string;
  readonly sha256: string;
}

export interface TrajectorySources {
  readonly gemeente: string;
  readonly trajectoryId: string;
  readonly youth: string;
  /** privacy.md rule 7: such a youth is never shown in a drill-down (the web refuses; the CLI operator may trace) */
  readonly secretAddress: boolean;
  readonly sources: SourceLine[];
}

/** The sources of one trajectory, oldest run first; null when the trajectory does not exist. */
export async function sourcesOfTrajectory(
  sql: Sql,
  gemeente: string,
  trajectoryId: string,
): Promise<TrajectorySources | null> {
  const [t] = await sql.query<{ youth: string; secret: boolean }>(
    `SELECT t.youth_pseudonym AS youth, coalesce(y.secret_address, false) AS secret
     FROM trajectory t LEFT JOIN youth y ON y.gemeente_code = t.gemeente_code AND y.pseudonym = t.youth_pseudonym
     WHERE t.gemeente_code = $1 AND t.trajectory_id = $2`,
    [gemeente, trajectoryId],
  );
  if (!t) return null;
  const rows = await sql.query<{
    what: string;
    ref: string | null;
    run: number;
    record_type: string;
    at: Date;
    file_name: string;
    sha256: string;
  }>(
    `SELECT 'traject' AS what, t.source_ref AS ref, r.id AS run, r.record_type, coalesce(r.finished_at, r.started_at) AS at, i.file_name, i.sha256
     FROM trajectory t JOIN import_run r ON r.id = t.source_run_id JOIN raw_input i ON i.sha256 = r.raw_sha256
     WHERE t.gemeente_code = $1 AND t.trajectory_id = $2
     UNION ALL
     SELECT e.event_type || coalesce(' (StatusAanlevering ' || e.delivery_status || ')', ''), e.source_ref, r.id, r.record_type, coalesce(r.finished_at, r.started_at), i.file_name, i.sha256
     FROM trajectory t JOIN ijw_event e ON e.gemeente_code = t.gemeente_code AND e.allocation_number = t.allocation_number
       JOIN import_run r ON r.id = e.source_run_id JOIN raw_input i ON i.sha256 = r.raw_sha256
     WHERE t.gemeente_code = $1 AND t.trajectory_id = $2
     ORDER BY run, ref`,
    [gemeente, trajectoryId],
  );
  return {
    gemeente,
    trajectoryId,
    youth: t.youth,
    secretAddress: t.secret,
    sources: rows.map((r) => ({
      what: r.what,
      ref: r.ref,
      run: Number(r.run),
      recordType: r.record_type,
      importedAt: new Date(r.at).toISOString(),
      file: r.file_name,
      sha256: r.sha256,
    })),
  };
}

export interface RawInput extends KeptRaw {
  readonly sha256: string;
  readonly file_name: string;
  readonly byte_size: number;
}

/** A kept raw input by the number of an import run or by its SHA-256; null when unknown. */
export async function findRawInput(store: Store, runOrSha: string): Promise<RawInput | null> {
  const bySha = /^[0-9a-f]{64}$/.test(runOrSha);
  if (!bySha && !/^\d{1,15}$/.test(runOrSha)) return null;
  const [row] = await store.query<RawInput>(
    `SELECT i.sha256, i.file_name, i.byte_size, i.stored_path, i.pack_offset, i.pack_length, i.sealed, i.compression FROM raw_input i
     WHERE ${bySha ? 'i.sha256 = $1' : 'i.sha256 = (SELECT raw_sha256 FROM import_run WHERE id = $1::bigint)'}`,
    [runOrSha],
  );
  return row ?? null;
}

/**
 * Writes the raw input as received to a file. The seal is checked at the end of the stream, so
 * the bytes go to a temporary name first: a damaged or foreign file leaves nothing behind.
 */
export async function writeRawInput(row: RawInput, key: PseudonymKey, out: string): Promise<void> {
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    await pipeline(Readable.from(streamRawFile(row, key)), createWriteStream(tmp));
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
}
