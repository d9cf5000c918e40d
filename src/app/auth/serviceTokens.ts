/**
 * Service tokens (issue 17.4): credentials for a nightly import or a data-warehouse pull, which are not a
 * person with a phone. A beheerder issues a named token with one role, its scopes and an expiry of at most a
 * year; the secret (32 random bytes) is shown once and only its SHA-256 is stored, as for sessions. A token
 * acts as an account of its role and scope would (the same Principal, so the same access rules, row-level
 * security and disclosure control), except that it never manages accounts or tokens (access.ts NOT_BY_TOKEN).
 * Roles that see person-level data get a token only with an explicit decision and a reason, which the access
 * log records. Used by `zicht tokens` and the API (server/routes/tokens.ts, server/auth/bearer.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../../store/sql.js';
import { ROLES, mfaRequired, scopesProblem, type Principal, type Role } from '../access.js';
import { checkScopeKey, resolveScopes, scopeSchema, type ScopeAssignment } from './users.js';
import { UserError } from '../../domain/errors.js';

/** Every token starts with this, so a secret found in a log or a repository is recognisable (and scannable). */
export const TOKEN_PREFIX = 'zicht_';
/** The whole token: prefix and 32 random bytes in base64url (43 characters). */
export const TOKEN_PATTERN = /^zicht_[A-Za-z0-9_-]{43}$/;
export const NAME_PATTERN = /^[a-z0-9._-]{3,40}$/;
/** The longest a token may live; the migration's check allows 366 days for a calendar year with 29 February. */
export const MAX_DAYS = 365;
const DAY_MS = 86_400_000;

/** Roles whose token needs an explicit decision: those that see person-level data (and beheerder), as for TOTP. */
export const needsPersonLevelDecision = (role: Role): boolean => mfaRequired(role);

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export interface NewToken {
  readonly name: string;
  readonly role: Role;
  readonly scopes: readonly ScopeAssignment[];
  readonly expiresAt: Date;
  /** the explicit decision for a role that sees person-level data */
  readonly personLevelData?: boolean | undefined;
  readonly reason?: string | undefined;
  /** who issues it (`username` or `cli:<user>`) */
  readonly createdBy: string;
}

const bad = (nl: string, en: string) => new UserError('ongeldig_token', { nl, en });

/** Checks a request for a token; throws the UserError that says what is wrong. */
async function checkNewToken(sql: Sql, t: NewToken, now: Date): Promise<void> {
  if (!NAME_PATTERN.test(t.name))
    throw bad(
      'naam: 3–40 tekens a-z, 0-9, punt, streep, liggend streepje',
      'name: 3–40 characters a-z, 0-9, dot, dash, underscore',
    );
  if (!(ROLES as readonly string[]).includes(t.role))
    throw bad(`onbekende rol ${t.role} (${ROLES.join(', ')})`, `unknown role ${t.role}`);
  if (t.scopes.length === 0) throw bad('minstens één scope nodig', 'at least one scope is needed');
  const problem = scopesProblem(
    t.role,
    t.scopes.map((s) => s.kind),
  );
  if (problem) throw bad(problem.nl, problem.en);
  for (const s of t.scopes) {
    const parsed = scopeSchema.safeParse(s);
    if (!parsed.success) throw bad(`ongeldige scope ${s.kind}=${s.key}`, `invalid scope ${s.kind}=${s.key}`);
    try {
      await checkScopeKey(sql, s);
    } catch (err) {
      // the account's wording (`onbekende gemeente 9999 / unknown gemeente`), under the token's code
      if (err instanceof UserError && err.code === 'ongeldig_account') throw bad(err.nl, err.en);
      throw err;
    }
  }
  if (Number.isNaN(t.expiresAt.getTime()))
    throw bad(
      'een vervaldatum is verplicht, als JJJJ-MM-DD van een dag die bestaat',
      'an expiry date is required, as YYYY-MM-DD of a day that exists',
    );
  const days = (t.expiresAt.getTime() - now.getTime()) / DAY_MS;
  if (days <= 0) throw bad('de vervaldatum ligt niet in de toekomst', 'the expiry is not in the future');
  if (days > MAX_DAYS)
    throw bad(
      `een token geldt hoogstens ${MAX_DAYS} dagen; kies een eerdere vervaldatum`,
      `a token lives at most ${MAX_DAYS} days; choose an earlier expiry`,
    );
  if (needsPersonLevelDecision(t.role)) {
    if (!t.personLevelData) throw new UserError('ongeldig_token.persoonsgegevens', { role: t.role });
    if ((t.reason ?? '').trim().length < 10)
      throw bad(
        'geef bij een token met persoonsgegevens een reden van minstens 10 tekens (--reason)',
        'give a reason of at least 10 characters for a token with person-level data (--reason)',
      );
  }
  const [taken] = await sql.query('SELECT 1 FROM service_token WHERE name = $1', [t.name]);
  if (taken) throw new UserError('ongeldig_token.bestaat', { name: t.name });
}

/** Issues a token; returns the secret, which is not stored and cannot be shown again. */
export async function createServiceToken(sql: Sql, t: NewToken, now: Date): Promise<{ id: number; token: string }> {
  await checkNewToken(sql, t, now);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const reason = needsPersonLevelDecision(t.role) ? t.reason!.trim() : null;
  const [row] = await sql.query<{ id: number }>(
    `INSERT INTO service_token (name, token_hash, role, scopes, person_level_reason, created_at, created_by, expires_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8) RETURNING id::int AS id`,
    [
      t.name,
      hashSecret(token),
      t.role,
      JSON.stringify(t.scopes.map((s) => ({ kind: s.kind, key: s.key }))),
      reason,
      now.toISOString(),
      t.createdBy,
      t.expiresAt.toISOString(),
    ],
  );
  return { id: row!.id, token };
}

