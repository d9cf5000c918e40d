/**
 * Retention (privacy.md rule 6): person-level records past their term are removed, consistently
 * with lineage — a record goes, then the import runs nothing refers to any more, then the raw
 * inputs no run refers to (their files, and packs rewritten without the removed messages) — in one
 * transaction, logged in the access log. Terms are data (src/domain/data/retention.json, overridden
 * per installation). A dry run performs the same deletes and rolls back, so it reports exactly what
 * a run would remove. The access log itself is never shortened (rule 3).
 *
 * Re-sealing: raw inputs kept plain before sealing existed (raw_input.sealed false) that came in as
 * a gemeente's own data are sealed in place; public CBS files stay plain.
 * Over 400 lines: one transaction whose steps must run in order; split would scatter that order.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import defaults from '../domain/data/retention.json' with { type: 'json' };
import type { Sql, Store } from '../store/sql.js';
import type { PseudonymKey } from '../domain/pseudonym.js';
import { sealBytes, sealStream } from '../ingest/seal.js';
import { storedBytes } from '../ingest/raw.js';
import { appendAudit, type AuditEntry } from '../audit/log.js';
import { UserError } from '../domain/errors.js';

export interface RetentionTerm {
  readonly type: string;
  readonly nl: string;
  readonly termMonths?: number | null;
  readonly termDays?: number | null;
  readonly after: string;
  readonly source: string;
}

/** The installation's retention terms are not usable: a UserError whose text names the file and the record type. */
export class RetentionError extends UserError<'ongeldig_bestand.bewaartermijnen'> {
  constructor(text: string) {
    super('ongeldig_bestand.bewaartermijnen', { nl: text });
  }
}

/**
 * The terms in force: the defaults, with the installation's own file on top: `termsFile` (ZICHT_RETENTION_FILE,
 * passed by the CLI) or <dataDir>/retention.json.
 */
export function retentionTerms(dataDir: string, termsFile?: string): RetentionTerm[] {
  const base = new Map((defaults.types as RetentionTerm[]).map((t) => [t.type, t]));
  const file = termsFile ? resolve(termsFile) : join(dataDir, 'retention.json');
  if (existsSync(file)) {
    let own: { types?: Array<Partial<RetentionTerm>> };
    try {
      own = JSON.parse(readFileSync(file, 'utf8')) as typeof own;
    } catch (err) {
      throw new RetentionError(`${file}: geen geldige JSON / not valid JSON (${(err as Error).message})`);
    }
    for (const t of own.types ?? []) {
      const known = t.type ? base.get(t.type) : undefined;
      if (!known) throw new RetentionError(`${file}: onbekende soort / unknown record type ${String(t.type)}`);
      for (const v of [t.termMonths, t.termDays]) {
        if (v !== undefined && v !== null && !(Number.isInteger(v) && v >= 0))
          throw new RetentionError(
            `${file}: termijn van ${t.type} moet een geheel getal ≥ 0 zijn / term must be a whole number`,
          );
      }
      if (t.type === 'audit_log' && (t.termMonths != null || t.termDays != null)) {
        throw new RetentionError(
          `${file}: het toegangslog wordt niet ingekort (privacy.md regel 3) / the access log is never shortened`,
        );
      }
      base.set(known.type, {
        ...known,
        ...t,
        source: t.source ?? `${known.source} (termijn aangepast in ${file})`,
      } as RetentionTerm);
    }
  }
  return [...base.values()];
}

/** The moment before which a record of this type has passed its term; null = kept forever. */
export function cutoff(term: RetentionTerm | undefined, now: Date): Date | null {
  if (!term) return null;
  if (term.termMonths != null) {
    const d = new Date(now);
    d.setUTCMonth(d.getUTCMonth() - term.termMonths);
    return d;
  }
  if (term.termDays != null) return new Date(now.getTime() - term.termDays * 86_400_000);
  return null;
}

