/**
 * The comparison of one gemeente with a reference group, in the shape of the Verwey-Jonker tables
 * (Tabel 2–11: inhabitants, SES and poverty decile, % jeugdhulp zonder verblijf in the base and the
 * later half-year, its index, lasten per gebruiker and per inwoner), plus what Verwey-Jonker did
 * not have: a model of what each gemeente's population predicts (expected versus actual).
 * `zicht benchmark`, the API and the reports all call `benchmark()`.
 */
import type { Lens } from '../lens/lens.js';
import { indexOf } from './indices.js';
import { loadBenchmarkData, type FigureSelection, type GemeenteFigures } from './figures.js';
import { describeReference, referenceGroup, sizeClass, type Candidate, type ReferenceSpec } from './groups.js';
import { fitRobust, predict, verdict, type RobustFit, type Verdict } from './robust.js';
import type { CbsMapping } from './mapping.js';

export type RowKind = 'gemeente' | 'referentie' | 'groep' | 'nederland';

export interface BenchmarkRow {
  readonly kind: RowKind;
  readonly code: string | null;
  readonly name: string;
  readonly inhabitants: number | null;
  readonly sizeClass: number | null;
  readonly youthCareRegion: string | null;
  readonly sesDecile: number | null;
  readonly povertyDecile: number | null;
  /** % youths with jeugdhulp zonder verblijf in the base half-year and in the chosen one */
  readonly pctBase: number | null;
  readonly pct: number | null;
  readonly index: number | null;
  readonly pctWithResidence: number | null;
  readonly burdenPerUser: number | null;
  readonly burdenPerInhabitant: number | null;
  readonly burdenIndex: number | null;
  readonly expected: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly verdict: Verdict | null;
  /** only for the 'vergelijkbaar' group: how far from the gemeente (scaled) */
  readonly distance: number | null;
  /** e.g. voorlopig (CBS), lasten_uit_begroting (no accounts yet for the year) */
  readonly flags: readonly string[];
}

export interface ModelSummary {
  readonly outcome: 'pct_without_residence' | 'burden_per_inhabitant';
  readonly features: readonly string[];
  readonly coefficients: Readonly<Record<string, number>>;
  readonly r2: number;
  readonly n: number;
  readonly scale: number;
  readonly outliers: number;
  readonly methodNl: string;
  readonly methodEn: string;
}

export interface ScatterPoint {
  readonly code: string;
  readonly name: string;
  readonly expected: number;
  readonly actual: number;
  readonly lower: number;
  readonly upper: number;
  readonly verdict: Verdict;
  readonly inGroup: boolean;
}

export interface BenchmarkResult {
  readonly gemeente: string;
  readonly name: string;
  readonly reference: { readonly spec: ReferenceSpec; readonly nl: string; readonly en: string; readonly members: number };
  readonly period: string | null;
  readonly basePeriod: string;
  readonly year: number | null;
  readonly baseYear: number;
  readonly rows: readonly BenchmarkRow[];
  readonly models: readonly ModelSummary[];
  /** expected versus actual of % jeugdhulp zonder verblijf for every gemeente with the figures */
  readonly scatter: readonly ScatterPoint[];
  readonly missingFigures: readonly string[];
  readonly mappingFrom: string;
  readonly halfYears: readonly string[];
  readonly years: readonly number[];
}

export class BenchmarkError extends Error {}

const FEATURES = ['ses_decile', 'poverty_decile', 'ln_inhabitants'] as const;
/** The model's features of a gemeente, or null when one is unknown. */
export const features = (g: GemeenteFigures): number[] | null =>
  g.sesDecile === null || g.povertyDecile === null || g.inhabitants === null || g.inhabitants <= 0 ? null : [g.sesDecile, g.povertyDecile, Math.log(g.inhabitants)];

/** a ÷ b, or null when either is unknown or b is zero */
export const div = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);

export interface Model {
  readonly fit: RobustFit;
  readonly summary: ModelSummary;
}

