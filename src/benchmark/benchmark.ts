/**
 * The comparison of one gemeente with a reference group, in the shape of the Verwey-Jonker tables
 * (Tabel 2–11: inhabitants, SES and poverty decile, % jeugdhulp zonder verblijf in the base and the
 * later half-year, its index, lasten per gebruiker and per inwoner), plus what Verwey-Jonker did
 * not have: a model of what each gemeente's population predicts (expected versus actual).
 * `zicht benchmark`, the API and the reports all call `benchmark()`.
 * Over 400 lines: the table and the model share the reference-group and year rules; next split: the model part.
 */
import type { Lens } from '../lens/lens.js';
import { indexOf } from './indices.js';
import { ratioHalfUp, roundHalfUp } from '../domain/decimal.js';

/** Euros per person to whole cents, as the catalogue's burden figures give them (no float residue in a table). */
const cents = (x: number | null): number | null => (x === null ? null : roundHalfUp(x, 2));
import {
  loadBenchmarkData,
  withoutFigures,
  type BenchmarkData,
  type FigureSelection,
  type GemeenteFigures,
} from './figures.js';
import { parsePeriod } from '../domain/periods.js';
import {
  describeReference,
  referenceGroup,
  ReferenceGroupError,
  sizeClass,
  type Candidate,
  type ReferenceSpec,
} from './groups.js';
import { endedMunicipality, isKnownMunicipalityCode, municipalityExistedIn } from '../domain/municipalities.js';
import { collinear, fitRobust, predict, verdict, type RobustFit, type Verdict } from './robust.js';
import type { CbsMapping } from './mapping.js';
import { UserError } from '../domain/errors.js';

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
  /**
   * pooled rows only: per figure, over how many members it was pooled (n of N) and their share of
   * the members' population (youths 0–17 for percentages, inhabitants for lasten); `national` when
   * the figure is CBS's own national one (NL01) rather than pooled
   */
  readonly coverage: Readonly<Record<string, Coverage>> | null;
}

export interface Coverage {
  readonly n: number;
  readonly of: number;
  /** share (0–1) of the population of all N members that the n known members hold; null when unknown */
  readonly populationShare: number | null;
  /** 'NL01': CBS's national figure; 'gepoold': pooled over the known members */
  readonly source: 'NL01' | 'gepoold';
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
  readonly reference: {
    readonly spec: ReferenceSpec;
    readonly nl: string;
    readonly en: string;
    readonly members: number;
  };
  readonly period: string | null;
  readonly basePeriod: string;
  /** year of the population, deciles and lasten: the one asked for, else the latest with accounts and user counts */
  readonly year: number | null;
  readonly baseYear: number;
  /** `jaar_niet_van_periode` when that year is not the year of the half-year (the default before CBS publishes it) */
  readonly flags: readonly string[];
  readonly rows: readonly BenchmarkRow[];
  readonly models: readonly ModelSummary[];
  /** expected versus actual of % jeugdhulp zonder verblijf for every gemeente with the figures */
  readonly scatter: readonly ScatterPoint[];
  readonly missingFigures: readonly string[];
  readonly mappingFrom: string;
  readonly halfYears: readonly string[];
  readonly years: readonly number[];
}

/** No CBS figures for the gemeente asked about (geen_cbs_gegevens). */
export class BenchmarkError extends UserError<'geen_cbs_gegevens'> {
  constructor(message: string) {
    super('geen_cbs_gegevens', { nl: message });
  }
}

const FEATURES = ['ses_decile', 'poverty_decile', 'ln_inhabitants'] as const;
/** The model's features of a gemeente, or null when one is unknown. */
export const features = (g: GemeenteFigures): number[] | null =>
  g.sesDecile === null || g.povertyDecile === null || g.inhabitants === null || g.inhabitants <= 0
    ? null
    : [g.sesDecile, g.povertyDecile, Math.log(g.inhabitants)];

/** a ÷ b, or null when either is unknown or b is zero */
export const div = (a: number | null, b: number | null): number | null =>
  a === null || b === null || b === 0 ? null : a / b;

