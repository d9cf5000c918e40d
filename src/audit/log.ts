/**
 * The access log (privacy.md rule 3, NEN 7513 pattern, BIO 8.15). Append-only (a trigger refuses
 * UPDATE and DELETE) and tamper-evident: every entry carries a gap-free sequence number and the
 * hash of the previous entry, so `zicht audit verify` finds a changed entry (hash mismatch), a
 * removed one (gap in seq, or broken chain) and an inserted one (chain broken after it). Removed
 * entries at the end are found through the head kept outside the database (head.ts).
 * Never pass secrets, tokens or passwords in here: only pseudonyms and queries.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../store/sql.js';
import {
  attachedHeadFile,
  headContinues,
  HeadFileError,
  readAuditHead,
  writeAuditHead,
  type AuditHead,
} from './head.js';

export type AuditEvent =
  | 'login'
  | 'login_mislukt'
  | 'mfa_mislukt'
  | 'account_geblokkeerd'
  | 'logout'
  | 'lezen_persoonsgegevens'
  | 'zoeken_persoonsgegevens'
  | 'export_persoonsgegevens'
  | 'toegang_geweigerd'
  | 'gebruiker_aangemaakt'
  | 'gebruiker_gewijzigd'
  | 'rol_gewijzigd'
  | 'wachtwoord_gewijzigd'
  | 'mfa_hersteld'
  | 'duiding_toegevoegd'
  | 'business_case_vastgelegd'
  | 'pilot_vastgelegd'
  // the sociale kaart is published without login: who put what there is on record (red team 38)
  | 'aanbod_gewijzigd'
  | 'evaluatie_vastgelegd'
  | 'indeling_gewijzigd'
  | 'verbindingsfunctie_gewijzigd'
  | 'import'
  | 'auditlog_export'
  | 'backup_gemaakt'
  | 'herstel_uitgevoerd'
  | 'bewaartermijn_verwijderd'
  | 'herverzegeld'
  | 'auditkop_gestart'
  | 'token_aangemaakt'
  | 'token_ingetrokken'
  | 'token_gebruikt'
  | 'token_geweigerd';

export interface AuditEntry {
  readonly event: AuditEvent;
  readonly username: string | null;
  readonly role: string | null;
  readonly onBehalfOf?: string | null;
  readonly scope: string | null;
  readonly subjects?: readonly string[];
  readonly query?: string | null;
  readonly purpose?: string | null;
  readonly outcome: 'ok' | 'geweigerd' | 'mislukt';
  readonly origin: string | null;
}

export interface StoredEntry {
  readonly seq: number;
  readonly at: string;
  readonly event: string;
  readonly username: string | null;
  readonly role: string | null;
  readonly onBehalfOf: string | null;
  readonly scope: string | null;
  readonly subjects: readonly string[];
  readonly query: string | null;
  readonly purpose: string | null;
  readonly outcome: string;
  readonly origin: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS = '0'.repeat(64);
const LOCK_KEY = 7_420_513;

export function entryHash(e: Omit<StoredEntry, 'hash'>): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at,
    e.event,
    e.username,
    e.role,
    e.onBehalfOf,
    e.scope,
    [...e.subjects],
    e.query,
    e.purpose,
    e.outcome,
    e.origin,
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Starts a new head outside the database for a log that has none (lost, or from before heads
 * existed): appends an entry that says so and writes the head at it. Refused while a head exists.
 */
export async function startAuditHead(store: Store, actor: { username: string; origin: string }): Promise<StoredEntry> {
  const file = attachedHeadFile(store);
  if (!file)
    throw new HeadFileError('geen kopbestand ingesteld voor deze opslag / no head file configured for this store');
  let existing: AuditHead | null;
  try {
    existing = readAuditHead(file);
  } catch {
    existing = { seq: -1, hash: '', at: '' };
  }
  if (existing) {
    throw new HeadFileError(
      `het kopbestand ${file} bestaat al; verwijder het eerst bewust als het log echt opnieuw begint ` +
        `/ the head file ${file} already exists`,
    );
  }
  const stored = await appendAudit(store, {
    event: 'auditkop_gestart',
    username: actor.username,
    role: 'beheerder',
    scope: 'installatie',
    outcome: 'ok',
    origin: actor.origin,
    query: `nieuwe kop buiten de database: ${file}`,
  });
  writeAuditHead(file, { seq: stored.seq, hash: stored.hash, at: stored.at });
  return stored;
}

