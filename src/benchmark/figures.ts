/**
 * The benchmark figures of every gemeente CBS reports on, read from the lens: CBS observations
 * through the mapping (mapping.ts) and the Iv3 lasten of the youth lines. Deciles are computed
 * here over all gemeenten of the year, as CBS and Verwey-Jonker do, so they are never copied
 * from somewhere else.
 */
import type { Lens } from '../lens/lens.js';
import { findMunicipality } from '../domain/municipalities.js';
import { membership } from './membership.js';
import { cbsPeriodKey, formatPeriod, parsePeriod, type Period } from '../domain/periods.js';
import { deciles } from './groups.js';
import { sql } from '../lens/sql.js';
import type { CbsMapping, Figure, Source } from './mapping.js';

interface Observation {
  readonly value: number | null;
  readonly text: string | null;
  readonly status: string | null;
  /** the CBS period key the value belongs to (an annual figure may come from an earlier year) */
  readonly periodKey: string;
}
/** gemeente → CBS period key → observation */
type Series = Map<string, Map<string, Observation>>;

export interface GemeenteFigures {
  readonly code: string;
  readonly name: string;
  readonly youthCareRegion: string | null;
  readonly inhabitants: number | null;
  readonly youth0to17: number | null;
  readonly medianIncome: number | null;
  readonly childrenLowIncomePct: number | null;
  readonly sesDecile: number | null;
  readonly povertyDecile: number | null;
  readonly pctBase: number | null;
  readonly pct: number | null;
  readonly pctWithResidence: number | null;
  /**
   * Did the gemeente exist on the first day of the half-year (`pct`, `pctWithResidence`, and the base `pctBase`
   * beside them)? A half-year figure is shown and pooled only then, whatever the benchmark year (red team 17: Weesp's
   * 2023H1 row in a mirror counted with the benchmark year 2022; red team 18: its 2022H2 row with the year 2022)
   */
  readonly inPeriod: boolean;
  readonly inBase: boolean;
  /**
   * Did the gemeente exist in the benchmark year? Only then is it ranked and are its yearly figures (population,
   * deciles, lasten) used; a gemeente of the half-year that ended before the year is still a member of the half-year's
   * pool (red team 18: Brielle's 2022H2 row with the year 2023 was left out of Nederland's N)
   */
  readonly inYear: boolean;
  readonly youthsWithJeugdzorg: number | null;
  /** Iv3 lasten of the youth lines (6.72 + 6.82, 2023 split folded), euro */
  readonly burden: number | null;
  readonly burdenKind: 'jaarrekening' | 'begroting' | null;
  readonly burdenBaseBegroting: number | null;
  readonly inhabitantsBaseYear: number | null;
  /** CBS status markers of the figures used (voorlopig, nader voorlopig), for flags */
  readonly statuses: readonly string[];
  /**
   * `cbs_jaar_<jaar>` when a yearly CBS figure of the requested year is not published yet and that
   * earlier year is used for every gemeente (population, income, child poverty, region)
   */
  readonly yearFlags: readonly `cbs_jaar_${number}`[];
}

export interface FigureSelection {
  /** half-year of the % jeugdhulp figure (default: the latest with data) */
  readonly period?: Period | undefined;
  /** base of the index (default 2017H1) */
  readonly basePeriod?: Period | undefined;
  /** year of the population, deciles and lasten (default: the latest year with lasten and users) */
  readonly year?: number | undefined;
  /** base year of the lasten index (default 2017) */
  readonly baseYear?: number | undefined;
}

export interface BenchmarkData {
  readonly period: string | null;
  readonly basePeriod: string;
  readonly year: number | null;
  readonly baseYear: number;
  readonly gemeenten: readonly GemeenteFigures[];
  /**
   * gemeenten with CBS data that existed on the half-year's first day but not in the year (`inYear` false): members of
   * the half-year figures' national pool, never ranked
   */
  readonly periodOnly: readonly GemeenteFigures[];
  /** figures of the mapping for which no source had data */
  readonly missing: readonly Figure[];
  /** per yearly figure, the year actually used for the selection's year (null: none published) */
  readonly figureYears: Readonly<Partial<Record<Figure, number | null>>>;
  /** CBS's own national figures (region NL01), by figure, for the selected periods; absent when the table has none */
  readonly national: Readonly<Partial<Record<'pct' | 'pctBase' | 'pctWithResidence' | 'inhabitants', number>>>;
  /** what a user can choose from: half-years with a CBS %, years with lasten */
  readonly halfYears: readonly string[];
  readonly years: readonly number[];
}

