/**
 * Backup and restore of an installation: the truth store and the raw store, never the key.
 *
 * The database part is a logical export through the Store interface, the same on both back ends:
 * every table's rows, each column cast to its text form (lossless: COPY reads that form back), as
 * CSV chunks, read in ONE repeatable-read transaction so the copy is consistent (on PGlite that
 * transaction also holds the store's only connection, so nothing writes meanwhile). It runs in the
 * process that holds the store — the server, or the CLI when no server runs — and restores into
 * either back end. The raw store (content-addressed, never changed in place) is copied after the
 * snapshot, so every file the snapshot refers to is there. Not copied: the pseudonymisation key
 * (the manifest says where it must come from and holds a fingerprint to check it by), sessions,
 * the lens (rebuilt from the store), logs and temporary files.
 * Over 400 lines: backup and restore mirror each other and share the format; kept together so they cannot drift.
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { csvField, type Sql, type Store } from '../store/sql.js';
import { MIGRATIONS } from '../store/migrate.js';
import type { PseudonymKey } from '../domain/pseudonym.js';
import { appendAudit, verifyAudit, type AuditEntry } from '../audit/log.js';
import { attachedHeadFile, resetAuditHead, writeAuditHead } from '../audit/head.js';
import { UserError } from '../domain/errors.js';

export const BACKUP_FORMAT = 'zicht-backup';
const ROWS_PER_CHUNK = 20_000;
/** Not worth keeping: sessions end with the copy (log in again), schema_migrations is written by migrate(). */
const SKIPPED_TABLES = new Set(['app_session', 'schema_migrations']);

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly formatVersion: 1;
  readonly createdAt: string;
  readonly backend: string;
  readonly sourceDataDir: string;
  readonly schemaVersions: readonly number[];
  readonly tables: ReadonlyArray<{
    name: string;
    columns: string[];
    rows: number;
    chunks: Array<{ file: string; sha256: string }>;
  }>;
  readonly raw: { readonly files: number; readonly bytes: number };
  readonly auditHead: { readonly seq: number; readonly hash: string } | null;
  /** PostgreSQL only, when pg_dump is on PATH: the same snapshot in pg_dump's custom format (for pg_restore) */
  readonly pgDump?: { readonly file: string; readonly sha256: string } | null;
  readonly key: { readonly source: string; readonly fingerprint: string; readonly note: string };
}

export type BackupProgress = (what: string, done: number, total: number) => void;

/** A backup or restore refused (a directory not empty, the key beside the backup, a backup that does not check): a UserError. */
export class BackupError extends UserError<'back_up_fout'> {
  constructor(text: string) {
    super('back_up_fout', { nl: text });
  }
}

/** Identifies a key without revealing it (a derived value, hashed): restore checks the right key is in place. */
export function keyFingerprint(key: PseudonymKey): string {
  return createHash('sha256').update(key.derive('zicht key fingerprint v1')).digest('hex').slice(0, 16);
}

/** Where the key came from: ZICHT_PSEUDONYM_KEY (`hex`) or ZICHT_PSEUDONYM_KEY_FILE (`file`), as cli/config.ts read them. */
export interface KeyOrigin {
  readonly hex: boolean;
  readonly file?: string | undefined;
}