export interface Model {
  readonly fit: RobustFit;
  readonly summary: ModelSummary;
}

function methodText(outcome: ModelSummary['outcome'], fit: RobustFit, outliers: number): { nl: string; en: string } {
  const what =
    outcome === 'pct_without_residence'
      ? ['het % jeugdigen met jeugdhulp zonder verblijf', '% youths with jeugdhulp without residence']
      : ['de lasten jeugd per inwoner', 'youth-care burden per inhabitant'];
  const r2 = Math.round(fit.r2 * 100);
  return {
    nl: `Verwacht = wat ${what[0]} zou zijn bij het SES-deciel, het armoededeciel en de omvang (ln inwoners) van de gemeente, volgens een lijn door alle ${fit.n} gemeenten. Robuuste regressie (Huber, k = 1,345): ${outliers} uitschieters tellen minder mee, zodat zij de lijn niet scheeftrekken. De band is het 95%-voorspelinterval; daarbuiten is het verschil groter dan toeval en modelonzekerheid verklaren. De kenmerken verklaren ${r2}% van de verschillen; de rest zit in beleid, aanbod, registratie en toeval.`,
    en: `Expected = what ${what[1]} would be given the gemeente's SES decile, poverty decile and size (ln inhabitants), from a line through all ${fit.n} gemeenten. Robust regression (Huber, k = 1.345): ${outliers} outliers count less so they do not tilt the line. The band is the 95% prediction interval; outside it the gap is larger than chance and model uncertainty explain. The features explain ${r2}% of the differences; the rest is policy, supply, registration and chance.`,
  };
}

export function fitModel(
  outcome: ModelSummary['outcome'],
  all: readonly GemeenteFigures[],
  y: (g: GemeenteFigures) => number | null,
): Model | null {
  const usable = all
    .map((g) => ({ x: features(g), y: y(g) }))
    .filter((o): o is { x: number[]; y: number } => o.x !== null && o.y !== null);
  if (usable.length < 20) return null; // too few gemeenten for a model worth showing
  // docs/indicators.md, expected versus actual: collinear features or no convergence leave no model
  if (collinear(usable.map((o) => o.x))) return null;
  const fit = fitRobust(
    usable.map((o) => o.x),
    usable.map((o) => o.y),
  );
  if (!fit.converged) return null;
  const outliers = fit.weights.filter((w) => w < 0.5).length;
  const text = methodText(outcome, fit, outliers);
  return {
    fit,
    summary: {
      outcome,
      features: FEATURES,
      r2: fit.r2,
      n: fit.n,
      scale: fit.scale,
      outliers,
      methodNl: text.nl,
      methodEn: text.en,
      coefficients: Object.fromEntries([
        ['intercept', fit.coefficients[0]!],
        ...FEATURES.map((f, i) => [f, fit.coefficients[i + 1]!] as const),
      ]),
    },
  };
}

function row(kind: RowKind, g: GemeenteFigures, model: Model | null, distance: number | null): BenchmarkRow {
  const x = features(g);
  const p = model && x ? predict(model.fit, x) : null;
  const perInhabitant = div(g.burden, g.inhabitants);
  const basePerInhabitant = div(g.burdenBaseBegroting, g.inhabitantsBaseYear);
  const flags = [...g.statuses.map((s) => `cbs_${s.replace(/ /g, '_')}`), ...g.yearFlags];
  if (g.burdenKind === 'begroting') flags.push('lasten_uit_begroting');
  return {
    kind,
    code: g.code,
    name: g.name,
    inhabitants: g.inhabitants,
    sizeClass: g.inhabitants === null ? null : sizeClass(g.inhabitants).code,
    youthCareRegion: g.youthCareRegion,
    sesDecile: g.sesDecile,
    povertyDecile: g.povertyDecile,
    pctBase: g.pctBase,
    pct: g.pct,
    index: indexOf(g.pct, g.pctBase),
    pctWithResidence: g.pctWithResidence,
    burdenPerUser: cents(div(g.burden, g.youthsWithJeugdzorg)),
    burdenPerInhabitant: cents(perInhabitant),
    burdenIndex:
      perInhabitant === null || basePerInhabitant === null ? null : indexOf(perInhabitant, basePerInhabitant),
    // published in hundredths like expected_vs_actual (docs/indicators.md step 11); the verdict on the unrounded values
    expected: p ? round(p.expected) : null,
    lower: p ? round(p.lower) : null,
    upper: p ? round(p.upper) : null,
    verdict: p && g.pct !== null ? verdict(g.pct, p) : null,
    distance: distance === null ? null : round(distance),
    flags,
    coverage: null,
  };
}

