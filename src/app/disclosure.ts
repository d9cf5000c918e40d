/**
 * Disclosure control for outputs that leave the circle authorised for a gemeente's person-level
 * data (docs/domain/indicators.md, docs/domain/privacy.md rule 5): bestuur and aanbieder on every API answer
 * (server/disclosureStep.ts) and every external report or export (reports/model.ts). One set of
 * rules, applied to exact figures, only where a figure is published:
 * - counts rounded to a multiple of 5; a count below 10 suppressed ("<10");
 * - a rate or share computed from the PUBLISHED numbers: round5(n) / round5(D) x 100 at one decimal
 *   (half up), suppressed when the count behind it (or its complement D - n) is below 10. The
 *   issue text asked for rates at one decimal from the EXACT numbers; that is what let a red team
 *   (finding F1) undo the rounding: below D of about 1000 one decimal is finer than 1/D, so a split
 *   of shares beside any rounded count of the same D (a total published elsewhere) leaves one exact
 *   D that fits every share, and with it the exact cells and the sum of the suppressed ones. A rate
 *   from the rounded counts carries nothing beyond those counts (as CBS does for small areas);
 * - other derived figures (averages) computed from the exact numbers, published at one decimal and
 *   suppressed when the count behind them is below 10;
 * - complementary suppression within a split, so a hidden cell cannot be recovered from the others;
 * - no numerator/denominator pair next to a rate or an average: with a rate at one decimal a
 *   rounded pair still gives the exact counts back (3.812% beside 15/340 is exactly 13/341), so
 *   the pair is dropped and a count is published only as a count of its own;
 * - an aanbieder sees a split by provider only for itself (the other providers' rows are removed;
 *   the regional totals stay).
 * Pure: values in, values out. `protectPayload` walks any JSON answer and applies the rules by the
 * unit each figure declares (an indicator row's `unit`, a table column's unit, the catalogue unit of
 * a goal's indicator, or the field's declared unit below); a number with no declared unit is treated
 * as a count, the protective default.
 * Over 400 lines: the rules for rows and the walk that applies them to whole answers are one set, read together.
 */
import type { IndicatorRow, Unit } from '../indicators/types.js';
import { roundHalfUp } from '../domain/decimal.js';
import { findIndicator } from '../indicators/catalogue.js';
import { goalExplanationNl } from '../indicators/goals.js';
import { MIN_CELL, complementaryCell } from '../domain/cellRules.js';

// the rules an indicator needs before publishing live below the indicators (domain/cellRules.ts); here as before
export { MIN_CELL, complementaryCell };
export const ROUND_TO = 5;

const roundTo5 = (n: number): number => Math.round(n / ROUND_TO) * ROUND_TO;
/** Half up in decimal: 2.25 → 2.3 (binary floating point would give 2.2). */
const round1 = (n: number): number => (Math.sign(n) * Math.round(Number(`${Math.abs(n)}e1`) + Number.EPSILON)) / 10;
const round3 = (n: number): number => (Math.sign(n) * Math.round(Number(`${Math.abs(n)}e3`))) / 1000;

/** How a published number is treated: a unit of the catalogue, or one of these field kinds. */
export type PublishedUnit = Unit | 'eurocent' | 'fractie' | 'model' | 'vrij';

/**
 * One published figure by its unit. A count below 10 becomes null (shown "<10"), a count above it
 * a multiple of 5; a percentage or a score one decimal, a number of days whole days; an amount whole euros;
 * an amount in eurocent whole euros; a fraction (0–1) or a model statistic fitted on published CBS
 * figures three decimals; 'vrij' (identifiers, years,
 * published CBS figures, settings) unchanged.
 */
export function protectNumber(v: number, unit: PublishedUnit): number | null {
  if (!Number.isFinite(v)) return null;
  switch (unit) {
    case 'aantal':
      return Math.abs(v) < MIN_CELL ? null : roundTo5(v);
    case 'procent':
    case 'score':
    case 'per_1000':
      return round1(v);
    case 'dagen':
      // whole days: a median or P90 is interpolated between two waits, and its decimals gave the count behind it
      // modulo 10 (red teams 34 and 37)
      return roundHalfUp(v, 0);
    case 'euro':
      // half away from zero on the decimal as written, like every published figure (a deficit −2.5 is −3)
      return roundHalfUp(v, 0);
    case 'eurocent':
      return roundHalfUp(v / 100, 0) * 100;
    case 'fractie':
    case 'model':
      return round3(v);
    case 'vrij':
      return v;
  }
}