/** The key under which CBS's own national figure (region NL01) is kept in a series. */
export const NATIONAL = 'NL01';

/**
 * The series of a figure over its sources. The other dimensions match as a set: a mapping may name
 * them in any order ("KenmerkenVanHuishoudens=1050010|Populatie=1050010"), the mirror keeps the
 * order of the table's DataProperties.
 */
async function readSeries(lens: Lens, sources: readonly Source[]): Promise<Series> {
  const out: Series = new Map();
  // earlier sources win: read them last so they overwrite
  for (const s of [...sources].reverse()) {
    const rows = await lens.query<{
      code: string;
      period_key: string;
      value: number | null;
      text_value: string | null;
      status: string | null;
    }>(sql`
      SELECT coalesce(gemeente_code, ${NATIONAL}) AS code, period_key, value * ${Number(s.factor)} AS value, text_value, status
      FROM cbs_observation
      WHERE table_id = ${s.table} AND topic = ${s.topic}
        AND list_sort(string_split(dims_key, '|')) = list_sort(string_split(${s.dims.trim()}, '|'))
        AND (gemeente_code IS NOT NULL OR trim(region_key) = ${NATIONAL})`);
    for (const r of rows) {
      if (r.value === null && r.text_value === null) continue;
      let g = out.get(r.code);
      if (!g) out.set(r.code, (g = new Map()));
      g.set(r.period_key, { value: r.value, text: r.text_value, status: r.status, periodKey: r.period_key });
    }
  }
  return out;
}

/** A series without the national row: gemeenten only. */
function gemeenteCodes(series: Series): string[] {
  return [...series.keys()].filter((c) => c !== NATIONAL);
}

/**
 * The year of a yearly CBS figure used for a requested year: that year when CBS has published it for
 * any gemeente, otherwise the latest earlier published year — for every gemeente the same, so a
 * ranking never mixes years and a gemeente with a gap is not filled from an older year (it stays
 * unknown). Null when nothing up to that year is published.
 */
function figureYear(series: Series, year: number): number | null {
  let best: number | null = null;
  // CBS's national row alone does not publish a year for the gemeenten: every gemeente would be unknown
  for (const code of gemeenteCodes(series)) {
    for (const k of series.get(code)!.keys()) {
      if (!k.endsWith('JJ00')) continue;
      const y = Number(k.slice(0, 4));
      if (y <= year && (best === null || y > best)) best = y;
    }
  }
  return best;
}

/** The observation of exactly that year, or null: a missing yearly value stays unknown. */
function annual(series: Series, code: string, year: number | null): Observation | null {
  return year === null ? null : (series.get(code)?.get(`${year}JJ00`) ?? null);
}

function latestHalfYear(series: Series): Period | null {
  const keys = [...series.values()]
    .flatMap((g) => [...g.keys()])
    .filter((k) => /^\d{4}HJ0[12]$/.test(k))
    .sort();
  const last = keys.at(-1);
  return last ? parsePeriod(`${last.slice(0, 4)}H${last.slice(-1)}`) : null;
}

interface Burden {
  readonly year: number;
  readonly kind: 'begroting' | 'jaarrekening';
  readonly euro: number;
}

async function readBurden(lens: Lens): Promise<Map<string, Burden[]>> {
  const rows = await lens.query<{
    gemeente_code: string;
    year: number;
    kind: 'begroting' | 'jaarrekening';
    cents: number;
  }>(`
    SELECT gemeente_code, year, kind, sum(amount_cents) AS cents FROM iv3_amount
    WHERE youth_line IS NOT NULL AND category LIKE 'L%' GROUP BY ALL`);
  const out = new Map<string, Burden[]>();
  for (const r of rows) {
    const list = out.get(r.gemeente_code) ?? [];
    list.push({ year: r.year, kind: r.kind, euro: r.cents / 100 });
    out.set(r.gemeente_code, list);
  }
  return out;
}

function burdenOf(list: readonly Burden[] | undefined, year: number, kind?: Burden['kind']): Burden | null {
  const ofYear = (list ?? []).filter((b) => b.year === year && (kind === undefined || b.kind === kind));
  // the accounts (jaarrekening) are what was spent; the budget only when they are not there yet
  return ofYear.find((b) => b.kind === 'jaarrekening') ?? ofYear.find((b) => b.kind === 'begroting') ?? null;
}

