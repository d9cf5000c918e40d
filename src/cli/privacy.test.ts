/**
 * privacy.md rule 1: BSN, names, addresses and contact details are stored nowhere. Runs the real
 * CLI on the embedded store with iJw messages (in a zip, and a refused one), a CSV administration
 * with BSNs and a refused row waiting in quarantine, then reads every file the data directory
 * holds — database files, raw store, logs, lens, temporary folders — looking for those values.
 * The raw inputs are still there, sealed: the correction export gives the original row back.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { storedZip } from '../testing/zip.js';

const BIN = fileURLToPath(new URL('../../bin/zicht.js', import.meta.url));
const EX = fileURLToPath(new URL('../../../shared/reference/ijw-3.2/examples/', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

if (!existsSync(EX))
  it(
    'no personal data in the data directory',
    { skip: `iJw examples not found at ${EX} (no ../shared here)` },
    () => undefined,
  );
else
  it(
    'no BSN, name, address or contact detail anywhere in the data directory, yet the raw inputs come back',
    { timeout: 240_000 },
    async () => {
      const dir = tempDir('zicht-privacy-');
      const input = join(dir, 'in');
      mkdirSync(input);
      const data = join(dir, 'data');
      const env = { ...process.env, ZICHT_DATA_DIR: data, ZICHT_PSEUDONYM_KEY: 'cd'.repeat(32), DATABASE_URL: '' };
      // exit code 1 = something was refused, which is part of this test
      const zicht = (...args: string[]) =>
        new Promise<{ code: number; stdout: string }>((resolve) => {
          execFile(process.execPath, [BIN, ...args], { env, maxBuffer: 1 << 24 }, (err, stdout) =>
            resolve({ code: err ? Number(err.code) : 0, stdout }),
          );
        });

      const messages = readdirSync(EX).filter((f) => f.endsWith('.xml'));
      writeCsv(
        input,
        'berichten.zip',
        storedZip(messages.map((f) => [`week48/${f}`, readFileSync(join(EX, f), 'utf8')])),
      );
      writeCsv(input, 'JW315-impossible-date.xml', readFileSync(join(EX, 'invalid', 'JW315-impossible-date.xml')));
      const bsns = [0, 1, 2, 3].map((i) => testBsn(100 + i));
      const refused = trajectRow({
        traject_id: 'F1',
        client_id: bsns[3]!,
        gemeente: '0363',
        toewijzingsdatum: '31-02-2024',
      });
      writeCsv(
        input,
        'trajecten.csv',
        [
          TRAJECTEN_HEADER,
          ...bsns.slice(0, 3).map((b, i) => trajectRow({ traject_id: `P${i}`, client_id: b, gemeente: '0363' })),
          refused,
        ].join('\n') + '\n',
      );

      const ijw = await zicht(
        'import',
        '--json',
        join(input, 'berichten.zip'),
        join(input, 'JW315-impossible-date.xml'),
      );
      const reports = JSON.parse(ijw.stdout) as Array<{ file: string; status: string }>;
      assert.equal(ijw.code, 1, 'exit code 1: a message was refused');
      assert.ok(reports.filter((r) => r.status === 'committed').length >= 10, ijw.stdout);
      assert.equal(reports.find((r) => r.file.includes('impossible'))?.status, 'rejected');
      const csv = await zicht('import', '--json', '--accept-valid', join(input, 'trajecten.csv'));
      assert.match(csv.stdout, /"rowsRejected": 1/);

      const needles = [
        ...bsns,
        '999900006',
        'Mauritsstraat',
        'Van Woustraat',
        'Kerklaan',
        '0201234567',
        '0707654321',
        'abc@def.com',
        'Klaas',
      ];
      const files = filesUnder(data);
      assert.ok(
        files.some((f) => f.includes(`${join('raw', 'packs')}`)),
        'the messages are kept',
      );
      assert.ok(
        files.some((f) => f.includes('pgdata')),
        'the database files are read too',
      );
      for (const f of files) {
        const bytes = readFileSync(f);
        for (const n of needles) assert.ok(!bytes.includes(n), `${n} found in ${f.slice(data.length)}`);
      }
      assert.deepEqual(
        existsSync(join(data, 'tmp')) ? readdirSync(join(data, 'tmp')) : [],
        [],
        'nothing left in tmp (the unpacked zip is gone)',
      );

      // the refused row comes back from the sealed raw file, byte for byte, for correction at the source
      const out = join(dir, 'correcties');
      assert.equal((await zicht('import', 'quarantine', '--out', out)).code, 0);
      const [correction] = readdirSync(out);
      assert.ok(correction, 'a correction file');
      assert.ok(
        readFileSync(join(out, correction), 'utf8').includes(refused),
        'the original row, unmasked, outside the data directory',
      );

      // lineage: from a trajectory to the message it came from, and that message as received
      const sources = await zicht('import', 'bron', 'traject', '0384', 'TW300201', '--json');
      assert.equal(sources.code, 0, sources.stdout);
      const found = JSON.parse(sources.stdout) as {
        sources: Array<{ what: string; run: number; file: string; recordType: string }>;
      };
      const allocation = found.sources.find((x) => x.what === 'traject');
      assert.deepEqual(
        [allocation?.recordType, allocation?.file],
        ['JW301', 'berichten.zip:week48/JW301.xml'],
        JSON.stringify(found),
      );
      const message = join(dir, 'JW301-terug.xml');
      assert.equal((await zicht('import', 'bron', String(allocation!.run), '--out', message)).code, 0);
      assert.deepEqual(readFileSync(message), readFileSync(join(EX, 'JW301.xml')), 'byte for byte as received');
      const foreign = await new Promise<number>((resolve) => {
        execFile(
          process.execPath,
          [BIN, 'import', 'bron', String(allocation!.run), '--out', join(dir, 'vreemd.xml')],
          { env: { ...env, ZICHT_PSEUDONYM_KEY: 'ef'.repeat(32) } },
          (err) => resolve(err ? Number(err.code) : 0),
        );
      });
      assert.equal(foreign, 1, 'another key cannot open it');
      assert.ok(!existsSync(join(dir, 'vreemd.xml')), 'and leaves no partial file');
      const log = await zicht('audit', 'list', '--json');
      assert.match(log.stdout, /bron traject 0384\/TW300201/);
      assert.match(log.stdout, new RegExp(`bron ${allocation!.run} \\(berichten\\.zip:week48/JW301\\.xml`));
    },
  );