/** The count of persons or trajectories behind a row, when the row has one. */
function cellCount(r: IndicatorRow): number | null {
  if (r.unit === 'aantal') return r.value;
  // an amount's own youths where it has them (a cost total has no denominator; a cost per inhabitant's is the
  // population): at a fixed tariff the amount gives the count of youths back (red team 2)
  if (r.unit === 'euro' && r.youths !== undefined && r.youths !== null) return r.youths;
  if (r.unit === 'euro' || r.unit === 'dagen' || r.unit === 'score') return r.denominator;
  return r.numerator;
}

/** Is the row (or its complement within its denominator) too small to publish? */
function tooSmall(r: IndicatorRow): boolean {
  // an amount hidden in the linked month tables (indicators/amountCells.ts), whatever its own count
  if (r.hiddenWhenPublished) return true;
  const n = cellCount(r);
  if (n !== null && Math.abs(n) < MIN_CELL) return true;
  // a share of persons: the ones not in the numerator are a cell too (97% of 100 names 3)
  if (
    r.unit === 'procent' &&
    r.numerator !== null &&
    r.denominator !== null &&
    r.denominator - r.numerator < MIN_CELL &&
    r.denominator - r.numerator >= 0 &&
    r.value !== null &&
    r.value <= 100
  )
    return true;
  return false;
}

const withFlag = (r: IndicatorRow, f: 'onderdrukt' | 'afgerond'): IndicatorRow['flags'] => [
  ...new Set([...r.flags, f]),
];

/** A row without the youths behind its amount: that count is for the decision above, not for publication. */
function withoutYouths(r: IndicatorRow): IndicatorRow {
  const { youths: _youths, hiddenWhenPublished: _hidden, ...rest } = r;
  return rest;
}

/** Amounts a row carries beside its value (budget_burn, forecast_year_end): hidden with it. */
const AMOUNT_EXTRAS = [
  'remaining',
  'realised',
  'realisedPayments',
  'continuation',
  'newInflow',
  'payments',
  'low',
  'high',
  'budget',
  'reserve',
  'budgetWithReserve',
] as const;

function suppress(r: IndicatorRow): IndicatorRow {
  const extras = Object.fromEntries(AMOUNT_EXTRAS.filter((k) => r[k] !== undefined).map((k) => [k, null]));
  return {
    ...withoutYouths(r),
    ...extras,
    value: null,
    numerator: null,
    denominator: null,
    // a flag that tells where the hidden value lies (above the solidarity trigger) is hidden with it, and so is
    // `afgerond`: a complementary cell is published (rounded) before it is hidden, and kept that flag, so the small
    // cell was the one without it (red team 37)
    flags: withFlag(r, 'onderdrukt').filter((f) => !VALUE_FLAGS.has(f) && f !== 'afgerond'),
  };
}

const VALUE_FLAGS: ReadonlySet<string> = new Set(['boven_solidariteitsdrempel']);

/**
 * A rate value = f x n / D (f = 100 for a percentage) published from the rounded counts: f x round5(n) / round5(D).
 * Only the published counts go in, so the rate cannot pin the exact D (see the module comment, finding F1).
 */
function publishedRate(value: number, n: number, d: number): number {
  if (n === 0 || d === 0 || roundTo5(d) === 0) return round1(value);
  // the factor is 100 (per cent) or another power of ten (per 1,000): snapped, because the indicator's value may be
  // rounded already, and a factor taken from it carried a trace of the exact counts into a tie (red team: 15/80 gave
  // 18,8 beside D = 78 and 18,7 beside D = 79)
  const raw = value / (n / d);
  const power = 10 ** Math.round(Math.log10(Math.abs(raw)));
  // a per-cent value rounded to one decimal is within 0,05 of 100 n / D, however small the share
  const factor =
    Math.abs(value - (100 * n) / d) <= 0.05 + 1e-9 ? 100 : Math.abs(raw - power) <= 0.02 * power ? power : raw;
  return round1((factor * roundTo5(n)) / roundTo5(d));
}

/**
 * A share 0–1 of n in D (data quality) as published: from the rounded counts at three decimals (0.1%),
 * null when n or its complement D - n is below 10 (a share of 1 says that none failed).
 */
