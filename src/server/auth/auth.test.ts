import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { base32Decode, base32Encode, matchTotp, otpauthUri, totpAt } from '../../app/auth/totp.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../app/auth/password.js';

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890"; 6-digit codes are the last 6 of the 8.
const SEED = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC test vectors', () => {
    assert.equal(SEED, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    assert.equal(totpAt(SEED, Math.floor(59 / 30)), '287082');
    assert.equal(totpAt(SEED, Math.floor(1111111109 / 30)), '081804');
    assert.equal(totpAt(SEED, Math.floor(1234567890 / 30)), '005924');
    assert.equal(totpAt(SEED, Math.floor(2000000000 / 30)), '279037');
  });
  it('accepts one step of drift, refuses replay, garbage and old codes', () => {
    const now = 1_234_567_890_000;
    const step = Math.floor(now / 30_000);
    assert.equal(matchTotp(SEED, totpAt(SEED, step - 1), now, null), step - 1);
    assert.equal(matchTotp(SEED, totpAt(SEED, step), now, step), null, 'replay');
    assert.equal(matchTotp(SEED, totpAt(SEED, step - 3), now, null), null, 'too old');
    assert.equal(matchTotp(SEED, '12345a', now, null), null);
    assert.equal(matchTotp(SEED, '', now, null), null);
  });
  it('round-trips base32 and builds an otpauth URI', () => {
    assert.deepEqual(base32Decode(base32Encode(Buffer.from([1, 2, 3, 250]))), Buffer.from([1, 2, 3, 250]));
    assert.throws(() => base32Decode('not base32!'));
    assert.match(otpauthUri(SEED, 'analist'), /^otpauth:\/\/totp\/Zicht%3Aanalist\?secret=GEZ/);
  });
});

describe('passwords (argon2id)', () => {
  it('hashes with argon2id and a salt, verifies, refuses wrong and malformed', async () => {
    const a = await hashPassword('een lang wachtwoord');
    const b = await hashPassword('een lang wachtwoord');
    assert.match(a, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.notEqual(a, b, 'salted');
    assert.equal(await verifyPassword('een lang wachtwoord', a), true);
    assert.equal(await verifyPassword('een lang wachtwoorD', a), false);
    assert.equal(await verifyPassword('x', 'not a hash'), false);
    assert.equal(await verifyPassword('x', '$argon2id$broken'), false);
  });
  it('refuses short passwords', () => {
    assert.ok(passwordProblem('kort'));
    assert.equal(passwordProblem('twaalf tekens'), null);
  });
});
