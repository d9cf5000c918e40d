/**
 * Accounts in the truth store: create, change, scope and load them as a Principal. Used by the
 * server (login), by `zicht users` and by the demo. Failed log-ins slow down per name and address
 * (backoff.ts); an account is never locked by others' failures, only disabled by a beheerder.
 */
import { z, ZodError } from 'zod';
import type { Sql } from '../../store/sql.js';
import { ROLES, mfaRequired, scopesProblem, type Principal, type Role, type ScopeKind } from '../access.js';
import { hashPassword, passwordProblem } from './password.js';
import { newTotpSecret } from './totp.js';
import { sealTotp } from './totpSeal.js';
import type { PseudonymKey } from '../../domain/pseudonym.js';
import { UserError } from '../../domain/errors.js';

/** An account that cannot be made or changed as asked (ongeldig_account), or is not there (onbekende_gebruiker). */
export class AccountError extends UserError<'ongeldig_account' | 'onbekende_gebruiker'> {
  constructor(message: string, key: 'ongeldig_account' | 'onbekende_gebruiker' = 'ongeldig_account') {
    super(key, { nl: message });
  }
}

export interface UserRow {
  readonly id: number;
  readonly username: string;
  readonly display_name: string;
  readonly password_hash: string;
  readonly totp_secret: string | null;
  readonly totp_last_step: number | null;
  readonly role: Role;
  readonly disabled: boolean;
  readonly failed_logins: number;
  readonly locked_until: string | Date | null;
}

export const scopeSchema = z.object({
  kind: z.enum(['regio', 'gemeente', 'team', 'aanbieder']),
  key: z.string().min(1).max(40),
});
export type ScopeAssignment = z.infer<typeof scopeSchema>;

export const newUserSchema = z.object({
  username: z
    .string()
    .regex(
      /^[a-z0-9._-]{3,40}$/,
      'gebruikersnaam: 3–40 tekens a-z, 0-9, punt, streep / user name: 3–40 characters a-z, 0-9, dot, dash',
    ),
  displayName: z.string().min(1).max(100),
  role: z.enum(ROLES),
  password: z.string(),
  scopes: z.array(scopeSchema).min(1, 'minstens één scope nodig'),
});
export type NewUser = z.infer<typeof newUserSchema>;

/** One line for a person: what is wrong with the account, per field. */
export function accountProblem(err: ZodError): string {
  const issues = err.issues.map((i) => (i.message.includes(' / ') ? i.message : `${i.path.join('.')}: ${i.message}`));
  return `Ongeldig account / invalid account: ${issues.join('; ')}`;
}

/**
 * Creates the account; returns the TOTP secret when the role needs a second factor. With the
 * installation's key the secret is stored sealed (totpSeal.ts); without one (tests) it is stored
 * plain and sealed on first use. `hash` is for the test fixtures only, whose dozens of throw-away accounts per test
 * run do not each need the production cost (password.ts); every caller of the application leaves it out.
 */