export function publishedFraction(n: number, d: number): number | null {
  if (!Number.isFinite(n) || !Number.isFinite(d) || d <= 0) return null;
  if (Math.abs(n) < MIN_CELL || Math.abs(d - n) < MIN_CELL) return null;
  return round3(roundTo5(n) / roundTo5(d));
}

/**
 * An amount per person (cost per client: total ÷ clients) published from the rounded count: total ÷ round5(D),
 * whole euros. Found by the second red team: the whole-euro total beside a per-client amount from the exact
 * count pinned the exact number of clients (5,351,781 ÷ 2,119 leaves only D = 2,526) in 23 of 25 periods.
 * A euro row whose value is not its numerator ÷ denominator (a difference, a total) is not a per-unit amount.
 */
function perUnitAmount(r: IndicatorRow): boolean {
  return (
    r.unit === 'euro' &&
    r.value !== null &&
    r.numerator !== null &&
    r.denominator !== null &&
    r.denominator > 0 &&
    Math.abs(r.numerator / r.denominator - r.value) <= 0.01 + 1e-9 * Math.abs(r.value)
  );
}

/** total ÷ round5(n) in whole euros: an amount per person that does not give the exact n back. */
const perRoundedCount = (total: number, n: number): number => Math.round(total / roundTo5(n));

function publish(r: IndicatorRow): IndicatorRow {
  // a rate per 1,000 is a share of persons too: from the rounded counts (publishedRate snaps its factor to 1000)
  const rate =
    (r.unit === 'procent' || r.unit === 'per_1000') &&
    r.value !== null &&
    r.numerator !== null &&
    r.denominator !== null;
  const value =
    r.value === null
      ? null
      : rate
        ? publishedRate(r.value, r.numerator!, r.denominator!)
        : findIndicator(r.indicator)?.definition.perVolume
          ? roundHalfUp(r.value, 2)
          : perUnitAmount(r)
            ? roundTo5(r.denominator!) === 0
              ? null
              : perRoundedCount(r.numerator!, r.denominator!)
            : protectNumber(r.value, r.unit);
  // a count row's numerator is the count itself; every other pair is dropped (see the module comment)
  const numerator = r.unit === 'aantal' ? value : null;
  return { ...withoutYouths(r), value, numerator, denominator: null, flags: withFlag(r, 'afgerond') };
}

const isProtected = (r: IndicatorRow): boolean => r.flags.includes('onderdrukt') || r.flags.includes('afgerond');