/** Appends one entry; entries are serialised by an advisory lock so the chain has one order. */
export async function appendAudit(store: Store, entry: AuditEntry, now = new Date()): Promise<StoredEntry> {
  const headFile = attachedHeadFile(store);
  let moveHead = false;
  const stored = await store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const [last] = await tx.query<{ seq: number; hash: string }>(
      'SELECT seq::int AS seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1',
    );
    if (headFile) moveHead = await headContinues(tx, headFile, last);
    const base = {
      seq: (last?.seq ?? 0) + 1,
      at: now.toISOString(),
      event: entry.event,
      username: entry.username,
      role: entry.role,
      onBehalfOf: entry.onBehalfOf ?? null,
      scope: entry.scope,
      subjects: entry.subjects ?? [],
      query: entry.query ?? null,
      purpose: entry.purpose ?? null,
      outcome: entry.outcome,
      origin: entry.origin,
      prevHash: last?.hash ?? GENESIS,
    };
    const stored: StoredEntry = { ...base, hash: entryHash(base) };
    await tx.query(
      `INSERT INTO audit_log (seq, at, event, username, role, on_behalf_of, scope, subjects, query, purpose, outcome, origin, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        stored.seq,
        stored.at,
        stored.event,
        stored.username,
        stored.role,
        stored.onBehalfOf,
        stored.scope,
        [...stored.subjects],
        stored.query,
        stored.purpose,
        stored.outcome,
        stored.origin,
        stored.prevHash,
        stored.hash,
      ],
    );
    return stored;
  });
  // after the commit: a head ahead of the database would be a false alarm
  if (headFile && moveHead) writeAuditHead(headFile, { seq: stored.seq, hash: stored.hash, at: stored.at });
  return stored;
}

interface RawRow {
  seq: number;
  at: Date | string;
  event: string;
  username: string | null;
  role: string | null;
  on_behalf_of: string | null;
  scope: string | null;
  subjects: string[] | null;
  query: string | null;
  purpose: string | null;
  outcome: string;
  origin: string | null;
  prev_hash: string;
  hash: string;
}

function toEntry(r: RawRow): StoredEntry {
  return {
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    event: r.event,
    username: r.username,
    role: r.role,
    onBehalfOf: r.on_behalf_of,
    scope: r.scope,
    subjects: r.subjects ?? [],
    query: r.query,
    purpose: r.purpose,
    outcome: r.outcome,
    origin: r.origin,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

const SELECT = `SELECT seq::int AS seq, at, event, username, role, on_behalf_of, scope, subjects, query, purpose, outcome, origin, prev_hash, hash FROM audit_log`;

export interface AuditFilter {
  readonly username?: string | undefined;
  readonly subject?: string | undefined;
  readonly event?: string | undefined;
  readonly limit?: number | undefined;
}

export async function readAudit(store: Store, f: AuditFilter): Promise<StoredEntry[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.username) where.push(`username = $${params.push(f.username)}`);
  if (f.subject) where.push(`$${params.push(f.subject)} = ANY (subjects)`);
  if (f.event) where.push(`event = $${params.push(f.event)}`);
  const limit = Math.min(Math.max(f.limit ?? 200, 1), 10_000);
  const rows = await store.query<RawRow>(
    `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${limit}`,
    params,
  );
  return rows.map(toEntry);
}

export interface VerifyResult {
  readonly entries: number;
  readonly ok: boolean;
  readonly problems: readonly string[];
  readonly headHash: string;
  /** The head kept outside the database, when there is one, and whether the log still reaches it. */
  readonly outsideHead?:
    { readonly file: string; readonly seq: number; readonly hash: string; readonly ok: boolean } | undefined;
  readonly notes?: readonly string[];
}

export interface VerifyOptions {
  /** The head file to check against; default the one attached to the store (openStore). null = none. */
  readonly headFile?: string | null | undefined;
}

/** Walks the whole chain in pages; reports every changed, missing or inserted entry (first 100). */
export async function verifyAudit(store: Store, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const problems: string[] = [];
  const notes: string[] = [];
  const headFile = opts.headFile === undefined ? attachedHeadFile(store) : (opts.headFile ?? undefined);
  // read before the walk: entries appended meanwhile are then beyond the head, never a false alarm
  let head: AuditHead | null = null;
  let unreadable = false;
  if (headFile) {
    try {
      head = readAuditHead(headFile);
    } catch (err) {
      if (!(err instanceof HeadFileError)) throw err;
      problems.push(err.message);
      unreadable = true;
    }
  }
  const hashAt = new Map<number, string>();
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let entries = 0;
  const legacy = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL');
  if ((legacy[0]?.n ?? 0) > 0)
    problems.push(`${legacy[0]!.n} regels zonder volgnummer / entries without sequence number`);
  for (;;) {
    const page = await store.query<RawRow>(`${SELECT} WHERE seq >= $1 ORDER BY seq LIMIT 5000`, [expectedSeq]);
    if (page.length === 0) break;
    for (const raw of page) {
      const e = toEntry(raw);
      entries++;
      if (e.seq !== expectedSeq) problems.push(`regels ${expectedSeq}–${e.seq - 1} ontbreken / entries missing`);
      if (e.prevHash !== prevHash)
        problems.push(`regel ${e.seq}: keten verbroken (vorige hash klopt niet) / chain broken`);
      const { hash, ...rest } = e;
      if (entryHash(rest) !== hash)
        problems.push(`regel ${e.seq}: inhoud gewijzigd (hash klopt niet) / content changed`);
      if (head && e.seq === head.seq) hashAt.set(e.seq, hash);
      prevHash = hash;
      expectedSeq = e.seq + 1;
    }
  }
  let outsideHead: VerifyResult['outsideHead'];
  if (headFile && head) {
    const lastSeq = expectedSeq - 1;
    let ok = true;
    if (lastSeq < head.seq) {
      ok = false;
      problems.push(
        `de laatste ${head.seq - lastSeq} regel(s) ontbreken: het log eindigt bij regel ${lastSeq}, de kop buiten de database ` +
          `(${headFile}) zegt regel ${head.seq} / the last ${head.seq - lastSeq} entries were removed: the log ends at ${lastSeq}, the head outside the database says ${head.seq}`,
      );
    } else if (hashAt.get(head.seq) !== head.hash) {
      ok = false;
      problems.push(
        `regel ${head.seq} heeft een andere hash dan de kop buiten de database (${headFile}): het log is vervangen of ingekort en aangevuld ` +
          `/ entry ${head.seq} differs from the head outside the database: the log was replaced, or cut and appended to`,
      );
    }
    outsideHead = { file: headFile, seq: head.seq, hash: head.hash, ok };
  } else if (headFile && entries > 0 && !unreadable) {
    // the head starts with the log's first entry, so a log with entries and no head lost it: whoever cut
    // the tail would delete it too
    problems.push(
      `het kopbestand buiten de database ontbreekt: ${headFile}; het log heeft ${entries} regels, dus het einde ` +
        'kan niet gecontroleerd worden (is het ingekort?). Start bewust een nieuwe kop met `zicht audit head --init` (wordt gelogd) ' +
        `/ the access-log head file ${headFile} is missing while the log has entries; start a new head deliberately with \`zicht audit head --init\``,
    );
  }
  return {
    entries,
    ok: problems.length === 0,
    problems: problems.slice(0, 100),
    headHash: prevHash,
    outsideHead,
    notes,
  };
}
