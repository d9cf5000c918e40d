/**
 * Quarantine: rows refused by an import with --accept-valid wait here (personal fields masked)
 * until they are corrected. The way back: export the original rows of the open entries from the
 * kept raw files into a correction file per import (same columns, UTF-8, ';'), fix them in Excel,
 * and import that file; a row whose id is then accepted is resolved automatically (csv/import.ts).
 * Rows without an id column (bevolking, budget, …) are resolved by hand.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Store } from '../store/sql.js';
import { CsvTokenizer } from './csv/tokenize.js';
import { decodeFile, type TextEncoding } from './csv/decode.js';
import { streamRawFile, type KeptRaw } from './raw.js';
import type { PseudonymKey } from '../domain/pseudonym.js';
import { neutraliseCell } from '../domain/cellSafety.js';

export interface OpenEntry {
  readonly id: number;
  readonly run: number;
  readonly recordType: string;
  readonly file: string;
  readonly line: number;
  readonly gemeente: string | null;
  /** the record as stored: personal fields masked */
  readonly record: Record<string, string>;
  readonly errors: ReadonlyArray<{ column: string; code: string; nl: string; en: string }>;
}

export async function openEntries(store: Store): Promise<OpenEntry[]> {
  const rows = await store.query<{
    id: number;
    run: number;
    record_type: string;
    file_name: string;
    source_ref: string;
    gemeente_code: string | null;
    record: Record<string, string>;
    errors: OpenEntry['errors'];
  }>(`
    SELECT q.id::int AS id, q.import_run_id::int AS run, r.record_type, i.file_name, q.source_ref, q.gemeente_code, q.record, q.errors
      FROM quarantine q JOIN import_run r ON r.id = q.import_run_id JOIN raw_input i ON i.sha256 = r.raw_sha256
     WHERE q.status = 'open' ORDER BY q.import_run_id, q.id`);
  return rows.map((r) => ({
    id: r.id,
    run: r.run,
    recordType: r.record_type,
    file: r.file_name,
    line: Number(r.source_ref.replace(/\D+/g, '')),
    gemeente: r.gemeente_code,
    record: r.record,
    errors: r.errors,
  }));
}

export async function resolveByHand(store: Store, ids: readonly number[]): Promise<number> {
  const rows = await store.query(
    "UPDATE quarantine SET status = 'resolved', resolved_at = now() WHERE status = 'open' AND id = ANY($1) RETURNING id",
    [[...ids]],
  );
  return rows.length;
}

// the file is opened in Excel: a formula-like value gets a leading quote, which the importer removes again
const field = (raw: string, sep: string): string => {
  const v = neutraliseCell(raw);
  return v.includes(sep) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};

export interface CorrectionFile {
  readonly path: string;
  readonly recordType: string;
  readonly run: number;
  readonly rows: number;
}

/**
 * Writes, per import run with open entries, the header and the original rows of those entries
 * (from the kept raw file, unmasked: these files hold personal data and belong with the source).
 */
export async function exportForCorrection(store: Store, key: PseudonymKey, outDir: string): Promise<CorrectionFile[]> {
  const entries = await openEntries(store);
  const runs = [...new Set(entries.map((e) => e.run))];
  mkdirSync(outDir, { recursive: true });
  const out: CorrectionFile[] = [];
  for (const run of runs) {
    const [r] = await store.query<
      KeptRaw & { record_type: string; options: { encoding?: TextEncoding; separator?: string } }
    >(
      'SELECT i.stored_path, i.pack_offset, i.pack_length, i.sealed, i.compression, r.record_type, r.options FROM import_run r JOIN raw_input i ON i.sha256 = r.raw_sha256 WHERE r.id = $1',
      [run],
    );
    if (!r || !r.options?.separator || !r.options.encoding) continue; // not a CSV run (an iJw message has no rows to correct)
    const lines = new Set(entries.filter((e) => e.run === run).map((e) => e.line));
    const path = join(outDir, `${r.record_type}-correctie-${run}.csv`);
    const w = createWriteStream(path, { encoding: 'utf8' });
    const tok = new CsvTokenizer(r.options.separator);
    let header = true;
    let rows = 0;
    const write = async (fields: readonly string[]) => {
      if (!w.write(`${fields.map((f) => field(f, ';')).join(';')}\n`)) await once(w, 'drain');
    };
    for await (const { text } of decodeFile(streamRawFile(r, key), r.options.encoding)) {
      for (const rec of tok.push(text)) {
        if (header) {
          header = false;
          await write(rec.fields);
        } else if (lines.has(rec.line)) {
          await write(rec.fields);
          rows++;
        }
      }
    }
    for (const rec of tok.end())
      if (lines.has(rec.line)) {
        await write(rec.fields);
        rows++;
      }
    w.end();
    await once(w, 'finish');
    out.push({ path, recordType: r.record_type, run, rows });
  }
  return out;
}