/** Rows of one indicator query, exact in, published out. Rows already protected pass unchanged. */
export function applyDisclosureControl(rows: readonly IndicatorRow[], opts: { total?: string } = {}): IndicatorRow[] {
  if (rows.length > 0 && rows.every(isProtected)) return [...rows];
  const out = rows.map((r) => (isProtected(r) ? r : tooSmall(r) ? suppress(r) : publish(r)));
  // complementary suppression within each split (same indicator, gemeente, period and dimension)
  const groups = new Map<string, number[]>();
  out.forEach((r, i) => {
    if (r.by === null) return;
    const key = `${r.indicator}|${r.gemeente}|${r.period}|${r.by}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  // and across the gemeenten beside their published total (`opts.total` names the total's row): one hidden
  // gemeente is the total minus the others (red team 3: regio inflow 325, eight gemeenten 320)
  if (opts.total !== undefined && out.some((r) => r.gemeente === opts.total && !r.flags.includes('onderdrukt'))) {
    out.forEach((r, i) => {
      if (r.gemeente === opts.total) return;
      const key = `across|${r.indicator}|${r.period}|${r.by ?? ''}|${r.key ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
  }
  const complement = (idx: readonly number[]): boolean => {
    const pick = complementaryCell(
      idx.map((i) => out[i]!.flags.includes('onderdrukt')),
      idx.map((i) => cellCount(rows[i]!) ?? Infinity),
    );
    if (pick !== null) out[idx[pick]!] = suppress(out[idx[pick]!]!);
    return pick !== null;
  };
  for (const idx of groups.values()) complement(idx);
  // a two-way split: every line and every column once more, until none has exactly one hidden cell
  const lines = twoWayLines(out);
  for (let changed = lines.length > 0; changed;) changed = lines.map(complement).some(Boolean);
  return publishedDifferences(out);
}

/**
 * Rows whose value is the difference of two published shares beside them: liaison_referral_shift's `verschil`
 * (after − before, keys `[<location>:]voor`, `na`, `verschil`). Its exact value would carry more than the two shares
 * published from rounded counts, so it is taken from those published shares, and hidden when either of them is.
 */
const DIFFERENCE_ROWS: ReadonlySet<string> = new Set(['liaison_referral_shift']);

function publishedDifferences(rows: IndicatorRow[]): IndicatorRow[] {
  const at = new Map(rows.map((r) => [`${r.indicator}|${r.gemeente}|${r.period}|${r.by ?? ''}|${r.key ?? ''}`, r]));
  return rows.map((r) => {
    if (!DIFFERENCE_ROWS.has(r.indicator) || r.key === null || !/(^|:)verschil$/.test(r.key)) return r;
    const side = (s: string) =>
      at.get(`${r.indicator}|${r.gemeente}|${r.period}|${r.by ?? ''}|${r.key!.replace(/verschil$/, s)}`);
    const before = side('voor');
    const after = side('na');
    if (before?.value == null || after?.value == null) return r.value === null ? r : suppress(r);
    return { ...r, value: round1(after.value - before.value), flags: withFlag(r, 'afgerond') };
  });
}

/**
 * Splits whose keys are cells `<line>:<column>` of a two-way table, as the indicator declares them (`twoWaySplits`):
 * youth_segments by wijk (wijk × group). Each line
 * adds up to a public total (the wijk's youths 0–17, a CBS figure: the group no help is that minus the others) and
 * each column to a published one (the group's figure for the gemeente, `--by groep`), so one hidden cell in a line or
 * a column is its total minus the others. Hiding the smallest other cell of the split as a whole (above) does not
 * stop that: with two wijken each hiding one group, nothing more was hidden, and each hidden cell was its wijk's
 * population minus its three shown cells.
 */
const twoWay = (indicator: string, by: string): boolean =>
  findIndicator(indicator)?.definition.twoWaySplits?.includes(by) === true;

/** The lines and columns of the two-way splits among the rows, as lists of row indices. */
function twoWayLines(rows: readonly IndicatorRow[]): number[][] {
  const lines = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (r.by === null || r.key === null || !twoWay(r.indicator, r.by)) return;
    const cut = r.key.lastIndexOf(':');
    if (cut < 0) return;
    const table = `${r.indicator}|${r.gemeente}|${r.period}|${r.by}`;
    for (const line of [`line|${r.key.slice(0, cut)}`, `column|${r.key.slice(cut + 1)}`])
      lines.set(`${table}|${line}`, [...(lines.get(`${table}|${line}`) ?? []), i]);
  });
  return [...lines.values()];
}

// ---------------------------------------------------------------------------------------------
// Table cells: the same rules for the tables of app/productMonth.ts (productcodes, maandoverzicht), whose cells
// carry "<10" instead of a flag. A table that is not published (the authorised circle) does not come here.

/** A hidden cell of a table, as it is shown. */
export const HIDDEN_CELL = '<10';
export type PublishedCell = number | typeof HIDDEN_CELL;

/** A count: below 10 hidden, else a multiple of 5 (as an indicator row's count). */
export function publishedCount(n: number): PublishedCell {
  return protectNumber(n, 'aantal') ?? HIDDEN_CELL;
}

/** An average over `n` (a mean duration): hidden below 10 observations, else the mean as computed. */
export function publishedMean(mean: number, n: number): PublishedCell {
  return n < MIN_CELL ? HIDDEN_CELL : mean;
}

/**
 * An amount per person, total ÷ n: hidden below 10, else total ÷ round5(n) in whole euros, the rule `publish` applies
 * to a per-unit amount of an indicator row (the second red team's finding above).
 */
export function publishedPerPerson(total: number, n: number): PublishedCell {
  return n < MIN_CELL ? HIDDEN_CELL : perRoundedCount(total, n);
}

/**
 * A share n of D in percent: hidden when n or D - n is below 10, else from the rounded counts at one decimal,
 * 100 x round5(n) / round5(D) (as a rate of an indicator row, finding F1).
 */
export function publishedShare(n: number, d: number): PublishedCell {
  if (n < MIN_CELL || d - n < MIN_CELL) return HIDDEN_CELL;
  return round1((100 * roundTo5(n)) / roundTo5(d));
}

/** An amount in eurocent, published in whole euros (half away from zero, as every published amount). */
export function publishedEuro(cents: number): number {
  return protectNumber(cents / 100, 'euro')!;
}

