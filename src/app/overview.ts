/**
 * The Overzicht as a steering table (issue 16.1): five headline tiles — % youths in care, new inflow,
 * money (cost so far + commitments against the budget, with the year-end forecast range), waiting
 * time against the norm, goals on track — each with its change against the previous period and a
 * comparison with comparable gemeenten, in words. The figures are the catalogue's rows through the
 * same lens cache as GET /api/v1/indicators/:id; several gemeenten are combined with indicators/region.ts
 * before disclosure control. For roles under disclosure control the words are worked out from the
 * PUBLISHED rows (as goals are, routes/goals.ts): words from exact values would say what the
 * rounding hides ("lager" between two figures that both publish as 120).
 * Over 400 lines: five tiles share one lens cache and the disclosure rules; next split: one file per tile.
 */
import { formatPeriod, shiftPeriod, type Period } from '../domain/periods.js';
import { findIndicator } from '../indicators/catalogue.js';
import { canCombine, combineRows } from '../indicators/region.js';
import { applyDisclosureControl } from './disclosure.js';
import { sumEuro, ratioHalfUp } from '../domain/decimal.js';
import { isHeadlineRow } from '../indicators/sql.js';
import type { IndicatorRow } from '../indicators/types.js';
import type { EvaluatedGoal } from './goals.js';
import type { LensHolder } from './lensHolder.js';

export type TileId = 'jeugdhulp' | 'instroom' | 'geld' | 'wachttijd' | 'doelen';
/** How a word is to be read: good, bad, worth a look, or neither (the web gives each its colour and icon). */
export type Tone = 'goed' | 'slecht' | 'aandacht' | 'neutraal';

export interface Words {
  readonly code: string;
  readonly tone: Tone;
  readonly nl: string;
  readonly en: string;
}

export interface Tile {
  readonly id: TileId;
  /** the catalogue indicator behind the headline figure (null: goals) */
  readonly indicator: string | null;
  readonly unit: IndicatorRow['unit'] | 'tekst';
  readonly titleNl: string;
  readonly titleEn: string;
  readonly definitionNl: string;
  readonly definitionEn: string;
  /** the page with the detail */
  readonly detailPath: string;
  readonly current: IndicatorRow | null;
  readonly previous: IndicatorRow | null;
  /** money: spent (kosten), committed (verplichtingen), budget, forecast with low/high; waiting: the median */
  readonly parts: readonly IndicatorRow[];
  /** goals: the status of every goal, in words (counts of goals, not of persons) */
  readonly goalStatuses?: readonly string[];
  readonly change: Words;
  readonly comparison: Words;
}

export interface OverviewInput {
  readonly lens: LensHolder;
  readonly period: Period;
  readonly gemeenten: readonly string[];
  readonly money: boolean;
  readonly published: boolean;
  readonly goals: readonly EvaluatedGoal[];
  /** which indicators the role may see */
  readonly allowed: (indicator: string) => boolean;
}

const NO_COMPARISON: Words = {
  code: 'geen_vergelijking',
  tone: 'neutraal',
  nl: 'geen vergelijking met vergelijkbare gemeenten',
  en: 'no comparison with comparable gemeenten',
};

/** A row built here (an amount taken from another row's parts) in the catalogue's row shape. */
/** A part of a tile (exported for its test). */
export function amountRow(source: IndicatorRow, key: string, value: number | null, ownAmount = true): IndicatorRow {
  // not marked as protected: disclosure control publishes the amount itself (whole euros)
  const flags = source.flags.filter((f) => f !== 'afgerond' && f !== 'onderdrukt');
  const { indicator, gemeente, period } = source;
  return {
    // an amount of the source's own money is hidden where the source is (red team 23: "besteed" beside a hidden
    // budget burn gave a month's spending, and with it one youth's tranche); the budget is no one's
    ...(ownAmount && source.hiddenWhenPublished ? { hiddenWhenPublished: true } : {}),
    indicator,
    gemeente,
    period,
    by: 'onderdeel',
    key,
    value,
    numerator: null,
    denominator: null,
    unit: 'euro',
    flags,
  };
}

