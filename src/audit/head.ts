/**
 * The head of the access log's hash chain (last sequence number and hash), kept a second time
 * OUTSIDE the database. The chain alone shows a changed or removed entry in the middle, but not
 * removed entries at the end: whoever can write the database (and switch off the append-only
 * trigger) can cut the tail and the remaining chain still closes. The head file, written after
 * every append, remembers how far the log went; `zicht audit verify` compares.
 *
 * Where: ZICHT_AUDIT_HEAD_FILE (read by cli/config.ts and passed to openStore), else `<dataDir>.audit-head` — beside the data directory, not in it,
 * so a copy or a restore of the data directory does not carry it, and an attacker who has only the
 * database (PostgreSQL) cannot reach it. Put it on another machine or mount for real protection.
 * With ZICHT_AUDIT_SYSLOG=1 the head also goes to the system log (`logger`, at most once a minute).
 *
 * The file is only moved forward, and only while the log still runs through the head it holds, so
 * an attacker who cuts or empties the log and lets the application append again does not reset it:
 * verify keeps failing until an operator consciously removes the file (a fresh demo does). A missing
 * head file while the log has entries fails verify too (cut tail + deleted head), and is not restarted by
 * the next append: only `zicht audit head --init` starts a new head, with an entry saying so.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { basename, dirname, join, resolve } from 'node:path';
import type { Sql, Store } from '../store/sql.js';
import { UserError } from '../domain/errors.js';

export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
}

/** The head file for a data directory (see the module comment); `set` is ZICHT_AUDIT_HEAD_FILE (cli/config.ts). */
export function auditHeadFile(dataDir: string, set?: string): string {
  if (set) return resolve(set);
  const dir = resolve(dataDir);
  return join(dirname(dir), `${basename(dir)}.audit-head`);
}

const attached = new WeakMap<Store, string>();
/** Head files whose moves also go to the system log (ZICHT_AUDIT_SYSLOG=1, passed by the CLI through openStore). */
const syslogFiles = new Set<string>();
let lastSyslog = 0;

/** From now on every append to this store's access log also moves the head in `file` (and, asked, the system log). */
export function attachAuditHead(store: Store, file: string, opts: { syslog?: boolean | undefined } = {}): void {
  attached.set(store, file);
  if (opts.syslog) syslogFiles.add(file);
}

export function attachedHeadFile(store: Store): string | undefined {
  return attached.get(store);
}

/** A head file that is not a head, or none where one is needed: a UserError naming the file. */
export class HeadFileError extends UserError<'toegangslog_kop'> {
  constructor(text: string) {
    super('toegangslog_kop', { nl: text });
  }
}

/** The head kept in `file`; null when there is none yet. Throws on a file that is not a head. */
export function readAuditHead(file: string): AuditHead | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const h = JSON.parse(text) as Partial<AuditHead>;
    if (Number.isInteger(h.seq) && typeof h.hash === 'string' && /^[0-9a-f]{64}$/.test(h.hash)) {
      return { seq: h.seq!, hash: h.hash, at: String(h.at ?? '') };
    }
  } catch {
    // fall through
  }
  throw new HeadFileError(`kopbestand van het toegangslog is onleesbaar: ${file} / access-log head file is unreadable`);
}

/**
 * Whether the log in the database still runs through the head in the file (called in the append's
 * transaction, with the entry the new one follows). If not, the tail was cut or the log replaced:
 * the head then stays where it is, as evidence for verify, however many entries follow.
 */
export async function headContinues(
  tx: Sql,
  file: string,
  last: { seq: number; hash: string } | undefined,
): Promise<boolean> {
  let head: AuditHead | null;
  try {
    head = readAuditHead(file);
  } catch {
    return false;
  }
  // no head yet: one starts by itself only with the log's first entry. A log that has entries but no
  // head lost it (or never had one); `zicht audit head --init` starts one deliberately, and logs that.
  if (!head) return last === undefined;
  if (!last || last.seq < head.seq) return false;
  if (last.seq === head.seq) return last.hash === head.hash;
  const [row] = await tx.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [head.seq]);
  return row?.hash === head.hash;
}

/**
 * Writes the head atomically (temp file, fsync, rename, fsync of the directory) when it is ahead
 * of what the file holds (another process may have appended and written meanwhile). Synchronous on
 * purpose: no other append of this process can interleave.
 */
export function writeAuditHead(file: string, head: AuditHead): void {
  let current: number;
  try {
    current = readAuditHead(file)?.seq ?? 0;
  } catch {
    return; // an unreadable head is evidence: leave it for verify
  }
  if (head.seq <= current) return;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(head)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  try {
    const dirFd = openSync(dirname(file), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // some file systems cannot fsync a directory; the rename itself is atomic
  }
  if (syslogFiles.has(file) && Date.now() - lastSyslog >= 60_000) {
    lastSyslog = Date.now();
    try {
      const p = spawn(
        'logger',
        ['-t', 'zicht-audit', `toegangslog kop / access log head seq=${head.seq} hash=${head.hash}`],
        { stdio: 'ignore' },
      );
      p.on('error', () => undefined); // no logger on this system: the file is the record
      p.unref();
    } catch {
      // idem
    }
  }
}

/** Removes the head (only when the log it describes is consciously thrown away, as a fresh demo does). */
export function resetAuditHead(file: string): void {
  rmSync(file, { force: true });
}
