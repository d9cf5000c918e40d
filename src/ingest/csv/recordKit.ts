/**
 * What every canonical CSV record type is made of: its column list, the row parser that collects
 * field problems (file, line and column are added by the importer), the gemeente and decimal field
 * parsers, and the bulk upsert through a staging table. The record types themselves live in
 * recordTypes.ts and contractTypes.ts.
 */
import { bsnLikeRuns } from '../../domain/bsn.js';
import { csvField, type Sql } from '../../store/sql.js';
import type { PseudonymKey } from '../../domain/pseudonym.js';
import { fail, ok, parseDecimal, type DecimalMark, type Parsed } from './fields.js';

export interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
  /** numeric columns get their decimal mark detected over the whole file */
  readonly numeric?: boolean;
}

export interface FieldProblem {
  readonly column: string;
  readonly code: string;
  readonly nl: string;
  readonly en: string;
}

export interface ParseContext {
  readonly key: PseudonymKey;
  readonly decimals: ReadonlyMap<string, DecimalMark>;
  readonly recordRef: string;
  readonly isKnownGemeente: (code: string) => boolean;
  /** The row's physical line (1 = header), for problems that name another row ("overlapt met regel 7"). */
  readonly line: number;
  /** What the type's `prepare` returned for this file (contracts already stored, rows seen so far). */
  readonly state?: unknown;
  /** The day of the import in the Netherlands (domain/dates.ts dutchToday): a date after it has not happened yet. */
  readonly today: string;
}

/** A canonical record ready to write: its gemeente, its key (for duplicates) and its values. */
export interface Canonical {
  readonly gemeente: string;
  readonly key: string | null;
  readonly values: Record<string, unknown>;
}

export interface RecordType {
  readonly id:
    | 'trajecten'
    | 'basishulp'
    | 'budget'
    | 'tevredenheid'
    | 'bevolking'
    | 'declaraties'
    | 'iv3'
    | 'contracten'
    | 'contracttarieven'
    | 'betalingen'
    | 'ervaringen'
    | 'klachten'
    | 'aanbod'
    | 'evaluaties'
    | 'verbindingsfuncties';
  readonly description: string;
  /** Record types whose files are read first when several files arrive together (their rows are checked against them). */
  readonly after?: readonly string[];
  readonly columns: readonly ColumnSpec[];
  /** The tables most of a large file's rows go to: a first load into them on the embedded store skips per-row checks
   * until the end (store/bulkLoad.ts). */
  readonly bulkTables?: readonly string[];
  /**
   * Called once per file before its rows are parsed (also in a dry run), with the transaction or the store:
   * reads what rows of this type are checked against (the stored contracts) and holds what the file's own
   * rows must agree on (tariff periods seen so far). Its result reaches `parse` as `ctx.state`.
   */
  prepare?(sql: Sql): Promise<unknown>;
  /**
   * One row: its record, or its problems. `gemeente` says whose a refused row is when the type has no `gemeente`
   * column (a contract: its first party), so its quarantine row is read in that gemeente's scope.
   */
  parse(
    get: (column: string) => string,
    ctx: ParseContext,
  ): { record: Canonical | null; problems: FieldProblem[]; gemeente?: string | null; notes?: FieldProblem[] };
  /**
   * Writes a batch, which holds each gemeente's key once; returns the keys that were already written by this same run
   * (copies of an id in an earlier batch of the file).
   */
  write(tx: Sql, batch: readonly Canonical[], runId: number): Promise<Set<string>>;
  /**
   * Called once after the file's last row (also in a dry run) with the state `prepare` made and `parse` filled:
   * what the rows say together without any one of them being wrong (the import report's notices, at a line each).
   */
  finish?(state: unknown): ReadonlyArray<FieldProblem & { readonly line: number }>;
}

/** Collects field results and problems while a row is parsed. */
export class RowParser {
  readonly problems: FieldProblem[] = [];
  /** what was done to the row without refusing it (the import report's notices) */
  readonly notes: FieldProblem[] = [];
  constructor(private readonly get: (column: string) => string) {}

  raw(column: string): string {
    return this.get(column).trim();
  }

  /** Required field: empty is a problem. */
  req<T>(column: string, parse: (raw: string) => Parsed<T>): T | undefined {
    const raw = this.raw(column);
    if (raw === '') {
      this.problems.push({ column, code: 'required', nl: 'verplicht veld is leeg', en: 'required field is empty' });
      return undefined;
    }
    return this.take(column, parse(raw));
  }

  /** Optional field: empty gives null. */
  opt<T>(column: string, parse: (raw: string) => Parsed<T>): T | null {
    const raw = this.raw(column);
    if (raw === '') return null;
    return this.take(column, parse(raw)) ?? null;
  }

  take<T>(column: string, r: Parsed<T>): T | undefined {
    if (r.ok) return r.value;
    this.problems.push({ column, code: r.code, nl: r.nl, en: r.en });
    return undefined;
  }

  check(cond: boolean, column: string, code: string, nl: string, en: string): void {
    if (!cond) this.problems.push({ column, code, nl, en });
  }

  note(column: string, code: string, nl: string, en: string): void {
    this.notes.push({ column, code, nl, en });
  }
}

export function gemeenteParser(ctx: ParseContext) {
  return (raw: string): Parsed<string> => {
    const code = /^\d{1,4}$/.test(raw) ? raw.padStart(4, '0') : raw.replace(/^GM/i, '');
    if (!/^\d{4}$/.test(code))
      return fail('invalid_gemeente', 'gemeentecode moet 4 cijfers zijn', 'gemeente code must be 4 digits');
    return ctx.isKnownGemeente(code)
      ? ok(code)
      : fail(
          'unknown_gemeente',
          'gemeentecode staat niet in de CBS-lijst 2026 en is geen ingerichte gemeente',
          'gemeente code is not in the CBS 2026 list nor a configured gemeente',
        );
  };
}