/** Rows of several gemeenten as one figure: summed or pooled where sound (region.ts), labelled `label`. */
function combined(id: string, rows: readonly IndicatorRow[], label: string): IndicatorRow[] {
  if (rows.length === 0) return [];
  if (canCombine(id)) return combineRows(id, rows, label);
  // a share within a norm is pooled like any share: Σ within ÷ Σ counted
  const pooled = rows.filter((r) => r.key === 'binnen_norm');
  const out: IndicatorRow[] = [];
  if (pooled.length > 0) {
    const num = pooled.reduce((s, r) => s + (r.numerator ?? 0), 0);
    const den = pooled.reduce((s, r) => s + (r.denominator ?? 0), 0);
    const value = den > 0 ? ratioHalfUp(num, den, 100, 3) : null;
    const flags = [...new Set(pooled.flatMap((r) => r.flags))];
    out.push({ ...pooled[0]!, gemeente: label, value, numerator: num, denominator: den, flags });
  }
  for (const r of rows.filter((x) => x.key !== 'binnen_norm' && (x.key === null || x.key === 'mediaan'))) {
    if (out.some((o) => o.key === r.key)) continue;
    out.push({ ...r, gemeente: label, value: null, numerator: null, denominator: null, flags: ['niet_optelbaar'] });
  }
  return out;
}

/** The comparison of two figures in words; `better` says which way is good (null: neither). */
function change(
  curRow: IndicatorRow | null | undefined,
  prevRow: IndicatorRow | null | undefined,
  better: 'hoger' | 'lager' | null,
  against: { nl: string; en: string },
): Words {
  const [cur, prev] = [curRow?.value, prevRow?.value];
  // half a year against a whole one says nothing about the direction (found from outside: "lager" for 2026 so far)
  if (curRow?.flags.includes('periode_niet_compleet') && !prevRow?.flags.includes('periode_niet_compleet')) {
    return {
      code: 'niet_compleet',
      tone: 'neutraal',
      nl: `de periode is nog niet compleet: niet te vergelijken met ${against.nl}`,
      en: `the period is not complete yet: not comparable with ${against.en}`,
    };
  }
  // an amount over months before the first claim line (the data start mid-year) is not a period's cost: the
  // next period would read as a rise that is none
  if (curRow?.flags.includes('declaraties_deels') || prevRow?.flags.includes('declaraties_deels')) {
    return {
      code: 'niet_compleet',
      tone: 'neutraal',
      nl: `de declaraties beginnen later dan de periode: niet te vergelijken met ${against.nl}`,
      en: `the claims start after the period begins: not comparable with ${against.en}`,
    };
  }
  if (cur === null || cur === undefined || prev === null || prev === undefined) {
    const nl = `geen cijfer om te vergelijken met ${against.nl}`;
    return { code: 'onbekend', tone: 'neutraal', nl, en: `no figure to compare with ${against.en}` };
  }
  if (cur === prev) {
    return { code: 'gelijk', tone: 'neutraal', nl: `gelijk aan ${against.nl}`, en: `the same as ${against.en}` };
  }
  const up = cur > prev;
  const tone: Tone = better === null ? 'neutraal' : (better === 'hoger') === up ? 'goed' : 'slecht';
  return up
    ? { code: 'hoger', tone, nl: `hoger dan ${against.nl}`, en: `higher than ${against.en}` }
    : { code: 'lager', tone, nl: `lager dan ${against.nl}`, en: `lower than ${against.en}` };
}

const PREVIOUS = { nl: 'de vorige periode', en: 'the previous period' };
const YEAR_BEFORE = { nl: 'dezelfde periode vorig jaar', en: 'the same period last year' };