function methodText(outcome: ModelSummary['outcome'], fit: RobustFit, outliers: number): { nl: string; en: string } {
  const what = outcome === 'pct_without_residence' ? ['het % jeugdigen met jeugdhulp zonder verblijf', '% youths with jeugdhulp without residence'] : ['de lasten jeugd per inwoner', 'youth-care burden per inhabitant'];
  const r2 = Math.round(fit.r2 * 100);
  return {
    nl: `Verwacht = wat ${what[0]} zou zijn bij het SES-deciel, het armoededeciel en de omvang (ln inwoners) van de gemeente, volgens een lijn door alle ${fit.n} gemeenten. Robuuste regressie (Huber, k = 1,345): ${outliers} uitschieters tellen minder mee, zodat zij de lijn niet scheeftrekken. De band is het 95%-voorspelinterval; daarbuiten is het verschil groter dan toeval en modelonzekerheid verklaren. De kenmerken verklaren ${r2}% van de verschillen; de rest zit in beleid, aanbod, registratie en toeval.`,
    en: `Expected = what ${what[1]} would be given the gemeente's SES decile, poverty decile and size (ln inhabitants), from a line through all ${fit.n} gemeenten. Robust regression (Huber, k = 1.345): ${outliers} outliers count less so they do not tilt the line. The band is the 95% prediction interval; outside it the gap is larger than chance and model uncertainty explain. The features explain ${r2}% of the differences; the rest is policy, supply, registration and chance.`,
  };
}

export function fitModel(outcome: ModelSummary['outcome'], all: readonly GemeenteFigures[], y: (g: GemeenteFigures) => number | null): Model | null {
  const usable = all.map((g) => ({ x: features(g), y: y(g) })).filter((o): o is { x: number[]; y: number } => o.x !== null && o.y !== null);
  if (usable.length < 20) return null; // too few gemeenten for a model worth showing
  const fit = fitRobust(usable.map((o) => o.x), usable.map((o) => o.y));
  const outliers = fit.weights.filter((w) => w < 0.5).length;
  const text = methodText(outcome, fit, outliers);
  return {
    fit,
    summary: {
      outcome, features: FEATURES, r2: fit.r2, n: fit.n, scale: fit.scale, outliers, methodNl: text.nl, methodEn: text.en,
      coefficients: Object.fromEntries([['intercept', fit.coefficients[0]!], ...FEATURES.map((f, i) => [f, fit.coefficients[i + 1]!] as const)]),
    },
  };
}

function row(kind: RowKind, g: GemeenteFigures, model: Model | null, distance: number | null): BenchmarkRow {
  const x = features(g);
  const p = model && x ? predict(model.fit, x) : null;
  const perInhabitant = div(g.burden, g.inhabitants);
  const basePerInhabitant = div(g.burdenBaseBegroting, g.inhabitantsBaseYear);
  const flags = [...g.statuses.map((s) => `cbs_${s.replace(/ /g, '_')}`)];
  if (g.burdenKind === 'begroting') flags.push('lasten_uit_begroting');
  return {
    kind, code: g.code, name: g.name, inhabitants: g.inhabitants, sizeClass: g.inhabitants === null ? null : sizeClass(g.inhabitants).code,
    youthCareRegion: g.youthCareRegion, sesDecile: g.sesDecile, povertyDecile: g.povertyDecile,
    pctBase: g.pctBase, pct: g.pct, index: indexOf(g.pct, g.pctBase), pctWithResidence: g.pctWithResidence,
    burdenPerUser: div(g.burden, g.youthsWithJeugdzorg), burdenPerInhabitant: perInhabitant,
    burdenIndex: perInhabitant === null || basePerInhabitant === null ? null : indexOf(perInhabitant, basePerInhabitant),
    expected: p?.expected ?? null, lower: p?.lower ?? null, upper: p?.upper ?? null,
    verdict: p && g.pct !== null ? verdict(g.pct, p) : null, distance, flags,
  };
}

/**
 * A pooled row for a set of gemeenten: percentages weighted by their youth population, lasten
 * summed before dividing (so a large gemeente counts for what it is, as in the CBS national figure).
 */
function pooled(kind: 'groep' | 'nederland', name: string, gs: readonly GemeenteFigures[]): BenchmarkRow {
  const sum = (f: (g: GemeenteFigures) => number | null, only: (g: GemeenteFigures) => boolean = () => true): number | null => {
    const vs = gs.filter(only).map(f);
    return vs.length === 0 || vs.some((v) => v === null) ? null : vs.reduce<number>((s, v) => s + v!, 0);
  };
  const weighted = (f: (g: GemeenteFigures) => number | null): number | null => {
    const withBoth = gs.filter((g) => f(g) !== null && g.youth0to17 !== null);
    if (withBoth.length === 0 || withBoth.length < gs.length) return null;
    const w = withBoth.reduce((s, g) => s + g.youth0to17!, 0);
    return Math.round((withBoth.reduce((s, g) => s + f(g)! * g.youth0to17!, 0) / w) * 10) / 10;
  };
  const pctBase = weighted((g) => g.pctBase);
  const pct = weighted((g) => g.pct);
  const burden = sum((g) => g.burden);
  const perInhabitant = div(burden, sum((g) => g.inhabitants));
  const basePerInhabitant = div(sum((g) => g.burdenBaseBegroting), sum((g) => g.inhabitantsBaseYear));
  return {
    kind, code: null, name, inhabitants: sum((g) => g.inhabitants), sizeClass: null, youthCareRegion: null, sesDecile: null, povertyDecile: null,
    pctBase, pct, index: indexOf(pct, pctBase), pctWithResidence: weighted((g) => g.pctWithResidence),
    burdenPerUser: div(burden, sum((g) => g.youthsWithJeugdzorg)), burdenPerInhabitant: perInhabitant,
    burdenIndex: perInhabitant === null || basePerInhabitant === null ? null : indexOf(perInhabitant, basePerInhabitant),
    expected: null, lower: null, upper: null, verdict: null, distance: null,
    flags: gs.some((g) => g.statuses.length > 0) ? ['cbs_voorlopig'] : [],
  };
}

