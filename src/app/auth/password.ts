/**
 * Password hashing with argon2id (privacy.md rule 4). Parameters follow the OWASP minimum
 * (19 MiB, 2 passes, 1 lane); the encoded PHC string carries them, so they can be raised later
 * without breaking old hashes. hash-wasm is pure WebAssembly: no native build on our machines.
 */
import { randomBytes } from 'node:crypto';
import { argon2Verify, argon2id } from 'hash-wasm';

const PARAMS = { iterations: 2, parallelism: 1, memorySize: 19 * 1024, hashLength: 32 } as const;
export const MIN_PASSWORD_LENGTH = 12;

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Wachtwoord moet minstens ${MIN_PASSWORD_LENGTH} tekens hebben / password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2id({ ...PARAMS, password, salt: randomBytes(16), outputType: 'encoded' });
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  if (!encoded.startsWith('$argon2id$')) return false;
  try {
    return await argon2Verify({ password, hash: encoded });
  } catch {
    return false;
  }
}

/** A hash of a random password: lets an unknown user name cost the same time as a known one. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(18).toString('base64'));
  return decoy;
}