async function names(lens: Lens): Promise<Map<string, string>> {
  const rows = await lens.query<{ code: string; name: string }>(`
    SELECT code, name FROM gemeente
    UNION ALL
    SELECT substr(region_key, 3, 4), any_value(title) FROM cbs_region WHERE region_key LIKE 'GM%' AND title IS NOT NULL GROUP BY region_key`);
  const out = new Map<string, string>();
  // registered gemeenten first: their name is the one the users chose
  for (const r of rows) if (!out.has(r.code)) out.set(r.code, r.name);
  return out;
}

export async function loadBenchmarkData(
  lens: Lens,
  mapping: CbsMapping,
  sel: FigureSelection = {},
): Promise<BenchmarkData> {
  const f = mapping.figures;
  const series = {} as Record<Figure, Series>;
  for (const key of Object.keys(f) as Figure[]) series[key] = await readSeries(lens, f[key]);
  const missing = (Object.keys(series) as Figure[]).filter((k) => series[k].size === 0);
  const burden = await readBurden(lens);
  const nameOf = await names(lens);

  const period = sel.period ?? latestHalfYear(series.pct_without_residence);
  const basePeriod = sel.basePeriod ?? parsePeriod('2017H1');
  const baseYear = sel.baseYear ?? 2017;
  const year = sel.year ?? defaultYear(burden, series.youths_with_jeugdzorg, period);

  // one year per yearly figure for all gemeenten (figureYear); the base year's the same way
  const yearly: Figure[] = ['inhabitants', 'youth_0_17', 'median_income', 'children_low_income_pct', 'jeugdzorgregio'];
  const figureYears: Partial<Record<Figure, number | null>> = {};
  for (const k of yearly) figureYears[k] = year === null ? null : figureYear(series[k], year);
  const baseInhabitantsYear = figureYear(series.inhabitants, baseYear) === baseYear ? baseYear : null;
  const earlier = (k: Figure): `cbs_jaar_${number}`[] => {
    const y = figureYears[k];
    return year !== null && y !== null && y !== undefined && y !== year ? [`cbs_jaar_${y}`] : [];
  };

  // a gemeente that did not exist in the year (herindeling) is neither shown nor ranked for that year
  const all = new Set<string>();
  for (const s of Object.values(series)) for (const c of gemeenteCodes(s)) all.add(c);
  for (const c of burden.keys()) all.add(c);
  const codes = new Set([...all].filter((c) => membership(c, period, year).inYear));

  const pick = (s: Series, code: string, key: string | null): Observation | null =>
    key === null ? null : (s.get(code)?.get(key) ?? null);
  const periodKey = period ? cbsPeriodKey(period) : null;
  const baseKey = cbsPeriodKey(basePeriod);
  const income = new Map<string, number | null>();
  const poverty = new Map<string, number | null>();
  if (year !== null) {
    for (const c of codes) {
      income.set(c, annual(series.median_income, c, figureYears.median_income ?? null)?.value ?? null);
      poverty.set(
        c,
        annual(series.children_low_income_pct, c, figureYears.children_low_income_pct ?? null)?.value ?? null,
      );
    }
  }
  const ses = deciles(income);
  const pov = deciles(poverty, true);

  const figuresOf = (code: string): GemeenteFigures => {
    const used: Array<Observation | null> = [];
    const take = (o: Observation | null): number | null => {
      used.push(o);
      return o?.value ?? null;
    };
    const { inPeriod, inBase, inYear } = membership(code, period, year);
    // the yearly figures of a year the gemeente did not exist in are no figures of it
    const at = (k: Figure) => (inYear ? (figureYears[k] ?? null) : null);
    const inhabitants = take(annual(series.inhabitants, code, at('inhabitants')));
    const b = year === null || !inYear ? null : burdenOf(burden.get(code), year);
    const base = inYear ? burdenOf(burden.get(code), baseYear, 'begroting') : null;
    return {
      code,
      name: nameOf.get(code) ?? findMunicipality(code)?.name ?? code,
      youthCareRegion:
        annual(series.jeugdzorgregio, code, at('jeugdzorgregio'))?.text ??
        findMunicipality(code)?.youthCareRegion ??
        null,
      inhabitants,
      youth0to17: take(annual(series.youth_0_17, code, at('youth_0_17'))),
      medianIncome: income.get(code) ?? null,
      childrenLowIncomePct: poverty.get(code) ?? null,
      sesDecile: ses.get(code) ?? null,
      povertyDecile: pov.get(code) ?? null,
      pctBase: inBase ? take(pick(series.pct_without_residence, code, baseKey)) : null,
      pct: inPeriod ? take(pick(series.pct_without_residence, code, periodKey)) : null,
      pctWithResidence: inPeriod ? take(pick(series.pct_with_residence, code, periodKey)) : null,
      inPeriod,
      inBase,
      inYear,
      youthsWithJeugdzorg: take(
        year === null || !inYear ? null : pick(series.youths_with_jeugdzorg, code, `${year}JJ00`),
      ),
      burden: b?.euro ?? null,
      burdenKind: b?.kind ?? null,
      burdenBaseBegroting: base?.euro ?? null,
      inhabitantsBaseYear: inYear ? (annual(series.inhabitants, code, baseInhabitantsYear)?.value ?? null) : null,
      statuses: [
        ...new Set(
          used.map((o) => o?.status).filter((s): s is string => !!s && s !== 'definitief' && s !== 'onbekend'),
        ),
      ],
      yearFlags: inYear ? [...new Set(yearly.flatMap(earlier))] : [],
    };
  };
  const gemeenten = [...codes].sort().map(figuresOf);
  const periodOnly = [...all]
    .filter((c) => !codes.has(c) && membership(c, period, year).inPeriod)
    .sort()
    .map(figuresOf);
  const halfYears = [
    ...new Set(
      [...series.pct_without_residence.values()].flatMap((g) => [...g.keys()]).filter((k) => /^\d{4}HJ0[12]$/.test(k)),
    ),
  ]
    .sort()
    .map((k) => `${k.slice(0, 4)}H${k.slice(-1)}`);
  const years = [...new Set([...burden.values()].flat().map((b) => b.year))].sort();
  const nl = (s: Series, key: string | null) =>
    key === null ? undefined : (s.get(NATIONAL)?.get(key)?.value ?? undefined);
  const national: BenchmarkData['national'] = Object.fromEntries(
    Object.entries({
      pct: nl(series.pct_without_residence, periodKey),
      pctBase: nl(series.pct_without_residence, baseKey),
      pctWithResidence: nl(series.pct_with_residence, periodKey),
      inhabitants: nl(series.inhabitants, year === null ? null : `${figureYears.inhabitants}JJ00`),
    }).filter(([, v]) => v !== undefined),
  );
  return {
    period: period ? formatPeriod(period) : null,
    basePeriod: formatPeriod(basePeriod),
    year,
    baseYear,
    gemeenten,
    periodOnly,
    missing,
    figureYears,
    national,
    halfYears,
    years,
  };
}