/** A percentage of two amounts (budget used), not of counts: one decimal, like every published percentage. */
export function publishedPercentOfAmounts(part: number, whole: number): number {
  return protectNumber((100 * part) / whole, 'procent')!;
}

// ---------------------------------------------------------------------------------------------
// The payload walker

export interface PayloadContext {
  /** the aanbieder's own AGB code: other providers' rows are removed; null for bestuur */
  readonly provider: string | null;
}

/**
 * Declared units of the fields that appear in answers outside indicator rows and tables. A number
 * in a field not listed (and not covered by a row's or table's unit) is treated as a count.
 */
const FIELD_UNITS: Readonly<Record<string, PublishedUnit>> = {
  // identifiers, years, settings, model and ranking figures
  id: 'vrij',
  year: 'vrij',
  // a month number (1–12) and the last month with data (/maandoverzicht): a calendar position, not a count (red team
  // 7: bestuur's answer for December said month 10, for March null)
  month: 'vrij',
  lastMonth: 'vrij',
  baseYear: 'vrij',
  k: 'vrij',
  members: 'vrij',
  sizeClass: 'vrij',
  version: 'vrij',
  // reliability score of an indicator (0–100, from data-quality checks, not a count of persons)
  score: 'vrij',
  // CBS and Iv3 figures are published by CBS: not counts from the gemeente's own data
  inhabitants: 'vrij',
  sesDecile: 'vrij',
  povertyDecile: 'vrij',
  index: 'vrij',
  burdenIndex: 'vrij',
  pct: 'procent',
  pctBase: 'procent',
  pctWithResidence: 'procent',
  expected: 'procent',
  lower: 'procent',
  upper: 'procent',
  distance: 'procent',
  actual: 'procent',
  // budget_burn's remaining budget (a row in %): an amount, whole euros, the exact remainder rounded (not
  // published budget − published spent, which may differ by one euro)
  remaining: 'euro',
  // budget_by_programme's amounts beside its percentage: whole euros, as the remaining budget
  budget: 'euro',
  reserve: 'euro',
  budgetWithReserve: 'euro',
  realised: 'euro',
  burdenPerUser: 'euro',
  burdenPerInhabitant: 'euro',
  years: 'vrij',
  // a contract's extension options (contract register): settings of the contract, not counts of persons
  extensionsUsed: 'vrij',
  extensionsLeft: 'vrij',
  // a waiting-time norm on an indicator row: a setting, not a count
  norm: 'vrij',
  // the provider-exit view's transfer window in days (app/providerExitView.ts): a setting, not a count
  transferWindowDays: 'vrij',
  // an offer's age range on the sociale kaart (app/socialMap.ts): ages it is meant for, not counts of persons
  ageFrom: 'vrij',
  ageTo: 'vrij',
  // the evaluation rhythm in months (issue 21, app/evaluations.ts): a setting, not a count
  defaultRhythmMonths: 'vrij',
  rhythmMonths: 'vrij',
  // a liaison position's hours per week (app/liaison.ts): a setting of the gemeente, not a count of persons
  hoursPerWeek: 'vrij',
  // the benchmark's regression models, fitted on CBS figures of all gemeenten (fit, coefficients, counts of gemeenten)
  models: 'model',
  // shares 0–1 (data quality); a pooled benchmark figure's share of the population (CBS inhabitants)
  share: 'fractie',
  populationShare: 'fractie',
  // counts
  // a business case's cost trend (a growth factor per year, from the realised cost)
  growth: 'model',
  trajectories: 'aantal',
  numerator: 'aantal',
  denominator: 'aantal',
  responses: 'aantal',
  rows: 'aantal',
  // the pilot register's summary (pilots_on_track, app/pilots.ts): pilots and projects the gemeente runs, each listed
  // by name in the same answer; not persons, so a count below 10 tells nothing the list does not
  runningPilots: 'vrij',
  pilotsOnTrack: 'vrij',
  sharePilotsOnTrack: 'vrij',
  // the number of entities an OData query matches (server/routes/odata.ts): rows of a table, not persons
  '@odata.count': 'vrij',
};
/** A field's declared unit: listed above, or by the project's naming (amounts in cent end in Cents, years in Year). */
function declaredUnit(key: string): PublishedUnit | undefined {
  if (Object.hasOwn(FIELD_UNITS, key)) return FIELD_UNITS[key];
  if (key.endsWith('Cents')) return 'eurocent';
  if (key.endsWith('Year')) return 'vrij';
  return undefined;
}

