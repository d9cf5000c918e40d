/**
 * The demo's liaison positions (issue 21, demo/liaison.ts): positions at part of the GP practices and one school per
 * gemeente, imported with the demo, and an effect built in — after a position starts at a practice its specialist-
 * referral share falls (fewer direct referrals, more basishulp found there), so the before/after view shows
 * something real; every practice position reaches ten youths or more in a year.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { findIndicator } from '../indicators/catalogue.js';
import { TEST_KEY, tempDir } from '../testing/fixtures.js';
import { generateDemo, type DemoManifest } from './generate.js';
import { loadDemo } from './load.js';

describe('demo liaison positions', { timeout: 900_000 }, () => {
  let lens: Lens;
  let m: DemoManifest;
  before(async () => {
    const dir = tempDir('zicht-demo-liaison-');
    m = await generateDemo({ seed: 5, size: 'region', until: '2026-06-30', outDir: join(dir, 'csv') });
    const store = await PgliteStore.open(join(dir, 'pgdata'));
    await migrate(store);
    await loadDemo(store, dir, TEST_KEY, m);
    await rebuildLens(store, dir);
    await store.close();
    lens = await Lens.open(dir);
  });
  after(() => lens?.close());

  const rows = (id: string, period: string, by?: string) =>
    findIndicator(id)!.compute(lens, { period: parsePeriod(period), gemeenten: [], by });

  it('writes three positions per gemeente, small, in the demo manifest', () => {
    const file = m.files.verbindingsfuncties!;
    assert.equal(file.rows, 3 * m.gemeenten.length);
    const lines = readFileSync(file.path, 'utf8').trim().split('\n');
    assert.equal(lines.length, file.rows + 1);
    assert.ok(lines.some((l) => l.includes(';poh_jeugd;huisartsenpraktijk;')));
    assert.ok(lines.some((l) => l.includes(';schoolmaatschappelijk_werk;school;')));
  });

  it('every position reaches youths; the region reaches hundreds', async () => {
    const per = await rows('liaison_reach', '2025', 'functie');
    assert.ok(per.length >= 2 * m.gemeenten.length);
    for (const r of per.filter((x) => x.key!.endsWith('-1') || x.key!.endsWith('-2')))
      assert.ok((r.value ?? 0) >= 10, `${r.gemeente} ${r.key}: ${r.value}`);
    const total = (await rows('liaison_reach', '2025')).reduce((a, r) => a + (r.value ?? 0), 0);
    assert.ok(total >= 200, `reach ${total}`);
  });

  it('after the start the practices refer a smaller share to specialist care', async () => {
    // the POH-jeugd started on 1 July 2024: twelve months each side by 30 June 2025 (a period ending then)
    const shift = await rows('liaison_referral_shift', '2025H1');
    for (const g of new Set(shift.map((r) => r.gemeente))) {
      const v = (k: string) => shift.find((r) => r.gemeente === g && r.key === k)!.value!;
      assert.ok(v('na') < v('voor'), `${g}: before ${v('voor')}, after ${v('na')}`);
      assert.ok(v('verschil') <= -15, `${g}: a drop of at least 15 points (${v('verschil')})`);
    }
  });
});
