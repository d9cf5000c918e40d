/**
 * Benchmark indicators (indicators.md, "Benchmark"): population-level figures from CBS and Iv3 for
 * comparing gemeenten. They are computed by src/benchmark (figures.ts, benchmark.ts) over every
 * gemeente CBS reports on, because deciles and the expected-versus-actual model need all of them;
 * here they are offered per gemeente in the common row format so `zicht indicators`, the API and
 * the reports can use them like any other indicator.
 */
import type { Lens } from '../lens/lens.js';
import { cbsPeriodKey } from '../domain/periods.js';
import { loadBenchmarkData, type BenchmarkData, type GemeenteFigures } from '../benchmark/figures.js';
import { activeMapping, type CbsMapping } from '../benchmark/mapping.js';
import { indexOf } from '../benchmark/indices.js';
import { predict, type RobustFit } from '../benchmark/robust.js';
import { div, features, fitModel } from '../benchmark/benchmark.js';
import type { Flag, Indicator, IndicatorDefinition, Query, Unit } from './types.js';
import { roundHalfUp } from '../domain/decimal.js';
import { defineIndicator, type Figure } from './kernel.js';

const SOURCES = ['CBS StatLine (offline spiegel)', 'Iv3 (CBS dataderden of CSV)'];

/** Benchmark data per lens and selection: eight indicators asked together read the CBS tables once. */
const cache = new WeakMap<Lens, Map<string, Promise<BenchmarkData>>>();

function data(lens: Lens, q: Query, cbsMapping: CbsMapping | undefined): Promise<BenchmarkData> {
  // never the built-in mapping behind the user's back: the caller's, else the data directory's (as the server reads it)
  const mapping: CbsMapping = cbsMapping ?? activeMapping(lens.dataDir).mapping;
  const key = `${JSON.stringify(mapping)}|${cbsPeriodKey(q.period)}`;
  let perLens = cache.get(lens);
  if (!perLens) cache.set(lens, (perLens = new Map()));
  let hit = perLens.get(key);
  if (!hit) {
    hit = loadBenchmarkData(lens, mapping, {
      period: q.period.kind === 'half' ? q.period : undefined,
      year: q.period.year,
    });
    perLens.set(key, hit);
    hit.catch(() => perLens!.delete(key));
  }
  return hit;
}

async function gemeentenOf(lens: Lens, q: Query): Promise<string[]> {
  if (q.gemeenten.length > 0) return [...q.gemeenten];
  return (await lens.query<{ code: string }>('SELECT code FROM gemeente ORDER BY code')).map((r) => r.code);
}

const cbsFlags = (g: GemeenteFigures | undefined): Flag[] => (g && g.statuses.length > 0 ? ['cbs_voorlopig'] : []);

function def(
  id: string,
  nameNl: string,
  nameEn: string,
  definitionNl: string,
  definitionEn: string,
  unit: Unit,
  direction: IndicatorDefinition['direction'],
  costBasis?: IndicatorDefinition['costBasis'],
): Omit<IndicatorDefinition, 'dimensions'> {
  return {
    id,
    nameNl,
    nameEn,
    definitionNl,
    definitionEn,
    unit,
    direction,
    sources: SOURCES,
    cbsNote:
      'Populatiecijfer van CBS: telt anders dan de eigen administratie (alle jeugdhulp, ook zonder iJw-bericht).',
    ...(costBasis ? { costBasis } : {}),
  };
}

/** Iv3 lasten are yearly: whatever period is asked, the figure is the calendar year's. */
const IV3_YEAR = {
  nl: 'Iv3-lasten (jaarrekening, anders begroting), kalenderjaar',
  en: 'Iv3 burden (accounts, else budget), calendar year',
};

/**
 * An indicator that takes one value per gemeente from the benchmark figures. `halfYearly` marks the
 * CBS % figures, which exist only per half-year.
 */
function perGemeente(
  definition: Omit<IndicatorDefinition, 'dimensions'>,
  halfYearly: boolean,
  value: (
    g: GemeenteFigures,
    d: BenchmarkData,
  ) => { value: number | null; numerator?: number | null; denominator?: number | null; flags?: Flag[] },
): Indicator {
  return defineIndicator({
    definition,
    // CBS figures do not depend on how far the lens's own data reach
    periodFlags: 'none',
    async figures({ lens, q, cbsMapping }) {
      const d = await data(lens, q, cbsMapping);
      const byCode = new Map(d.gemeenten.map((g) => [g.code, g]));
      return (await gemeentenOf(lens, q)).map((code): Figure => {
        if (halfYearly && q.period.kind !== 'half')
          return { gemeente: code, value: null, flags: ['alleen_per_halfjaar'] };
        const g = byCode.get(code);
        const v = g ? value(g, d) : { value: null };
        const flags: Flag[] = [...cbsFlags(g), ...(v.flags ?? [])];
        if (v.value === null && (v.denominator === null || v.denominator === 0)) flags.push('geen_noemer');
        // euro figures (lasten per gebruiker / inwoner) to the cent, exact decimal half up
        const shown = definition.unit === 'euro' && v.value !== null ? roundHalfUp(v.value, 2) : v.value;
        return {
          gemeente: code,
          value: shown,
          numerator: v.numerator ?? null,
          denominator: v.denominator ?? null,
          flags,
        };
      });
    },
  });
}

