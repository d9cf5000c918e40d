/**
 * Exact decimal rounding for published figures (issue 14.7). Binary floating point cannot hold
 * 8.2 or 0.1, so `Math.round(8.2 / 8.0 * 100)` gives 102 (the quotient is 102.4999…) where a
 * controller with a calculator gets 102.5 → 103. Here a number is taken as the decimal JavaScript
 * writes for it (the shortest that reads back as the same double: 8.2 is "8.2"), the arithmetic is
 * done on integers (BigInt) and the result is rounded half away from zero ("half up" as in
 * commercial rounding: 2.5 → 3, −2.5 → −3). Pure, no dependencies.
 */

/** A decimal as an integer and a power of ten: value = digits × 10^-scale. */
interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

/** The decimal JavaScript writes for x (also for 1e-7 and 1.5e+21). */
export function decimalOf(x: number): Decimal {
  // a whole number (cents, counts) is written without a point or an exponent: the text would give the same digits
  if (Number.isSafeInteger(x)) return { digits: BigInt(x), scale: 0 };
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const [mantissa, exp] = x.toString().toLowerCase().split('e') as [string, string | undefined];
  const negative = mantissa.startsWith('-');
  const [int, frac = ''] = (negative ? mantissa.slice(1) : mantissa).split('.') as [string, string | undefined];
  let digits = BigInt(`${int}${frac}`);
  let scale = frac.length - (exp === undefined ? 0 : Number(exp));
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits: negative ? -digits : digits, scale };
}

/** n ÷ d rounded to an integer, half away from zero (d > 0). */
function divHalfUp(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  if ((a % d) * 2n >= d) q += 1n;
  return neg ? -q : q;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** An integer count of 10^-decimals as a number (through its decimal text, so it is the nearest double). */
function toNumber(units: bigint, decimals: number): number {
  if (decimals <= 0) return Number(units * 10n ** BigInt(-decimals));
  // both ways give the double nearest to units ÷ 10^decimals when units and 10^decimals are exact doubles: IEEE
  // division is rounded correctly, as is reading a decimal text (effective_price's 47.263 rows at national size spent
  // about 70 ms of their 650 ms in decimalOf and this text, CPU profile of stop 45)
  if (decimals <= 22 && units <= MAX_SAFE && units >= -MAX_SAFE) return Number(units) / 10 ** decimals;
  const neg = units < 0n;
  const s = (neg ? -units : units).toString().padStart(decimals + 1, '0');
  const v = Number(`${s.slice(0, -decimals)}.${s.slice(-decimals)}`);
  return neg ? -v : v;
}

/** x rounded to `decimals` places, half away from zero, on the decimal written for x. */
export function roundHalfUp(x: number, decimals: number): number {
  const { digits, scale } = decimalOf(x);
  if (scale <= decimals) return x === 0 ? 0 : x;
  return toNumber(divHalfUp(digits, 10n ** BigInt(scale - decimals)), decimals) || 0;
}

/**
 * numerator × factor ÷ denominator, rounded to `decimals` places half away from zero, computed
 * exactly on the decimals written for the three numbers. Null when the denominator is 0.
 * ratioHalfUp(8.2, 8, 100, 0) = 103; ratioHalfUp(1, 3, 100, 3) = 33.333.
 */
export function ratioHalfUp(numerator: number, denominator: number, factor: number, decimals: number): number | null {
  if (denominator === 0) return null;
  const n = decimalOf(numerator);
  const d = decimalOf(denominator);
  const f = decimalOf(factor);
  // value = (n.digits × f.digits × 10^(d.scale)) ÷ (d.digits × 10^(n.scale + f.scale)); scaled by 10^decimals
  let top = n.digits * f.digits;
  let bottom = d.digits;
  const shift = d.scale + decimals - n.scale - f.scale;
  if (shift >= 0) top *= 10n ** BigInt(shift);
  else bottom *= 10n ** BigInt(-shift);
  if (bottom < 0n) {
    top = -top;
    bottom = -bottom;
  }
  return toNumber(divHalfUp(top, bottom), decimals) || 0;
}

/**
 * An exact fraction top ÷ bottom (whole numbers of any size) × 10^decimals, rounded half away from zero, as a number
 * with that many decimals: for ratios of sums that a double cannot hold exactly (a weighted verdeelsleutel).
 * Null when bottom is 0.
 */
export function fractionHalfUp(top: bigint, bottom: bigint, decimals: number): number | null {
  if (bottom === 0n) return null;
  if (bottom < 0n) {
    top = -top;
    bottom = -bottom;
  }
  return toNumber(divHalfUp(top * 10n ** BigInt(decimals), bottom), decimals) || 0;
}

/** Euro amounts to whole cents (half away from zero). */
export function toCents(euro: number): number {
  const { digits, scale } = decimalOf(euro);
  return Number(divHalfUp(digits * 100n, 10n ** BigInt(scale)));
}

/** A whole number of cents as euros: the nearest double to the two-decimal amount, e.g. 519501886 → 5195018.86. */
export function centsToEuro(cents: number): number {
  if (!Number.isInteger(cents)) throw new RangeError(`not a whole number of cents: ${cents}`);
  return toNumber(BigInt(cents), 2);
}

/** The sum of euro amounts, added in whole cents so no binary residue (…859999999) is left. */
export function sumEuro(values: Iterable<number>): number {
  let cents = 0n;
  for (const v of values) cents += BigInt(toCents(v));
  return toNumber(cents, 2);
}

/** The exact decimal sum of numbers as written (0.1 + 0.2 is 0.3, not 0.30000000000000004). */
export function sumDecimal(values: Iterable<number>): number {
  let digits = 0n;
  let scale = 0;
  for (const v of values) {
    const d = decimalOf(v);
    if (d.scale > scale) {
      digits *= 10n ** BigInt(d.scale - scale);
      scale = d.scale;
    }
    digits += d.digits * 10n ** BigInt(scale - d.scale);
  }
  return toNumber(digits, scale) || 0;
}

/** True when v has at most two decimals exactly as a double can (the nearest double to a cent amount). */
export function isWholeCents(v: number): boolean {
  return Math.round(v * 100) / 100 === v;
}
