/**
 * Reference implementation of the CBS/Iv3 benchmark figures and the Iv3 reconciliation (issue 14,
 * "close the class"), written from docs/domain/indicators.md ("Benchmark") and docs/indicators.md
 * ("Benchmark", "Which year", "Rounding and money"). Plain TypeScript over plain records of what the
 * CBS tables and Iv3 files say; no code, SQL or helper of src/benchmark, src/indicators, src/lens or
 * src/domain (and none of reference.ts either, not even its types: it imports this file to register these
 * figures; the shapes below are structurally its RefData, RefPeriod and RefRow).
 *
 * Points the definitions leave open, and the reading taken here:
 * - "published for any gemeente": some gemeente has a value (not null) for the figure in that year; CBS's
 *   national figure (NL01) is not a gemeente's.
 * - "did not exist in the year" is the year asked: a figure of the year used is taken as the table has it
 *   (CBS recomputes older years in a newer indeling); likewise the base half-year of index_pct.
 * - the ranking of a year is over the gemeenten that existed in the requested year and have a value in
 *   the year used; the decile is 1 + ⌊10 × (the number of those gemeenten with a lower value) ÷ n⌋ (poverty:
 *   a higher share), so ties share a decile. (The catalogue does not say which of the usual conventions;
 *   ⌈10 × rank ÷ n⌉ puts one gemeente fewer in decile 1 than this. The product's, documented in docs/indicators.md.)
 * - youths with jeugdzorg (burden per user) are "of that year": not carried forward.
 * - Iv3 youth lines: 6.72, 6.82 and their 2023 split 6.72a–d, 6.73a–c, 6.74a–c, 6.82a–b, in whichever
 *   year they appear; lasten = Categorie L…; jaarrekening when the gemeente has a youth-line amount in
 *   the jaarrekening of the year, else the begroting, else unknown.
 * Over 400 lines: one reference per figure, each short; it may not share helpers with the product.
 */
import type { RefRow } from './row.js';
import { referenceFit, referencePredict } from './robustReference.js';

// ---------------------------------------------------------------- inputs

/** One row of a yearly CBS key-figure table (null = "." in StatLine, or not in the table). */
export interface RefCbsYear {
  readonly gemeente: string;
  readonly year: number;
  readonly inhabitants: number | null;
  readonly youth: number | null;
  /** median standardised household income (× € 1,000), as written */
  readonly income: number | null;
  /** % children ≥ 1 year in a low-income household, as written */
  readonly poverty: number | null;
  /** youths with jeugdzorg in the year */
  readonly users: number | null;
}

/** % youths with jeugdhulp zonder verblijf in a half-year (label 2024H1), as written. */
export interface RefCbsHalf {
  readonly gemeente: string;
  readonly half: string;
  readonly pct: number | null;
}

/** An Iv3 amount: lasten or baten of one taakveld, in cents (null: "." in the CBS table). */
export interface RefIv3 {
  readonly gemeente: string;
  readonly year: number;
  readonly kind: 'begroting' | 'jaarrekening';
  readonly taakveld: string;
  /** 'L' lasten, 'B' baten */
  readonly category: string;
  readonly cents: number | null;
}

export interface RefBench {
  readonly years: readonly RefCbsYear[];
  readonly halves: readonly RefCbsHalf[];
  readonly iv3: readonly RefIv3[];
  /** the gemeenten asked for (rows for exactly these); undefined: all (see costReconciliation) */
  readonly asked?: readonly string[];
  /** the gemeenten registered to steer ("all" in a question without gemeenten) */
  readonly steered?: readonly string[];
}

/** A claim line as far as the reconciliation reads it (reference.ts RefClaim). */
interface Claim {
  readonly gemeente: string;
  readonly periodStart: string;
  readonly amountCents: number;
  readonly debitCredit: 'D' | 'C';
  readonly status: string;
}