/** Expected versus actual (the benchmark's model, CBS % without residence): where the gemeente stands. */
function expectedWords(rows: readonly IndicatorRow[], gemeente: string): Words {
  const get = (k: string) => rows.find((r) => r.gemeente === gemeente && r.key === k)?.value ?? null;
  const [actual, expected, lower, upper] = [get('feitelijk'), get('verwacht'), get('ondergrens'), get('bovengrens')];
  if (actual === null || expected === null || lower === null || upper === null) return NO_COMPARISON;
  const nl = (v: number) => `${v.toLocaleString('nl-NL', { maximumFractionDigits: 1 })}%`;
  const en = (v: number) => `${v.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
  const said = (code: string, tone: Tone, nlWord: string, enWord: string): Words => ({
    code,
    tone,
    nl: `${nlWord} verwacht bij vergelijkbare gemeenten (CBS: ${nl(actual)} tegen ${nl(expected)} verwacht)`,
    en: `${enWord} expected for comparable gemeenten (CBS: ${en(actual)} against ${en(expected)} expected)`,
  });
  if (actual > upper) return said('hoger_dan_verwacht', 'aandacht', 'hoger dan', 'higher than');
  if (actual < lower) return said('lager_dan_verwacht', 'aandacht', 'lager dan', 'lower than');
  return said('zoals_verwacht', 'neutraal', 'zoals', 'as');
}

/** An indicator's rows: as shown (published for roles under disclosure control) and exact. */
interface Fetched {
  readonly cur: IndicatorRow[];
  readonly prev: IndicatorRow[];
  readonly exact: IndicatorRow[];
  readonly exactPrev: IndicatorRow[];
}

/** Every tile for one gemeente, or for several as one figure (gemeente = REGIO). */
function tilesFor(
  input: OverviewInput,
  gemeente: string,
  data: Map<string, Fetched>,
  eva: IndicatorRow[],
  goals: readonly EvaluatedGoal[],
): Tile[] {
  const pick = (id: string, which: 'cur' | 'prev', key: string | null = null) =>
    data
      .get(id)
      ?.[which].find(
        (r) => r.gemeente === gemeente && (key === null ? isHeadlineRow(r) && r.key === null : r.key === key),
      ) ?? null;
  const def = (id: string) => findIndicator(id)!.definition;
  const tiles: Tile[] = [];
  const base = (id: string) => {
    const d = def(id);
    return { indicator: id, unit: d.unit, definitionNl: d.definitionNl, definitionEn: d.definitionEn };
  };
  if (input.allowed('pct_youth_in_care')) {
    const cur = pick('pct_youth_in_care', 'cur');
    const prev = pick('pct_youth_in_care', 'prev');
    const regio = gemeente === REGIO;
    const perGemeente = {
      ...NO_COMPARISON,
      nl: 'vergelijking per gemeente: zie de tabel',
      en: 'comparison per gemeente: see the table',
    };
    tiles.push({
      id: 'jeugdhulp',
      ...base('pct_youth_in_care'),
      titleNl: 'Aandeel jeugdigen met jeugdhulp',
      titleEn: 'Share of youths in care',
      detailPath: '/gebruik',
      current: cur,
      previous: prev,
      parts: [],
      change: change(cur, prev, null, PREVIOUS),
      comparison: regio ? perGemeente : expectedWords(eva, gemeente),
    });
  }
  if (input.allowed('inflow_youth')) {
    const cur = pick('inflow_youth', 'cur');
    const prev = pick('inflow_youth', 'prev');
    tiles.push({
      id: 'instroom',
      ...base('inflow_youth'),
      titleNl: 'Nieuwe instroom',
      titleEn: 'New inflow',
      detailPath: '/gebruik',
      current: cur,
      previous: prev,
      parts: [],
      change: change(cur, prev, null, PREVIOUS),
      comparison: NO_COMPARISON,
    });
  }
  if (input.money) {
    const burn = pick('budget_burn', 'cur');
    const burnBefore = pick('budget_burn', 'prev');
    const committed = pick('commitments', 'cur');
    const forecast = pick('forecast_year_end', 'cur') as
      (IndicatorRow & { low?: number; high?: number; realisedPayments?: number; payments?: number }) | null;
    // amounts are taken from the exact rows: euros are not counts of persons, only rounded to whole euros
    const spent = data.get('budget_burn')?.exact.find((r) => r.gemeente === gemeente) ?? null;
    const parts: IndicatorRow[] = [];
    if (spent) {
      parts.push(amountRow(spent, 'besteed', spent.numerator), amountRow(spent, 'begroting', spent.denominator, false));
    }
    if (committed) parts.push({ ...committed, by: 'onderdeel', key: 'verplicht' });
    if (forecast) {
      parts.push(
        amountRow(forecast, 'prognose', forecast.value),
        amountRow(forecast, 'prognose_laag', forecast.low ?? null),
        amountRow(forecast, 'prognose_hoog', forecast.high ?? null),
      );
      // the forecast holds every form the "besteed" beside it holds: the tile says how much of it is payments
      // outside iJw (lump sums, tranches, pgb, subsidies), paid so far and expected
      if (forecast.realisedPayments !== undefined && forecast.payments !== undefined)
        parts.push(
          amountRow(
            forecast,
            'prognose_betalingen',
            forecast.realisedPayments === null || forecast.payments === null
              ? null
              : sumEuro([forecast.realisedPayments, forecast.payments]),
          ),
        );
    }
    const budget = spent?.denominator ?? null;
    const total =
      spent?.numerator === null || spent?.numerator === undefined
        ? null
        : sumEuro([spent.numerator, committed?.value ?? 0]);
    const [burnDef, commitDef, forecastDef] = [def('budget_burn'), def('commitments'), def('forecast_year_end')];
    tiles.push({
      id: 'geld',
      indicator: 'budget_burn',
      unit: 'procent',
      titleNl: 'Geld: besteed en verplicht tegen de begroting',
      titleEn: 'Money: spent and committed against the budget',
      definitionNl: [
        burnDef.definitionNl,
        `Verplichtingen: ${commitDef.definitionNl}`,
        `Prognose: ${forecastDef.definitionNl}`,
      ].join(' '),
      definitionEn: [
        burnDef.definitionEn,
        `Commitments: ${commitDef.definitionEn}`,
        `Forecast: ${forecastDef.definitionEn}`,
      ].join(' '),
      detailPath: '/geld',
      current: burn,
      previous: burnBefore,
      parts,
      change: change(burn, burnBefore, null, YEAR_BEFORE),
      comparison: budgetWords(budget, total, forecast?.high ?? null),
    });
  }
  if (input.allowed('wait_allocation_to_start')) {
    const id = 'wait_allocation_to_start';
    const cur = pick(id, 'cur', 'binnen_norm');
    const prev = pick(id, 'prev', 'binnen_norm');
    const median = pick(id, 'cur', 'mediaan');
    tiles.push({
      id: 'wachttijd',
      ...base(id),
      unit: 'procent',
      titleNl: 'Wachttijd: start binnen de norm',
      titleEn: 'Waiting: start within the norm',
      detailPath: '/wachttijden',
      current: cur,
      previous: prev,
      parts: median ? [median] : [],
      change: change(cur, prev, 'hoger', PREVIOUS),
      comparison: NO_COMPARISON,
    });
  }
  const own = goals.filter((g) => gemeente === REGIO || g.gemeente === gemeente);
  const onTrack = own.filter((g) => g.evaluation.status === 'op koers').length;
  const all = onTrack === own.length;
  tiles.push({
    id: 'doelen',
    indicator: null,
    unit: 'tekst',
    titleNl: 'Doelen op koers',
    titleEn: 'Goals on track',
    detailPath: '/doelen',
    definitionNl:
      'De doelen van de gemeente met hun status, berekend uit de trend van de laatste vier halfjaren ' +
      '(zie Doelen).',
    definitionEn:
      'The gemeente\u2019s goals with their status, from the trend of the last four half-years ' + '(see Goals).',
    current: null,
    previous: null,
    parts: [],
    goalStatuses: own.map((g) => g.evaluation.status),
    change:
      own.length === 0
        ? { code: 'geen_doelen', tone: 'neutraal', nl: 'nog geen doelen vastgelegd', en: 'no goals set yet' }
        : { code: all ? 'alle_op_koers' : 'niet_alle_op_koers', tone: all ? 'goed' : 'aandacht', ...goalCounts(own) },
    comparison: NO_COMPARISON,
  });
  return tiles;
}

const GOAL_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['op koers', 'on track'],
  ['aandacht', 'needing attention'],
  ['achter', 'behind'],
  ['onbekend', 'unknown'],
];

/** How many goals stand where, in words: "2 op koers, 1 achter". */
function goalCounts(goals: readonly EvaluatedGoal[]): { nl: string; en: string } {
  const counted = GOAL_WORDS.map(([nl, en]) => ({
    nl,
    en,
    n: goals.filter((g) => g.evaluation.status === nl).length,
  })).filter((c) => c.n > 0);
  return { nl: counted.map((c) => `${c.n} ${c.nl}`).join(', '), en: counted.map((c) => `${c.n} ${c.en}`).join(', ') };
}

/** Periods of a kind in a year: the same period a year before. */
const PER_YEAR: Readonly<Record<Period['kind'], number>> = { year: 1, half: 2, quarter: 4, month: 12 };

/** Cost so far plus commitments against the budget, and whether the forecast's upper bound stays under it. */
function budgetWords(budget: number | null, total: number | null, high: number | null): Words {
  if (budget === null || total === null) {
    return { code: 'geen_begroting', tone: 'neutraal', nl: 'geen begroting ingelezen', en: 'no budget loaded' };
  }
  if (total > budget) {
    return {
      code: 'boven_begroting',
      tone: 'slecht',
      nl: 'besteed en verplicht samen boven de begroting',
      en: 'spent and committed together above the budget',
    };
  }
  if (high !== null && high > budget) {
    return {
      code: 'prognose_boven_begroting',
      tone: 'aandacht',
      nl: 'binnen de begroting, maar de prognose kan erboven uitkomen',
      en: 'within the budget, but the forecast may exceed it',
    };
  }
  return {
    code: 'binnen_begroting',
    tone: 'goed',
    nl: 'besteed en verplicht samen binnen de begroting',
    en: 'spent and committed together within the budget',
  };
}

/** The label of several gemeenten combined (the regio, or all gemeenten in the scope). */
export const REGIO = 'regio';

export interface Overview {
  readonly period: string;
  readonly previousPeriod: string;
  readonly yearBefore: string;
  /** 'gemeente': one gemeente; 'regio': the total of several first, then each gemeente */
  readonly level: 'gemeente' | 'regio';
  readonly tiles: readonly Tile[];
  readonly gemeenten: ReadonlyArray<{ readonly gemeente: string; readonly tiles: readonly Tile[] }>;
}

export async function overview(input: OverviewInput): Promise<Overview> {
  const { lens, period, gemeenten } = input;
  const previous = shiftPeriod(period, -1);
  const yearBefore = shiftPeriod(period, -PER_YEAR[period.kind]);
  const several = gemeenten.length > 1;
  const money = input.money ? ['budget_burn', 'commitments', 'forecast_year_end'] : [];
  const ids = [...['pct_youth_in_care', 'inflow_youth', 'wait_allocation_to_start'].filter(input.allowed), ...money];
  const data = new Map<string, Fetched>();
  for (const id of ids) {
    const by = id.startsWith('wait_') ? 'statistiek' : undefined;
    const before = id === 'budget_burn' ? yearBefore : previous;
    const cur = await lens.rows(id, [period], gemeenten, by);
    const prev = id === 'commitments' || id === 'forecast_year_end' ? [] : await lens.rows(id, [before], gemeenten, by);
    const total = (rows: IndicatorRow[]) =>
      id === 'forecast_year_end' ? forecastTotal(rows) : combined(id, rows, REGIO);
    // a total over other gemeenten than the one it is compared with is no comparison: a gemeente whose claims began
    // later has no row before them, and the sum then rose by a whole gemeente (red team 13: 2025-01 of three against
    // 2024-01 of one read "hoger"). The total that lacks a gemeente the other has is marked as partial, so change()
    // says "niet te vergelijken" — that one only: both were marked, and a year whose every gemeente had its claims
    // from 1 January said "declaraties pas vanaf een latere maand" because the year before had none (red team)
    const withTotal = (rows: IndicatorRow[], other: IndicatorRow[]) =>
      several
        ? [
            ...rows,
            ...total(rows).map((r) =>
              other.length > 0 &&
              lacksMember(rows, other) &&
              findIndicator(id)?.definition.sources.includes('declaraties')
                ? { ...r, flags: [...new Set([...r.flags, 'declaraties_deels' as const])] }
                : r,
            ),
          ]
        : rows;
    const exact = withTotal(cur, prev);
    const exactPrev = withTotal(prev, cur);
    const publish = (rows: IndicatorRow[]) => (input.published ? applyDisclosureControl(rows, { total: REGIO }) : rows);
    data.set(id, { cur: publish(exact), prev: publish(exactPrev), exact, exactPrev });
  }
  // expected versus actual exists per half-year only (CBS publishes the % per half-year)
  const eva =
    period.kind === 'half' && input.allowed('expected_vs_actual')
      ? await lens.rows('expected_vs_actual', [period], gemeenten, 'maat')
      : [];
  const publishedEva = input.published ? applyDisclosureControl(eva) : eva;
  const tiles = tilesFor(input, several ? REGIO : gemeenten[0]!, data, publishedEva, input.goals);
  const perGemeente = several
    ? gemeenten.map((g) => ({ gemeente: g, tiles: tilesFor(input, g, data, publishedEva, input.goals) }))
    : [];
  return {
    period: formatPeriod(period),
    previousPeriod: formatPeriod(previous),
    yearBefore: formatPeriod(yearBefore),
    level: several ? 'regio' : 'gemeente',
    tiles,
    gemeenten: perGemeente,
  };
}

/** The gemeenten with a figure among the headline rows. */
const members = (rows: readonly IndicatorRow[]): Set<string> =>
  new Set(rows.filter((r) => r.key === null && r.value !== null).map((r) => r.gemeente));

/** Whether `other` has a figure for a gemeente that `rows` has none for: a total of `rows` then covers fewer. */
export function lacksMember(rows: readonly IndicatorRow[], other: readonly IndicatorRow[]): boolean {
  const mine = members(rows);
  return [...members(other)].some((g) => !mine.has(g));
}

/** The forecast's terms and range (indicators/forecast.ts ForecastRow). */
type ForecastTerm = 'low' | 'high' | 'realised' | 'realisedPayments' | 'continuation' | 'newInflow' | 'payments';

/**
 * The forecast is a sum of sums (realised + continuation + inflow + payments outside iJw): for several gemeenten the
 * terms add up.
 */
function forecastTotal(rows: readonly IndicatorRow[]): IndicatorRow[] {
  if (rows.length === 0) return [];
  const f = rows as ReadonlyArray<IndicatorRow & Record<ForecastTerm, number>>;
  const sum = (k: ForecastTerm) => sumEuro(f.map((r) => r[k] ?? 0));
  // every term summed: spreading the first gemeente's row would keep its own realised/continuation/inflow
  return [
    {
      ...f[0]!,
      gemeente: REGIO,
      value: sumEuro(f.map((r) => r.value ?? 0)),
      numerator: null,
      denominator: null,
      low: sum('low'),
      high: sum('high'),
      realised: sum('realised'),
      realisedPayments: sum('realisedPayments'),
      continuation: sum('continuation'),
      newInflow: sum('newInflow'),
      payments: sum('payments'),
      flags: [...new Set(f.flatMap((r) => r.flags))],
    } as IndicatorRow,
  ];
}
