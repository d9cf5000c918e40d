import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgliteStore } from '../../store/pglite.js';
import { migrate } from '../../store/migrate.js';
import { tempDir } from '../../testing/fixtures.js';
import { findCbsTables, importCbsTable } from './mirror.js';
import { writeDemoCbsMirror } from '../../demo/cbsMirror.js';

const FIXTURE = fileURLToPath(new URL('../../../src/benchmark/fixtures/vj2021/VJ2021JH', import.meta.url));

describe('CBS mirror: bad input', () => {
  let store: PgliteStore;
  let dir: string;
  before(async () => {
    store = await PgliteStore.open('memory://');
    await migrate(store);
    dir = tempDir('zicht-cbs-');
  });
  after(async () => store.close());

  const copy = (name: string) => {
    const d = join(dir, name);
    cpSync(FIXTURE, d, { recursive: true });
    return d;
  };
  const edit = (d: string, file: string, fn: (j: { value: Array<Record<string, unknown>> }) => void) => {
    const j = JSON.parse(readFileSync(join(d, file), 'utf8'));
    fn(j);
    writeFileSync(join(d, file), JSON.stringify(j));
  };
  const count = async () => (await store.query<{ n: number }>('SELECT count(*)::int AS n FROM cbs_observation'))[0]!.n;

  it('names a missing file and writes nothing', async () => {
    const d = copy('T1');
    rmSync(join(d, 'TypedDataSet.json'));
    const r = await importCbsTable(store, dir, d);
    assert.equal(r.status, 'rejected');
    assert.equal(r.problems[0]!.code, 'missing_file');
    assert.equal(await count(), 0);
  });

  it('names a region the dimension file does not list, with its row', async () => {
    const d = copy('T2');
    edit(d, 'TypedDataSet.json', (j) => {
      j.value[3]!.RegioS = 'GM9999  ';
    });
    const r = await importCbsTable(store, dir, d);
    assert.deepEqual(
      [r.status, r.problems[0]!.code, r.problems[0]!.line, r.problems[0]!.column, r.problems[0]!.value],
      ['rejected', 'unknown_dimension_value', 4, 'RegioS', 'GM9999'],
    );
  });

  it('refuses a topic value that is not a number, and a table without periods', async () => {
    const d = copy('T3');
    edit(d, 'TypedDataSet.json', (j) => {
      j.value[0]!.JongerenMetJeugdhulpZonderVerblijf_1 = '8,1';
    });
    assert.equal((await importCbsTable(store, dir, d)).problems[0]!.code, 'not_number');
    const e = copy('T4');
    edit(e, 'DataProperties.json', (j) => {
      j.value = j.value.filter((p) => p.Type !== 'TimeDimension');
    });
    assert.equal((await importCbsTable(store, dir, e)).problems[0]!.code, 'no_region_or_period');
    assert.equal(await count(), 0);
  });

  it('a newer mirror of the same table replaces the older one', async () => {
    const d = copy('VJ2021JH');
    assert.equal((await importCbsTable(store, dir, d)).status, 'committed');
    edit(d, 'TypedDataSet.json', (j) => {
      j.value[0]!.JongerenMetJeugdhulpZonderVerblijf_1 = 8.2;
    });
    assert.equal((await importCbsTable(store, dir, d)).status, 'committed');
    const [v] = await store.query<{ value: number }>(
      "SELECT value FROM cbs_observation WHERE region_key = 'GM0150' AND period_key = '2017HJ01'",
    );
    assert.equal(v!.value, 8.2);
    assert.equal(await count(), 67);
  });
});

describe('CBS mirror: counts', () => {
  let store: PgliteStore;
  let dir: string;
  before(async () => {
    store = await PgliteStore.open('memory://');
    await migrate(store);
    dir = tempDir('zicht-cbs-count-');
  });
  after(async () => store.close());

  it('counts rows read and rows good in the same unit: CBS rows, not the values stored from them', async () => {
    // the Data page showed 3,762 read and 18,810 good: one value per topic was counted as a good row
    // the demo mirror has several topics per row, as CBS tables do
    for (const d of findCbsTables([writeDemoCbsMirror(join(dir, 'demo-count'), 1, '2024-12-31', 12).dir])) {
      const rows = (JSON.parse(readFileSync(join(d, 'TypedDataSet.json'), 'utf8')) as { value: unknown[] }).value
        .length;
      const r = await importCbsTable(store, dir, d);
      assert.equal(r.status, 'committed');
      assert.deepEqual([r.rowsRead, r.rowsAccepted, r.rowsRejected], [rows, rows, 0], d);
    }
  });
});