/** What these figures read of the reference's RefData, and the CBS/Iv3 records beside it. */
export interface BenchInput {
  readonly trajectories: readonly { readonly gemeente: string }[];
  readonly claims: readonly Claim[];
  /** payments outside iJw (betalingen.csv): the first day of their period and the amount */
  readonly payments?: readonly {
    readonly gemeente: string;
    readonly periodStart: string;
    readonly amountCents: number;
  }[];
  readonly population: readonly { readonly gemeente: string }[];
  readonly bench?: RefBench;
}

interface Period {
  readonly label: string;
  readonly year: number;
}

type Row = RefRow;

// ---------------------------------------------------------------- conventions

/**
 * Gemeenten that ended or began since 2016 among those the generator uses (src/domain/data/herindelingen.json,
 * copied by hand): last / first calendar year in which they existed on at least one day.
 */
const LAST_YEAR: Readonly<Record<string, number>> = { '0457': 2022, '0501': 2022, '0530': 2022, '0614': 2022 };
const FIRST_YEAR: Readonly<Record<string, number>> = { '1992': 2023 };
export const existedIn = (g: string, year: number): boolean =>
  !(year > (LAST_YEAR[g] ?? 9999)) && !(year < (FIRST_YEAR[g] ?? 0));
/** The same gemeenten's last and first day (herindelingen.json, by hand): a half-year counts from its first day. */
const LAST_DAY: Readonly<Record<string, string>> = {
  '0457': '2022-03-23',
  '0501': '2022-12-31',
  '0530': '2022-12-31',
  '0614': '2022-12-31',
};
const FIRST_DAY: Readonly<Record<string, string>> = { '1992': '2023-01-01' };
const existedOn = (g: string, day: string): boolean =>
  !(day > (LAST_DAY[g] ?? '9999-12-31')) && !(day < (FIRST_DAY[g] ?? '0000-01-01'));

const BASE_HALF = '2017H1';
const BASE_YEAR = 2017;
const YOUTH_LINES = new Set([
  '6.72',
  '6.82',
  '6.72a',
  '6.72b',
  '6.72c',
  '6.72d',
  '6.73a',
  '6.73b',
  '6.73c',
  '6.74a',
  '6.74b',
  '6.74c',
  '6.82a',
  '6.82b',
]);

/** A decimal as written ("8.2") as an integer and a power of ten: 82, 1. */
function decimal(v: number): { n: bigint; scale: number } {
  const s = String(v);
  if (/e/i.test(s)) throw new Error(`decimal ${s}`);
  const [i, f = ''] = s.split('.');
  return { n: BigInt(`${i}${f}`), scale: f.length };
}

/** a ÷ b rounded half away from zero to `decimals`, a and b BigInt; null when b is 0. */
function roundDiv(a: bigint, b: bigint, decimals: number): number | null {
  if (b === 0n) return null;
  const neg = a < 0n !== b < 0n;
  const x = (a < 0n ? -a : a) * 10n ** BigInt(decimals);
  const y = b < 0n ? -b : b;
  let q = x / y;
  if ((x % y) * 2n >= y) q += 1n;
  const digits = q.toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return Number(`${neg && q !== 0n ? '-' : ''}${text}`);
}

/** Whole cents as euros: the nearest double to the amount. */
const eurosOf = (cents: number): number => roundDiv(BigInt(cents), 100n, 2)!;

type YearFigure = 'inhabitants' | 'youth' | 'income' | 'poverty';

/**
 * The year a yearly CBS figure is taken from for a requested year: that year when some gemeente has a value
 * in it, otherwise the latest earlier year with a value; the same year for every gemeente.
 */
function figureYear(b: RefBench, f: YearFigure, year: number): number | null {
  const published = b.years.filter((r) => r[f] !== null && r.year <= year).map((r) => r.year);
  return published.length === 0 ? null : Math.max(...published);
}

/** A gemeente's value of a yearly figure for a requested year: from the figure's year, never from an older one. */
function yearly(b: RefBench, f: YearFigure, g: string, year: number): number | null {
  const y = figureYear(b, f, year);
  if (y === null || !existedIn(g, year)) return null;
  return b.years.find((r) => r.gemeente === g && r.year === y)?.[f] ?? null;
}

