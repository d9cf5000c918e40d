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
const skip = !existsSync(XSD_DIR)
  ? `iJw XSDs not found at ${XSD_DIR} (no ../shared here)`
  : !hasXmllint
    ? 'xmllint not installed (apt-get install libxml2-utils)'
    : false;

// a skipped describe() is not counted by the runner: report the skip as a skipped test with its reason
if (skip) it('demo iJw 3.2 messages validate against the XSDs', { skip }, () => undefined);
else
  describe('demo iJw 3.2 messages', { timeout: 300_000 }, () => {
    let out: IjwOutput;
    let manifest: DemoManifest;
    before(async () => {
      const dir = tempDir('zicht-ijw-');
      manifest = await generateDemo({ seed: 7, size: 'region', until: '2026-06-30', outDir: join(dir, 'csv') });
      out = await writeIjwMessages(
        { trajecten: manifest.files.trajecten!.path, declaraties: manifest.files.declaraties!.path },
        join(dir, 'ijw'),
        { limit: 400 },
      );
    });

    for (const type of ['JW315', 'JW301', 'JW305', 'JW307', 'JW323', 'JW325']) {
      it(`${type} files validate against ${type}.xsd`, () => {
        const files = readdirSync(join(out.dir, type)).map((f) => join(out.dir, type, f));
        assert.ok(files.length > 0, `no ${type} written`);
        const r = spawnSync('xmllint', ['--noout', '--schema', join(XSD_DIR, `${type}.xsd`), ...files], {
          encoding: 'utf8',
        });
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

    it('with a go-live date: claims before it stay CSV, every claim travels exactly once, ended care sends nothing', async () => {
      const dir = tempDir('zicht-ijw-from-');
      const from = '2025-07-01';
      const split = await writeIjwMessages(
        { trajecten: manifest.files.trajecten!.path, declaraties: manifest.files.declaraties!.path },
        join(dir, 'ijw'),
        { from, historicClaims: join(dir, 'historie.csv') },
      );
      const lines = (f: string) => readFileSync(f, 'utf8').trimEnd().split('\n');
      const all = lines(manifest.files.declaraties!.path);
      const historic = lines(split.historicClaims!.path);
      assert.equal(historic[0], all[0], 'the same CSV header');
      assert.equal(split.historicClaims!.rows, historic.length - 1);
      const sent: string[] = [];
      for (const f of readdirSync(join(dir, 'ijw', 'JW323'))) {
        const xml = readFileSync(join(dir, 'ijw', 'JW323', f), 'utf8');
        for (const m of xml.matchAll(
          /<ijw:Begindatum>(\d{4}-\d{2}-\d{2})<\/ijw:Begindatum><ijw:Einddatum>[^<]*<\/ijw:Einddatum><\/jw323:ProductPeriode>/g,
        ))
          sent.push(m[1]!);
      }
      assert.equal(historic.length - 1 + sent.length, all.length - 1, 'every claim line once, as CSV or as iJw');
      assert.ok(sent.length > 0 && sent.every((d) => d >= from), 'iJw claims only from the go-live date');
      assert.ok(historic.slice(1).some((l) => l.split(';')[7]! < from));
      for (const f of readdirSync(join(dir, 'ijw', 'JW307'))) {
        const end = /<jw307:Einddatum>([^<]+)</.exec(readFileSync(join(dir, 'ijw', 'JW307', f), 'utf8'))![1]!;
        assert.ok(end >= from, `a stop before the go-live date was sent (${f})`);
      }
      for (const f of readdirSync(join(dir, 'ijw', 'JW301')).slice(0, 2000)) {
        const end = /<jw301:Einddatum>([^<]+)</.exec(readFileSync(join(dir, 'ijw', 'JW301', f), 'utf8'))?.[1];
        assert.ok(
          end === undefined || end >= from,
          `an allocation of care ended before the go-live date was sent (${f})`,
        );
      }
    });

    it('carries the same facts as the CSV: allocation numbers, amounts and codes with leading zeros', () => {
      const xml = readFileSync(join(out.dir, 'JW301', readdirSync(join(out.dir, 'JW301'))[0]!), 'utf8');
      assert.match(xml, /<ijw:Categorie>\d{2}<\/ijw:Categorie>/);
      assert.match(xml, /<jw301:Afzender>900\d<\/jw301:Afzender>/);
      const total = execFileSync(
        'grep',
        [
          '-h',
          '-o',
          '<ijw:TotaalBedrag>[0-9]*',
          ...readdirSync(join(out.dir, 'JW323'))
            .slice(0, 3)
            .map((f) => join(out.dir, 'JW323', f)),
        ],
        { encoding: 'utf8' },
      );
      assert.ok(total.length > 0);
    });
  });