export interface RemovedCount {
  readonly type: string;
  readonly gemeente: string | null;
  readonly count: number;
}

export interface ResealResult {
  readonly files: number;
  readonly packs: number;
  readonly records: number;
}

export interface RetentionResult {
  readonly dryRun: boolean;
  readonly at: string;
  readonly terms: ReadonlyArray<{ type: string; cutoff: string | null }>;
  readonly removed: readonly RemovedCount[];
  readonly total: number;
  /** raw files and packs removed from disk (or that would be) */
  readonly filesRemoved: number;
  /** packs rewritten without the removed messages */
  readonly packsRewritten: number;
  readonly resealed: ResealResult;
}

class DryRun extends Error {
  constructor(readonly result: unknown) {
    super('dry run');
  }
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

/** Columns that point at import_run(id), read from the schema so a new table with lineage is covered. */
async function runReferences(sql: Sql): Promise<Array<{ table: string; column: string }>> {
  return sql.query<{ table: string; column: string }>(
    `SELECT cl.relname AS table, a.attname AS column FROM pg_constraint k
       JOIN pg_class cl ON cl.oid = k.conrelid
       JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
      WHERE k.contype = 'f' AND k.confrelid = 'import_run'::regclass AND array_length(k.conkey, 1) = 1
      ORDER BY 1, 2`,
  );
}

interface Gone {
  sha256: string;
  stored_path: string;
  pack_offset: number | null;
}

export interface RetentionOptions {
  readonly dataDir: string;
  /** the installation's terms when not <dataDir>/retention.json (ZICHT_RETENTION_FILE) */
  readonly termsFile?: string | undefined;
  readonly key: PseudonymKey;
  readonly dryRun?: boolean | undefined;
  readonly now?: Date | undefined;
  readonly actor: Omit<AuditEntry, 'event' | 'outcome'>;
  /** also seal plain raw inputs (default true) */
  readonly reseal?: boolean | undefined;
  readonly onProgress?: ((what: string) => void) | undefined;
}

export async function runRetention(store: Store, opts: RetentionOptions): Promise<RetentionResult> {
  const now = opts.now ?? new Date();
  const dryRun = Boolean(opts.dryRun);
  const terms = new Map(retentionTerms(opts.dataDir, opts.termsFile).map((t) => [t.type, t]));
  const cut = (type: string) => cutoff(terms.get(type), now);
  const progress = opts.onProgress ?? (() => undefined);
  const removed: RemovedCount[] = [];
  let gone: Gone[] = [];
  const rewrites: Array<{ oldPath: string; newPath: string }> = [];

  const work = async (tx: Sql) => {
    /** Runs one DELETE … RETURNING gemeente_code and counts per gemeente. */
    const del = async (type: string, sqlText: string, params: unknown[]) => {
      progress(type);
      const rows = await tx.query<{ g: string | null; n: number }>(
        `WITH d AS (${sqlText}) SELECT g, count(*)::int AS n FROM d GROUP BY g ORDER BY g`,
        params,
      );
      for (const r of rows) removed.push({ type, gemeente: r.g, count: r.n });
    };
    const c = (type: string) => {
      const d = cut(type);
      return d ? day(d) : null;
    };
    if (c('trajectory'))
      await del(
        'trajectory',
        'DELETE FROM trajectory WHERE coalesce(end_date, allocation_end) < $1::date RETURNING gemeente_code AS g',
        [c('trajectory')],
      );
    if (c('claim_line'))
      await del('claim_line', 'DELETE FROM claim_line WHERE period_end < $1::date RETURNING gemeente_code AS g', [
        c('claim_line'),
      ]);
    if (c('payment'))
      await del('payment', 'DELETE FROM payment WHERE period_end < $1::date RETURNING gemeente_code AS g', [
        c('payment'),
      ]);
    // a complaint may carry a youth's pseudonym (klachten.csv client_id): it goes like the other records about persons
    if (c('complaint'))
      await del('complaint', 'DELETE FROM complaint WHERE complaint_date < $1::date RETURNING gemeente_code AS g', [
        c('complaint'),
      ]);
    if (c('ijw_event')) {
      await del(
        'ijw_event',
        `DELETE FROM ijw_event e WHERE e.event_date < $1::date
        AND NOT EXISTS (SELECT 1 FROM trajectory t WHERE t.gemeente_code = e.gemeente_code AND t.allocation_number = e.allocation_number)
        RETURNING e.gemeente_code AS g`,
        [c('ijw_event')],
      );
    }
    if (c('basic_support_episode'))
      await del(
        'basic_support_episode',
        'DELETE FROM basic_support_episode WHERE end_date < $1::date RETURNING gemeente_code AS g',
        [c('basic_support_episode')],
      );
    if (cut('youth')) {
      await del(
        'youth',
        `DELETE FROM youth y WHERE
            NOT EXISTS (SELECT 1 FROM trajectory t WHERE t.gemeente_code = y.gemeente_code AND t.youth_pseudonym = y.pseudonym)
        AND NOT EXISTS (SELECT 1 FROM basic_support_episode b WHERE b.gemeente_code = y.gemeente_code AND b.youth_pseudonym = y.pseudonym)
        AND NOT EXISTS (SELECT 1 FROM claim_line l WHERE l.gemeente_code = y.gemeente_code AND l.youth_pseudonym = y.pseudonym)
        AND (y.source_run_id IS NULL OR EXISTS (SELECT 1 FROM import_run r WHERE r.id = y.source_run_id AND r.started_at < $1))
        RETURNING y.gemeente_code AS g`,
        [cut('youth')!.toISOString()],
      );
    }
    if (cut('quarantine')) {
      await del(
        'quarantine',
        `DELETE FROM quarantine q USING import_run r WHERE r.id = q.import_run_id AND r.started_at < $1
        RETURNING q.gemeente_code AS g`,
        [cut('quarantine')!.toISOString()],
      );
    }
    // raw inputs that came in as a gemeente's own data, known by their runs before those go: a
    // legacy plain one is as personal as a sealed one
    await tx.exec(`CREATE TEMP TABLE zicht_personal_raw ON COMMIT DROP AS
      SELECT DISTINCT raw_sha256 FROM import_run WHERE record_type NOT LIKE 'cbs:%'`);
    if (cut('import_run')) {
      const refs = await runReferences(tx);
      const free = refs
        .map((f) => `NOT EXISTS (SELECT 1 FROM "${f.table}" x WHERE x."${f.column}" = r.id)`)
        .join(' AND ');
      // public CBS tables are no personal data and stay as long as the installation uses them
      await del(
        'import_run',
        `DELETE FROM import_run r WHERE r.started_at < $1 AND r.record_type NOT LIKE 'cbs:%'
        ${free ? `AND ${free}` : ''} RETURNING NULL::text AS g`,
        [cut('import_run')!.toISOString()],
      );
    }
    if (cut('raw_input')) {
      progress('raw_input');
      gone = await tx.query<Gone>(
        `DELETE FROM raw_input i WHERE i.first_seen_at < $1
          AND (i.sealed OR i.sha256 IN (SELECT raw_sha256 FROM zicht_personal_raw))
          AND NOT EXISTS (SELECT 1 FROM import_run r WHERE r.raw_sha256 = i.sha256)
        RETURNING i.sha256, i.stored_path, i.pack_offset::int AS pack_offset`,
        [cut('raw_input')!.toISOString()],
      );
      if (gone.length > 0) removed.push({ type: 'raw_input', gemeente: null, count: gone.length });
      if (!dryRun) {
        // packs that keep other messages are rewritten without the removed ones (sealed bytes copied as they are)
        for (const pack of new Set(gone.filter((g) => g.pack_offset !== null).map((g) => g.stored_path))) {
          const rest = await tx.query<{ sha256: string; pack_offset: number; pack_length: number }>(
            'SELECT sha256, pack_offset::int AS pack_offset, pack_length::int AS pack_length FROM raw_input WHERE stored_path = $1 ORDER BY pack_offset',
            [pack],
          );
          if (rest.length === 0) continue;
          const fd = openSync(pack, 'r');
          const parts: Buffer[] = [];
          try {
            for (const r of rest) {
              const b = Buffer.alloc(r.pack_length);
              readSync(fd, b, 0, r.pack_length, r.pack_offset);
              parts.push(b);
            }
          } finally {
            closeSync(fd);
          }
          const bytes = Buffer.concat(parts);
          const newPath = join(opts.dataDir, 'raw', 'packs', createHash('sha256').update(bytes).digest('hex'));
          writeDurable(newPath, bytes);
          let offset = 0;
          for (const [i, r] of rest.entries()) {
            await tx.query('UPDATE raw_input SET stored_path = $2, pack_offset = $3 WHERE sha256 = $1', [
              r.sha256,
              newPath,
              offset,
            ]);
            offset += parts[i]!.length;
          }
          rewrites.push({ oldPath: pack, newPath });
        }
      }
    }
    if (cut('app_session'))
      await del('app_session', 'DELETE FROM app_session WHERE last_seen < $1 RETURNING NULL::text AS g', [
        cut('app_session')!.toISOString(),
      ]);
    if (dryRun) throw new DryRun(null);
  };

  try {
    await store.transaction(work);
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }

  // files go after the commit: a file removed for a rolled-back delete could not come back
  const paths = [...new Set([...gone.map((g) => g.stored_path), ...rewrites.map((r) => r.oldPath)])];
  let filesRemoved = 0;
  let packsRewritten = rewrites.length;
  for (const p of paths) {
    if (dryRun) {
      const rest = gone.filter((g) => g.stored_path === p).length;
      const [still] = await store.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM raw_input WHERE stored_path = $1',
        [p],
      );
      if ((still?.n ?? 0) - rest <= 0) filesRemoved++;
      else packsRewritten++;
      continue;
    }
    const [still] = await store.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM raw_input WHERE stored_path = $1',
      [p],
    );
    if ((still?.n ?? 0) === 0 && existsSync(p)) {
      rmSync(p, { force: true });
      filesRemoved++;
    }
  }

  const resealed =
    opts.reseal === false
      ? { files: 0, packs: 0, records: 0 }
      : await resealRaw(store, {
          // a dry run removed nothing: what the run would remove is not counted as to be sealed
          dataDir: opts.dataDir,
          key: opts.key,
          dryRun,
          skip: new Set(gone.map((g) => g.sha256)),
        });
  const total = removed.reduce((s, r) => s + r.count, 0);
  const result: RetentionResult = {
    dryRun,
    at: now.toISOString(),
    terms: [...terms.values()].map((t) => ({ type: t.type, cutoff: cut(t.type)?.toISOString() ?? null })),
    removed,
    total,
    filesRemoved,
    packsRewritten,
    resealed,
  };
  if (!dryRun) {
    const summary = removed.map((r) => `${r.type}${r.gemeente ? ` ${r.gemeente}` : ''}: ${r.count}`).join('; ');
    await appendAudit(store, {
      ...opts.actor,
      event: 'bewaartermijn_verwijderd',
      outcome: 'ok',
      purpose: 'bewaartermijn (privacy.md regel 6)',
      query:
        `${total} verwijderd${summary ? ` (${summary})` : ''}; ${filesRemoved} bestanden weg, ${packsRewritten} packs herschreven; ` +
        `${resealed.records} bronbestanden verzegeld`,
    });
  }
  return result;
}