/** Deciles over every gemeente of the requested year that has the figure; ties share a decile. */
function decile(b: RefBench, f: 'income' | 'poverty', g: string, year: number): number | null {
  const own = yearly(b, f, g, year);
  if (own === null) return null;
  const all = [...new Set(b.years.map((r) => r.gemeente))]
    .map((x) => yearly(b, f, x, year))
    .filter((v): v is number => v !== null);
  // decile 1 = the lowest income, but the highest share of children in poverty
  const before = all.filter((v) => (f === 'income' ? v < own : v > own)).length;
  return 1 + Math.floor((10 * before) / all.length);
}

const halfLabel = (p: Period): string | null => (/^\d{4}H[12]$/.test(p.label) ? p.label : null);

/** A half-year figure counts for a gemeente that existed on the half-year's first day. */
const existedInHalf = (g: string, half: string): boolean =>
  existedOn(g, `${half.slice(0, 4)}-${half.endsWith('1') ? '01' : '07'}-01`);

function pctIn(b: RefBench, g: string, half: string): number | null {
  if (!existedInHalf(g, half)) return null;
  return b.halves.find((r) => r.gemeente === g && r.half === half)?.pct ?? null;
}

/** Iv3 lasten of the youth lines of a year in cents: jaarrekening, else begroting (or only the given kind). */
export function lastenCents(iv3: readonly RefIv3[], g: string, year: number, only?: RefIv3['kind']): number | null {
  const rows = iv3.filter(
    (r) =>
      r.gemeente === g &&
      r.year === year &&
      r.cents !== null &&
      r.category.startsWith('L') &&
      YOUTH_LINES.has(r.taakveld.trim().toLowerCase()),
  );
  for (const kind of only ? [only] : (['jaarrekening', 'begroting'] as const)) {
    const of = rows.filter((r) => r.kind === kind);
    if (of.length > 0) return of.reduce((s, r) => s + r.cents!, 0);
  }
  return null;
}

function burden(b: RefBench, g: string, year: number): number | null {
  return existedIn(g, year) ? lastenCents(b.iv3, g, year) : null;
}

// ---------------------------------------------------------------- the figures

type BenchIndicator = (d: BenchInput, p: Period, by: string | null) => Row[];

const row = (
  gemeente: string,
  value: number | null,
  numerator: number | null,
  denominator: number | null,
  by: string | null = null,
  key: string | null = null,
): Row => ({ gemeente, by, key, value, numerator, denominator });

/** One row per asked gemeente (the benchmark figures are asked per gemeente; without CBS data all unknown). */
function perGemeente(f: (b: RefBench, g: string, p: Period) => Row): BenchIndicator {
  return (d, p) => {
    const b: RefBench = d.bench ?? { years: [], halves: [], iv3: [] };
    return (b.asked ?? gemeentenOf(d)).map((g) => f(b, g, p));
  };
}

/** Without a list of asked gemeenten: those the records name (the generator registers exactly these). */
function gemeentenOf(d: BenchInput): string[] {
  return [...new Set([...d.trajectories, ...d.claims, ...d.population].map((x) => x.gemeente))].sort();
}

const sesDecile = perGemeente((b, g, p) =>
  row(g, decile(b, 'income', g, p.year), yearly(b, 'income', g, p.year), null),
);
const povertyDecile = perGemeente((b, g, p) =>
  row(g, decile(b, 'poverty', g, p.year), yearly(b, 'poverty', g, p.year), null),
);

const cbsPct = perGemeente((b, g, p) => {
  const half = halfLabel(p);
  return row(g, half === null ? null : pctIn(b, g, half), null, null);
});

/** index = % now ÷ % in 2017 H1 × 100, to a whole number, half up, on the decimals as written. */
const indexPct = perGemeente((b, g, p) => {
  const half = halfLabel(p);
  const now = half === null ? null : pctIn(b, g, half);
  const base =
    half === null || !existedInHalf(g, half)
      ? null
      : (b.halves.find((r) => r.gemeente === g && r.half === BASE_HALF)?.pct ?? null);
  if (now === null || base === null) return row(g, null, now, base);
  const a = decimal(now);
  const c = decimal(base);
  // now / base × 100 = a.n × 10^c.scale × 100 ÷ (c.n × 10^a.scale)
  return row(g, roundDiv(a.n * 10n ** BigInt(c.scale) * 100n, c.n * 10n ** BigInt(a.scale), 0), now, base);
});

