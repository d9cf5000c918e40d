/**
 * Canonical CSV import of one file.
 *
 * Pass 1 reads the whole file once without writing: encoding (UTF-8, else Windows-1252), separator,
 * header and record type, decimal mark per numeric column, truncation, and the record count.
 * Pass 2 validates, pseudonymises and writes inside ONE transaction together with the import run,
 * so the database holds the whole file or nothing, also when the process is killed halfway; a
 * rerun then finds no committed run and does the job. A committed file of the same content is
 * not imported again.
 * Over 400 lines: the two passes share their per-file state; split when a pass grows its own helpers.
 */
import { dutchToday } from '../../domain/dates.js';
import { headerProblems } from './headerCheck.js';
import { basename } from 'node:path';
import type { Sql, Store } from '../../store/sql.js';
import type { PseudonymKey } from '../../domain/pseudonym.js';
import { findMunicipality } from '../../domain/municipalities.js';
import { keepRaw } from '../raw.js';
import { liftRowChecks } from '../../store/bulkLoad.js';
import { addNotice, addProblem, problem, type FileReport } from '../report.js';
import { EncodingError, decodeFile, sniffEncoding, type TextEncoding } from './decode.js';
import { CsvError, CsvTokenizer, detectSeparator, type CsvRecord } from './tokenize.js';
import { codePointOf, firstNotText, notTextKind, showNotText } from '../../domain/text.js';
import { decimalEvidence, type DecimalMark } from './fields.js';
import { MASKED_ID, maskValue } from './identity.js';
import { chanceOfPassing, idNumbers, isPlaceholderBsn, looksLikeBsnColumn, passesElfproef } from '../../domain/bsn.js';
import { isOwnIdColumn } from './recordKit.js';
import { unneutraliseCell } from '../../domain/cellSafety.js';
import {
  checkFileSize,
  columnLimitError,
  ingestLimits,
  LimitError,
  rowLimitError,
  type IngestLimits,
} from '../limits.js';
import { RECORD_TYPES, recognise, type Canonical, type RecordType } from './recordTypes.js';

export interface ImportOptions {
  /** Record type; recognised from file name or header when absent. */
  readonly type?: string | undefined;
  /** Import the valid rows and quarantine the rejected ones instead of refusing the file. */
  readonly acceptValid?: boolean;
  /** Validate only; write nothing (not even the raw copy). */
  readonly dryRun?: boolean;
  readonly onProgress?: (p: {
    file: string;
    phase: 'controleren' | 'inlezen';
    bytes: number;
    totalBytes: number;
    rows: number;
  }) => void;
  /** Renames header columns to canonical ones (a mapping profile, ingest/xlsx/profiles.ts); gets them trimmed and lower-cased. */
  readonly renameHeader?: ((cols: string[]) => string[]) | undefined;
  /** Byte, row and column limits (limits.ts); default the configured ones. */
  readonly limits?: IngestLimits | undefined;
  /** The file's name in reports and messages when it differs from the path's (an unpacked workbook). */
  readonly displayName?: string | undefined;
}

export interface ImportContext {
  readonly store: Store;
  readonly dataDir: string;
  readonly key: PseudonymKey;
  /** the clock (tests); the day it gives, in Dutch time, is "today" for the rows' date checks */
  readonly now?: () => Date;
}

const BATCH = 10_000;

class Rejected extends Error {}

interface Pass1 {
  encoding: TextEncoding;
  separator: string;
  header: string[];
  type: RecordType;
  decimals: Map<string, DecimalMark>;
  totalBytes: number;
  /** data rows counted in the first pass */
  rows: number;
}

function emptyReport(file: string): FileReport {
  return {
    file,
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
  };
}

