/**
 * Excel (.xlsx) import: the chosen sheet becomes canonical CSV (sheet.ts, row numbers kept) and
 * goes through the CSV importer, so validation, pseudonymisation, quarantine, idempotence and the
 * report are the same. The workbook itself is kept as raw input next to the CSV derived from it.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { importCsvFile, limitReport, type ImportContext, type ImportOptions } from '../csv/import.js';
import { LimitError } from '../limits.js';
import { keepRaw } from '../raw.js';
import { problem, type FileReport } from '../report.js';
import { renameHeader, type MappingProfile } from './profiles.js';
import { SheetError, sheetToCsv } from './sheet.js';

export interface XlsxOptions extends ImportOptions {
  readonly sheet?: string | undefined;
  readonly profile?: MappingProfile | null | undefined;
}

export async function importXlsxFile(ctx: ImportContext, path: string, opts: XlsxOptions = {}): Promise<FileReport> {
  const work = join(ctx.dataDir, 'tmp', `xlsx-${process.pid}-${Date.now()}`);
  mkdirSync(work, { recursive: true });
  // the CSV carries the workbook's name, so a file called trajecten.xlsx is recognised as trajecten
  const csv = join(work, `${basename(path, extname(path))}.csv`);
  try {
    let sheet;
    const refused = {
      file: basename(path),
      sha256: null,
      recordType: null,
      status: 'rejected',
      encoding: null,
      separator: null,
      rowsRead: 0,
      rowsAccepted: 0,
      rowsRejected: 0,
      problems: [],
      problemsTotal: 0,
      runId: null,
    } as const;
    try {
      sheet = await sheetToCsv(path, csv, {
        sheet: opts.sheet,
        profile: opts.profile ?? null,
        limits: opts.limits,
        name: opts.displayName ?? basename(path),
      });
    } catch (err) {
      // a zip bomb or a workbook over a limit is refused before anything is written or kept
      if (err instanceof LimitError) return limitReport({ ...refused, problems: [] }, err);
      if (!(err instanceof SheetError)) throw err;
      return { ...refused, problems: [problem(0, null, null, 'xlsx_unreadable', err.nl, err.en)], problemsTotal: 1 };
    }
    const raw = opts.dryRun ? null : await keepRaw(ctx.store, ctx.dataDir, path, ctx.key);
    // the profile has already renamed the header in the sheet; its record type still applies
    const report = await importCsvFile(ctx, csv, {
      ...opts,
      type: opts.type ?? opts.profile?.soort,
      renameHeader: undefined,
      displayName: opts.displayName ?? basename(path),
    });
    if (raw && report.runId !== null) {
      // lineage: the run of the derived CSV names the workbook and sheet it came from
      await ctx.store.query(
        `UPDATE import_run SET report = coalesce(report, '{}'::jsonb) || jsonb_build_object('werkmap', $2::text, 'werkmap_sha256', $3::text, 'blad', $4::text) WHERE id = $1`,
        [report.runId, basename(path), raw.sha256, sheet.sheet],
      );
    }
    return { ...report, file: `${basename(path)} (blad ${sheet.sheet})` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A CSV file read with a mapping profile: the header is renamed, the rest is the CSV importer. */
export function importCsvWithProfile(
  ctx: ImportContext,
  path: string,
  profile: MappingProfile,
  opts: ImportOptions = {},
): Promise<FileReport> {
  return importCsvFile(ctx, path, {
    ...opts,
    type: opts.type ?? profile.soort,
    renameHeader: (cols) => renameHeader(cols, profile),
  });
}
