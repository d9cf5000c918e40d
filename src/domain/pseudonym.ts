/**
 * Pseudonymisation at the door: a BSN becomes HMAC-SHA-256(key, BSN), keyed with a secret of the
 * gemeente or regio that lives outside the database (a file or ZICHT_PSEUDONYM_KEY). The same BSN with
 * the same key always gives the same pseudonym, so a youth can be followed across sources; without
 * the key the pseudonym cannot be traced back.
 */
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const PSEUDONYM_PREFIX = 'P';

export class PseudonymKey {
  private constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('pseudonym key must be at least 32 bytes');
  }

  static fromHex(hex: string): PseudonymKey {
    return new PseudonymKey(Buffer.from(hex.trim(), 'hex'));
  }

  /**
   * The key given as hex (ZICHT_PSEUDONYM_KEY, read by cli/config.ts) wins; otherwise the key file, created with
   * a fresh random key on first use (mode 0600). The key is never written to the database or a log.
   */
  static load(keyFile: string, hex?: string): PseudonymKey {
    if (hex) return PseudonymKey.fromHex(hex);
    if (!existsSync(keyFile)) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
    }
    return PseudonymKey.fromHex(readFileSync(keyFile, 'utf8'));
  }

  /**
   * A separate 32-byte key for another purpose (HKDF-SHA-256 with the purpose as info), so the one
   * secret outside the database also seals the raw inputs without the pseudonyms and the seal
   * sharing a key.
   */
  derive(purpose: string): Buffer {
    // derived once per purpose: an import seals tens of thousands of messages with the same key
    let k = this.derived.get(purpose);
    if (!k) {
      k = Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), purpose, 32));
      this.derived.set(purpose, k);
    }
    return k;
  }

  private readonly derived = new Map<string, Buffer>();

  pseudonymise(bsn: string): string {
    return PSEUDONYM_PREFIX + createHmac('sha256', this.key).update(bsn).digest('hex').slice(0, 32);
  }
}