export async function importCsvFile(ctx: ImportContext, path: string, opts: ImportOptions = {}): Promise<FileReport> {
  const file = basename(path);
  const base = emptyReport(file);
  let p1: Pass1 | null;
  try {
    checkFileSize(path, (opts.limits ?? ingestLimits()).fileBytes, opts.displayName ?? file);
    p1 = await firstPass(path, opts, base);
  } catch (err) {
    if (!(err instanceof LimitError)) throw err;
    // over a limit: refused before anything is written, and not kept (a hostile file is not stored)
    return limitReport(base, err);
  }
  const report: FileReport = { ...base, recordType: p1?.type.id ?? null };
  if (!p1 || report.problemsTotal > 0) {
    if (!opts.dryRun) await recordRejected(ctx, path, report);
    return report;
  }
  if (opts.dryRun) {
    try {
      return await secondPass(ctx, path, p1, opts, report, null);
    } catch (err) {
      // a dry run of a file that would be refused says so with its problems (it threw the internal Rejected)
      if (!(err instanceof Rejected)) throw err;
      report.status = 'rejected';
      report.rowsAccepted = 0;
      return report;
    }
  }

  const raw = await keepRaw(ctx.store, ctx.dataDir, path, ctx.key);
  const reportWithHash: FileReport = { ...report, sha256: raw.sha256 };
  const done = await ctx.store.query<{ id: number; rows_accepted: number; rows_read: number }>(
    "SELECT id, rows_accepted, rows_read FROM import_run WHERE raw_sha256 = $1 AND record_type = $2 AND status = 'committed'",
    [raw.sha256, p1.type.id],
  );
  if (done[0]) {
    return { ...reportWithHash, status: 'unchanged', runId: done[0].id, rowsRead: done[0].rows_read, rowsAccepted: 0 };
  }
  try {
    return await ctx.store.transaction((tx) => secondPass(ctx, path, p1, opts, reportWithHash, tx, raw.sha256));
  } catch (err) {
    if (!(err instanceof Rejected)) throw err;
    reportWithHash.status = 'rejected';
    reportWithHash.rowsAccepted = 0;
    await recordRejected(ctx, path, reportWithHash);
    return reportWithHash;
  }
}

async function firstPass(path: string, opts: ImportOptions, report: FileReport): Promise<Pass1 | null> {
  let encoding: TextEncoding;
  try {
    encoding = await sniffEncoding(path);
  } catch (err) {
    if (err instanceof EncodingError) addProblem(report, problem(0, null, null, 'encoding', err.nl, err.en));
    else throw err;
    return null;
  }
  for (;;) {
    try {
      const result = await scan(path, encoding, opts, report);
      report.encoding = encoding;
      return result;
    } catch (err) {
      if (err instanceof TypeError && encoding === 'utf-8') {
        encoding = 'windows-1252'; // not valid UTF-8: Excel on Dutch Windows writes Windows-1252
        report.problems.length = 0;
        report.problemsTotal = 0;
        continue;
      }
      throw err;
    }
  }
}