export const sesDecile = perGemeente(
  def(
    'ses_decile',
    'SES-deciel',
    'SES decile',
    'Deciel van het mediane gestandaardiseerde huishoudinkomen over alle gemeenten in dat jaar; deciel 1 = laagste inkomen. Door Zicht berekend uit het CBS-cijfer; de teller toont dat cijfer (mediaan, × € 1.000).',
    'Decile of the standardised median household income over all gemeenten of that year; decile 1 = lowest income. Computed by Zicht from the CBS figure; the numerator shows that figure (median, × € 1,000).',
    'aantal',
    'neutraal',
  ),
  false,
  (g) => ({ value: g.sesDecile, numerator: g.medianIncome, flags: [...g.yearFlags] }),
);

export const povertyDecile = perGemeente(
  def(
    'poverty_decile',
    'Kinderen-in-armoede-deciel',
    'Child poverty decile',
    'Deciel van het aandeel kinderen dat minstens een jaar in een huishouden met een laag inkomen leeft; deciel 1 = het hoogste aandeel (meest kwetsbaar). De teller toont dat aandeel (%).',
    'Decile of the share of children living at least a year in a low-income household; decile 1 = the highest share (most vulnerable). The numerator shows that share (%).',
    'aantal',
    'neutraal',
  ),
  false,
  (g) => ({ value: g.povertyDecile, numerator: g.childrenLowIncomePct, flags: [...g.yearFlags] }),
);

export const cbsPctWithoutResidence = perGemeente(
  def(
    'cbs_pct_without_residence',
    '% jeugdigen met jeugdhulp zonder verblijf (CBS)',
    '% youths with jeugdhulp without residence (CBS)',
    'Percentage jeugdigen (0–17) met jeugdhulp zonder verblijf in het halfjaar, zoals CBS het publiceert (JH121-type tabel).',
    'Percentage of youths (0–17) with jeugdhulp without residence in the half-year, as published by CBS (JH121-type table).',
    'procent',
    'neutraal',
  ),
  true,
  (g) => ({ value: g.pct }),
);

export const indexPct = perGemeente(
  def(
    'index_pct',
    'Index % jeugdhulp zonder verblijf',
    'Index % jeugdhulp without residence',
    'Percentage in het halfjaar ÷ percentage in het basishalfjaar (2017 H1) × 100, afgerond op een geheel getal; berekend op percentages, niet op aantallen (Verwey-Jonker 2021). Teller = % nu, noemer = % basis.',
    'Percentage in the half-year ÷ percentage in the base half-year (2017 H1) × 100, rounded to an integer; computed on percentages, not counts (Verwey-Jonker 2021). Numerator = % now, denominator = % base.',
    'aantal',
    'neutraal',
  ),
  true,
  (g) => ({ value: indexOf(g.pct, g.pctBase), numerator: g.pct, denominator: g.pctBase }),
);

const burdenFlags = (g: GemeenteFigures): Flag[] => (g.burdenKind === 'begroting' ? ['lasten_uit_begroting'] : []);

export const burdenPerUser = perGemeente(
  def(
    'burden_per_user',
    'Lasten per gebruiker',
    'Burden per user',
    'Iv3-lasten van taakvelden 6.72 + 6.82 (vanaf 2023: 6.72a–d, 6.73a–c, 6.74a–c, 6.82a–b) uit de jaarrekening (anders de begroting, gemarkeerd) ÷ het aantal jeugdigen met jeugdzorg in dat jaar volgens CBS.',
    'Iv3 burden of taakvelden 6.72 + 6.82 (from 2023: 6.72a–d, 6.73a–c, 6.74a–c, 6.82a–b) from the accounts (else the budget, flagged) ÷ youths with jeugdzorg in that year according to CBS.',
    'euro',
    'neutraal',
    IV3_YEAR,
  ),
  false,
  (g) => ({
    value: div(g.burden, g.youthsWithJeugdzorg),
    numerator: g.burden,
    denominator: g.youthsWithJeugdzorg,
    flags: burdenFlags(g),
  }),
);

