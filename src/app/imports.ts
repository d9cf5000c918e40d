/**
 * Which importer reads which file: one table for every door (the `zicht import` command and the
 * upload route), so a new file type is added here once. Tabular files (canonical CSV, Excel, with
 * or without a mapping profile) go through `importTabularFile`; iJw messages, zip archives of them
 * and CBS mirror folders have their own importers, which the CLI calls (the web takes tabular files
 * only: messages and archives are large and arrive from the gemeente's own systems).
 */
import { existsSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { importCsvFile, type ImportContext, type ImportOptions } from '../ingest/csv/import.js';
import { importCsvWithProfile, importXlsxFile } from '../ingest/xlsx/import.js';
import type { MappingProfile } from '../ingest/xlsx/profiles.js';
import { isCbsMirror } from '../ingest/cbs/mirror.js';
import type { FileReport } from '../ingest/report.js';
import { RECORD_TYPES } from '../ingest/csv/recordTypes.js';

export type FileKind = 'csv' | 'xlsx' | 'xml' | 'zip' | 'cbs';

/** By extension (lower case); a directory is a CBS mirror when it looks like one (ingest/cbs/mirror.ts). */
export const FILE_KINDS: ReadonlyArray<{
  readonly kind: FileKind;
  readonly extensions: readonly string[];
  readonly nl: string;
  readonly en: string;
}> = [
  { kind: 'csv', extensions: ['.csv', '.txt'], nl: 'CSV-bestand', en: 'CSV file' },
  { kind: 'xlsx', extensions: ['.xlsx'], nl: 'Excel-werkmap', en: 'Excel workbook' },
  { kind: 'xml', extensions: ['.xml'], nl: 'iJw-bericht', en: 'iJw message' },
  { kind: 'zip', extensions: ['.zip'], nl: 'zip-archief met iJw-berichten', en: 'zip archive of iJw messages' },
  { kind: 'cbs', extensions: [], nl: 'map met CBS-tabellen', en: 'folder of CBS tables' },
];

/** The kinds the upload route takes. */
export const TABULAR_KINDS: ReadonlySet<FileKind> = new Set(['csv', 'xlsx']);

/** The kind of a file or folder, or null when no importer reads it. A folder that is not a CBS mirror is null too. */
export function fileKind(path: string): FileKind | null {
  if (existsSync(path) && statSync(path).isDirectory()) return isCbsMirror(path) ? 'cbs' : null;
  const ext = extname(path).toLowerCase();
  return FILE_KINDS.find((k) => k.extensions.includes(ext))?.kind ?? null;
}

/** The extensions a door accepts, for its message to the user: ".csv, .txt, .xlsx". */
export function extensionsOf(kinds: Iterable<FileKind>): string {
  const wanted = new Set(kinds);
  return FILE_KINDS.filter((k) => wanted.has(k.kind))
    .flatMap((k) => k.extensions)
    .join(', ');
}

export interface TabularOptions extends ImportOptions {
  readonly profile?: MappingProfile | null | undefined;
  readonly sheet?: string | undefined;
}

/** Reads one CSV or Excel file (kind 'csv' or 'xlsx'), through a mapping profile when one is given. */
export function importTabularFile(
  ctx: ImportContext,
  path: string,
  kind: FileKind,
  opts: TabularOptions,
): Promise<FileReport> {
  const { profile, sheet, ...rest } = opts;
  if (kind === 'xlsx') return importXlsxFile(ctx, path, { ...rest, sheet, profile: profile ?? null });
  if (kind === 'csv') return profile ? importCsvWithProfile(ctx, path, profile, rest) : importCsvFile(ctx, path, rest);
  throw new Error(`importTabularFile: ${kind} is not tabular`);
}

/**
 * Tabular files in the order their record types need: a file whose type reads another type's records first (tariffs
 * and payments check the stored contracts: `after`) comes after the files of that type, recognised by file name
 * (`betalingen-2026.csv` after `contracten.csv`); everything else keeps its order.
 */
export function inImportOrder(paths: readonly string[]): string[] {
  const depth = (id: string, seen: Set<string> = new Set()): number => {
    const t = RECORD_TYPES.find((x) => x.id === id);
    if (!t?.after || seen.has(id)) return 0;
    seen.add(id);
    return 1 + Math.max(...t.after.map((a) => depth(a, seen)));
  };
  const rank = (p: string) => {
    const name = basename(p).toLowerCase();
    // the longest id that starts the name: contracttarieven…, not contracten…
    const t = [...RECORD_TYPES].sort((a, b) => b.id.length - a.id.length).find((x) => name.startsWith(x.id));
    return t ? depth(t.id) : 0;
  };
  return paths
    .map((p, i) => ({ p, i, r: rank(p) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.p);
}