function writeDurable(path: string, bytes: Buffer): void {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  if (existsSync(path)) return; // content-addressed: same name, same bytes
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes, { mode: 0o600 });
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/**
 * Seals raw inputs kept plain that came in as a gemeente's own data (a run that is not a public CBS
 * table). A file is sealed in place: the plain file is kept as a hard link `<file>.plain` until the
 * flag is committed, so a crash in between is repaired by the next run. A plain pack becomes a new
 * sealed pack; the old one goes once no record points at it.
 */
export async function resealRaw(
  store: Store,
  opts: { dataDir: string; key: PseudonymKey; dryRun?: boolean | undefined; skip?: ReadonlySet<string> | undefined },
): Promise<ResealResult> {
  const all = await store.query<{
    sha256: string;
    stored_path: string;
    pack_offset: number | null;
    pack_length: number | null;
  }>(
    `SELECT i.sha256, i.stored_path, i.pack_offset::int AS pack_offset, i.pack_length::int AS pack_length FROM raw_input i
      WHERE NOT i.sealed AND EXISTS (SELECT 1 FROM import_run r WHERE r.raw_sha256 = i.sha256 AND r.record_type NOT LIKE 'cbs:%')
      ORDER BY i.stored_path, i.pack_offset`,
  );
  const rows = opts.skip ? all.filter((r) => !opts.skip!.has(r.sha256)) : all;
  const files = rows.filter((r) => r.pack_offset === null);
  const packs = [...new Set(rows.filter((r) => r.pack_offset !== null).map((r) => r.stored_path))];
  if (opts.dryRun) return { files: files.length, packs: packs.length, records: rows.length };

  for (const f of files) {
    const plain = `${f.stored_path}.plain`;
    if (existsSync(plain)) renameSync(plain, f.stored_path); // an earlier run stopped before its commit
    const tmp = `${f.stored_path}.${process.pid}.sealing`;
    await pipeline(createReadStream(f.stored_path), sealStream(opts.key), createWriteStream(tmp, { mode: 0o600 }));
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(f.stored_path, plain);
    try {
      await store.transaction(async (tx) => {
        await tx.query('UPDATE raw_input SET sealed = true WHERE sha256 = $1 AND NOT sealed', [f.sha256]);
        renameSync(tmp, f.stored_path);
      });
    } catch (err) {
      if (!existsSync(tmp)) renameSync(plain, f.stored_path); // sealed file in place but the flag not committed: put the plain one back
      rmSync(tmp, { force: true });
      throw err;
    }
    rmSync(plain, { force: true });
  }
  for (const pack of packs) {
    const members = await store.query<{
      sha256: string;
      stored_path: string;
      pack_offset: number;
      pack_length: number;
      sealed: boolean;
    }>(
      'SELECT sha256, stored_path, pack_offset::int AS pack_offset, pack_length::int AS pack_length, sealed FROM raw_input WHERE stored_path = $1 ORDER BY pack_offset',
      [pack],
    );
    // the stored bytes, sealed where they were not: compression (inside the seal) stays as the row says
    const sealed = members.map((m) => (m.sealed ? storedBytes(m) : sealBytes(opts.key, storedBytes(m))));
    const bytes = Buffer.concat(sealed);
    const newPath = join(opts.dataDir, 'raw', 'packs', createHash('sha256').update(bytes).digest('hex'));
    writeDurable(newPath, bytes);
    await store.transaction(async (tx) => {
      let offset = 0;
      for (const [i, m] of members.entries()) {
        await tx.query(
          'UPDATE raw_input SET stored_path = $2, pack_offset = $3, pack_length = $4, sealed = true WHERE sha256 = $1',
          [m.sha256, newPath, offset, sealed[i]!.length],
        );
        offset += sealed[i]!.length;
      }
    });
    const [still] = await store.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM raw_input WHERE stored_path = $1',
      [pack],
    );
    if ((still?.n ?? 0) === 0) rmSync(pack, { force: true });
  }
  return { files: files.length, packs: packs.length, records: rows.length };
}