/**
 * The largest number a decimal column takes: 10^12 (a biljoen euro). No claim, payment, budget line or volume of a
 * gemeente comes near, and beyond it an amount in cents no longer adds up exactly (above 2^53 cents, ~€ 90 biljoen, a
 * total lost its last cent) or fits the store at all (red team 25: a 20-digit amount passed the checks and stopped
 * the import with the database's own error).
 */
const MAX_DECIMAL = 1e12;

function withinRange(r: Parsed<number>): Parsed<number> {
  if (!r.ok || Math.abs(r.value) <= MAX_DECIMAL) return r;
  return fail(
    'out_of_range',
    'getal groter dan 1.000.000.000.000 (een biljoen): staat er een scheidingsteken verkeerd of ontbreekt de decimale komma?',
    'number larger than 1,000,000,000,000: is a separator misplaced or the decimal mark missing?',
  );
}

export function decimalParser(ctx: ParseContext, column: string) {
  return (raw: string) => withinRange(parseDecimal(raw, ctx.decimals.get(column) ?? '.'));
}

/**
 * An amount in euro that must be exact to the cent: more than two decimals is refused instead of rounded away
 * (a payment or tariff of € 104.166,6667 is a spreadsheet's division, not money paid).
 */
export function euroParser(ctx: ParseContext, column: string) {
  const mark = ctx.decimals.get(column) ?? '.';
  return (raw: string): Parsed<number> => {
    const r = withinRange(parseDecimal(raw, mark));
    if (!r.ok) return r;
    const s = raw.trim();
    const i = s.lastIndexOf(mark);
    return i !== -1 && s.length - i - 1 > 2
      ? fail(
          'too_many_decimals',
          'een bedrag in euro heeft hoogstens twee decimalen (centen)',
          'an amount in euro has at most two decimals (cents)',
        )
      : r;
  };
}

export const text = (raw: string): Parsed<string> => ok(raw);

/**
 * A column with the source's own number of a record (traject_id, declaratie_id, toewijzingnummer, …): kept as written,
 * so a column of them is refused when it holds BSNs (looksLikeBsnColumn). client_id is pseudonymised instead.
 */
export const isOwnIdColumn = (name: string): boolean =>
  name !== 'client_id' && (name.endsWith('_id') || name === 'toewijzingnummer');

/**
 * Free text (a team's or a referrer's name, a description): refused when it holds a number that may be a BSN, which
 * belongs in client_id only and never reaches the store (privacy.md rule 1; red team 33).
 */
export const freeText = (raw: string): Parsed<string> =>
  bsnLikeRuns(raw).length > 0
    ? fail(
        'bsn_in_text',
        'bevat een nummer van 9 cijfers dat een BSN kan zijn (elfproef): een BSN hoort alleen in client_id',
        'holds a 9-digit number that may be a BSN (elfproef): a BSN belongs in client_id only',
      )
    : ok(raw);

// ---- writing ----

/**
 * Bulk upsert through a staging table: COPY the batch in, then one INSERT … SELECT … ON CONFLICT.
 * `guardRun` refuses to overwrite a row written earlier by the same run (such a key was in the file
 * twice) and returns those keys; a later file (another run) does update the row: exports are snapshots.
 */
export async function stageAndUpsert(
  tx: Sql,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  conflict: string,
  updates: string,
  guard: { runId: number; keyExpr: string } | null,
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const stage = `zicht_stage_${table}`;
  await tx.exec(
    `CREATE TEMP TABLE IF NOT EXISTS ${stage} (LIKE ${table} INCLUDING DEFAULTS) ON COMMIT DROP; TRUNCATE ${stage};`,
  );
  await tx.copyFrom(stage, columns, rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n');
  const cols = columns.join(',');
  const insert = `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM ${stage}
     ON CONFLICT (${conflict}) DO UPDATE SET ${updates}
     ${guard ? `WHERE ${table}.source_run_id IS DISTINCT FROM ${guard.runId}` : ''}`;
  if (!guard) {
    await tx.exec(insert);
    return new Set();
  }
  const skipped = await tx.query<{ k: string }>(
    `WITH ins AS (${insert} RETURNING ${guard.keyExpr} AS k)
     SELECT s.k FROM (SELECT ${guard.keyExpr} AS k FROM ${stage}) s WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.k = s.k)`,
  );
  return new Set(skipped.map((r) => r.k));
}

/** Canonical records of one type into their table; returns the keys this run had written already (see `write`). */
export async function upsert(
  tx: Sql,
  table: string,
  keyColumns: readonly string[],
  batch: readonly Canonical[],
  runId: number,
  keyExpr: string,
): Promise<Set<string>> {
  // the batch holds each gemeente's id once (import.ts refuses a copy within a batch before writing): the ids found
  // here are those this run wrote in an earlier batch
  if (batch.length === 0) return new Set();
  const columns = Object.keys(batch[0]!.values);
  const updates = columns
    .filter((c) => !keyColumns.includes(c))
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  return stageAndUpsert(
    tx,
    table,
    columns,
    batch.map((r) => columns.map((c) => r.values[c])),
    keyColumns.join(','),
    updates,
    { runId, keyExpr },
  );
}

export const lineage = (ctx: ParseContext) => ({ source_ref: ctx.recordRef });

export function withRun(batch: readonly Canonical[], runId: number): Canonical[] {
  return batch.map((r) => ({ ...r, values: { ...r.values, source_run_id: runId } }));
}
