import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IndicatorRow } from '../indicators/types.js';
import { applyDisclosureControl, protectNumber, protectPayload } from './disclosure.js';

const r = (
  key: string | null,
  value: number | null,
  unit: IndicatorRow['unit'] = 'aantal',
  numerator: number | null = value,
  denominator: number | null = null,
): IndicatorRow => ({
  indicator: 'x',
  gemeente: '9001',
  period: '2024',
  by: key === null ? null : 'zorgvorm',
  key,
  value,
  numerator,
  denominator,
  unit,
  flags: [],
});

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

  it('publishes days as whole days: the decimals of an interpolated median or P90 gave n mod 10 (red team 34, 37)', () => {
    // P90 of n waits sits at position (n − 1) × 0,9: 5,2 days between neighbours 5 and 6 says (n − 1) × 0,9 ends in ,2,
    // so n ends in 9 — beside a split's other rows that can narrow a hidden count
    assert.equal(protectNumber(5.2, 'dagen'), 5);
    assert.equal(protectNumber(8.5, 'dagen'), 9);
    assert.equal(protectNumber(39.1, 'dagen'), 39);
    const [p] = applyDisclosureControl([{ ...r(null, 6.2, 'dagen', null, 309) }]);
    assert.equal(p!.value, 6);
  });

  it('gives a cell hidden for being small and one hidden beside it the same flags (red team 37)', () => {
    // the complementary cell was published first (rounded, flag afgerond) and then hidden, so it kept afgerond:
    // a reader could tell the small cell (onderdrukt) from its partner (afgerond, onderdrukt), which is ≥ 10
    const out = applyDisclosureControl([r(null, 123), r('a', 9), r('b', 47), r('c', 67)]);
    assert.deepEqual(out[1]!.flags, ['onderdrukt']);
    assert.deepEqual(out[2]!.flags, out[1]!.flags);
    assert.deepEqual(out[3]!.flags, ['afgerond']);
  });

  it('suppresses a second gemeente beside a published total of several (regio 325, eight gemeenten 320)', () => {
    const g = (gemeente: string, value: number): IndicatorRow => ({ ...r(null, value), gemeente });
    const rows = [g('9001', 100), g('9002', 120), g('9003', 98), g('9009', 7), g('regio', 325)];
    const out = applyDisclosureControl(rows, { total: 'regio' });
    assert.deepEqual(
      out.map((x) => x.value),
      [100, 120, null, null, 325],
      'the smallest other gemeente is hidden too',
    );
    assert.deepEqual(
      applyDisclosureControl(rows).map((x) => x.value),
      [100, 120, 100, null, 325],
      'without a total: per row only',
    );
  });

  it('suppresses a percentage whose numerator is below 10, and shows no numerator or denominator', () => {
    const [p] = applyDisclosureControl([r(null, 3.2, 'procent', 7, 219)]);
    assert.equal(p!.value, null);
    assert.equal(p!.numerator, null);
    assert.equal(p!.denominator, null);
  });

  it('publishes a rate at one decimal from the published (rounded) numbers, without the pair', () => {
    // 13/341 = 3.812…% from the exact counts would pin them beside a rounded count (issue 13.5, red team F1);
    // published: 15/340 = 4.41…% → 4.4, nothing beyond the rounded counts
    const [p] = applyDisclosureControl([r(null, (13 / 341) * 100, 'procent', 13, 341)]);
    assert.equal(p!.value, 4.4);
    assert.equal(p!.numerator, null);
    assert.equal(p!.denominator, null);
  });

  it('a rate from the same published counts is the same whatever the exact counts behind them (red team: ties)', () => {
    // 15/80 = 18,75% is 18,8 (half up); the factor was derived from the indicator's rounded value, so n = 15 gave
    // 18,8 for D = 78, 18,7 for D = 79: a bit about the exact D. Every pair rounding to 15/80 publishes 18,8
    const seen = new Map<string, Set<number>>();
    for (let n = 13; n <= 17; n++) {
      for (let d = 78; d <= 82; d++) {
        for (const value of [(100 * n) / d, Math.round((1000 * n) / d) / 10, Math.round((10000 * n) / d) / 100]) {
          const [p] = applyDisclosureControl([r(null, value, 'procent', n, d)]);
          const pair = `${Math.round(n / 5) * 5}/${Math.round(d / 5) * 5}`;
          seen.set(pair, (seen.get(pair) ?? new Set()).add(p!.value!));
        }
      }
    }
    for (const [pair, values] of seen) assert.equal(values.size, 1, `${pair}: ${[...values].join(', ')}`);
    assert.deepEqual([...seen.get('15/80')!], [18.8]);
  });

  it('suppresses a share whose complement is below 10 (97 of 100 names the other 3)', () => {
    const [p] = applyDisclosureControl([r(null, 97, 'procent', 97, 100)]);
    assert.equal(p!.value, null);
  });

  it('suppresses a share 0–1 of 1 (a complement of 0) and one whose complement is below 10', () => {
    const q = (numerator: number, denominator: number) =>
      protectPayload({ nameNl: 'x', share: numerator / denominator, numerator, denominator }, { provider: null }).share;
    assert.equal(q(1733, 1733), null);
    assert.equal(q(1725, 1733), null);
    assert.equal(q(1700, 1733), 0.98, 'from 1700/1735 = 0.9798');
    assert.equal(q(5, 1733), null);
  });

  it('rounds half up in decimal', () => {
    assert.equal(protectNumber(2.25, 'procent'), 2.3);
    assert.equal(protectNumber(102.45, 'procent'), 102.5);
    assert.equal(protectNumber(12.5, 'aantal'), 15);
    assert.equal(protectNumber(9, 'aantal'), null);
  });

  it('removes other providers for an aanbieder and protects every figure of a payload', () => {
    const row = (key: string, value: number, numerator: number, denominator: number): IndicatorRow => ({
      indicator: 'dropout',
      gemeente: '9001',
      period: '2024',
      by: 'aanbieder',
      key,
      value,
      numerator,
      denominator,
      unit: 'procent',
      flags: [],
    });
    const out = protectPayload(
      {
        rows: [row('11111111', 18.512, 50, 270), row('22222222', 6.7, 20, 300)],
        providers: [
          { agb: '11111111', trajectories: 13 },
          { agb: '22222222', trajectories: 300 },
        ],
      },
      { provider: '11111111' },
    );
    assert.deepEqual(
      out.rows.map((x) => [x.key, x.value, x.numerator, x.denominator]),
      [['11111111', 18.5, null, null]],
    );
    assert.deepEqual(out.providers, [{ agb: '11111111', trajectories: 15 }]);
    assert.deepEqual(protectPayload(out, { provider: '11111111' }), out, 'idempotent');
    // a key with more after the AGB code (lasting_outcome "12345678:6_maanden"): its own stays, another's goes
    const termed = protectPayload(
      { rows: [row('11111111:6_maanden', 80, 40, 50), row('22222222:6_maanden', 70, 35, 50)] },
      { provider: '11111111' },
    );
    assert.deepEqual(
      termed.rows.map((x) => x.key),
      ['11111111:6_maanden'],
    );
  });

  it('suppresses an average over fewer than 10 clients', () => {
    const [e] = applyDisclosureControl([r(null, 12_500, 'euro', 100_000, 8)]);
    assert.equal(e!.value, null);
  });

  it('publishes an effective price to the cent and decides it by its youths, not its volume (red team 32)', () => {
    const price = (key: string, value: number, amount: number, volume: number, youths: number): IndicatorRow => ({
      ...r(key, value, 'euro', amount, volume),
      indicator: 'effective_price',
      by: 'productcode',
      youths,
    });
    // € 8.400 for 84 hours by 12 youths: € 100,00 (not 8.400 ÷ 85 = € 99); € 1.650 for 11 hours by 11 youths: € 150,00;
    // 3 hours by 30 youths is a price over 30 youths (a volume below 10 is no small cell); € 160 by 2 youths is hidden
    const out = applyDisclosureControl([
      price('45A01 / 04', 100, 8400, 84, 12),
      price('45B01 / 04', 150, 1650, 11, 11),
      price('45D01 / 04', 33.33, 100, 3, 30),
      price('45C01 / 04', 80, 160, 2, 2),
    ]);
    assert.deepEqual(
      out.map((x) => x.value),
      [100, null, 33.33, null],
    );
    // the second hidden one is 45B01, the smallest count beside the hidden 45C01 (complementary suppression)
    assert.ok(out[1]!.flags.includes('onderdrukt'));
    assert.ok(out.every((x) => x.denominator === null && x.numerator === null && !('youths' in x)));
  });

  it('leaves a split with nothing below 10 intact apart from rounding', () => {
    const out = applyDisclosureControl([r('a', 12), r('b', 18)]);
    assert.deepEqual(
      out.map((x) => x.value),
      [10, 20],
    );
  });
});
