/**
 * Read access to the lens. Indicators run here, never against the truth store.
 */
import { existsSync } from 'node:fs';
import type { DuckDBInstance, DuckDBConnection } from '@duckdb/node-api';
import { duckdb } from './duckdb.js';
import { lensPath } from './build.js';
import { TEAM_TABLES, asOfViews, teamViews, type TeamScope } from './scope.js';
import { Sql } from './sql.js';

export class LensMissingError extends Error {
  constructor(path: string, message?: string) {
    super(message ?? `De lens ontbreekt (${path}): voer 'zicht lens' uit / the lens is missing: run 'zicht lens'`);
  }
}

/** A query on a lens that was closed (replaced after an import, or the server stopping). */
export class LensClosedError extends Error {
  constructor() {
    super('De lens is gesloten / the lens is closed');
  }
}

export class Lens {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly con: DuckDBConnection,
    /** the data directory the lens belongs to: its own settings (the CBS mapping) live there too */
    readonly dataDir: string,
    /** the lens as it stood at the end of this day (lens/scope.ts asOfViews), or the whole lens */
    readonly asOf: string | null = null,
  ) {}

  static async open(dataDir: string, team?: TeamScope, asOf?: string): Promise<Lens> {
    const path = lensPath(dataDir);
    if (!existsSync(path)) throw new LensMissingError(path);
    const instance = await (await duckdb()).DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    const con = await instance.connect();
    // temporary views live in memory, so a read-only lens can still be narrowed to a team or a date
    if (team || asOf) {
      // the narrowing views name the contract and payment tables (issue 19), the voice tables (issue 20) and the
      // liaison positions (issue 21): a lens built before them says so
      const [p] = (
        await con.runAndReadAll(
          "SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('contract', 'contract_tranche', 'contract_tariff', 'payment', 'experience_result', 'complaint', 'evaluation_moment', 'evaluation_rhythm', 'liaison_position')",
        )
      ).getRowObjectsJson();
      if (Number(p?.n) !== 9) {
        con.closeSync();
        instance.closeSync();
        throw new LensMissingError(
          path,
          `De lens (${path}) is gebouwd door een oudere versie: voer 'zicht lens' uit / the lens was built by an older version: run 'zicht lens'`,
        );
      }
    }
    if (team) for (const sql of teamViews(team, asOf ? 'team_' : '')) await con.run(sql);
    if (asOf) {
      // a lens built before allocation versions (and claim send and status dates) were copied cannot answer as of a date: say so, not "table not found"
      const [v] = (
        await con.runAndReadAll(
          `SELECT (SELECT count(*) FROM information_schema.tables WHERE table_name IN ('allocation_version', 'care_event_version', 'traj_withdrawn'))
                + (SELECT count(*) FROM information_schema.columns WHERE table_name = 'claim_line' AND column_name IN ('sent_date', 'status_date'))
                + (SELECT count(*) FROM information_schema.columns WHERE table_name = 'allocation_version' AND column_name = 'sent_date')
                + (SELECT count(*) FROM information_schema.tables WHERE table_name = 'claim_answer') AS n`,
        )
      ).getRowObjectsJson();
      if (Number(v?.n) !== 7) {
        con.closeSync();
        instance.closeSync();
        throw new LensMissingError(
          path,
          `De lens (${path}) is gebouwd door een oudere versie: voer 'zicht lens' uit / the lens was built by an older version: run 'zicht lens'`,
        );
      }
      // a team's tables by their own names first, then the as-of views over them: the team views are made under
      // team_ names here, and a table the as-of views do not remake (budget, population, youth, contracts, …) was
      // read from the whole lens — a team report (always as of its period's end) divided the team's cost by the
      // gemeente's budget (red team 29)
      if (team)
        for (const t of TEAM_TABLES) await con.run(`CREATE OR REPLACE TEMP VIEW ${t} AS SELECT * FROM team_${t}`);
      for (const sql of asOfViews(asOf, (t) => (team && TEAM_TABLES.includes(t) ? `team_${t}` : `lens.main.${t}`)))
        await con.run(sql);
    }
    return new Lens(instance, con, dataDir, asOf ?? null);
  }

  /**
   * Rows as plain objects; DuckDB BIGINT/HUGEINT become numbers, DATE becomes 'YYYY-MM-DD'. Write queries with the
   * `sql` tag (lens/sql.ts), whose substitutions are bound parameters; a plain string is for fixed text only.
   */
  async query<T = Record<string, unknown>>(query: Sql | string): Promise<T[]> {
    const { text, params } = typeof query === 'string' ? { text: query, params: [] } : query.compile();
    if (this.closing) throw new LensClosedError();
    let result;
    const rows: Array<Record<string, unknown>> = [];
    this.running++;
    try {
      result = await this.con.run(text, params);
      // converted a chunk (2.048 rows) at a time, each fetched with a turn of the event loop in between: converting a
      // large answer at once held the server's thread (a second for the month cells of nine gemeenten' year, more at
      // national size, issue 18.3), while a small answer is one chunk as before
      for await (const part of result.yieldRowObjectJson()) for (const r of part) rows.push(r);
    } catch (err) {
      // a table this version builds is not in the file: the lens is older than the code (the server answers 503)
      const m = /^Catalog Error: Table with name (\w+) does not exist/.exec((err as Error).message ?? '');
      if (m) {
        throw new LensMissingError(
          lensPath(this.dataDir),
          `De lens mist de tabel ${m[1]}: voer 'zicht lens' uit / the lens lacks table ${m[1]}: run 'zicht lens'`,
        );
      }
      // a column added later (budget's programme and reserve, migration 25) is not in an older file either
      const c = /^Binder Error: Referenced column "?(\w+)"? not found/.exec((err as Error).message ?? '');
      if (c) {
        throw new LensMissingError(
          lensPath(this.dataDir),
          `De lens mist de kolom ${c[1]}: voer 'zicht lens' uit / the lens lacks column ${c[1]}: run 'zicht lens'`,
        );
      }
      throw err;
    } finally {
      this.running--;
      if (this.closing && this.running === 0) this.closeNow();
    }
    // JSON conversion keeps 64-bit integers and decimals as strings; our sums fit in a double
    const types = result.columnTypes();
    const numeric = result
      .columnNames()
      .filter((_, i) => /^(BIGINT|HUGEINT|UBIGINT|UHUGEINT|DECIMAL)/.test(String(types[i])));
    if (numeric.length > 0) {
      for (const row of rows) for (const c of numeric) if (row[c] !== null) row[c] = Number(row[c]);
    }
    return rows as T[];
  }

  private readonly memos = new Map<string, Promise<unknown>>();

  /**
   * A value computed once per lens: the file is opened read-only and a rebuild opens a new Lens, so a figure about
   * the whole lens (its last data date, asked by every indicator) need not scan the claims again. `key` names
   * everything the value depends on besides the lens (today's date, where the query uses current_date). A failure
   * is not kept.
   */
  memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    let p = this.memos.get(key) as Promise<T> | undefined;
    if (!p) {
      p = make();
      this.memos.set(key, p);
      p.catch(() => this.memos.delete(key));
    }
    return p;
  }

  /** queries on the threadpool now; the connection closes when the last one returns */
  private running = 0;
  private closing = false;
  private closed = false;

  /**
   * Closes the lens once no query runs on it. Closing the connection under a query still running on the threadpool
   * left DuckDB's locks held by freed memory: the next queries waited forever, and the process with them at exit (a
   * server closed while a request was still computing; the browser suite's file that hung for 10 minutes or ended on
   * SIGSEGV). A query asked after close() is refused.
   */
  close(): void {
    this.closing = true;
    if (this.running === 0) this.closeNow();
  }

  private closeNow(): void {
    if (this.closed) return;
    this.closed = true;
    this.con.closeSync();
    this.instance.closeSync();
  }
}
