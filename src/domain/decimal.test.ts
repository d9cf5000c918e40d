/**
 * Exact decimal rounding (issue 14.7) against a reference written separately on BigInt and text:
 * a decimal is generated as an integer and a number of decimals, so the expected answer never goes
 * through binary floating point.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isWholeCents, ratioHalfUp, roundHalfUp, sumDecimal, sumEuro } from './decimal.js';
import { indexOf } from '../benchmark/indices.js';

const SEED = 20261202;

/** The text of units × 10^-k, e.g. (-1234n, 2) → "-12.34". */
function text(units: bigint, k: number): string {
  const neg = units < 0n;
  const s = (neg ? -units : units).toString().padStart(k + 1, '0');
  return `${neg ? '-' : ''}${k === 0 ? s : `${s.slice(0, s.length - k)}.${s.slice(s.length - k)}`}`;
}

/** Reference: n ÷ d to an integer, rounding half away from zero, for any signs. */
function refDiv(n: bigint, d: bigint): bigint {
  const neg = n < 0n !== d < 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const q = a / b + (2n * (a % b) >= b ? 1n : 0n);
  return neg ? -q : q;
}

const decimal = fc.record({
  units: fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }),
  k: fc.integer({ min: 0, max: 9 }),
});

describe('exact decimal rounding', () => {
  it('the case from the issue: 8.2 ÷ 8.0 × 100 is 102.5, half up 103 (binary floating point gives 102)', () => {
    assert.equal(Math.round((8.2 / 8.0) * 100), 102, 'the defect this replaces');
    assert.equal(ratioHalfUp(8.2, 8.0, 100, 0), 103);
    assert.equal(indexOf(8.2, 8.0), 103, 'index_pct');
    assert.equal(roundHalfUp(1.005, 2), 1.01, 'Math.round(1.005 * 100) / 100 gives 1.00');
    assert.equal(roundHalfUp(-2.5, 0), -3, 'half away from zero');
    assert.equal(ratioHalfUp(1, 3, 100, 3), 33.333);
    assert.equal(ratioHalfUp(2, 3, 100, 3), 66.667);
    assert.equal(ratioHalfUp(5, 0, 100, 3), null);
  });

  it('roundHalfUp equals the BigInt reference', () => {
    fc.assert(
      fc.property(decimal, fc.integer({ min: 0, max: 6 }), ({ units, k }, d) => {
        const x = Number(text(units, k));
        const expected = d >= k ? x : Number(text(refDiv(units, 10n ** BigInt(k - d)), d));
        assert.equal(roundHalfUp(x, d), expected, `${text(units, k)} to ${d}`);
      }),
      { numRuns: 2000, seed: SEED },
    );
  });

  it('ratioHalfUp equals the BigInt reference', () => {
    fc.assert(
      fc.property(
        decimal,
        decimal,
        fc.constantFrom(1, 100, 1000),
        fc.integer({ min: 0, max: 4 }),
        (a, b, factor, d) => {
          fc.pre(b.units !== 0n);
          // (a.units / 10^a.k) × factor ÷ (b.units / 10^b.k) × 10^d
          const expected = Number(
            text(refDiv(a.units * BigInt(factor) * 10n ** BigInt(b.k + d), b.units * 10n ** BigInt(a.k)), d),
          );
          assert.equal(ratioHalfUp(Number(text(a.units, a.k)), Number(text(b.units, b.k)), factor, d), expected);
        },
      ),
      { numRuns: 2000, seed: SEED },
    );
  });

  it('euro amounts summed in whole cents: exact, and at most two decimals', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 11n), max: 10n ** 11n }), { maxLength: 200 }), (cents) => {
        const total = sumEuro(cents.map((c) => Number(text(c, 2))));
        assert.equal(
          total,
          Number(
            text(
              cents.reduce((s, c) => s + c, 0n),
              2,
            ),
          ),
        );
        assert.ok(isWholeCents(total));
      }),
      { numRuns: 500, seed: SEED },
    );
    // the figure from the issue: a float sum leaves binary residue, the cent sum does not
    const parts = [1234567.89, 2345678.91, 1614772.06];
    assert.equal(sumEuro(parts), 5195018.86);
  });

  it('volumes summed in exact decimal: the decimal sum of the written numbers (sumDecimal)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ units: fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), k: fc.integer({ min: 0, max: 6 }) }),
          {
            maxLength: 100,
          },
        ),
        (xs) => {
          const total = xs.reduce((s, x) => s + x.units * 10n ** BigInt(6 - x.k), 0n);
          assert.equal(sumDecimal(xs.map((x) => Number(text(x.units, x.k)))), Number(text(total, 6)));
        },
      ),
      { numRuns: 500, seed: SEED },
    );
    assert.equal(sumDecimal([0.1, 0.2]), 0.3);
  });
});
