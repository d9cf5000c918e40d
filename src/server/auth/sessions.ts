/**
 * Sessions: a random token in a secure, http-only, same-site cookie; only its SHA-256 is stored,
 * so a copy of the database cannot be used to log in. Idle and absolute timeouts end a session
 * even when the browser keeps it (BIO: sessions end after inactivity).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '../../store/sql.js';

export const SESSION_COOKIE = 'zicht_sessie';
export const IDLE_MINUTES = 30;
export const ABSOLUTE_HOURS = 10;

export interface SessionInfo {
  readonly userId: number;
  readonly mfaPassed: boolean;
  readonly tokenHash: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  sql: Sql,
  userId: number,
  mfaPassed: boolean,
  origin: string,
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await sql.query(
    'INSERT INTO app_session (token_hash, user_id, mfa_passed, origin, created_at, last_seen) VALUES ($1, $2, $3, $4, $5, $5)',
    [hashToken(token), userId, mfaPassed, origin, now.toISOString()],
  );
  return token;
}

/** The live session for a token, or null (unknown, idle too long, too old, or user disabled). */
export async function findSession(sql: Sql, token: string, now: Date): Promise<SessionInfo | null> {
  const tokenHash = hashToken(token);
  const [row] = await sql.query<{
    user_id: number;
    mfa_passed: boolean;
    created_at: string | Date;
    last_seen: string | Date;
    disabled: boolean;
  }>(
    `SELECT s.user_id::int AS user_id, s.mfa_passed, s.created_at, s.last_seen, u.disabled
       FROM app_session s JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = $1`,
    [tokenHash],
  );
  if (!row) return null;
  const idle = now.getTime() - new Date(row.last_seen).getTime();
  const age = now.getTime() - new Date(row.created_at).getTime();
  if (row.disabled || idle > IDLE_MINUTES * 60_000 || age > ABSOLUTE_HOURS * 3_600_000) {
    await sql.query('DELETE FROM app_session WHERE token_hash = $1', [tokenHash]);
    return null;
  }
  // touching on every request would write on every read; a minute's precision is enough for idle
  if (idle > 60_000)
    await sql.query('UPDATE app_session SET last_seen = $2 WHERE token_hash = $1', [tokenHash, now.toISOString()]);
  return { userId: row.user_id, mfaPassed: row.mfa_passed, tokenHash };
}

export async function endSession(sql: Sql, tokenHash: string): Promise<void> {
  await sql.query('DELETE FROM app_session WHERE token_hash = $1', [tokenHash]);
}