async function scan(
  path: string,
  encoding: TextEncoding,
  opts: ImportOptions,
  report: FileReport,
): Promise<Pass1 | null> {
  let tok: CsvTokenizer | null = null;
  let pending = '';
  let header: string[] | null = null;
  let type: RecordType | null = null;
  let rows = 0;
  let totalBytes = 0;
  const limits = opts.limits ?? ingestLimits();
  const shownName = opts.displayName ?? report.file;
  const evidence = new Map<string, { mark: DecimalMark | null; ambiguous: string | null; conflict: string | null }>();
  const numericIdx: Array<[number, string]> = [];
  const idIdx: Array<[number, string]> = [];
  // per column the distinct values holding numbers of 8 or 9 digits (bounded), how many pass and their mean chance
  const idEvidence = new Map<
    string,
    { seen: Set<string>; credited: Set<string>; passing: number; chance: number; firstLine: number }
  >();
  const ID_NUMBERS_KEPT = 2_000_000;

  const onRecord = (rec: CsvRecord): boolean => {
    if (rec.fields.length > limits.columns) throw columnLimitError(shownName, rec.fields.length, limits.columns);
    if (!header) {
      const own = rec.fields.map((f) =>
        f
          .trim()
          .toLowerCase()
          .replace(/^\ufeff/, ''),
      );
      // a column name with a character that is not text is named as such, not as an unknown column that "means" itself
      const odd = own.findIndex((f) => firstNotText(f) !== null);
      if (odd >= 0) {
        const c = firstNotText(own[odd]!)!;
        const kind = notTextKind(c);
        addProblem(
          report,
          problem(
            1,
            showNotText(own[odd]!),
            null,
            'not_text',
            `de kopregel bevat een teken dat geen tekst is (${codePointOf(c)}, ${kind.nl}); verwijder het uit het bestand`,
            `the header holds a character that is not text (${codePointOf(c)}, ${kind.en}); remove it from the file`,
          ),
        );
        return false;
      }
      const cols = opts.renameHeader ? opts.renameHeader(own) : own;
      header = cols;
      type = resolveType(basename(path), cols, opts.type, report);
      if (!type) return false;
      const missing = type.columns.filter((c) => c.required && !cols.includes(c.name));
      for (const c of missing) {
        addProblem(
          report,
          problem(
            1,
            c.name,
            null,
            'missing_column',
            `verplichte kolom "${c.name}" ontbreekt in de kopregel`,
            `required column "${c.name}" is missing from the header`,
          ),
        );
      }
      const misnamed = headerProblems(
        cols,
        type.columns.map((c) => c.name),
      );
      for (const p of misnamed) addProblem(report, p);
      for (const c of type.columns)
        if (c.numeric && cols.includes(c.name)) numericIdx.push([cols.indexOf(c.name), c.name]);
      for (const c of type.columns)
        if (isOwnIdColumn(c.name) && cols.includes(c.name)) idIdx.push([cols.indexOf(c.name), c.name]);
      return missing.length === 0 && misnamed.length === 0;
    }
    if (rec.fields.length === 1 && rec.fields[0]!.trim() === '') return true; // blank line
    if (++rows > limits.rows) throw rowLimitError(shownName, limits.rows);
    for (const [i, name] of numericIdx) {
      const v = rec.fields[i] ?? '';
      const ev = decimalEvidence(v);
      const e = evidence.get(name) ?? { mark: null, ambiguous: null, conflict: null };
      if (ev === ',' || ev === '.') {
        if (e.mark && e.mark !== ev && !e.conflict) e.conflict = `regel ${rec.line}: ${v}`;
        e.mark ??= ev;
      } else if (ev === 'ambiguous') e.ambiguous ??= v;
      evidence.set(name, e);
    }
    for (const [i, name] of idIdx) {
      const numbers = idNumbers(rec.fields[i] ?? '');
      if (numbers.length === 0) continue;
      const e = idEvidence.get(name) ?? {
        seen: new Set<string>(),
        credited: new Set<string>(),
        passing: 0,
        chance: 0,
        firstLine: 0,
      };
      idEvidence.set(name, e);
      // one value once, however often it stands in the file; it passes when it holds a passing number no value before
      // it was counted for: a day's batch of ids 2024020100001 … 2024020100040 shares its first nine digits, which
      // pass on one day in eleven, and was refused as "40 van de 40" (red team 40)
      const key = numbers.join(' ');
      if (e.seen.has(key) || e.seen.size >= ID_NUMBERS_KEPT) continue;
      e.seen.add(key);
      e.chance += chanceOfPassing(numbers.length);
      const fresh = numbers.find((d) => !e.credited.has(d) && passesElfproef(d) && !isPlaceholderBsn(d));
      if (fresh !== undefined) {
        e.credited.add(fresh);
        e.passing++;
        e.firstLine ||= rec.line;
      }
    }
    return true;
  };

  for await (const { text, bytes } of decodeFile(path, encoding)) {
    totalBytes = bytes;
    if (!tok) {
      pending += text;
      const nl = pending.indexOf('\n');
      if (nl === -1 && pending.length < 1_000_000) continue;
      const sep = detectSeparator(nl === -1 ? pending : pending.slice(0, nl));
      if (!sep) {
        addProblem(
          report,
          problem(
            1,
            null,
            null,
            'no_separator',
            'geen scheidingsteken (; , of tab) gevonden in de kopregel',
            'no separator (; , or tab) found in the header line',
          ),
        );
        return null;
      }
      report.separator = sep;
      tok = new CsvTokenizer(sep);
      const first = pending;
      pending = '';
      if (!feed(tok, first, onRecord, report)) return null;
    } else if (!feed(tok, text, onRecord, report)) return null;
    opts.onProgress?.({ file: report.file, phase: 'controleren', bytes, totalBytes: bytes, rows });
  }
  if (!tok && pending.trim() !== '') {
    const sep = detectSeparator(pending);
    if (sep) {
      report.separator = sep;
      tok = new CsvTokenizer(sep);
      if (!feed(tok, pending, onRecord, report)) return null;
    }
  }
  if (tok) {
    try {
      for (const r of tok.end()) if (!onRecord(r)) return null;
    } catch (err) {
      if (!(err instanceof CsvError)) throw err;
      addProblem(
        report,
        problem(
          err.line,
          null,
          null,
          'truncated',
          'het bestand eindigt midden in een veld tussen aanhalingstekens: is het afgebroken?',
          'the file ends inside a quoted field: was it cut off?',
        ),
      );
      return null;
    }
  }
  if (!header || !type) {
    if (!header) addProblem(report, problem(0, null, null, 'empty_file', 'het bestand is leeg', 'the file is empty'));
    return null;
  }
  if (rows === 0) {
    addProblem(
      report,
      problem(
        0,
        null,
        null,
        'no_rows',
        'het bestand bevat alleen een kopregel en geen gegevens',
        'the file has a header but no data rows',
      ),
    );
    return null;
  }
  const decimals = new Map<string, DecimalMark>();
  for (const [, name] of numericIdx) {
    const e = evidence.get(name);
    if (!e) continue;
    if (e.conflict) {
      addProblem(
        report,
        problem(
          0,
          name,
          e.conflict,
          'decimal_mixed',
          'kolom mengt decimale komma en punt',
          'column mixes decimal comma and decimal point',
        ),
      );
    } else if (e.mark) decimals.set(name, e.mark);
    else if (e.ambiguous) {
      addProblem(
        report,
        problem(
          0,
          name,
          e.ambiguous,
          'decimal_ambiguous',
          `niet te bepalen of "${e.ambiguous}" een decimaal getal of een bedrag met scheidingsteken voor duizendtallen is; schrijf bedragen zonder punt voor duizendtallen`,
          `cannot tell whether "${e.ambiguous}" has a decimal or a thousands separator; write amounts without thousands separators`,
        ),
      );
    }
  }
  for (const [, name] of idIdx) {
    const e = idEvidence.get(name);
    if (!e || !looksLikeBsnColumn(e.seen.size, e.passing, e.chance / e.seen.size)) continue;
    addProblem(
      report,
      problem(
        e.firstLine,
        name,
        MASKED_ID,
        'bsn_column',
        `kolom ${name} lijkt BSN's te bevatten: ${e.passing} van de ${e.seen.size} verschillende waarden met een nummer van 8 of 9 cijfers halen de elfproef, van eigen nummers ongeveer 1 op 11. Een BSN hoort alleen in client_id; kies bij het koppelen van kolommen de kolom met het eigen nummer. Heeft uw eigen nummering zelf de elfproef als controlecijfer, zet er dan een letter voor`,
        `column ${name} seems to hold BSNs: ${e.passing} of the ${e.seen.size} distinct values holding a number of 8 or 9 digits pass the elfproef, of own numbers about 1 in 11. A BSN belongs in client_id only; when mapping columns, choose the column with the own number. If your own numbering has the elfproef as its check digit, put a letter before it`,
      ),
    );
  }
  if (report.problemsTotal > 0) return null;
  return { encoding, separator: report.separator!, header, type, decimals, totalBytes, rows };
}