/**
 * A pooled row for a set of gemeenten: percentages weighted by their youth population, lasten
 * summed before dividing (so a large gemeente counts for what it is, as in the CBS national figure).
 * Each figure is pooled over the members that have it — real CBS data always has gaps — and says
 * over how many (n of N) and what share of the population; an index compares the same members in
 * both periods. For Nederland, CBS's own national figure (NL01) is used where the table has one.
 */
function pooled(
  kind: 'groep' | 'nederland',
  name: string,
  gs: readonly GemeenteFigures[],
  national: BenchmarkData['national'] = {},
): BenchmarkRow {
  const coverage: Record<string, Coverage> = {};
  // the members of a figure are the gemeenten that existed at its moment: a half-year's first day, or the year
  const ofHalf = gs.filter((g) => g.inPeriod);
  const ofBase = gs.filter((g) => g.inBase);
  const ofYear = gs.filter((g) => g.inYear);
  const shareOf = (
    members: readonly GemeenteFigures[],
    known: readonly GemeenteFigures[],
    w: (g: GemeenteFigures) => number | null,
  ): number | null => {
    if (members.some((g) => w(g) === null)) return null; // the whole is unknown, so is the share of it
    const all = members.reduce((s, g) => s + w(g)!, 0);
    return all === 0 ? null : Math.round((known.reduce((s, g) => s + w(g)!, 0) / all) * 1000) / 1000;
  };
  const note = (
    key: string,
    known: readonly GemeenteFigures[],
    w: (g: GemeenteFigures) => number | null,
    members: readonly GemeenteFigures[],
  ): void => {
    coverage[key] = {
      n: known.length,
      of: members.length,
      populationShare: shareOf(members, known, w),
      source: 'gepoold',
    };
  };
  const youth = (g: GemeenteFigures) => g.youth0to17;
  const inh = (g: GemeenteFigures) => g.inhabitants;
  /**
   * Population-weighted mean of a percentage over the members that have it and a youth count, to one decimal, half up
   * on the exact ratio: Σ % × youths in millionths of a point (whole numbers) ÷ Σ youths (red team 21: 6.95 summed in
   * binary was 6.9499… and showed 6,9)
   */
  const weightedOver = (known: readonly GemeenteFigures[], f: (g: GemeenteFigures) => number | null): number | null => {
    if (known.length === 0) return null;
    const w = known.reduce((s, g) => s + g.youth0to17!, 0);
    const num = known.reduce((s, g) => s + Math.round(f(g)! * 1e6) * g.youth0to17!, 0);
    return w === 0 ? null : ratioHalfUp(num, w * 1e6, 1, 1);
  };
  type Of = (g: GemeenteFigures) => number | null;
  const withPct = (f: Of) => gs.filter((g) => f(g) !== null && g.youth0to17 !== null);
  const national1 = (members: readonly GemeenteFigures[]): Coverage => ({
    n: members.length,
    of: members.length,
    populationShare: 1,
    source: 'NL01',
  });
  // CBS's national % and its base only as a pair: one of them pooled beside the other national one gave an index that
  // did not follow from the two columns shown (red team 19 F9)
  const nationalPair = national.pct !== undefined && national.pctBase !== undefined;
  const pctOf = (key: 'pct' | 'pctBase' | 'pctWithResidence', f: Of): number | null => {
    const members = key === 'pctBase' ? ofBase : ofHalf;
    const nl = key === 'pctWithResidence' || nationalPair ? national[key] : undefined;
    if (kind === 'nederland' && nl !== undefined) {
      coverage[key] = national1(members);
      return nl;
    }
    const known = withPct(f);
    // the members of a half-year are the gemeenten that existed then (a merged one is no member afterwards)
    note(key, known, youth, members);
    return weightedOver(known, f);
  };
  const pctBase = pctOf('pctBase', (g) => g.pctBase);
  const pct = pctOf('pct', (g) => g.pct);
  const pctWithResidence = pctOf('pctWithResidence', (g) => g.pctWithResidence);
  // the index compares like with like: CBS's two national figures, or the members known in both half-years
  let index: number | null;
  if (coverage.pct?.source === 'NL01' && coverage.pctBase?.source === 'NL01') {
    index = indexOf(pct, pctBase);
    coverage.index = national1(ofHalf);
  } else {
    const both = gs.filter((g) => g.pct !== null && g.pctBase !== null && g.youth0to17 !== null);
    note('index', both, youth, ofHalf);
    // on the unrounded pooled percentages (red team 19 F4: 8.17 ÷ 8.03 read as 8.2 ÷ 8.0 gave 103 for 102): with the
    // same weights the ratio of the two weighted means is Σ pct × youths ÷ Σ base × youths, here in millionths of a
    // percentage point so the sums are whole numbers and the ratio exact
    const weighted = (f: Of) => both.reduce((s, g) => s + Math.round(f(g)! * 1e6) * g.youth0to17!, 0);
    index =
      both.length === 0
        ? null
        : indexOf(
            weighted((g) => g.pct),
            weighted((g) => g.pctBase),
          );
  }
  const sumOver = (known: readonly GemeenteFigures[], f: Of) => known.reduce((s, g) => s + f(g)!, 0);
  const ratio = (key: string, num: Of, den: Of): number | null => {
    const known = gs.filter((g) => num(g) !== null && den(g) !== null);
    note(key, known, inh, ofYear);
    return known.length === 0 ? null : div(sumOver(known, num), sumOver(known, den));
  };
  const burdenPerUser = ratio(
    'burdenPerUser',
    (g) => g.burden,
    (g) => g.youthsWithJeugdzorg,
  );
  const burdenPerInhabitant = ratio(
    'burdenPerInhabitant',
    (g) => g.burden,
    (g) => g.inhabitants,
  );
  const indexable = gs.filter(
    (g) =>
      g.burden !== null && g.inhabitants !== null && g.burdenBaseBegroting !== null && g.inhabitantsBaseYear !== null,
  );
  note('burdenIndex', indexable, inh, ofYear);
  const nowPer =
    indexable.length === 0
      ? null
      : div(
          sumOver(indexable, (g) => g.burden),
          sumOver(indexable, inh),
        );
  const basePer =
    indexable.length === 0
      ? null
      : div(
          sumOver(indexable, (g) => g.burdenBaseBegroting),
          sumOver(indexable, (g) => g.inhabitantsBaseYear),
        );
  let inhabitants: number | null;
  if (kind === 'nederland' && national.inhabitants !== undefined) {
    inhabitants = national.inhabitants;
    coverage.inhabitants = national1(ofYear);
  } else {
    const known = gs.filter((g) => g.inhabitants !== null);
    coverage.inhabitants = { n: known.length, of: ofYear.length, populationShare: null, source: 'gepoold' };
    inhabitants = known.length === 0 ? null : sumOver(known, inh);
  }
  const flags: string[] = gs.some((g) => g.statuses.length > 0) ? ['cbs_voorlopig'] : [];
  flags.push(...new Set(gs.flatMap((g) => g.yearFlags)));
  if (Object.values(coverage).some((c) => c.n < c.of)) flags.push('niet_alle_gemeenten');
  if (Object.values(coverage).some((c) => c.source === 'NL01')) flags.push('cbs_landelijk_cijfer');
  return {
    kind,
    code: null,
    name,
    inhabitants,
    sizeClass: null,
    youthCareRegion: null,
    sesDecile: null,
    povertyDecile: null,
    pctBase,
    pct,
    index,
    pctWithResidence,
    burdenPerUser: cents(burdenPerUser),
    burdenPerInhabitant: cents(burdenPerInhabitant),
    burdenIndex: nowPer === null || basePer === null ? null : indexOf(nowPer, basePer),
    expected: null,
    lower: null,
    upper: null,
    verdict: null,
    distance: null,
    flags,
    coverage,
  };
}

