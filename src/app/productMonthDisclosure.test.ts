/**
 * Complementary suppression in the per-product-code table (red team, disclosure control): a code's referrer
 * shares add up to 100%, so one hidden share is 100 minus the others; the smallest other share is hidden with it.
 * The provider drill-down and the teams per month are checked over HTTP in server/productMonth.test.ts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REFERRER_GROUP_KEYS, type ProductFigures } from '../lens/productMonth.js';
import { referrerShares } from './productMonth.js';
import { complementaryCell } from './disclosure.js';

const figures = (counts: number[]): ProductFigures => ({
  productCategory: '40',
  productCode: '40X03',
  agb: null,
  providerName: null,
  trajectories: 298,
  children: 250,
  providers: 3,
  durationN: 0,
  durationDays: 0,
  started: counts.reduce((a, b) => a + b, 0),
  referrers: Object.fromEntries(REFERRER_GROUP_KEYS.map((k, i) => [k, counts[i]!])) as ProductFigures['referrers'],
  costCents: 0,
  costClients: 0,
});

describe('complementary suppression in the product code table', () => {
  it('one hidden referrer share (a true 0) takes the smallest other share with it', () => {
    const cells = referrerShares(figures([203, 64, 21, 0, 10]), true);
    assert.equal(cells.filter((c) => c === '<10').length, 2, JSON.stringify(cells));
    assert.equal(cells[3], '<10');
    assert.equal(cells[4], '<10');
    // the shown shares no longer name either hidden one: 100 - shown is the sum of two cells
    assert.deepEqual(cells.slice(0, 3), [68.3, 21.7, 6.7]);
  });
  it('no hidden share, or two already: nothing more hidden; unpublished: exact shares', () => {
    assert.equal(referrerShares(figures([100, 60, 40, 20, 30]), true).filter((c) => c === '<10').length, 0);
    assert.equal(referrerShares(figures([100, 60, 40, 5, 3]), true).filter((c) => c === '<10').length, 2);
    assert.ok(referrerShares(figures([203, 64, 21, 0, 10]), false).every((c) => typeof c === 'number'));
  });
  it('complementaryCell: the smallest shown cell beside exactly one hidden one', () => {
    // 46X01: four providers of 10 and one of 7 beside the code's total of 50
    assert.equal(complementaryCell([false, false, true, false, false], [12, 10, 7, 11, 10]), 1);
    assert.equal(complementaryCell([false, true, true], [40, 3, 2]), null);
    assert.equal(complementaryCell([true], [3]), null);
    assert.equal(complementaryCell([false, false], [30, 40]), null);
  });
});