/** Whole cents per unit, as euros. */
const perUnit = (cents: number | null, n: number | null): number | null =>
  cents === null || n === null || n === 0 ? null : roundDiv(BigInt(cents), BigInt(n) * 100n, 2);

const burdenPerUser = perGemeente((b, g, p) => {
  const cents = burden(b, g, p.year);
  const users = existedIn(g, p.year)
    ? (b.years.find((r) => r.gemeente === g && r.year === p.year)?.users ?? null)
    : null;
  return row(g, perUnit(cents, users), cents === null ? null : eurosOf(cents), users);
});

const burdenPerInhabitant = perGemeente((b, g, p) => {
  const cents = burden(b, g, p.year);
  const inh = yearly(b, 'inhabitants', g, p.year);
  return row(g, perUnit(cents, inh), cents === null ? null : eurosOf(cents), inh);
});

/**
 * Lasten per inwoner now ÷ begrote lasten per inwoner in 2017 × 100, to a whole number; the 2017 inhabitants
 * are 2017's only. Numerator and denominator: the two per-inhabitant amounts, to the cent.
 */
const burdenIndex = perGemeente((b, g, p) => {
  const cents = burden(b, g, p.year);
  const inh = yearly(b, 'inhabitants', g, p.year);
  const shown = existedIn(g, p.year);
  const baseCents = shown ? lastenCents(b.iv3, g, BASE_YEAR, 'begroting') : null;
  const baseInh = shown ? (b.years.find((r) => r.gemeente === g && r.year === BASE_YEAR)?.inhabitants ?? null) : null;
  const now = perUnit(cents, inh);
  const base = perUnit(baseCents, baseInh);
  const value =
    now === null || base === null || baseCents === 0
      ? null
      : roundDiv(BigInt(cents!) * BigInt(baseInh!) * 100n, BigInt(inh!) * BigInt(baseCents!), 0);
  return row(g, value, now, base);
});

/**
 * cost_reconciliation: for the calendar year of the period, Iv3 lasten of the youth lines (jaarrekening, else
 * begroting) minus the claims whose product period starts in that year (credits negative, rejected lines 0).
 * A row for every asked gemeente; asked for all, a row for every gemeente to steer where there is something to
 * count: a claim line in the year or Iv3 lasten (docs/indicators.md, "Rows"; Iv3 of the other gemeenten of the
 * country, there for the benchmark, gives no row).
 */
const costReconciliation: BenchIndicator = (d, p, by) => {
  const b = d.bench;
  const iv3 = b?.iv3 ?? [];
  const from = `${p.year}-01-01`;
  const to = `${p.year}-12-31`;
  const claims = d.claims.filter((c) => c.periodStart >= from && c.periodStart <= to);
  const payments = (d.payments ?? []).filter((x) => x.periodStart >= from && x.periodStart <= to);
  const codes =
    b?.asked ??
    [
      ...new Set([
        ...claims.map((c) => c.gemeente),
        ...payments.map((x) => x.gemeente),
        ...(b?.steered ?? []).filter((g) => lastenCents(iv3, g, p.year) !== null),
      ]),
    ].sort();
  return codes.flatMap((g) => {
    const lasten = lastenCents(iv3, g, p.year);
    const claimed = claims
      .filter((c) => c.gemeente === g)
      .reduce((s, c) => s + (c.status === 'afgewezen' ? 0 : c.debitCredit === 'C' ? -c.amountCents : c.amountCents), 0);
    const paid = payments.filter((x) => x.gemeente === g).reduce((s, x) => s + x.amountCents, 0);
    const l = lasten === null ? null : eurosOf(lasten);
    const diff = lasten === null ? null : eurosOf(lasten - claimed - paid);
    if (by === 'post') {
      return [
        row(g, l, l, null, by, 'iv3_lasten'),
        row(g, eurosOf(claimed), eurosOf(claimed), null, by, 'declaraties'),
        row(g, eurosOf(paid), eurosOf(paid), null, by, 'betalingen'),
        row(g, diff, l, eurosOf(claimed + paid), by, 'verschil'),
      ];
    }
    return [row(g, diff, l, eurosOf(claimed + paid))];
  });
};