function feed(tok: CsvTokenizer, text: string, onRecord: (r: CsvRecord) => boolean, report: FileReport): boolean {
  try {
    for (const r of tok.push(text)) if (!onRecord(r)) return false;
    return true;
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    // the line-length limit: like the other limits, the file is refused without being kept
    throw new LimitError(
      `${report.file}: regel ${err.line} is langer dan 1 MB, de grens per regel; ontbreekt er een afsluitend aanhalingsteken?`,
      `${report.file}: line ${err.line} is longer than 1 MB, the limit per line; is a closing quote missing?`,
    );
  }
}

function resolveType(
  fileName: string,
  header: string[],
  wanted: string | undefined,
  report: FileReport,
): RecordType | null {
  if (wanted) {
    const t = RECORD_TYPES.find((x) => x.id === wanted);
    if (!t)
      addProblem(
        report,
        problem(
          0,
          null,
          wanted,
          'unknown_type',
          `onbekende soort; kies uit ${RECORD_TYPES.map((x) => x.id).join(', ')}`,
          `unknown record type; choose from ${RECORD_TYPES.map((x) => x.id).join(', ')}`,
        ),
      );
    return t ?? null;
  }
  const t = recognise(fileName, header);
  if (!t) {
    addProblem(
      report,
      problem(
        1,
        null,
        null,
        'unknown_type',
        `soort gegevens niet herkend aan bestandsnaam of kopregel; geef --type (${RECORD_TYPES.map((x) => x.id).join(', ')})`,
        `record type not recognised from file name or header; pass --type`,
      ),
    );
  }
  return t;
}