/** Where the key comes from, for the manifest: a description, never the key. */
export function keySource(dataDir: string, origin: KeyOrigin = { hex: false }): string {
  if (origin.hex) return 'omgevingsvariabele ZICHT_PSEUDONYM_KEY / environment variable ZICHT_PSEUDONYM_KEY';
  if (origin.file) return `sleutelbestand / key file ZICHT_PSEUDONYM_KEY_FILE=${resolve(origin.file)}`;
  return `sleutelbestand / key file ${join(resolve(dataDir), 'secrets', 'pseudonym.key')} (in de datamap; NIET in deze back-up / inside the data directory; NOT in this backup)`;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function inside(child: string, parent: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

async function userTables(sql: Sql): Promise<Array<{ name: string; columns: string[] }>> {
  const rows = await sql.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind = 'r'
      ORDER BY c.relname, a.attnum`,
  );
  const byTable = new Map<string, string[]>();
  for (const r of rows) {
    if (!byTable.has(r.table)) byTable.set(r.table, []);
    byTable.get(r.table)!.push(r.column);
  }
  return [...byTable].map(([name, columns]) => ({ name, columns }));
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
async function loadOrder(sql: Sql, names: readonly string[]): Promise<string[]> {
  const deps = await sql.query<{ child: string; parent: string }>(
    `SELECT cl.relname AS child, pl.relname AS parent FROM pg_constraint k
       JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pl ON pl.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND cl.oid <> pl.oid`,
  );
  const wanted = new Set(names);
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const d of deps) if (wanted.has(d.child) && wanted.has(d.parent)) parents.get(d.child)!.add(d.parent);
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < names.length) {
    const next = names.filter((n) => !done.has(n) && [...parents.get(n)!].every((p) => done.has(p)));
    if (next.length === 0) throw new BackupError('kringverwijzing tussen tabellen / circular foreign keys');
    for (const n of next) {
      done.add(n);
      order.push(n);
    }
  }
  return order;
}

function listFiles(dir: string, skip: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (skip(p)) continue;
    if (e.isDirectory()) out.push(...listFiles(p, skip));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export interface BackupOptions {
  readonly dataDir: string;
  readonly outDir: string;
  readonly key: PseudonymKey;
  readonly actor: Omit<AuditEntry, 'event' | 'outcome'>;
  readonly onProgress?: BackupProgress | undefined;
  /** the PostgreSQL connection string: with pg_dump on PATH, a pg_dump of the same snapshot is added */
  readonly databaseUrl?: string | undefined;
  /** where the key came from (the manifest names it; a key file must not be inside the backup); default the data directory */
  readonly keyOrigin?: KeyOrigin | undefined;
  /** the environment pg_dump starts with (PATH, HOME, PG* defaults), its connection added; the CLI passes its own */
  readonly childEnv?: Readonly<Record<string, string>> | undefined;
}

function pgDumpAvailable(env: Readonly<Record<string, string>> = DEFAULT_CHILD_ENV): boolean {
  return spawnSync('pg_dump', ['--version'], { stdio: 'ignore', env }).status === 0;
}

/** pg_dump of an exported snapshot; the connection goes through PG* variables, so no password shows in `ps`. */
const DEFAULT_CHILD_ENV = { PATH: '/usr/local/bin:/usr/bin:/bin' };

function pgDump(
  databaseUrl: string,
  snapshot: string,
  file: string,
  childEnv: Readonly<Record<string, string>> = DEFAULT_CHILD_ENV,
): Promise<void> {
  const u = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = {
    ...childEnv,
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
  };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const ssl = u.searchParams.get('sslmode');
  if (ssl) env.PGSSLMODE = ssl;
  return new Promise((resolvePromise, reject) => {
    const child = spawn('pg_dump', ['--format=custom', '--no-owner', `--snapshot=${snapshot}`, `--file=${file}`], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolvePromise() : reject(new BackupError(`pg_dump mislukt / failed (${code}): ${err.trim()}`)),
    );
  });
}

/** Makes a backup of `store` and `<dataDir>/raw` in `outDir` (new or empty). Returns the manifest. */
export async function backup(store: Store, opts: BackupOptions): Promise<BackupManifest> {
  const outDir = resolve(opts.outDir);
  const dataDir = resolve(opts.dataDir);
  if (existsSync(outDir) && readdirSync(outDir).length > 0)
    throw new BackupError(`${outDir} is niet leeg / is not empty`);
  if (inside(outDir, dataDir))
    throw new BackupError('de back-up hoort buiten de datamap / the backup belongs outside the data directory');
  const keyFile = opts.keyOrigin?.file;
  if (keyFile && inside(resolve(keyFile), outDir)) {
    throw new BackupError('de sleutel mag niet bij de back-up staan / the key must not be kept with the backup');
  }
  mkdirSync(join(outDir, 'db'), { recursive: true, mode: 0o700 });
  const progress = opts.onProgress ?? (() => undefined);

  // logged before the snapshot, so the copy holds the entry that says it was made
  await appendAudit(store, { ...opts.actor, event: 'backup_gemaakt', outcome: 'ok', query: `back-up naar ${outDir}` });

  const tables: Array<BackupManifest['tables'][number]> = [];
  let auditHead: BackupManifest['auditHead'] = null;
  let pgDumpFile: BackupManifest['pgDump'] = null;
  await store.transaction(async (tx) => {
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    if (store.kind === 'postgres' && opts.databaseUrl && pgDumpAvailable(opts.childEnv)) {
      // pg_dump reads the very snapshot this transaction reads: both copies are the same moment
      const [snap] = await tx.query<{ s: string }>('SELECT pg_export_snapshot() AS s');
      progress('pg_dump', 0, 1);
      await pgDump(opts.databaseUrl, snap!.s, join(outDir, 'postgres.dump'), opts.childEnv);
      pgDumpFile = { file: 'postgres.dump', sha256: sha256File(join(outDir, 'postgres.dump')) };
    }
    const all = (await userTables(tx)).filter((t) => !SKIPPED_TABLES.has(t.name));
    for (const [i, t] of all.entries()) {
      progress(`tabel ${t.name}`, i, all.length);
      const select = `SELECT ${t.columns.map((c) => `${quoteIdent(c)}::text`).join(', ')} FROM ${quoteIdent(t.name)}`;
      await tx.exec(`DECLARE zicht_backup NO SCROLL CURSOR FOR ${select}`);
      const chunks: Array<{ file: string; sha256: string }> = [];
      let rows = 0;
      for (;;) {
        const page = await tx.query<Record<string, string | null>>(`FETCH ${ROWS_PER_CHUNK} FROM zicht_backup`);
        if (page.length === 0) break;
        const csv = page.map((r) => Object.values(r).map(csvField).join(',')).join('\n') + '\n';
        const file = `db/${t.name}.${String(chunks.length).padStart(5, '0')}.csv`;
        writeFileSync(join(outDir, file), csv, { mode: 0o600 });
        chunks.push({ file, sha256: createHash('sha256').update(csv).digest('hex') });
        rows += page.length;
        progress(`tabel ${t.name} (${rows.toLocaleString('nl-NL')} rijen)`, i, all.length);
      }
      await tx.exec('CLOSE zicht_backup');
      tables.push({ name: t.name, columns: t.columns, rows, chunks });
    }
    const [head] = await tx.query<{ seq: number; hash: string }>(
      'SELECT seq::int AS seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1',
    );
    auditHead = head ? { seq: head.seq, hash: head.hash } : null;
  });

  // raw files are written before the rows that name them and never changed: copying after the
  // snapshot finds every file it refers to (and perhaps a few newer ones, harmless)
  const rawDir = join(dataDir, 'raw');
  const files = listFiles(rawDir, (p) => p === join(rawDir, 'tmp') || p.endsWith('.tmp'));
  let bytes = 0;
  for (const [i, f] of files.entries()) {
    const target = join(outDir, 'raw', relative(rawDir, f));
    mkdirSync(join(target, '..'), { recursive: true, mode: 0o700 });
    copyFileSync(f, target);
    chmodSync(target, 0o600);
    bytes += statSync(f).size;
    if (i % 200 === 0) progress(`bronbestanden (${i}/${files.length})`, i, files.length);
  }

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    backend: store.description,
    sourceDataDir: dataDir,
    schemaVersions: MIGRATIONS.map((m) => m.version),
    tables,
    raw: { files: files.length, bytes },
    auditHead,
    pgDump: pgDumpFile,
    key: {
      source: keySource(dataDir, opts.keyOrigin),
      fingerprint: keyFingerprint(opts.key),
      note:
        'De sleutel zit niet in deze back-up. Bewaar hem apart (andere plek, andere drager) en zet hem bij herstel terug ' +
        'via ZICHT_PSEUDONYM_KEY_FILE of ZICHT_PSEUDONYM_KEY. / The key is not in this backup: keep it elsewhere and provide it on restore.',
    },
  };
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

export function readManifest(fromDir: string): BackupManifest {
  const path = join(resolve(fromDir), 'manifest.json');
  if (!existsSync(path)) throw new BackupError(`geen back-up van Zicht: ${path} ontbreekt / not a Zicht backup`);
  const m = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  if (m.format !== BACKUP_FORMAT || m.formatVersion !== 1)
    throw new BackupError('onbekend back-upformaat / unknown backup format');
  return m;
}

export interface RestoreOptions {
  readonly fromDir: string;
  readonly dataDir: string;
  /** The key in place for the restored installation, or null when none is there (yet). */
  readonly key: PseudonymKey | null;
  readonly actor: Omit<AuditEntry, 'event' | 'outcome'>;
  readonly onProgress?: BackupProgress | undefined;
}

export interface RestoreResult {
  readonly tables: number;
  readonly rows: number;
  readonly rawFiles: number;
  readonly auditEntries: number;
  readonly keyMatches: boolean | null;
  readonly warnings: readonly string[];
}

/**
 * Restores a backup into `store` (migrated, holding no data of its own) and `<dataDir>/raw`. The
 * files are checked against the manifest first; the restored access log must verify and end at the
 * head the backup recorded. Raw paths are moved to the new data directory.
 */
/**
 * Everything that can be checked before a store is opened: the manifest, the schema versions, the
 * key's fingerprint and every file's checksum. Returns the manifest and warnings.
 */
export function checkBackup(
  fromDir: string,
  key: PseudonymKey | null,
): { manifest: BackupManifest; keyMatches: boolean | null; warnings: string[] } {
  const m = readManifest(fromDir);
  const warnings: string[] = [];
  const ours = MIGRATIONS.map((x) => x.version).join(',');
  if (m.schemaVersions.join(',') !== ours) {
    throw new BackupError(
      `de back-up heeft schemaversies ${m.schemaVersions.join(',')}, deze Zicht ${ours}: herstel met de versie die de back-up maakte ` +
        '/ schema versions differ: restore with the Zicht version that made the backup',
    );
  }
  const keyMatches = key ? keyFingerprint(key) === m.key.fingerprint : null;
  if (keyMatches === false) {
    throw new BackupError(
      'de pseudonimiseringssleutel hoort niet bij deze back-up (andere vingerafdruk) / the pseudonymisation key does not belong to this backup',
    );
  }
  if (keyMatches === null)
    warnings.push(
      `geen sleutel gevonden; zet hem terug (${m.key.source}) vóór u importeert of bronbestanden opent / no key in place`,
    );
  for (const t of m.tables) {
    for (const c of t.chunks) {
      if (sha256File(join(resolve(fromDir), c.file)) !== c.sha256)
        throw new BackupError(`${c.file} is beschadigd of gewijzigd / is damaged or changed`);
    }
  }
  return { manifest: m, keyMatches, warnings };
}

export async function restore(store: Store, opts: RestoreOptions): Promise<RestoreResult> {
  const fromDir = resolve(opts.fromDir);
  const dataDir = resolve(opts.dataDir);
  const progress = opts.onProgress ?? (() => undefined);
  const { manifest: m, keyMatches, warnings } = checkBackup(fromDir, opts.key);
  const [used] = await store.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM import_run) AS n',
  );
  if (Number(used?.n ?? 0) > 0)
    throw new BackupError(
      'de doeldatabase is niet leeg; herstel in een nieuwe datamap of lege database / target database is not empty',
    );

  let rows = 0;
  await store.transaction(async (tx) => {
    const present = new Set((await userTables(tx)).map((t) => t.name));
    const missing = m.tables.filter((t) => !present.has(t.name)).map((t) => t.name);
    if (missing.length > 0)
      throw new BackupError(`tabellen ontbreken in het doel / tables missing in target: ${missing.join(', ')}`);
    const names = m.tables.map((t) => t.name);
    // migrations seed some tables (care forms, norms): the backup's rows replace them. The access log is
    // left out: it is empty here (checked above) and refuses TRUNCATE (migration 16)
    await tx.exec(
      `TRUNCATE ${names
        .filter((n) => n !== 'audit_log')
        .map(quoteIdent)
        .join(', ')} CASCADE`,
    );
    const order = await loadOrder(tx, names);
    for (const [i, name] of order.entries()) {
      const t = m.tables.find((x) => x.name === name)!;
      progress(`tabel ${name}`, i, order.length);
      for (const c of t.chunks)
        await tx.copyFrom(quoteIdent(name), t.columns.map(quoteIdent), readFileSync(join(fromDir, c.file), 'utf8'));
      rows += t.rows;
      // serial columns continue after the restored rows
      for (const col of t.columns) {
        const [s] = await tx.query<{ seq: string | null }>('SELECT pg_get_serial_sequence($1, $2) AS seq', [
          quoteIdent(name),
          col,
        ]);
        if (s?.seq)
          await tx.query(
            `SELECT setval($1, coalesce((SELECT max(${quoteIdent(col)}) FROM ${quoteIdent(name)}), 0) + 1, false)`,
            [s.seq],
          );
      }
    }
    // raw inputs were addressed by path in the old data directory
    const oldRaw = join(m.sourceDataDir, 'raw') + sep;
    await tx.query(
      'UPDATE raw_input SET stored_path = $2 || substr(stored_path, length($1) + 1) WHERE left(stored_path, length($1)) = $1',
      [oldRaw, join(dataDir, 'raw') + sep],
    );
    const [elsewhere] = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM raw_input WHERE left(stored_path, length($1)) <> $1',
      [join(dataDir, 'raw') + sep],
    );
    if ((elsewhere?.n ?? 0) > 0)
      warnings.push(
        `${elsewhere!.n} bronbestanden stonden buiten de oude datamap en zijn niet meegekopieerd / raw inputs outside the old data directory`,
      );
  });

  const rawFrom = join(fromDir, 'raw');
  const files = listFiles(rawFrom, () => false);
  for (const [i, f] of files.entries()) {
    const target = join(dataDir, 'raw', relative(rawFrom, f));
    mkdirSync(join(target, '..'), { recursive: true, mode: 0o700 });
    copyFileSync(f, target);
    chmodSync(target, 0o600);
    if (i % 200 === 0) progress(`bronbestanden (${i}/${files.length})`, i, files.length);
  }

  const check = await verifyAudit(store, { headFile: null });
  const endsAtHead =
    m.auditHead === null
      ? check.entries === 0
      : check.headHash === m.auditHead.hash && check.entries === m.auditHead.seq;
  if (!check.ok || !endsAtHead) {
    throw new BackupError(
      `het herstelde toegangslog klopt niet / the restored access log does not verify: ${[...check.problems, ...(endsAtHead ? [] : ['eindigt niet bij de kop uit de back-up / does not end at the backup head'])].join('; ')}`,
    );
  }
  // the restored log's head, outside the new data directory; then the restore itself is logged
  const headFile = attachedHeadFile(store);
  if (headFile) {
    resetAuditHead(headFile);
    if (m.auditHead) writeAuditHead(headFile, { ...m.auditHead, at: new Date().toISOString() });
  }
  await appendAudit(store, {
    ...opts.actor,
    event: 'herstel_uitgevoerd',
    outcome: 'ok',
    query: `herstel uit ${fromDir} (gemaakt ${m.createdAt})`,
  });
  return {
    tables: m.tables.length,
    rows,
    rawFiles: files.length,
    auditEntries: check.entries + 1,
    keyMatches,
    warnings,
  };
}
