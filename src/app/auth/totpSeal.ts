/**
 * TOTP secrets are kept sealed in the database (AES-256-GCM, key derived from the pseudonymisation
 * secret that lives outside the database), so a copy of the database or a backup does not hand out
 * second factors. The user name is bound in as associated data: a sealed secret moved to another
 * account does not open. Secrets stored before sealing existed (plain base32) stay readable and are
 * sealed on their next use and when the server starts (sealStoredTotpSecrets).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PseudonymKey } from '../../domain/pseudonym.js';
import type { Sql } from '../../store/sql.js';

const PREFIX = 'sealed1:';
const NONCE = 12;
const TAG = 16;

const totpKey = (key: PseudonymKey): Buffer => key.derive('zicht totp-secret v1');

export function isSealedTotp(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function sealTotp(key: PseudonymKey, secret: string, username: string): string {
  const nonce = randomBytes(NONCE);
  const c = createCipheriv('aes-256-gcm', totpKey(key), nonce);
  c.setAAD(Buffer.from(username, 'utf8'));
  const body = Buffer.concat([nonce, c.update(secret, 'utf8'), c.final(), c.getAuthTag()]);
  return PREFIX + body.toString('base64');
}

/** The plain secret; a legacy unsealed secret is returned as it is. */
export function openTotp(key: PseudonymKey, stored: string, username: string): string {
  if (!isSealedTotp(stored)) return stored;
  const body = Buffer.from(stored.slice(PREFIX.length), 'base64');
  if (body.length < NONCE + TAG) throw new Error(`TOTP-geheim van ${username} is beschadigd / TOTP secret damaged`);
  const d = createDecipheriv('aes-256-gcm', totpKey(key), body.subarray(0, NONCE));
  d.setAAD(Buffer.from(username, 'utf8'));
  d.setAuthTag(body.subarray(body.length - TAG));
  try {
    return Buffer.concat([d.update(body.subarray(NONCE, body.length - TAG)), d.final()]).toString('utf8');
  } catch {
    throw new Error(
      `TOTP-geheim van ${username} is niet te openen met deze pseudonimiseringssleutel` +
        ' / TOTP secret cannot be opened with this key',
    );
  }
}

/** Seals every TOTP secret still stored plain; returns how many. Safe to run at every start. */
export async function sealStoredTotpSecrets(sql: Sql, key: PseudonymKey): Promise<number> {
  const rows = await sql.query<{ id: number; username: string; totp_secret: string }>(
    `SELECT id::int AS id, username, totp_secret FROM app_user
      WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE '${PREFIX}%'`,
  );
  for (const r of rows) {
    // only if still the same plain value: a reset in between wins
    await sql.query('UPDATE app_user SET totp_secret = $2 WHERE id = $1 AND totp_secret = $3', [
      r.id,
      sealTotp(key, r.totp_secret, r.username),
      r.totp_secret,
    ]);
  }
  return rows.length;
}