/**
 * A member of a reference group without any CBS data (a listed code the mirror does not have): every figure unknown,
 * a member all the same, so the pool counts it in N and not in n.
 */
export function withoutFigures(
  code: string,
  name: string,
  period: Period | null,
  year: number | null,
): GemeenteFigures {
  return {
    code,
    name,
    youthCareRegion: null,
    inhabitants: null,
    youth0to17: null,
    medianIncome: null,
    childrenLowIncomePct: null,
    sesDecile: null,
    povertyDecile: null,
    pctBase: null,
    pct: null,
    pctWithResidence: null,
    ...membership(code, period, year),
    youthsWithJeugdzorg: null,
    burden: null,
    burdenKind: null,
    burdenBaseBegroting: null,
    inhabitantsBaseYear: null,
    statuses: [],
    yearFlags: [],
  };
}

/** The latest year with both accounts and user counts, else with either, else the half-year's year. */
function defaultYear(burden: Map<string, Burden[]>, users: Series, period: Period | null): number | null {
  const accountYears = new Set(
    [...burden.values()]
      .flat()
      .filter((b) => b.kind === 'jaarrekening')
      .map((b) => b.year),
  );
  const userYears = new Set(
    [...users.values()]
      .flatMap((g) => [...g.keys()])
      .filter((k) => k.endsWith('JJ00'))
      .map((k) => Number(k.slice(0, 4))),
  );
  const both = [...accountYears].filter((y) => userYears.has(y)).sort();
  if (both.length > 0) return both.at(-1)!;
  const either = [...accountYears, ...userYears].sort();
  return either.at(-1) ?? period?.year ?? null;
}