export async function createUser(
  sql: Sql,
  input: NewUser,
  key?: PseudonymKey,
  hash: (password: string) => Promise<string> = hashPassword,
): Promise<{ id: number; totpSecret: string | null }> {
  const u = newUserSchema.parse(input);
  const weak = passwordProblem(u.password);
  if (weak) throw new AccountError(weak);
  const problem = scopesProblem(
    u.role,
    u.scopes.map((s) => s.kind),
  );
  if (problem) throw new AccountError(`${problem.nl} / ${problem.en}`);
  for (const s of u.scopes) await checkScopeKey(sql, s);
  const existing = await sql.query('SELECT 1 FROM app_user WHERE username = $1', [u.username]);
  if (existing.length > 0) throw new AccountError(`gebruiker ${u.username} bestaat al / already exists`);
  const totpSecret = mfaRequired(u.role) ? newTotpSecret() : null;
  const passwordHash = await hash(u.password);
  const [row] = await sql.query<{ id: string }>(
    `INSERT INTO app_user (username, display_name, password_hash, role, totp_secret, totp_required)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      u.username,
      u.displayName,
      passwordHash,
      u.role,
      totpSecret && key ? sealTotp(key, totpSecret, u.username) : totpSecret,
      totpSecret !== null,
    ],
  );
  const id = Number(row!.id);
  for (const s of u.scopes)
    await sql.query('INSERT INTO user_scope (user_id, scope_kind, scope_key) VALUES ($1, $2, $3)', [id, s.kind, s.key]);
  return { id, totpSecret };
}

export async function checkScopeKey(sql: Sql, s: ScopeAssignment): Promise<void> {
  const checks: Record<ScopeKind, [string, unknown[]]> = {
    regio: ['SELECT 1 FROM region WHERE code = $1', [s.key]],
    gemeente: ['SELECT 1 FROM gemeente WHERE code = $1', [s.key]],
    team: ["SELECT 1 FROM team WHERE gemeente_code || '/' || code = $1", [s.key]],
    aanbieder: ['SELECT 1 FROM provider WHERE agb = $1', [s.key]],
  };
  const [q, params] = checks[s.kind];
  if ((await sql.query(q, params)).length === 0) {
    const hint = s.kind === 'team' ? ' (vorm: gemeentecode/teamcode)' : '';
    throw new AccountError(`onbekende ${s.kind} ${s.key}${hint} / unknown ${s.kind}`);
  }
}

export async function findUser(sql: Sql, username: string): Promise<UserRow | null> {
  const rows = await sql.query<UserRow>(
    `SELECT id::int AS id, username, display_name, password_hash, totp_secret, totp_last_step::int AS totp_last_step, role, disabled,
            failed_logins, locked_until FROM app_user WHERE username = $1`,
    [username],
  );
  return rows[0] ?? null;
}

/**
 * Claims a TOTP step for a log-in, atomically: only one of several log-ins racing with the same
 * code can move the last-used step forward (the row lock serialises them, and the condition is
 * checked again after the wait), so a code works once even when sent four times at once.
 */
export async function claimTotpStep(sql: Sql, userId: number, step: number): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE app_user SET totp_last_step = $2
      WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING 1`,
    [userId, step],
  );
  return rows.length === 1;
}

export async function recordSuccess(sql: Sql, userId: number, totpStep: number | null): Promise<void> {
  await sql.query(
    'UPDATE app_user SET failed_logins = 0, locked_until = NULL, totp_last_step = coalesce($2, totp_last_step) WHERE id = $1',
    [userId, totpStep],
  );
}

export async function setPassword(sql: Sql, username: string, password: string): Promise<void> {
  const weak = passwordProblem(password);
  if (weak) throw new AccountError(weak);
  const n = await sql.query(
    'UPDATE app_user SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE username = $1 RETURNING 1',
    [username, await hashPassword(password)],
  );
  if (n.length === 0) throw new AccountError(`onbekende gebruiker ${username} / unknown user`, 'onbekende_gebruiker');
  await sql.query('DELETE FROM app_session WHERE user_id = (SELECT id FROM app_user WHERE username = $1)', [username]);
}

export async function setDisabled(sql: Sql, username: string, disabled: boolean): Promise<void> {
  const n = await sql.query('UPDATE app_user SET disabled = $2 WHERE username = $1 RETURNING 1', [username, disabled]);
  if (n.length === 0) throw new AccountError(`onbekende gebruiker ${username} / unknown user`, 'onbekende_gebruiker');
  if (disabled)
    await sql.query('DELETE FROM app_session WHERE user_id = (SELECT id FROM app_user WHERE username = $1)', [
      username,
    ]);
}

export async function resetTotp(sql: Sql, username: string, key?: PseudonymKey): Promise<string> {
  const secret = newTotpSecret();
  const n = await sql.query(
    'UPDATE app_user SET totp_secret = $2, totp_last_step = NULL WHERE username = $1 RETURNING 1',
    [username, key ? sealTotp(key, secret, username) : secret],
  );
  if (n.length === 0) throw new AccountError(`onbekende gebruiker ${username} / unknown user`, 'onbekende_gebruiker');
  return secret;
}

export interface UserListing {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly locked: boolean;
  readonly totp: boolean;
  readonly scopes: readonly ScopeAssignment[];
}