/** A row of expected_vs_actual with its unrounded value (the differential test checks rounding boundaries). */
export type RawRow = Row & { readonly raw: number | null };

/** Hundredths, half away from zero (exact away from a boundary: q ÷ 100 is the nearest double to the decimal). */
export const hundredths = (v: number): number => {
  const q = Math.floor(Math.abs(v) * 100 + 0.5);
  return v < 0 ? -(q / 100) : q / 100;
};

/**
 * expected_vs_actual (docs/indicators.md, "Expected versus actual", steps 1–11): the % of the half-year on
 * SES decile, poverty decile and ln inhabitants of the year, robust fit over every gemeente of that year with
 * all four (robustReference.ts), per asked gemeente the gap or, by maat, feitelijk, verwacht and the bounds.
 */
export function expectedVsActualRaw(d: BenchInput, p: Period, by: string | null): RawRow[] {
  const b: RefBench = d.bench ?? { years: [], halves: [], iv3: [] };
  const asked = b.asked ?? gemeentenOf(d);
  const half = halfLabel(p);
  if (half === null) return asked.map((g) => ({ ...row(g, null, null, null), raw: null }));
  const y = p.year;
  const featuresOf = (g: string): number[] | null => {
    const ses = decile(b, 'income', g, y);
    const pov = decile(b, 'poverty', g, y);
    const inh = yearly(b, 'inhabitants', g, y);
    return ses === null || pov === null || inh === null || inh <= 0 ? null : [ses, pov, Math.log(inh)];
  };
  const all = [...new Set([...b.years.map((r) => r.gemeente), ...b.halves.map((r) => r.gemeente)])].sort();
  const fitSet = all
    .filter((g) => existedIn(g, y))
    .map((g) => ({ x: featuresOf(g), y: pctIn(b, g, half) }))
    .filter((o): o is { x: number[]; y: number } => o.x !== null && o.y !== null);
  const fit = referenceFit(
    fitSet.map((o) => o.x),
    fitSet.map((o) => o.y),
  );
  return asked.flatMap((g): RawRow[] => {
    const x = featuresOf(g);
    const pred = fit && x ? referencePredict(fit, x) : null;
    const actual = pctIn(b, g, half);
    const raw = (gemeente: string, v: number | null, k: string | null): RawRow => ({
      ...row(gemeente, v === null ? null : hundredths(v), null, null, k === null ? null : 'maat', k),
      raw: v,
    });
    if (by === 'maat')
      return [
        raw(g, actual, 'feitelijk'),
        raw(g, pred?.expected ?? null, 'verwacht'),
        raw(g, pred?.lower ?? null, 'ondergrens'),
        raw(g, pred?.upper ?? null, 'bovengrens'),
      ];
    return [raw(g, pred && actual !== null ? actual - pred.expected : null, null)];
  });
}

const expectedVsActual: BenchIndicator = (d, p, by) => expectedVsActualRaw(d, p, by).map(({ raw: _raw, ...r }) => r);

/** Registered into REFERENCE by reference.ts. */
export const BENCHMARK_REFERENCE: Readonly<Record<string, BenchIndicator>> = {
  ses_decile: sesDecile,
  poverty_decile: povertyDecile,
  cbs_pct_without_residence: cbsPct,
  index_pct: indexPct,
  burden_per_user: burdenPerUser,
  burden_per_inhabitant: burdenPerInhabitant,
  burden_index: burdenIndex,
  cost_reconciliation: costReconciliation,
  expected_vs_actual: expectedVsActual,
};