/** Fields that hold a value in the unit of the object's indicator (goals, snapshots). */
const VALUE_FIELDS = new Set(['value', 'current', 'target', 'baseline', 'projected', 'slopePerPeriod']);
/** Goal settings chosen by people (a target, a baseline they typed): published as they are, only rounded. */
const UNITS: ReadonlySet<string> = new Set(['aantal', 'procent', 'euro', 'dagen', 'score', 'per_1000']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);

function isRow(v: unknown): v is IndicatorRow {
  return (
    isObject(v) &&
    typeof v.indicator === 'string' &&
    typeof v.unit === 'string' &&
    'value' in v &&
    'numerator' in v &&
    'denominator' in v
  );
}
/** { value, numerator, denominator, unit } without the rest of a row: a stored snapshot of one */
function isSnapshot(v: Record<string, unknown>): boolean {
  return typeof v.unit === 'string' && UNITS.has(v.unit) && 'value' in v && 'numerator' in v && 'denominator' in v;
}
function isTable(v: Record<string, unknown>): boolean {
  return (
    Array.isArray(v.columns) &&
    Array.isArray(v.rows) &&
    v.columns.every((c) => isObject(c) && typeof c.unit === 'string')
  );
}
function isChart(v: Record<string, unknown>): boolean {
  return (
    typeof v.unit === 'string' &&
    Array.isArray(v.series) &&
    v.series.every((s) => isObject(s) && Array.isArray(s.values))
  );
}

/** Fields naming a provider: an aanbieder sees only rows of its own. */
const PROVIDER_FIELDS = ['agb', 'provider', 'aanbieder', 'provider_agb'];
const AGB = /^\d{8}$/;

function foreignProvider(v: unknown, ctx: PayloadContext): boolean {
  if (ctx.provider === null || !isObject(v)) return false;
  // a provider's key may carry more after its AGB code ("12345678:6_maanden", lasting_outcome): the code decides
  // (red team 32: a provider got none of its own lasting-outcome rows)
  if (isRow(v) && v.by === 'aanbieder' && v.key !== null && v.key.split(':')[0] !== ctx.provider) return true;
  return PROVIDER_FIELDS.some((f) => typeof v[f] === 'string' && AGB.test(v[f] as string) && v[f] !== ctx.provider);
}

/**
 * One indicator query's rows as a role outside the circle gets them in an answer: another provider's rows removed
 * (aanbieder), then published by the rules above. The walk below does the same to every array of rows; the OData
 * feed calls this on a whole query's rows before it cuts them into pages, so a page boundary never changes which
 * cells complementary suppression hides.
 */
export function publishRows(rows: readonly IndicatorRow[], ctx: PayloadContext): IndicatorRow[] {
  return applyDisclosureControl(rows.filter((r) => !foreignProvider(r, ctx)));
}

function indicatorUnit(id: unknown): Unit | null {
  return typeof id === 'string' ? (findIndicator(id)?.definition.unit ?? null) : null;
}

/** The unit of a table cell: the row's own unit where the table has a unit column (reports/format.ts cellUnit). */
function cellUnitOf(
  columns: ReadonlyArray<{ label: string; unit: string }>,
  row: readonly unknown[],
  i: number,
): string {
  const unitCol = columns.findIndex((c) => c.label === 'eenheid');
  const col = columns[i]!;
  if (col.unit === 'tekst') return 'tekst';
  if (unitCol >= 0 && !col.label.endsWith('%')) return String(row[unitCol] ?? col.unit);
  return col.unit;
}

function protectCell(v: unknown, unit: string, published: boolean): unknown {
  if (typeof v !== 'number') return v;
  if (unit === 'tekst') return v;
  // a price per unit to the cent (reports/format.ts Column): its maker hides one over too few youths
  if (unit === 'prijs') return roundHalfUp(v, 2);
  const u: PublishedUnit = UNITS.has(unit) ? (unit as Unit) : 'aantal';
  // a figure CBS already published keeps its value, at most one decimal
  if (published) return u === 'euro' ? Math.round(v) : round1(v);
  const p = protectNumber(v, u);
  return p === null ? '<10' : p;
}

