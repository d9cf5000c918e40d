/**
 * Zip archives: entries are unpacked inside the target folder only, under flattened names, non-XML
 * entries ignored; an archive whose entry names try to leave the folder is refused whole.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../../testing/fixtures.js';
import { storedZip as zip } from '../../testing/zip.js';
import { unzipXml, ZipRefused } from './zip.js';

it('unpacks XML entries inside the target folder under flattened names', async () => {
  const dir = tempDir('zicht-zip-');
  const archive = join(dir, 'berichten.zip');
  writeFileSync(
    archive,
    zip([
      ['map/sub/JW301.xml', '<b/>'],
      ['leesmij.txt', 'x'],
      ['JW305.xml', '<c/>'],
    ]),
  );
  const target = join(dir, 'out', 'unzip');
  const files = await unzipXml(archive, target);
  assert.deepEqual(
    files.map((f) => f.name),
    ['berichten.zip:map/sub/JW301.xml', 'berichten.zip:JW305.xml'],
  );
  for (const f of files) assert.equal(dirname(f.path), target, f.path);
  assert.equal(readFileSync(files[0]!.path, 'utf8'), '<b/>');
});

it('refuses an archive with a path that escapes the target folder, writing nothing', async () => {
  const dir = tempDir('zicht-zip-');
  const archive = join(dir, 'kwaad.zip');
  writeFileSync(
    archive,
    zip([
      ['map/JW301.xml', '<b/>'],
      ['../../escaped.xml', '<a/>'],
    ]),
  );
  const target = join(dir, 'out', 'unzip');
  await assert.rejects(
    unzipXml(archive, target),
    (err) =>
      err instanceof ZipRefused && /buiten de uitpakmap/.test(err.nl) && /outside the target folder/.test(err.en),
  );
  assert.ok(
    !existsSync(join(dir, 'escaped.xml')) && !existsSync(join(dirname(dir), 'escaped.xml')),
    'nothing written outside',
  );
  assert.ok(
    !existsSync(target) || readdirSync(target).length <= 1,
    'at most the entries before the bad one, inside the folder',
  );
});

it('refuses something that is not a zip', async () => {
  const dir = tempDir('zicht-zip-');
  const archive = join(dir, 'nep.zip');
  writeFileSync(archive, 'dit is geen zip');
  await assert.rejects(unzipXml(archive, join(dir, 'out')), ZipRefused);
});