export async function listUsers(sql: Sql): Promise<UserListing[]> {
  const rows = await sql.query<{
    username: string;
    display_name: string;
    role: Role;
    disabled: boolean;
    locked: boolean;
    totp: boolean;
    scopes: string | null;
  }>(
    `SELECT u.username, u.display_name, u.role, u.disabled, coalesce(u.locked_until > now(), false) AS locked,
            u.totp_secret IS NOT NULL AS totp,
            string_agg(s.scope_kind || '=' || s.scope_key, ',' ORDER BY s.scope_kind, s.scope_key) AS scopes
       FROM app_user u LEFT JOIN user_scope s ON s.user_id = u.id
      GROUP BY u.id ORDER BY u.username`,
  );
  return rows.map((r) => ({
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    disabled: r.disabled,
    locked: r.locked,
    totp: r.totp,
    scopes: (r.scopes ?? '')
      .split(',')
      .filter(Boolean)
      .map((s) => {
        const [kind, key] = s.split('=');
        return { kind: kind as ScopeKind, key: key ?? '' };
      }),
  }));
}

/** Resolves scopes to the gemeenten, team and provider a user may see. */
export async function loadPrincipal(sql: Sql, userId: number, mfaPassed: boolean): Promise<Principal | null> {
  const [u] = await sql.query<{ id: number; username: string; display_name: string; role: Role; disabled: boolean }>(
    'SELECT id::int AS id, username, display_name, role, disabled FROM app_user WHERE id = $1',
    [userId],
  );
  if (!u || u.disabled) return null;
  const scopes = await sql.query<{ scope_kind: ScopeKind; scope_key: string }>(
    'SELECT scope_kind, scope_key FROM user_scope WHERE user_id = $1',
    [userId],
  );
  const { gemeenten, team, provider } = await resolveScopes(
    sql,
    scopes.map((s) => ({ kind: s.scope_kind, key: s.scope_key })),
  );
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    gemeenten,
    team,
    provider,
    mfaPassed,
  };
}

/**
 * Resolves scope assignments to the gemeenten, team and provider they allow: for an account (user_scope)
 * and for a service token (service_token.scopes) alike, so a token sees what an account of its role and
 * scope sees.
 */
export async function resolveScopes(
  sql: Sql,
  scopes: readonly ScopeAssignment[],
): Promise<Pick<Principal, 'gemeenten' | 'team' | 'provider'>> {
  const gemeenten = new Set<string>();
  let team: Principal['team'] = null;
  let provider: string | null = null;
  // one team and one provider at most (access.ts scopesProblem refuses more when an account or token is made): an
  // older row with two is refused here rather than narrowed to the last one's name in every gemeente (red team 26)
  for (const kind of ['team', 'aanbieder'] as const)
    if (scopes.filter((s) => s.kind === kind).length > 1)
      throw new AccountError(
        `dit account heeft meer dan één ${kind} als scope; vraag de beheerder het per ${kind} te splitsen / this account has more than one ${kind} scope; ask the administrator to split it`,
      );
  for (const s of scopes) {
    if (s.kind === 'regio') {
      for (const g of await sql.query<{ code: string }>('SELECT code FROM gemeente WHERE region_code = $1', [s.key]))
        gemeenten.add(g.code);
    } else if (s.kind === 'gemeente') gemeenten.add(s.key);
    else if (s.kind === 'team') {
      const [g, code] = s.key.split('/');
      if (g && code) {
        gemeenten.add(g);
        team = { gemeente: g, code };
      }
    } else {
      provider = s.key;
      // a provider sees the regional aggregates of every region it delivers in
      const rows = await sql.query<{ code: string }>(
        `SELECT DISTINCT g.code FROM gemeente g JOIN gemeente mine ON mine.region_code = g.region_code
          WHERE mine.code IN (SELECT DISTINCT gemeente_code FROM trajectory WHERE provider_agb = $1)`,
        [s.key],
      );
      for (const g of rows) gemeenten.add(g.code);
    }
  }
  return { gemeenten: [...gemeenten].sort(), team, provider };
}
