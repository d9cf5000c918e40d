/**
 * Robust linear regression for "expected versus actual" (indicators.md expected_vs_actual).
 * Ordinary least squares lets a handful of unusual gemeenten (a city with a large residential
 * facility, a data error) pull the line towards them and hide exactly the deviations a user wants
 * to see. Huber M-estimation (iteratively reweighted least squares, k = 1.345, scale from the
 * median absolute deviation) gives such points less weight and behaves like least squares for the
 * rest. The band is a 95% prediction interval: residual scale and the uncertainty of the fit.
 */

export interface RobustFit {
  /** intercept first, then one per feature */
  readonly coefficients: readonly number[];
  /** robust residual standard deviation (MAD × 1.4826 at convergence) */
  readonly scale: number;
  /** covariance of the coefficients (scale² × (XᵀWX)⁻¹) */
  readonly covariance: readonly (readonly number[])[];
  /** final weight of each observation (1 = full; small = treated as an outlier) */
  readonly weights: readonly number[];
  readonly n: number;
  readonly iterations: number;
  /** weighted share of variance explained (0–1) */
  readonly r2: number;
  /**
   * false when the iteration limit stopped the fit before the coefficients settled: not a model to publish
   * (docs/indicators.md, expected versus actual, step 8)
   */
  readonly converged: boolean;
}

export interface Prediction {
  readonly expected: number;
  readonly lower: number;
  readonly upper: number;
}

const HUBER_K = 1.345;
const Z95 = 1.96;
/** A scale below this (percentage points) is a perfect fit for more than half the points: 0, stop. */
const ZERO_SCALE = 1e-9;
/**
 * At most this many reweightings. Huber IRLS with the MAD recomputed each step converges linearly; about 1 in
 * 1,000 random populations needs more than 100 steps to settle to 1e-10, none of 20,000 more than 1,000.
 */
const MAX_REWEIGHTINGS = 1000;
/** Convergence: the largest change of a coefficient in one reweighting step (absolute). */
const TOLERANCE = 1e-10;
/** Collinearity: a feature with 1 − R² below this on the other features (VIF above 10⁹) leaves no model. */
const COLLINEAR = 1e-9;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Solves A·x = b for a small symmetric positive definite A (Gauss–Jordan with partial pivoting). */
export function solve(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (Math.abs(m[p]![c]!) < 1e-12) throw new Error('singular system: the features do not vary enough to fit a model');
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

function invert(a: readonly (readonly number[])[]): number[][] {
  const n = a.length;
  const cols = Array.from({ length: n }, (_, j) =>
    solve(
      a,
      Array.from({ length: n }, (_, i) => (i === j ? 1 : 0)),
    ),
  );
  return Array.from({ length: n }, (_, i) => cols.map((c) => c[i]!));
}

function weightedNormalEquations(
  x: readonly (readonly number[])[],
  y: readonly number[],
  w: readonly number[],
): { xtx: number[][]; xty: number[] } {
  const p = x[0]!.length;
  const xtx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xty = new Array<number>(p).fill(0);
  x.forEach((row, i) => {
    for (let a = 0; a < p; a++) {
      xty[a]! += w[i]! * row[a]! * y[i]!;
      for (let b = 0; b < p; b++) xtx[a]![b]! += w[i]! * row[a]! * row[b]!;
    }
  });
  return { xtx, xty };
}

const withIntercept = (features: readonly (readonly number[])[]): number[][] => features.map((f) => [1, ...f]);
const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, v, i) => s + v * b[i]!, 0);

/**
 * Whether the features cannot carry a model (docs/indicators.md, expected versus actual, step 5): a feature
 * that does not vary, or one the others explain up to 1 − R² < 10⁻⁹ (regressed on them with an intercept).
 * 1 − R²ⱼ = 1 ÷ (R⁻¹)ⱼⱼ for the correlation matrix R of the features.
 */
