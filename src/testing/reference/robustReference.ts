/**
 * Reference implementation of the robust fit behind `expected_vs_actual` (issue 14), written from
 * docs/indicators.md ("Benchmark", "Expected versus actual", steps 5–10) and nothing else: plain arrays,
 * its own linear algebra (Cholesky factorisation of the weighted normal equations, where the product
 * uses Gauss–Jordan elimination with partial pivoting and an explicit inverse), no import from
 * src/benchmark, src/indicators or src/lens.
 */

const K = 1.345;
const MAD_FACTOR = 1.4826;
const Z = 1.96;
const MAX_REWEIGHTINGS = 1000;
const TOLERANCE = 1e-10;
const ZERO_SCALE = 1e-9;
const COLLINEAR = 1e-9;

/** Lower-triangular L with L·Lᵀ = A for a symmetric positive definite A; null when A is not (numerically). */
function cholesky(a: readonly (readonly number[])[]): number[][] | null {
  const n = a.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i]![i] = Math.sqrt(sum);
      } else {
        l[i]![j] = sum / l[j]![j]!;
      }
    }
  }
  return l;
}

/** Solves L·v = b (forward substitution). */
function forward(l: readonly (readonly number[])[], b: readonly number[]): number[] {
  const v: number[] = [];
  for (let i = 0; i < b.length; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * v[k]!;
    v.push(s / l[i]![i]!);
  }
  return v;
}

/** Solves Lᵀ·x = v (back substitution). */
function backward(l: readonly (readonly number[])[], v: readonly number[]): number[] {
  const n = v.length;
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = v[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

interface Normal {
  /** Cholesky factor of XᵀWX */
  readonly l: number[][];
  /** the solution of XᵀWX β = XᵀWy */
  readonly beta: number[];
}

/** Weighted least squares through the normal equations; null when XᵀWX is not positive definite. */
function weightedLeastSquares(
  x: readonly (readonly number[])[],
  y: readonly number[],
  w: readonly number[],
): Normal | null {
  const p = x[0]!.length;
  const a = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const b = new Array<number>(p).fill(0);
  for (let i = 0; i < x.length; i++) {
    const row = x[i]!;
    for (let r = 0; r < p; r++) {
      b[r]! += w[i]! * row[r]! * y[i]!;
      for (let c = 0; c < p; c++) a[r]![c]! += w[i]! * row[r]! * row[c]!;
    }
  }
  const l = cholesky(a);
  return l === null ? null : { l, beta: backward(l, forward(l, b)) };
}

function medianOf(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

const times = (row: readonly number[], beta: readonly number[]): number => row.reduce((s, v, i) => s + v * beta[i]!, 0);

/**
 * Step 5: a feature that does not vary, or that the other features explain up to 1 − R² < 10⁻⁹ (its regression
 * on them with an intercept, over the fit gemeenten).
 */
export function collinearFeatures(features: readonly (readonly number[])[]): boolean {
  const q = features[0]!.length;
  for (let j = 0; j < q; j++) {
    const col = features.map((f) => f[j]!);
    if (Math.min(...col) === Math.max(...col)) return true;
  }
  for (let j = 0; j < q; j++) {
    const target = features.map((f) => f[j]!);
    const others = features.map((f) => [1, ...f.filter((_, k) => k !== j)]);
    const ls = weightedLeastSquares(
      others,
      target,
      target.map(() => 1),
    );
    if (ls === null) return true;
    const mean = target.reduce((s, v) => s + v, 0) / target.length;
    const total = target.reduce((s, v) => s + (v - mean) ** 2, 0);
    const residual = target.reduce((s, v, i) => s + (v - times(others[i]!, ls.beta)) ** 2, 0);
    if (residual / total < COLLINEAR) return true;
  }
  return false;
}

export interface ReferenceFit {
  readonly beta: readonly number[];
  readonly scale: number;
  /** Cholesky factor of XᵀWX with the final weights */
  readonly l: readonly (readonly number[])[];
}

/**
 * Steps 6–9: Huber IRLS from the OLS start, MAD scale recomputed each step; null when there is no model
 * (fewer than 20 gemeenten, collinear features, no convergence in 1,000 reweightings).
 */
export function referenceFit(features: readonly (readonly number[])[], y: readonly number[]): ReferenceFit | null {
  if (y.length < 20) return null;
  if (collinearFeatures(features)) return null;
  const x = features.map((f) => [1, ...f]);
  let w = y.map(() => 1);
  let ls = weightedLeastSquares(x, y, w);
  if (ls === null) return null;
  let beta = ls.beta;
  let scale = 0;
  let converged = false;
  for (let t = 1; t <= MAX_REWEIGHTINGS && !converged; t++) {
    const r = x.map((row, i) => y[i]! - times(row, beta));
    scale = MAD_FACTOR * medianOf(r.map((v) => Math.abs(v)));
    if (scale < ZERO_SCALE) {
      scale = 0;
      converged = true;
      break;
    }
    w = r.map((v) => (v === 0 ? 1 : Math.min(1, (K * scale) / Math.abs(v))));
    const next = weightedLeastSquares(x, y, w);
    if (next === null) return null;
    const change = Math.max(...next.beta.map((b, i) => Math.abs(b - beta[i]!)));
    beta = next.beta;
    ls = next;
    if (change < TOLERANCE) converged = true;
  }
  if (!converged) return null;
  // XᵀWX with the final weights (ls is the last solve, or OLS when the scale was 0 at once)
  return { beta, scale, l: ls.l };
}

/** Step 10: verwacht and the 95% prediction interval for features x (without the leading 1). */
export function referencePredict(
  fit: ReferenceFit,
  features: readonly number[],
): { expected: number; lower: number; upper: number } {
  const x = [1, ...features];
  const expected = times(x, fit.beta);
  // xᵀ(XᵀWX)⁻¹x = |L⁻¹x|²
  const v = forward(fit.l, x);
  const leverage = v.reduce((s, a) => s + a * a, 0);
  const half = Z * Math.sqrt(fit.scale * fit.scale * (1 + leverage));
  return { expected, lower: expected - half, upper: expected + half };
}