async function knownGemeenten(sql: Sql): Promise<Set<string>> {
  const rows = await sql.query<{ code: string }>('SELECT code FROM gemeente');
  return new Set(rows.map((r) => r.code));
}

async function secondPass(
  ctx: ImportContext,
  path: string,
  p1: Pass1,
  opts: ImportOptions,
  report: FileReport,
  tx: Sql | null,
  sha256?: string,
): Promise<FileReport> {
  const configured = await knownGemeenten(tx ?? ctx.store);
  const toRegister = new Set<string>();
  const isKnownGemeente = (code: string) => {
    if (configured.has(code)) return true;
    if (findMunicipality(code)) {
      toRegister.add(code);
      return true;
    }
    return false;
  };
  let runId = 0;
  if (tx) {
    const [run] = await tx.query<{ id: number }>(
      "INSERT INTO import_run (raw_sha256, record_type, status, options) VALUES ($1,$2,'running',$3) RETURNING id",
      [
        sha256,
        p1.type.id,
        JSON.stringify({ acceptValid: !!opts.acceptValid, encoding: p1.encoding, separator: p1.separator }),
      ],
    );
    runId = run!.id;
  }
  // a large first load on the embedded store writes its rows without their foreign-key triggers and secondary indexes,
  // which are put back (and every row checked against the keys) before the commit: 26 s → 7 s for the demo's claim
  // lines (store/bulkLoad.ts says why only there)
  const restoreRowChecks =
    tx && ctx.store.kind === 'pglite' && p1.rows >= BATCH && p1.type.bulkTables
      ? await liftRowChecks(tx, p1.type.bulkTables)
      : null;
  // what the type checks its rows against (contracts for tariffs and payments), read inside this transaction
  const state = p1.type.prepare ? await p1.type.prepare(tx ?? ctx.store) : undefined;
  const quarantine: unknown[][] = [];
  // a quarantined row of an earlier run is resolved when this run accepts the same id; settled per
  // batch, and only looked for when such rows are open, so a file of millions of rows keeps no list
  const idColumn = p1.type.columns[0]!.name.endsWith('_id') ? p1.type.columns[0]!.name : null;
  const openQuarantine =
    idColumn !== null &&
    tx !== null &&
    (
      await tx.query(
        `SELECT 1 FROM quarantine q JOIN import_run r ON r.id = q.import_run_id WHERE q.status = 'open' AND r.record_type = $1 LIMIT 1`,
        [p1.type.id],
      )
    ).length > 0;
  let batch: Canonical[] = [];
  let batchLines: number[] = [];
  const header = p1.header;

  // a dry run writes nothing, so the store cannot find an id given twice: the ids seen are kept here, up to a bound
  // (a file of millions of rows keeps no list; beyond it a real import still finds them) — red team 20: a dry run
  // accepted a betalingen.csv that the import then refused
  const seen = tx ? null : new Set<string>();
  const SEEN_MAX = 1_000_000;
  // One batch is written while the next is parsed: the store works in its own thread (the PGlite worker or the
  // PostgreSQL server), so the two overlap, as in the iJw importer. At most one write is in flight; what it found (ids
  // this run wrote in an earlier batch) is recorded when the next batch is flushed.
  let writing: Promise<{ dups: Set<string>; batch: Canonical[]; lines: number[] }> | null = null;
  const settle = async () => {
    if (!writing) return;
    const done = await writing;
    writing = null;
    report.rowsAccepted += done.batch.length - done.dups.size;
    for (const k of done.dups) {
      // the earlier occurrence stays; the copy in this batch is the duplicate (a batch holds each gemeente's id once;
      // with one id in two gemeenten of the batch, the last is named — the counts are right either way)
      let i = done.batch.length - 1;
      while (i > 0 && done.batch[i]!.key !== k) i--;
      rejectDuplicate(done.lines[i] ?? 0, k);
    }
    // these rows are decided: their notices stand
    for (const l of done.lines) notedLines.delete(l);
  };
  const write = async (full: Canonical[], lines: number[], codes: Set<string>) => {
    await registerGemeenten(tx!, codes, configured);
    const dups = await p1.type.write(tx!, full, runId);
    if (openQuarantine) {
      await tx!.query(
        `UPDATE quarantine q SET status = 'resolved', resolved_by_run = $1, resolved_at = now() FROM import_run r
          WHERE q.status = 'open' AND q.import_run_id = r.id AND r.record_type = $2 AND r.id <> $1 AND q.record->>$3 = ANY($4)`,
        [runId, p1.type.id, idColumn, full.filter((r) => r.key !== null && !dups.has(r.key)).map((r) => r.key)],
      );
    }
    return { dups, batch: full, lines };
  };
  const flush = async () => {
    if (batch.length === 0) return;
    if (!tx) {
      let accepted = 0;
      batch.forEach((r, i) => {
        const id = r.key === null ? null : `${r.gemeente}|${r.key}`;
        if (id !== null && seen!.has(id)) {
          rejectDuplicate(batchLines[i] ?? 0, r.key!);
          return;
        }
        if (id !== null && seen!.size < SEEN_MAX) seen!.add(id);
        accepted++;
      });
      report.rowsAccepted += accepted;
      for (const l of batchLines) notedLines.delete(l);
      batch = [];
      batchLines = [];
      return;
    }
    // an id a second time in the batch is a duplicate, refused here, before anything of the row is written: the first
    // stays (a third copy was counted as accepted and written in part, red team 23). Ids of earlier batches are the
    // store's to find (the upsert refuses to overwrite a row of this run), so no file-long list of ids is kept.
    const unique: Canonical[] = [];
    const uniqueLines: number[] = [];
    const inBatch = new Set<string>();
    batch.forEach((r, i) => {
      if (r.key !== null) {
        const id = `${r.gemeente}|${r.key}`;
        if (inBatch.has(id)) return rejectDuplicate(batchLines[i] ?? 0, r.key);
        inBatch.add(id);
      }
      unique.push(r);
      uniqueLines.push(batchLines[i] ?? 0);
    });
    await settle();
    // the gemeenten this batch names, taken now: the next batch's parse may add more while this one is written
    const codes = new Set(toRegister);
    toRegister.clear();
    writing = write(unique, uniqueLines, codes);
    // a failed write is met at the next settle; until then it must not count as unhandled
    writing.catch(() => undefined);
    batch = [];
    batchLines = [];
  };

  // the notices of each row that had one, so a row refused later as a copy of an id takes its notices back (red team
  // 29: the rounding notice counted a quarantined copy)
  const notedLines = new Map<number, ReadonlyArray<{ code: string; column: string | null }>>();
  const withdrawNotices = (line: number) => {
    for (const n of notedLines.get(line) ?? []) {
      const i = report.notices?.findIndex((x) => x.code === n.code && x.column === n.column) ?? -1;
      const notice = i >= 0 ? report.notices![i]! : undefined;
      if (!notice) continue;
      notice.count--;
      const at = notice.lines.indexOf(line);
      if (at >= 0) notice.lines.splice(at, 1);
      if (notice.count === 0) report.notices!.splice(i, 1);
    }
    notedLines.delete(line);
    if (report.notices?.length === 0) delete report.notices;
  };

  /** An id given twice in the file: the later row is refused (the real import and a dry run say the same). */
  const rejectDuplicate = (line: number, key: string) => {
    withdrawNotices(line);
    reject(
      line,
      { id: key },
      [
        {
          column: header[0] ?? 'id',
          code: 'duplicate_id',
          nl: `id "${key}" komt meer dan eens voor in dit bestand`,
          en: `id "${key}" occurs more than once in this file`,
        },
      ],
      key,
    );
  };
  const quarantineColumns = new Set([...p1.type.columns.map((c) => c.name), 'id']);
  const reject = (
    line: number,
    masked: Record<string, string>,
    problems: Array<{ column: string; code: string; nl: string; en: string }>,
    valueOverride?: string,
    gemeente?: string | null,
  ) => {
    report.rowsRejected++;
    for (const pr of problems) {
      const v = valueOverride ?? masked[pr.column] ?? null;
      addProblem(report, problem(line, pr.column, v, pr.code, pr.nl, pr.en));
    }
    // only the record type's own columns, masked: a column the type does not know (a name, an address) is not kept
    const kept = Object.fromEntries(Object.entries(masked).filter(([k]) => quarantineColumns.has(k)));
    if (tx && opts.acceptValid)
      quarantine.push([
        masked.gemeente ?? gemeente ?? null,
        runId,
        `regel ${line}`,
        JSON.stringify(kept),
        JSON.stringify(problems),
      ]);
  };

  const tok = new CsvTokenizer(p1.separator);
  let isHeader = true;
  const today = dutchToday((ctx.now ?? (() => new Date()))());
  const handle = async (rec: CsvRecord) => {
    if (isHeader) {
      isHeader = false;
      return;
    }
    if (rec.fields.length === 1 && rec.fields[0]!.trim() === '') return;
    report.rowsRead++;
    const masked: Record<string, string> = {};
    header.forEach((h, i) => (masked[h] = maskValue(h, rec.fields[i] ?? '')));
    if (rec.fields.length !== header.length) {
      reject(rec.line, masked, [
        {
          column: '',
          code: 'column_count',
          nl: `regel heeft ${rec.fields.length} velden, de kopregel ${header.length}`,
          en: `row has ${rec.fields.length} fields, the header ${header.length}`,
        },
      ]);
      return;
    }
    // a character that is not text (a control character, a noncharacter, a mark of bytes that were not UTF-8) is
    // refused where it stands, whatever the column: stored, it broke reports and showed as "€" or "�" (red team 19)
    const bad = rec.fields.findIndex((f) => firstNotText(f) !== null);
    if (bad >= 0) {
      const c = firstNotText(rec.fields[bad]!)!;
      const kind = notTextKind(c);
      reject(
        rec.line,
        masked,
        [
          {
            column: header[bad] ?? '',
            code: 'not_text',
            nl: `bevat een teken dat geen tekst is (${codePointOf(c)}, ${kind.nl}); verwijder het uit het bestand`,
            en: `holds a character that is not text (${codePointOf(c)}, ${kind.en}); remove it from the file`,
          },
        ],
        // the value as it can be read back: the character written as [U+0001]
        showNotText(masked[header[bad] ?? ''] ?? rec.fields[bad]!),
      );
      return;
    }
    const get = (col: string) => {
      const i = header.indexOf(col);
      // a correction file written by Zicht carries '=… for a value that starts like a formula (cellSafety.ts)
      return i === -1 ? '' : unneutraliseCell(rec.fields[i] ?? '');
    };
    const { record, problems, gemeente, notes } = p1.type.parse(get, {
      key: ctx.key,
      decimals: p1.decimals,
      recordRef: `${sha256 ?? 'dry'}:${rec.line}`,
      isKnownGemeente,
      line: rec.line,
      state,
      today,
    });
    if (!record) {
      reject(rec.line, masked, problems, undefined, gemeente);
      return;
    }
    for (const n of notes ?? []) addNotice(report, rec.line, n);
    if (notes?.length) notedLines.set(rec.line, notes);
    (record.values as Record<string, unknown>).source_ref = `regel ${rec.line}`;
    batch.push(record);
    batchLines.push(rec.line);
    if (batch.length >= BATCH) await flush();
  };

  for await (const { text, bytes } of decodeFile(path, p1.encoding)) {
    for (const rec of tok.push(text)) await handle(rec);
    opts.onProgress?.({ file: report.file, phase: 'inlezen', bytes, totalBytes: p1.totalBytes, rows: report.rowsRead });
  }
  for (const rec of tok.end()) await handle(rec);
  await flush();
  await settle();
  await restoreRowChecks?.();
  for (const n of p1.type.finish?.(state) ?? []) addNotice(report, n.line, n);
  // in the order of the file: a repeated id is known once its batch is written, after the next batch was read, and a
  // dry run knows it at once; sorted (stably) the import and its dry run list the same problems the same way
  report.problems.sort((a, b) => a.line - b.line);

  if (report.rowsRejected > 0 && !opts.acceptValid) throw new Rejected();
  if (!tx) {
    report.status = 'dry-run';
    return report;
  }
  for (let i = 0; i < quarantine.length; i += 1000) {
    const chunk = quarantine.slice(i, i + 1000);
    const params: unknown[] = [];
    const tuples = chunk.map(
      (row) =>
        `(${row
          .map((v) => {
            params.push(v);
            return `$${params.length}`;
          })
          .join(',')})`,
    );
    await tx.query(
      `INSERT INTO quarantine (gemeente_code, import_run_id, source_ref, record, errors) VALUES ${tuples.join(',')}`,
      params,
    );
  }
  report.status = 'committed';
  report.runId = runId;
  await tx.query(
    `UPDATE import_run SET status = 'committed', finished_at = now(), rows_read = $2, rows_accepted = $3, rows_rejected = $4, report = $5 WHERE id = $1`,
    [runId, report.rowsRead, report.rowsAccepted, report.rowsRejected, JSON.stringify(report)],
  );
  return report;
}

