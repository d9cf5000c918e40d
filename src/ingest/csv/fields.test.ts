import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toCents } from '../../domain/decimal.js';
import { parseDecimal } from './fields.js';

/** Cents of an amount written as text, rounded half away from zero, by integer arithmetic on its digits alone. */
function centsByHand(text: string): number {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split(',') as [string, string?];
  const kept = BigInt(whole + fraction.slice(0, 2).padEnd(2, '0'));
  const rest = fraction.slice(2);
  // half away from zero: the first dropped digit decides
  const up = rest.length > 0 && Number(rest[0]) >= 5 ? 1n : 0n;
  const cents = Number(kept + up);
  return negative && cents !== 0 ? -cents : cents;
}

describe('CSV amounts to cents (parseDecimal, then toCents)', () => {
  it('rounds an amount half away from zero on the digits it was written with (1,005 is 101 cents, not 100)', () => {
    for (const [text, cents] of [
      ['1,005', 101],
      ['2,675', 268],
      ['12,345', 1235],
      ['-12,345', -1235],
      ['0,004', 0],
      ['-0,005', -1],
      ['3250,50', 325050],
      ['1,995', 200],
    ] as const) {
      const v = parseDecimal(text, ',');
      assert.ok(v.ok);
      assert.equal(toCents(v.value), cents, text);
    }
  });

  it('agrees with integer arithmetic on the text for any amount of up to 6 decimals', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.stringMatching(/^[0-9]{0,6}$/),
        (negative, whole, fraction) => {
          const text = `${negative ? '-' : ''}${whole}${fraction ? `,${fraction}` : ''}`;
          const v = parseDecimal(text, ',');
          assert.ok(v.ok);
          assert.equal(toCents(v.value), centsByHand(text), text);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
