/**
 * The national demo puts its gemeenten in jeugdregio's of realistic size, the ones the CBS mirror names: the demo
 * region's nine together, the others in regions of eight. Before, all 342 were one region, and a council or provider
 * report compared a gemeente with 341 others (issue 18: reports of 100–166 s at national size).
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { demoRegions } from './generate.js';
import { demoRegionNames } from './cbsMirror.js';
import { DEMO_REGION, nationalGemeenten } from './region.js';

it('national: the demo region stays whole, the others in regions of at most eight, as the CBS mirror says', () => {
  const regions = demoRegions({ seed: 7, size: 'national', gemeenteCount: 342 });
  const byRegion = new Map<string, string[]>();
  for (const g of nationalGemeenten(7, 342)) {
    const r = regions.get(g.code);
    assert.ok(r, g.code);
    byRegion.set(r.code, [...(byRegion.get(r.code) ?? []), g.code]);
  }
  assert.deepEqual(byRegion.get(DEMO_REGION.code)?.sort(), DEMO_REGION.gemeenten.map((g) => g.code).sort());
  assert.equal(byRegion.size, 1 + Math.ceil((342 - 9) / 8));
  for (const [code, members] of byRegion) if (code !== DEMO_REGION.code) assert.ok(members.length <= 8, code);
  const mirror = demoRegionNames(7, 342);
  for (const [code, r] of regions) if (r.code !== DEMO_REGION.code) assert.equal(r.name, mirror.get(code), code);
});

it('region: no regions of its own (every gemeente in the demo region)', () => {
  assert.equal(demoRegions({ seed: 7, size: 'region' }).size, 0);
});