/** Real gemeenten appear in the gemeente table the first time a file names them. */
async function registerGemeenten(tx: Sql, codes: Set<string>, configured: Set<string>): Promise<void> {
  for (const code of codes) {
    const m = findMunicipality(code)!;
    const region = `JZR:${m.youthCareRegion}`;
    await tx.query('INSERT INTO region (code, name) VALUES ($1,$2) ON CONFLICT DO NOTHING', [
      region,
      m.youthCareRegion,
    ]);
    await tx.query('INSERT INTO gemeente (code, name, region_code) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING', [
      code,
      m.name,
      region,
    ]);
    configured.add(code);
  }
  codes.clear();
}

/** A file over a limit: rejected with the limit's message; no run is recorded and nothing is kept. */
export function limitReport(report: FileReport, err: LimitError): FileReport {
  addProblem(report, problem(0, null, null, 'limiet', err.nl, err.en));
  return { ...report, status: 'rejected' };
}

/** A refused file is recorded too (with its report), so the Data page can show why. */
async function recordRejected(ctx: ImportContext, path: string, report: FileReport): Promise<void> {
  let sha = report.sha256;
  try {
    if (!sha) sha = (await keepRaw(ctx.store, ctx.dataDir, path, ctx.key)).sha256;
  } catch {
    return; // unreadable file: the report is all we have
  }
  (report as { sha256: string | null }).sha256 = sha;
  const [run] = await ctx.store.query<{ id: number }>(
    `INSERT INTO import_run (raw_sha256, record_type, status, finished_at, rows_read, rows_accepted, rows_rejected, report)
     VALUES ($1,$2,'rejected',now(),$3,0,$4,$5) RETURNING id`,
    [sha, report.recordType ?? 'onbekend', report.rowsRead, report.rowsRejected, JSON.stringify(report)],
  );
  report.runId = run!.id;
}
