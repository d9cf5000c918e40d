/**
 * The demo's iJw messages validate against the iJw 3.2 XSDs (xmllint). The schemas live in
 * ../shared/reference (CI has them); elsewhere the test is skipped and says why.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemo, type DemoManifest } from './generate.js';
import { writeIjwMessages, type IjwOutput } from './ijw.js';
import { tempDir } from '../testing/fixtures.js';
import { MessageValidator } from '../ingest/ijw/validate.js';

const XSD_DIR = fileURLToPath(new URL('../../../shared/reference/ijw-3.2/xsd/', import.meta.url));
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const skip = !existsSync(XSD_DIR) ? `iJw XSDs not found at ${XSD_DIR} (no ../shared here)` : !hasXmllint ? 'xmllint not installed (apt-get install libxml2-utils)' : false;

// a skipped describe() is not counted by the runner: report the skip as a skipped test with its reason
if (skip) it('demo iJw 3.2 messages validate against the XSDs', { skip }, () => undefined);
else describe('demo iJw 3.2 messages', { timeout: 300_000 }, () => {
  let out: IjwOutput;
  let manifest: DemoManifest;
  before(async () => {
    const dir = tempDir('zicht-ijw-');
    manifest = await generateDemo({ seed: 7, size: 'region', until: '2026-06-30', outDir: join(dir, 'csv') });
    out = await writeIjwMessages({ trajecten: manifest.files.trajecten!.path, declaraties: manifest.files.declaraties!.path }, join(dir, 'ijw'), 400);
  });

  for (const type of ['JW315', 'JW301', 'JW305', 'JW307', 'JW323', 'JW325']) {
    it(`${type} files validate against ${type}.xsd`, () => {
      const files = readdirSync(join(out.dir, type)).map((f) => join(out.dir, type, f));
      assert.ok(files.length > 0, `no ${type} written`);
      const r = spawnSync('xmllint', ['--noout', '--schema', join(XSD_DIR, `${type}.xsd`), ...files], { encoding: 'utf8' });
      const failures = r.stderr.split('\n').filter((l) => l && !l.endsWith(' validates'));
      assert.deepEqual(failures.slice(0, 5), [], `${failures.length} problems`);
    });
  }

  it('Zicht\u2019s own validator agrees with xmllint: every demo message is valid', () => {
    for (const type of readdirSync(out.dir)) {
      for (const f of readdirSync(join(out.dir, type))) {
        const v = new MessageValidator();
        v.write(readFileSync(join(out.dir, type, f), 'utf8'));
        const r = v.end();
        assert.deepEqual(r.issues, [], `${type}/${f}`);
        assert.equal(r.messageType, type);
      }
    }
  });

  it('carries the same facts as the CSV: allocation numbers, amounts and codes with leading zeros', () => {
    const xml = readFileSync(join(out.dir, 'JW301', readdirSync(join(out.dir, 'JW301'))[0]!), 'utf8');
    assert.match(xml, /<ijw:Categorie>\d{2}<\/ijw:Categorie>/);
    assert.match(xml, /<jw301:Afzender>900\d<\/jw301:Afzender>/);
    const total = execFileSync('grep', ['-h', '-o', '<ijw:TotaalBedrag>[0-9]*', ...readdirSync(join(out.dir, 'JW323')).slice(0, 3).map((f) => join(out.dir, 'JW323', f))], { encoding: 'utf8' });
    assert.ok(total.length > 0);
  });
});