export interface BenchmarkOptions extends FigureSelection {
  readonly gemeente: string;
  readonly reference: ReferenceSpec;
  readonly mapping: CbsMapping;
  readonly mappingFrom?: string;
}

/** The years a benchmark figure can be asked for (the Iv3 importer's range). */
export const BENCHMARK_YEARS = { min: 2000, max: 2100 } as const;

/**
 * A year given for the benchmark, checked before anything is judged against it: a year of 0000 or 9999 beside an ended
 * gemeente would otherwise be said as the gemeente not existing then. `field` is the name the caller knows.
 */
export function checkBenchmarkYear(
  year: number | undefined,
  field: string,
  given: string = String(year),
): number | undefined {
  if (year === undefined) return undefined;
  if (!Number.isInteger(year) || year < BENCHMARK_YEARS.min || year > BENCHMARK_YEARS.max)
    throw new UserError('ongeldige_periode.jaar', { field, value: given, ...BENCHMARK_YEARS });
  return year;
}

export async function benchmark(lens: Lens, opts: BenchmarkOptions): Promise<BenchmarkResult> {
  checkBenchmarkYear(opts.year, 'year');
  checkBenchmarkYear(opts.baseYear, 'baseYear');
  const data = await loadBenchmarkData(lens, opts.mapping, opts);
  // an index's base comes before its period: a base after it would take a half-year figure of a gemeente that had
  // ended by then (red team 21: Brielle's 2023H1 row as the base of 2022H2)
  if (data.period !== null && data.basePeriod > data.period)
    throw new UserError('ongeldige_periode.basis_na_periode', { base: data.basePeriod, period: data.period });
  const focus = data.gemeenten.find((g) => g.code === opts.gemeente);
  // a gemeente that did not exist in the year (ended, or not begun yet) is said as such, not as missing data
  const existed = data.year === null ? null : municipalityExistedIn(opts.gemeente, data.year);
  if (!focus && existed && !existed.ok)
    throw new BenchmarkError(
      `${existed.nl}; kies een jaar waarin zij bestond / ${existed.en}; choose a year it existed in`,
    );
  if (!focus) {
    throw new BenchmarkError(
      data.gemeenten.length === 0
        ? 'er zijn geen CBS-gegevens ingelezen: lees een CBS-spiegel in met zicht import cbs <map> / no CBS data imported'
        : `gemeente ${opts.gemeente} staat niet in de ingelezen CBS-gegevens / gemeente ${opts.gemeente} is not in the imported CBS data`,
    );
  }
  const candidates: Candidate[] = data.gemeenten.map((g) => ({
    code: g.code,
    inhabitants: g.inhabitants,
    sesDecile: g.sesDecile,
    povertyDecile: g.povertyDecile,
    youthCareRegion: g.youthCareRegion,
  }));
  const members = referenceGroup(opts.reference, opts.gemeente, candidates);
  // a list of only the gemeente itself compares with nothing: said, not answered without a group row (red team 21)
  if (opts.reference.kind === 'lijst' && members.length === 0)
    throw new ReferenceGroupError(
      `de lijst noemt alleen gemeente ${opts.gemeente} zelf; geef de gemeenten om mee te vergelijken / the list names only gemeente ${opts.gemeente} itself; give the gemeenten to compare with`,
    );
  const byCode = new Map(data.gemeenten.map((g) => [g.code, g]));
  // a listed code is a member when the CBS data or the municipality list knows it (a typo would count in every N)
  const unknown = members.find(
    (m) =>
      !byCode.has(m.code) &&
      !data.periodOnly.some((g) => g.code === m.code) &&
      !isKnownMunicipalityCode(m.code) &&
      endedMunicipality(m.code) === undefined,
  );
  if (unknown)
    throw new ReferenceGroupError(
      `'${unknown.code}' is geen gemeentecode: niet in de CBS-gegevens en niet in de gemeentelijst van CBS / '${unknown.code}' is not a gemeente code`,
    );
  const pctModel = fitModel('pct_without_residence', data.gemeenten, (g) => g.pct);
  const burdenModel = fitModel('burden_per_inhabitant', data.gemeenten, (g) => div(g.burden, g.inhabitants));
  const described = describeReference(
    opts.reference,
    candidates.find((c) => c.code === opts.gemeente)!,
  );

  // a listed gemeente that ended before the year but existed in the half-year has its half-year figures (red team 19)
  const figuresOf = (code: string) => byCode.get(code) ?? data.periodOnly.find((g) => g.code === code);
  const memberRows = members.map((m) => {
    const g = figuresOf(m.code);
    return g ? row('referentie', g, pctModel, m.distance) : emptyRow(m.code);
  });
  // a listed member without CBS data is a member all the same: in each figure's N, not in its n (red team 18)
  const period = data.period === null ? null : parsePeriod(data.period);
  const memberFigures = members.map((m) => figuresOf(m.code) ?? withoutFigures(m.code, m.code, period, data.year));
  // the name counts the chosen members; each figure's coverage says how many of them it holds at its moment (a
  // member that ended or had not begun counts differently per figure: red team 21)
  const rows = [
    row('gemeente', focus, pctModel, null),
    ...memberRows,
    ...(memberFigures.length > 0
      ? [pooled('groep', `Referentiegroep (${memberFigures.length} gekozen)`, memberFigures)]
      : []),
    // Nederland: every gemeente of the CBS data at each figure's moment, also one that ended before the year
    pooled('nederland', 'Alle gemeenten', [...data.gemeenten, ...data.periodOnly], data.national),
  ];
  const inGroup = new Set(members.map((m) => m.code));
  const scatter: ScatterPoint[] =
    pctModel === null
      ? []
      : data.gemeenten.flatMap((g) => {
          const x = features(g);
          if (!x || g.pct === null) return [];
          const p = predict(pctModel.fit, x);
          return [
            {
              code: g.code,
              name: g.name,
              expected: round(p.expected),
              actual: g.pct,
              lower: round(p.lower),
              upper: round(p.upper),
              verdict: verdict(g.pct, p),
              inGroup: inGroup.has(g.code),
            },
          ];
        });
  return {
    gemeente: focus.code,
    name: focus.name,
    reference: { spec: opts.reference, nl: described.nl, en: described.en, members: members.length },
    period: data.period,
    basePeriod: data.basePeriod,
    year: data.year,
    baseYear: data.baseYear,
    flags:
      data.year !== null && data.period !== null && Number(data.period.slice(0, 4)) !== data.year
        ? ['jaar_niet_van_periode']
        : [],
    rows,
    models: [pctModel, burdenModel].filter((m): m is Model => m !== null).map((m) => m.summary),
    scatter,
    missingFigures: data.missing,
    mappingFrom: opts.mappingFrom ?? 'standaard / default',
    halfYears: data.halfYears,
    years: data.years,
  };
}

/** Hundredths, half away from zero in exact decimal (as the expected_vs_actual rows). */
const round = (v: number): number => roundHalfUp(v, 2);

function emptyRow(code: string): BenchmarkRow {
  return {
    kind: 'referentie',
    code,
    name: `${code} (geen CBS-gegevens)`,
    inhabitants: null,
    sizeClass: null,
    youthCareRegion: null,
    sesDecile: null,
    povertyDecile: null,
    pctBase: null,
    pct: null,
    index: null,
    pctWithResidence: null,
    burdenPerUser: null,
    burdenPerInhabitant: null,
    burdenIndex: null,
    expected: null,
    lower: null,
    upper: null,
    verdict: null,
    distance: null,
    flags: ['geen_cbs_gegevens'],
    coverage: null,
  };
}
