/**
 * Raw inputs that can hold personal data (iJw messages, a gemeente's own CSV or Excel files) are
 * kept sealed: AES-256-GCM with a key derived from the pseudonymisation secret, which lives outside
 * the database. privacy.md rule 1 says BSN, names and addresses are stored nowhere; the architecture
 * says every raw input is kept unchanged. Sealing meets both as far as they can be met together: the
 * data directory (and every copy or backup of it) holds those files only as ciphertext, and whoever
 * holds the secret gets the exact bytes back for lineage and correction. The content address stays
 * the SHA-256 of the plain bytes, so the same input is recognised whichever way it was kept.
 *
 * Layout of a sealed file, and of each record in a pack: 12-byte nonce, ciphertext, 16-byte tag.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import type { PseudonymKey } from '../domain/pseudonym.js';
import { UserError } from '../domain/errors.js';

const NONCE = 12;
const TAG = 16;
/** Bytes a sealed record has beyond its plain content. */
export const SEAL_OVERHEAD = NONCE + TAG;

/** How a raw input is kept: sealed with the installation's secret, or plain for public data (CBS). */
export type Sealing = PseudonymKey | 'public';

/** A sealed raw input that this key does not open (another key, or a damaged file): a UserError naming the input. */
export class SealError extends UserError<'sleutel_past_niet'> {
  constructor(what: string) {
    super('sleutel_past_niet', { what });
  }
}

const sealKey = (key: PseudonymKey): Buffer => key.derive('zicht raw-at-rest v1');

export function sealBytes(key: PseudonymKey, plain: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', sealKey(key), nonce);
  return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

export function openBytes(key: PseudonymKey, sealed: Buffer, what: string): Buffer {
  if (sealed.length < SEAL_OVERHEAD) throw new SealError(what);
  const decipher = createDecipheriv('aes-256-gcm', sealKey(key), sealed.subarray(0, NONCE));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(NONCE, sealed.length - TAG)), decipher.final()]);
  } catch {
    throw new SealError(what);
  }
}

/** A stream that turns plain bytes into one sealed file (nonce first, tag last), for inputs of any size. */
export function sealStream(key: PseudonymKey): Transform {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', sealKey(key), nonce);
  let started = false;
  const head = (out: Buffer): Buffer => {
    if (started) return out;
    started = true;
    return Buffer.concat([nonce, out]);
  };
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      cb(null, head(cipher.update(chunk)));
    },
    flush(cb) {
      cb(null, Buffer.concat([head(cipher.final()), cipher.getAuthTag()]));
    },
  });
}

/**
 * The plain bytes of a sealed file, streamed. GCM confirms the tag only at the end, so a reader
 * must not act on the bytes before the iteration has finished without an error.
 */
export async function* openSealedFile(key: PseudonymKey, path: string): AsyncGenerator<Buffer> {
  const size = statSync(path).size;
  if (size < SEAL_OVERHEAD) throw new SealError(path);
  const fd = openSync(path, 'r');
  const nonce = Buffer.alloc(NONCE);
  const tag = Buffer.alloc(TAG);
  try {
    readSync(fd, nonce, 0, NONCE, 0);
    readSync(fd, tag, 0, TAG, size - TAG);
  } finally {
    closeSync(fd);
  }
  const decipher = createDecipheriv('aes-256-gcm', sealKey(key), nonce);
  decipher.setAuthTag(tag);
  if (size > SEAL_OVERHEAD) {
    for await (const chunk of createReadStream(path, { start: NONCE, end: size - TAG - 1, highWaterMark: 1 << 18 })) {
      yield decipher.update(chunk as Buffer);
    }
  }
  let last: Buffer;
  try {
    last = decipher.final();
  } catch {
    throw new SealError(path);
  }
  if (last.length > 0) yield last;
}
