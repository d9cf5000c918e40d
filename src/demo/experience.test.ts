/**
 * The demo's voice of clients (issue 20): experience results with a response of 15–35% per provider and half-year,
 * complaints and AKJ contacts on the scale of seed document 001 (about 11 of each a year per 100,000 inhabitants),
 * both read by the real importer in the demo's import order, and the other demo files unchanged by them (hashed, not
 * drawn from the seeded stream).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemo, type DemoManifest } from './generate.js';
import { DEMO_IMPORT_ORDER, registerDemoMasterData } from './load.js';
import { freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, tempDir } from '../testing/fixtures.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { findIndicator } from '../indicators/catalogue.js';
import { parsePeriod } from '../domain/periods.js';

const rows = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(';'));

describe('demo: the voice of clients', () => {
  let dir: string;
  let m: DemoManifest;
  before(async () => {
    dir = tempDir('zicht-voice-demo-');
    m = await generateDemo({ seed: 5, size: 'region', until: '2026-06-30', outDir: join(dir, 'csv') });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes experience results with a response of 15–35% of those invited, per provider and half-year', () => {
    const e = rows(m.files.ervaringen!.path);
    assert.ok(e.length > 500, `${e.length} rows`);
    const overall = e.filter((r) => r[5] === 'algemeen');
    for (const r of overall) {
      const rate = Number(r[8]) / Number(r[9]);
      assert.ok(rate >= 0.14 && rate <= 0.36, `response ${rate} in ${r.join(';')}`);
      assert.match(r[1]!, /^\d{4}H[12]$/);
    }
    assert.ok(new Set(overall.map((r) => r[2])).size >= 10, 'many providers are surveyed');
  });

  it('writes complaints and AKJ contacts on the scale of seed 001 (11 of each a year per 100,000 inhabitants)', () => {
    const k = rows(m.files.klachten!.path);
    // Brakelhoven has 96,500 inhabitants: about 11 of each in a whole year
    for (const kind of ['klacht', 'vertrouwenspersoon']) {
      const n = k.filter((r) => r[1] === '9002' && r[2] === kind && r[5]!.startsWith('2025')).length;
      assert.ok(n >= 7 && n <= 15, `${kind} 9002 2025: ${n}`);
    }
    assert.ok(k.every((r) => r[5]! <= '2026-06-30'));
  });

  it('the demo loader reads both, after the trajectories; the importer accepts them and the indicators answer', async () => {
    assert.ok(DEMO_IMPORT_ORDER.indexOf('ervaringen') > DEMO_IMPORT_ORDER.indexOf('trajecten'));
    assert.ok(DEMO_IMPORT_ORDER.includes('klachten'));
    let db: TestDb | undefined;
    try {
      db = await freshStore('pglite');
      await registerDemoMasterData(db.store, m);
      const data = join(dir, 'data');
      for (const name of ['ervaringen', 'klachten'] as const) {
        const r = await importCsvFile({ store: db.store, dataDir: data, key: TEST_KEY }, m.files[name]!.path);
        assert.equal(r.status, 'committed', `${name}: ${JSON.stringify(r.problems.slice(0, 3))}`);
      }
      await rebuildLens(db.store, data);
      const lens = await Lens.open(data);
      try {
        const q = { period: parsePeriod('2025H1'), gemeenten: [] };
        const rate = await findIndicator('response_rate')!.compute(lens, q);
        assert.equal(rate.length, 9);
        for (const r of rate) assert.ok(r.value! >= 15 && r.value! <= 35, `${r.gemeente}: ${r.value}`);
        const score = await findIndicator('experience_score')!.compute(lens, { ...q, by: 'thema' });
        assert.ok(score.every((r) => r.value === null || (r.value >= 4.5 && r.value <= 9.6)));
      } finally {
        lens.close();
      }
    } finally {
      await db?.drop();
    }
  });
});
