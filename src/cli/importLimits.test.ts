/**
 * `zicht import` in a real process against hostile files (issue 13.3): a workbook zip bomb, an iJw
 * archive of 100,000 entries, an archive whose entry lies about its size and a CSV of 100,000
 * columns are each refused with the file's name and the limit; the process ends normally, and
 * the store holds no import run and no kept raw file of them.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgliteStore } from '../store/pglite.js';
import { tempDir } from '../testing/fixtures.js';
import { bombWorkbook } from '../testing/bombs.js';
import { repeatedDeflate, zipArchive } from '../testing/zip.js';

const BIN = fileURLToPath(new URL('../../bin/zicht.js', import.meta.url));

it(
  'zicht import refuses hostile files by name and limit, and keeps nothing of them',
  { timeout: 300_000 },
  async () => {
    const dir = tempDir('zicht-cli-limits-');
    const files = {
      'bom.xlsx': bombWorkbook(),
      'veel.zip': zipArchive(Array.from({ length: 100_000 }, (_, i) => ({ name: `m${i}.xml`, data: '<a/>' }))),
      'leugen.zip': zipArchive([
        { name: 'JW305.xml', deflated: repeatedDeflate('<a>', 'x'.repeat(1 << 20), 20, '</a>'), declaredSize: 10 },
      ]),
      'trajecten.csv': `${Array.from({ length: 100_000 }, (_, i) => `k${i}`).join(';')}\n`,
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ZICHT_DATA_DIR: join(dir, 'data'),
      ZICHT_PSEUDONYM_KEY: 'cd'.repeat(32),
      DATABASE_URL: '',
    };
    delete env.NODE_TEST_CONTEXT;
    const r = spawnSync(
      process.execPath,
      ['--max-old-space-size=256', BIN, 'import', ...Object.keys(files).map((f) => join(dir, f))],
      { encoding: 'utf8', env },
    );
    const out = `${r.stdout}\n${r.stderr}`;
    assert.ok(r.status !== null && r.signal === null, `the process ended normally: ${out.slice(-1500)}`);
    assert.match(out, /bom\.xlsx: xl\/sharedStrings\.xml is uitgepakt .* MB; de grens is 1\.024 MB per onderdeel/);
    assert.match(out, /veel\.zip bevat 100\.000 bestanden; de grens is 50\.000 per archief/);
    assert.match(out, /leugen\.zip: JW305\.xml is groter of kleiner dan het archief opgeeft/);
    assert.match(out, /trajecten\.csv heeft 100\.000 kolommen; de grens is 500/);
    const store = await PgliteStore.open(join(dir, 'data', 'pgdata'));
    try {
      const [n] = await store.query<{ runs: number; raws: number }>(
        'SELECT (SELECT count(*)::int FROM import_run) AS runs, (SELECT count(*)::int FROM raw_input) AS raws',
      );
      assert.deepEqual(n, { runs: 0, raws: 0 }, 'no run and no kept raw file');
    } finally {
      await store.close();
    }
  },
);