export const burdenPerInhabitant = perGemeente(
  def(
    'burden_per_inhabitant',
    'Lasten per inwoner',
    'Burden per inhabitant',
    'Dezelfde Iv3-lasten jeugd ÷ het aantal inwoners op 1 januari.',
    'The same Iv3 youth-care burden ÷ inhabitants on 1 January.',
    'euro',
    'neutraal',
    IV3_YEAR,
  ),
  false,
  (g) => ({
    value: div(g.burden, g.inhabitants),
    numerator: g.burden,
    denominator: g.inhabitants,
    flags: [...burdenFlags(g), ...g.yearFlags],
  }),
);

export const burdenIndex = perGemeente(
  def(
    'burden_index',
    'Index lasten per inwoner',
    'Index burden per inhabitant',
    'Lasten per inwoner ÷ begrote lasten per inwoner in het basisjaar (2017) × 100, berekend op de onafgeronde bedragen. Teller = lasten per inwoner nu, noemer = begroot per inwoner in het basisjaar (beide op de cent).',
    'Burden per inhabitant ÷ budgeted burden per inhabitant in the base year (2017) × 100, computed on the unrounded amounts. Numerator = burden per inhabitant now, denominator = budgeted per inhabitant in the base year (both to the cent).',
    'aantal',
    'neutraal',
    IV3_YEAR,
  ),
  false,
  (g) => {
    const now = div(g.burden, g.inhabitants);
    const base = div(g.burdenBaseBegroting, g.inhabitantsBaseYear);
    // the index from the exact amounts (as the catalogue defines it); what leaves as an amount is to the cent
    const cent = (x: number | null) => (x === null ? null : roundHalfUp(x, 2));
    return {
      value: now === null || base === null ? null : indexOf(now, base),
      numerator: cent(now),
      denominator: cent(base),
      flags: [...burdenFlags(g), ...g.yearFlags],
    };
  },
);

const evaDefinition = def(
  'expected_vs_actual',
  'Verwacht versus feitelijk',
  'Expected versus actual',
  'Verschil in procentpunten tussen het feitelijke % jeugdigen met jeugdhulp zonder verblijf (CBS) en het verwachte % bij het SES-deciel, het armoededeciel en de omvang (ln inwoners) van de gemeente, uit een robuuste regressie (Huber) over alle gemeenten. Met --by maat: feitelijk, verwacht, en de grenzen van het 95%-voorspelinterval.',
  "Difference in percentage points between the actual % youths with jeugdhulp without residence (CBS) and the % expected from the gemeente's SES decile, poverty decile and size (ln inhabitants), by a robust (Huber) regression over all gemeenten. With --by maat: actual, expected and the bounds of the 95% prediction interval.",
  'procent',
  'neutraal',
);

const fits = new WeakMap<BenchmarkData, RobustFit | null>();

/** One fit per benchmark data set: the same model as the benchmark table's. */
function fitOf(d: BenchmarkData): RobustFit | null {
  if (!fits.has(d)) fits.set(d, fitModel('pct_without_residence', d.gemeenten, (g) => g.pct)?.fit ?? null);
  return fits.get(d)!;
}

export const expectedVsActual = defineIndicator({
  definition: evaDefinition,
  dimensions: { maat: null },
  periodFlags: 'none',
  async figures({ lens, q, by, cbsMapping }) {
    const d = await data(lens, q, cbsMapping);
    const fit = fitOf(d);
    const byCode = new Map(d.gemeenten.map((g) => [g.code, g]));
    return (await gemeentenOf(lens, q)).flatMap((code): Figure[] => {
      // one row per gemeente, also when split by maat
      if (q.period.kind !== 'half') return [{ gemeente: code, value: null, by: null, flags: ['alleen_per_halfjaar'] }];
      const g = byCode.get(code);
      const x = g ? features(g) : null;
      const p = fit && x ? predict(fit, x) : null;
      const actual = g?.pct ?? null;
      const flags: Flag[] = p === null ? [...cbsFlags(g), 'geen_noemer'] : cbsFlags(g);
      // hundredths of a percentage point, exact decimal half away from zero (docs/indicators.md, step 11)
      const r2 = (v: number | null) => (v === null ? null : roundHalfUp(v, 2));
      if (by === 'maat') {
        return (
          [
            ['feitelijk', actual],
            ['verwacht', p?.expected ?? null],
            ['ondergrens', p?.lower ?? null],
            ['bovengrens', p?.upper ?? null],
          ] as const
        ).map(([k, v]) => ({ gemeente: code, value: r2(v), key: k, flags }));
      }
      return [{ gemeente: code, value: p && actual !== null ? r2(actual - p.expected) : null, flags }];
    });
  },
});

export const BENCHMARK_INDICATORS: readonly Indicator[] = [
  sesDecile,
  povertyDecile,
  cbsPctWithoutResidence,
  indexPct,
  burdenPerUser,
  burdenPerInhabitant,
  burdenIndex,
  expectedVsActual,
];
