import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IndicatorRow } from '../indicators/types.js';
import { applyDisclosureControl } from './disclosure.js';

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

  it('suppresses a percentage whose numerator is below 10, keeps the rounded denominator', () => {
    const [p] = applyDisclosureControl([r(null, 3.2, 'procent', 7, 219)]);
    assert.equal(p!.value, null);
    assert.equal(p!.numerator, null);
    assert.equal(p!.denominator, 220);
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