export function collinear(features: readonly (readonly number[])[]): boolean {
  const n = features.length;
  const q = features[0]?.length ?? 0;
  if (q === 0) return false;
  const cols = Array.from({ length: q }, (_, j) => features.map((f) => f[j]!));
  if (cols.some((c) => Math.min(...c) === Math.max(...c))) return true;
  if (q === 1) return false;
  const centred = cols.map((c) => {
    const mean = c.reduce((s, v) => s + v, 0) / n;
    const d = c.map((v) => v - mean);
    const norm = Math.sqrt(d.reduce((s, v) => s + v * v, 0));
    return d.map((v) => v / norm);
  });
  const r = centred.map((a) => centred.map((b) => dot(a, b)));
  try {
    const inverse = invert(r);
    return inverse.some((row, j) => !(1 / row[j]! >= COLLINEAR));
  } catch {
    return true; // singular: exactly collinear
  }
}

/** Huber IRLS fit of y on the features (an intercept is added). Needs more observations than features + 2. */
export function fitRobust(
  features: readonly (readonly number[])[],
  y: readonly number[],
  maxIterations = MAX_REWEIGHTINGS,
): RobustFit {
  if (features.length !== y.length) throw new Error('features and outcomes differ in length');
  const x = withIntercept(features);
  const p = x[0]?.length ?? 1;
  if (y.length < p + 3) throw new Error(`too few gemeenten (${y.length}) to fit a model with ${p} coefficients`);
  let w = new Array<number>(y.length).fill(1);
  const ols = weightedNormalEquations(x, y, w);
  let beta = solve(ols.xtx, ols.xty);
  let scale = 0;
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    const residuals = x.map((row, i) => y[i]! - dot(row, beta));
    scale = median(residuals.map(Math.abs)) * 1.4826;
    if (scale < ZERO_SCALE) {
      // a perfect fit for more than half the points (up to rounding noise): nothing to down-weight
      scale = 0;
      converged = true;
      break;
    }
    w = residuals.map((r) => (r === 0 ? 1 : Math.min(1, (HUBER_K * scale) / Math.abs(r))));
    const { xtx, xty } = weightedNormalEquations(x, y, w);
    const next = solve(xtx, xty);
    const change = Math.max(...next.map((b, i) => Math.abs(b - beta[i]!)));
    beta = next;
    if (change < TOLERANCE) {
      converged = true;
      break;
    }
  }
  const { xtx } = weightedNormalEquations(x, y, w);
  const covariance = invert(xtx).map((row) => row.map((v) => v * scale * scale));
  const sw = w.reduce((s, v) => s + v, 0);
  const mean = y.reduce((s, v, i) => s + w[i]! * v, 0) / sw;
  const ssTot = y.reduce((s, v, i) => s + w[i]! * (v - mean) ** 2, 0);
  const ssRes = y.reduce((s, v, i) => s + w[i]! * (v - dot(x[i]!, beta)) ** 2, 0);
  return {
    coefficients: beta,
    scale,
    covariance,
    weights: w,
    n: y.length,
    iterations,
    r2: ssTot > 0 ? 1 - ssRes / ssTot : 0,
    converged,
  };
}

/** Expected value for one gemeente with its 95% prediction band. */
export function predict(fit: RobustFit, features: readonly number[]): Prediction {
  const x = [1, ...features];
  const expected = dot(x, fit.coefficients);
  const fitVariance = x.reduce((s, a, i) => s + a * dot(fit.covariance[i]!, x), 0);
  const half = Z95 * Math.sqrt(fit.scale * fit.scale + Math.max(0, fitVariance));
  return { expected, lower: expected - half, upper: expected + half };
}

export type Verdict = 'hoger_dan_verwacht' | 'lager_dan_verwacht' | 'zoals_verwacht';

export function verdict(actual: number, p: Prediction): Verdict {
  if (actual > p.upper) return 'hoger_dan_verwacht';
  if (actual < p.lower) return 'lager_dan_verwacht';
  return 'zoals_verwacht';
}