function protectTable(t: Record<string, unknown>): Record<string, unknown> {
  const columns = t.columns as Array<{ label: string; unit: string; published?: boolean }>;
  const rows = (t.rows as unknown[]).map((row) =>
    Array.isArray(row)
      ? row.map((cell, i) =>
          i < columns.length ? protectCell(cell, cellUnitOf(columns, row, i), Boolean(columns[i]!.published)) : cell,
        )
      : row,
  );
  return { ...t, rows };
}

function protectChart(c: Record<string, unknown>): Record<string, unknown> {
  const unit = String(c.unit);
  const series = (c.series as Array<Record<string, unknown>>).map((s) => ({
    ...s,
    values: (s.values as unknown[]).map((v) => {
      const p = protectCell(v, unit, false);
      return typeof p === 'number' ? p : null;
    }),
  }));
  return { ...c, series };
}

function walk(v: unknown, ctx: PayloadContext, unit: PublishedUnit | null, key: string | null): unknown {
  const declared = key !== null ? declaredUnit(key) : undefined;
  if (typeof v === 'number') {
    const u = key !== null && VALUE_FIELDS.has(key) && unit !== null ? unit : (declared ?? unit ?? 'aantal');
    return protectNumber(v, u);
  }
  // a field's declared unit holds for what it contains (a list of years, a model's statistics)
  const inner = declared ?? unit;
  if (Array.isArray(v)) {
    const kept = v.filter((x) => !foreignProvider(x, ctx));
    if (kept.length > 0 && kept.every(isRow)) {
      return applyDisclosureControl(kept as IndicatorRow[]).map((r) =>
        walkObject(r as unknown as Record<string, unknown>, ctx, null, true),
      );
    }
    return kept.map((x) => walk(x, ctx, inner, typeof x === 'number' ? key : null));
  }
  if (isObject(v)) return walkObject(v, ctx, inner, false);
  return v;
}

type Obj = Record<string, unknown>;
function walkObject(o: Obj, ctx: PayloadContext, unit: PublishedUnit | null, rowDone: boolean): Obj {
  if (!rowDone && isRow(o)) return walkObject(applyDisclosureControl([o])[0]! as unknown as Obj, ctx, null, true);
  if (rowDone) {
    // an indicator row already published: its value fields are final; extra fields (labels, days) walked
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      out[k] = ['value', 'numerator', 'denominator'].includes(k) ? x : walk(x, ctx, o.unit as Unit, k);
    }
    return out;
  }
  if (isSnapshot(o)) {
    const row = {
      indicator: '',
      gemeente: '',
      period: '',
      by: null,
      key: null,
      flags: [],
      ...o,
    } as unknown as IndicatorRow;
    const [p] = applyDisclosureControl([row]);
    const hidden = p!.flags.includes('onderdrukt') ? { onderdrukt: true } : {};
    return { ...o, value: p!.value, numerator: p!.numerator, denominator: p!.denominator, ...hidden };
  }
  if (isTable(o)) return protectTable(o);
  if (isChart(o)) return protectChart(o);
  const own = typeof o.unit === 'string' && UNITS.has(o.unit) ? (o.unit as Unit) : indicatorUnit(o.indicator);
  const u = own ?? unit;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = walk(x, ctx, u, k);
  // a share 0–1 beside its counts (data quality): from the rounded counts, suppressed with a small complement
  if (typeof o.share === 'number' && typeof o.numerator === 'number' && typeof o.denominator === 'number') {
    out.share = publishedFraction(o.numerator, o.denominator);
  }
  // a numerator/denominator pair beside a share or rate gives the exact counts back: dropped
  if (u !== 'aantal' && typeof o.numerator === 'number' && typeof o.denominator === 'number') {
    out.numerator = null;
    out.denominator = null;
  }
  // a goal's status in words names its figures: say it again with the published ones
  if (isObject(out.evaluation) && typeof out.evaluation.explanationNl === 'string' && typeof out.target === 'number') {
    const e = out.evaluation;
    const n = (x: unknown) => (typeof x === 'number' ? x : null);
    const explanationNl = goalExplanationNl(n(e.current), n(e.slopePerPeriod), n(e.projected), out.target);
    out.evaluation = { ...e, explanationNl };
  }
  return out;
}

/**
 * Every figure of an answer (or a report model) for a role outside the authorised circle,
 * published by the rules above. Idempotent: a protected payload passes unchanged.
 */
export function protectPayload<T>(payload: T, ctx: PayloadContext): T {
  return walk(payload, ctx, null, null) as T;
}
