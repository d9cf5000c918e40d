import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IndicatorRow } from '../indicators/types.js';
import { applyDisclosureControl, protectNumber, protectPayload } from './disclosure.js';

const r = (key: string | null, value: number | null, unit: IndicatorRow['unit'] = 'aantal', numerator: number | null = value, denominator: number | null = null): IndicatorRow =>
  ({ indicator: 'x', gemeente: '9001', period: '2024', by: key === null ? null : 'zorgvorm', key, value, numerator, denominator, unit, flags: [] });

describe('disclosure control', () => {
  it('rounds counts to multiples of 5 and suppresses cells below 10', () => {
    const out = applyDisclosureControl([r(null, 123), r('a', 9), r('b', 47), r('c', 67)]);
    assert.equal(out[0]!.value, 125);
    assert.equal(out[1]!.value, null);
    assert.ok(out[1]!.flags.includes('onderdrukt'));
    assert.ok(out[0]!.flags.includes('afgerond'));
  });

  it('suppresses a second cell so a hidden one cannot be recovered from the total', () => {
    const out = applyDisclosureControl([r(null, 123), r('a', 9), r('b', 47), r('c', 67)]);
    assert.equal(out[2]!.value, null, 'the smallest visible cell of the split is hidden too');
    assert.equal(out[3]!.value, 65);
  });

  it('suppresses a percentage whose numerator is below 10, and shows no numerator or denominator', () => {
    const [p] = applyDisclosureControl([r(null, 3.2, 'procent', 7, 219)]);
    assert.equal(p!.value, null);
    assert.equal(p!.numerator, null);
    assert.equal(p!.denominator, null);
  });

  it('publishes a rate at one decimal from the exact numbers, without the pair that gives the counts back', () => {
    // 13/341 = 3.812…%: beside 15/340 (rounded) the exact pair could be found again (issue 13.5)
    const [p] = applyDisclosureControl([r(null, (13 / 341) * 100, 'procent', 13, 341)]);
    assert.equal(p!.value, 3.8);
    assert.equal(p!.numerator, null);
    assert.equal(p!.denominator, null);
  });

  it('suppresses a share whose complement is below 10 (97 of 100 names the other 3)', () => {
    const [p] = applyDisclosureControl([r(null, 97, 'procent', 97, 100)]);
    assert.equal(p!.value, null);
  });

  it('rounds half up in decimal', () => {
    assert.equal(protectNumber(2.25, 'procent'), 2.3);
    assert.equal(protectNumber(102.45, 'procent'), 102.5);
    assert.equal(protectNumber(12.5, 'aantal'), 15);
    assert.equal(protectNumber(9, 'aantal'), null);
  });

  it('removes other providers for an aanbieder and protects every figure of a payload', () => {
    const row = (key: string, value: number, numerator: number, denominator: number): IndicatorRow =>
      ({ indicator: 'dropout', gemeente: '9001', period: '2024', by: 'aanbieder', key, value, numerator, denominator, unit: 'procent', flags: [] });
    const out = protectPayload({ rows: [row('11111111', 18.512, 50, 270), row('22222222', 6.7, 20, 300)], providers: [{ agb: '11111111', trajectories: 13 }, { agb: '22222222', trajectories: 300 }] },
      { provider: '11111111' });
    assert.deepEqual(out.rows.map((x) => [x.key, x.value, x.numerator, x.denominator]), [['11111111', 18.5, null, null]]);
    assert.deepEqual(out.providers, [{ agb: '11111111', trajectories: 15 }]);
    assert.deepEqual(protectPayload(out, { provider: '11111111' }), out, 'idempotent');
  });

  it('suppresses an average over fewer than 10 clients', () => {
    const [e] = applyDisclosureControl([r(null, 12_500, 'euro', 100_000, 8)]);
    assert.equal(e!.value, null);
  });

  it('leaves a split with nothing below 10 intact apart from rounding', () => {
    const out = applyDisclosureControl([r('a', 12), r('b', 18)]);
    assert.deepEqual(out.map((x) => x.value), [10, 20]);
  });
});
