import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitCsv } from './splitCsv.js';

test('a CSV longer than the row limit is split into parts that each have the header and together every row', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'split-'));
  const path = join(dir, 'declaraties.csv');
  const rows = Array.from({ length: 5 }, (_, i) => `r${i};€ ${i},00;"a;b"`);
  writeFileSync(path, ['kop1;kop2;kop3', ...rows, ''].join('\r\n'));
  const parts = await splitCsv(path, 5, 2);
  assert.deepEqual(
    parts.map((p) => p.slice(dir.length + 1)),
    ['declaraties-deel1.csv', 'declaraties-deel2.csv', 'declaraties-deel3.csv'],
  );
  const read = parts.map((p) => readFileSync(p, 'utf8').trimEnd().split('\n'));
  for (const lines of read) assert.equal(lines[0], 'kop1;kop2;kop3');
  assert.deepEqual(
    read.flatMap((lines) => lines.slice(1)),
    rows,
  );
  assert.deepEqual(
    read.map((l) => l.length - 1),
    [2, 2, 1],
  );
  // a file within the limit is imported as it is
  assert.deepEqual(await splitCsv(path, 5, 5), [path]);
  assert.ok(existsSync(path));
});
