/**
 * Zip archives: entries are unpacked inside the target folder only, under flattened names, non-XML
 * entries ignored; an archive whose entry names try to leave the folder is refused whole.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { tempDir } from '../../testing/fixtures.js';
import { unzipXml, ZipRefused } from './zip.js';

/** A minimal zip (method 0, stored) with the given entries. */
function zip(entries: Array<[string, string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text);
    const n = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(n.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

it('unpacks XML entries inside the target folder under flattened names', async () => {
  const dir = tempDir('zicht-zip-');
  const archive = join(dir, 'berichten.zip');
  writeFileSync(archive, zip([['map/sub/JW301.xml', '<b/>'], ['leesmij.txt', 'x'], ['JW305.xml', '<c/>']]));
  const target = join(dir, 'out', 'unzip');
  const files = await unzipXml(archive, target);
  assert.deepEqual(files.map((f) => f.name), ['berichten.zip:map/sub/JW301.xml', 'berichten.zip:JW305.xml']);
  for (const f of files) assert.equal(dirname(f.path), target, f.path);
  assert.equal(readFileSync(files[0]!.path, 'utf8'), '<b/>');
});

it('refuses an archive with a path that escapes the target folder, writing nothing', async () => {
  const dir = tempDir('zicht-zip-');
  const archive = join(dir, 'kwaad.zip');
  writeFileSync(archive, zip([['map/JW301.xml', '<b/>'], ['../../escaped.xml', '<a/>']]));
  const target = join(dir, 'out', 'unzip');
  await assert.rejects(unzipXml(archive, target), (err) => err instanceof ZipRefused && /buiten de uitpakmap/.test(err.nl) && /outside the target folder/.test(err.en));
  assert.ok(!existsSync(join(dir, 'escaped.xml')) && !existsSync(join(dirname(dir), 'escaped.xml')), 'nothing written outside');
  assert.ok(!existsSync(target) || readdirSync(target).length <= 1, 'at most the entries before the bad one, inside the folder');
});

it('refuses something that is not a zip', async () => {
  const dir = tempDir('zicht-zip-');
  const archive = join(dir, 'nep.zip');
  writeFileSync(archive, 'dit is geen zip');
  await assert.rejects(unzipXml(archive, join(dir, 'out')), ZipRefused);
});