export interface BenchmarkOptions extends FigureSelection {
  readonly gemeente: string;
  readonly reference: ReferenceSpec;
  readonly mapping: CbsMapping;
  readonly mappingFrom?: string;
}

export async function benchmark(lens: Lens, opts: BenchmarkOptions): Promise<BenchmarkResult> {
  const data = await loadBenchmarkData(lens, opts.mapping, opts);
  const focus = data.gemeenten.find((g) => g.code === opts.gemeente);
  if (!focus) {
    throw new BenchmarkError(data.gemeenten.length === 0
      ? 'er zijn geen CBS-gegevens ingelezen: lees een CBS-spiegel in met zicht import cbs <map> / no CBS data imported'
      : `gemeente ${opts.gemeente} staat niet in de ingelezen CBS-gegevens / gemeente ${opts.gemeente} is not in the imported CBS data`);
  }
  const candidates: Candidate[] = data.gemeenten.map((g) => ({ code: g.code, inhabitants: g.inhabitants, sesDecile: g.sesDecile, povertyDecile: g.povertyDecile, youthCareRegion: g.youthCareRegion }));
  const members = referenceGroup(opts.reference, opts.gemeente, candidates);
  const byCode = new Map(data.gemeenten.map((g) => [g.code, g]));
  const pctModel = fitModel('pct_without_residence', data.gemeenten, (g) => g.pct);
  const burdenModel = fitModel('burden_per_inhabitant', data.gemeenten, (g) => div(g.burden, g.inhabitants));
  const described = describeReference(opts.reference, candidates.find((c) => c.code === opts.gemeente)!);

  const memberRows = members.map((m) => {
    const g = byCode.get(m.code);
    return g ? row('referentie', g, pctModel, m.distance) : emptyRow(m.code);
  });
  const memberFigures = members.map((m) => byCode.get(m.code)).filter((g): g is GemeenteFigures => g !== undefined);
  const rows = [
    row('gemeente', focus, pctModel, null),
    ...memberRows,
    ...(memberFigures.length > 0 ? [pooled('groep', `Referentiegroep (${memberFigures.length})`, memberFigures)] : []),
    pooled('nederland', 'Alle gemeenten', data.gemeenten),
  ];
  const inGroup = new Set(members.map((m) => m.code));
  const scatter: ScatterPoint[] = pctModel === null ? [] : data.gemeenten.flatMap((g) => {
    const x = features(g);
    if (!x || g.pct === null) return [];
    const p = predict(pctModel.fit, x);
    return [{ code: g.code, name: g.name, expected: round(p.expected), actual: g.pct, lower: round(p.lower), upper: round(p.upper), verdict: verdict(g.pct, p), inGroup: inGroup.has(g.code) }];
  });
  return {
    gemeente: focus.code, name: focus.name,
    reference: { spec: opts.reference, nl: described.nl, en: described.en, members: members.length },
    period: data.period, basePeriod: data.basePeriod, year: data.year, baseYear: data.baseYear,
    rows, models: [pctModel, burdenModel].filter((m): m is Model => m !== null).map((m) => m.summary), scatter,
    missingFigures: data.missing, mappingFrom: opts.mappingFrom ?? 'standaard / default', halfYears: data.halfYears, years: data.years,
  };
}

const round = (v: number): number => Math.round(v * 100) / 100;

function emptyRow(code: string): BenchmarkRow {
  return {
    kind: 'referentie', code, name: `${code} (geen CBS-gegevens)`, inhabitants: null, sizeClass: null, youthCareRegion: null, sesDecile: null, povertyDecile: null,
    pctBase: null, pct: null, index: null, pctWithResidence: null, burdenPerUser: null, burdenPerInhabitant: null, burdenIndex: null,
    expected: null, lower: null, upper: null, verdict: null, distance: null, flags: ['geen_cbs_gegevens'],
  };
}