export interface TokenListing {
  readonly name: string;
  readonly role: Role;
  readonly scopes: readonly ScopeAssignment[];
  readonly personLevelReason: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
  readonly lastUsedAt: string | null;
  readonly status: 'actief' | 'verlopen' | 'ingetrokken';
}

const iso = (v: string | Date | null): string | null => (v === null ? null : new Date(v).toISOString());

/** Every token ever issued (never the secret or its hash), newest first. */
export async function listServiceTokens(sql: Sql, now: Date): Promise<TokenListing[]> {
  const rows = await sql.query<{
    name: string;
    role: Role;
    scopes: ScopeAssignment[] | string;
    person_level_reason: string | null;
    created_at: string | Date;
    created_by: string;
    expires_at: string | Date;
    revoked_at: string | Date | null;
    revoked_by: string | null;
    last_used_at: string | Date | null;
  }>(
    `SELECT name, role, scopes, person_level_reason, created_at, created_by, expires_at, revoked_at, revoked_by,
            last_used_at FROM service_token ORDER BY created_at DESC, id DESC`,
  );
  return rows.map((r) => ({
    name: r.name,
    role: r.role,
    scopes: typeof r.scopes === 'string' ? (JSON.parse(r.scopes) as ScopeAssignment[]) : r.scopes,
    personLevelReason: r.person_level_reason,
    createdAt: iso(r.created_at)!,
    createdBy: r.created_by,
    expiresAt: iso(r.expires_at)!,
    revokedAt: iso(r.revoked_at),
    revokedBy: r.revoked_by,
    lastUsedAt: iso(r.last_used_at),
    status: r.revoked_at ? 'ingetrokken' : new Date(r.expires_at) <= now ? 'verlopen' : 'actief',
  }));
}

/** Revokes a token at once (the next request with it gets 401). Revoking twice keeps the first moment. */
export async function revokeServiceToken(sql: Sql, name: string, by: string, now: Date): Promise<void> {
  const rows = await sql.query<{ id: number }>(
    `UPDATE service_token SET revoked_at = coalesce(revoked_at, $2), revoked_by = coalesce(revoked_by, $3)
      WHERE name = $1 RETURNING id::int AS id`,
    [name, now.toISOString(), by],
  );
  if (rows.length === 0) throw new UserError('onbekend_token', { name });
}

/** Why a presented token was refused: for the access log only, never told to the caller. */
export type Refusal = 'onbekend' | 'ongeldige_vorm' | 'verlopen' | 'ingetrokken';

export type Authentication =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly reason: Refusal; readonly name: string | null };

/** A hash no secret has (a SHA-256 is never all zeroes in practice): compared against when no row is found. */
const NO_HASH = Buffer.alloc(32);

/**
 * Who a presented secret is. Every presented value takes the same path — hashed, looked up, compared in
 * constant time, then checked for expiry and revocation — so an unknown, malformed, expired or revoked
 * token costs the same and gets the same answer; only the access log says which it was.
 */
export async function authenticateServiceToken(sql: Sql, presented: string, now: Date): Promise<Authentication> {
  const wellFormed = TOKEN_PATTERN.test(presented);
  const hash = hashSecret(wellFormed ? presented : `ongeldig:${presented.slice(0, 200)}`);
  const [row] = await sql.query<{
    id: number;
    name: string;
    token_hash: string;
    role: Role;
    scopes: ScopeAssignment[] | string;
    expires_at: string | Date;
    revoked_at: string | Date | null;
    last_used_at: string | Date | null;
  }>(
    `SELECT id::int AS id, name, token_hash, role, scopes, expires_at, revoked_at, last_used_at
       FROM service_token WHERE token_hash = $1`,
    [hash],
  );
  const given = Buffer.from(hash, 'hex');
  const same = timingSafeEqual(row ? Buffer.from(row.token_hash, 'hex') : NO_HASH, given) && row !== undefined;
  if (!wellFormed || !same || !row)
    return { ok: false, reason: wellFormed ? 'onbekend' : 'ongeldige_vorm', name: null };
  if (row.revoked_at) return { ok: false, reason: 'ingetrokken', name: row.name };
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { ok: false, reason: 'verlopen', name: row.name };
  // a minute's precision is enough for "last used" and saves a write on every request
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000)
    await sql.query('UPDATE service_token SET last_used_at = $2 WHERE id = $1', [row.id, now.toISOString()]);
  const scopes = typeof row.scopes === 'string' ? (JSON.parse(row.scopes) as ScopeAssignment[]) : row.scopes;
  const resolved = await resolveScopes(sql, scopes);
  return {
    ok: true,
    principal: {
      // negative: never the id of an account, so nothing keyed on userId (loadPrincipal, caches) mistakes it for one
      userId: -row.id,
      username: `token:${row.name}`,
      displayName: `token ${row.name}`,
      role: row.role,
      ...resolved,
      // the explicit decision at issuance stands in for the second factor where a role needs one; a role
      // without one reports false, as its sessions do
      mfaPassed: needsPersonLevelDecision(row.role),
      token: { id: row.id, name: row.name },
    },
  };
}

/** A token's scopes as the CLI and the access log write them: `kind=key,kind=key`. */
export const scopesText = (scopes: readonly ScopeAssignment[]): string =>
  scopes.map((s) => `${s.kind}=${s.key}`).join(',');
