import { it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PseudonymKey } from '../domain/pseudonym.js';
import { TEST_KEY, tempDir } from '../testing/fixtures.js';
import { openBytes, openSealedFile, SEAL_OVERHEAD, sealBytes, sealStream } from './seal.js';

const OTHER = PseudonymKey.fromHex('ef'.repeat(32));

async function sealFile(plain: Buffer, path: string): Promise<void> {
  // in uneven chunks, as a file stream delivers them
  const parts = [plain.subarray(0, 1), plain.subarray(1, 70_001), plain.subarray(70_001)];
  await pipeline(Readable.from(parts), sealStream(TEST_KEY), createWriteStream(path));
}

async function openFile(key: PseudonymKey, path: string): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of openSealedFile(key, path)) out.push(c);
  return Buffer.concat(out);
}

it('seals bytes so they come back only with the same secret, and refuses a changed byte', () => {
  const plain = Buffer.from('<Bsn>999900006</Bsn><Achternaam>Wit</Achternaam>');
  const sealed = sealBytes(TEST_KEY, plain);
  assert.equal(sealed.length, plain.length + SEAL_OVERHEAD);
  assert.ok(!sealed.includes('999900006'));
  assert.notDeepEqual(sealBytes(TEST_KEY, plain), sealed, 'a fresh nonce each time');
  assert.deepEqual(openBytes(TEST_KEY, sealed, 'x'), plain);
  assert.throws(
    () => openBytes(OTHER, sealed, 'bericht.xml'),
    /bericht\.xml: het bewaarde bronbestand is niet te openen/,
  );
  const changed = Buffer.from(sealed);
  changed[20]! ^= 1;
  assert.throws(() => openBytes(TEST_KEY, changed, 'x'), /beschadigd/);
  assert.throws(() => openBytes(TEST_KEY, Buffer.alloc(5), 'x'), /niet te openen/);
});

it('seals a file as a stream and opens it again as a stream, also when empty', async () => {
  const dir = tempDir('zicht-seal-');
  for (const plain of [randomBytes(1_300_000), Buffer.alloc(0)]) {
    const path = join(dir, `sealed-${plain.length}`);
    await sealFile(plain, path);
    assert.equal(readFileSync(path).length, plain.length + SEAL_OVERHEAD);
    assert.deepEqual(await openFile(TEST_KEY, path), plain);
    await assert.rejects(openFile(OTHER, path), /niet te openen/);
  }
  const path = join(dir, 'damaged');
  await sealFile(Buffer.from('a;b\n1;2\n'), path);
  const bytes = readFileSync(path);
  bytes[bytes.length - 1]! ^= 1;
  writeFileSync(path, bytes);
  await assert.rejects(openFile(TEST_KEY, path), /beschadigd/);
});
