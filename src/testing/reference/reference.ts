/**
 * An independent reference implementation of the indicator catalogue (issue 14, "Close the class"):
 * plain TypeScript over plain arrays of canonical records, written from the definitions in
 * docs/domain/indicators.md and the conventions in docs/indicators.md ("Conventions a controller
 * needs to recompute a figure"). It shares no SQL and no helper with src/indicators, src/lens or
 * src/domain (not even period or date arithmetic, nor rounding), so a bug there cannot hide here.
 * Only used by the differential tests.
 * Over 400 lines: one plain function per indicator family in one file, so it reads as the catalogue does.
 */
import type { RefRow } from './row.js';
import { bandPopulation, type PopulationRow } from './population.js';
import { CHAIN_REFERENCE, type RefRetour } from './chainReference.js';
import { BENCHMARK_REFERENCE } from './benchmarkReference.js';
import { COMMITMENTS_REFERENCE } from './commitmentsReference.js';
import { CONTRACT_MONEY_REFERENCE } from './contractMoneyReference.js';
import { BUDGET_REFERENCE } from './budgetReference.js';
import { voiceReference, type RefComplaint, type RefExperience } from './voiceReference.js';
import { evaluationReference, type RefEvaluation, type RefRhythm } from './evaluationReference.js';
import { liaisonReference, type RefLiaison } from './liaisonReference.js';

export type { RefComplaint, RefExperience } from './voiceReference.js';
export type { RefEvaluation, RefRhythm } from './evaluationReference.js';
export type { RefLiaison } from './liaisonReference.js';

// ---------------------------------------------------------------- inputs (canonical records)

export interface RefTrajectory {
  readonly gemeente: string;
  readonly id: string;
  readonly youth: string;
  /** YYYY-MM */
  readonly birthMonth: string;
  /** '' when none */
  readonly wijk: string;
  readonly provider: string;
  readonly category: string;
  readonly productCode: string | null;
  /** arrangement intensity A–I */
  readonly intensity: string | null;
  /** COD327 */
  readonly referrerType: string | null;
  readonly referrerDetail: string | null;
  readonly allocationNumber: string | null;
  /** the request (JW315 dagtekening, or aanvraagdatum) */
  readonly requestDate?: string | null;
  /** the allocation's Toewijzingsdatum */
  readonly allocationDate: string;
  /** the allocation's Ingangsdatum (null: none) */
  readonly allocationStart: string | null;
  /** the Einddatum of the allocation valid last (null: open) */
  readonly allocationEnd: string | null;
  /** actual start / end (JW305 / JW307, or startdatum / einddatum in the gemeente's file) */
  readonly start: string | null;
  readonly end: string | null;
  readonly endReason: string | null;
  readonly goal: string | null;
  /** withdrawn with RedenWijziging 13 */
  readonly withdrawn: boolean;
  /** bedrag_toegekend in whole eurocent, an amount per year (undefined or null: none) */
  readonly amountGrantedCents?: number | null;
  /** the team of the toegang (trajecten.csv `team`); none when absent */
  readonly team?: string | null;
}

export interface RefClaim {
  readonly gemeente: string;
  readonly id: string;
  readonly trajectoryId: string | null;
  readonly allocationNumber: string | null;
  readonly provider: string;
  readonly category: string;
  readonly productCode: string | null;
  readonly periodStart: string;
  readonly periodEnd: string;
  /** integral in the generator, so a sum of volumes is exact */
  readonly volume: number | null;
  readonly unit: string | null;
  readonly amountCents: number;
  readonly debitCredit: 'D' | 'C';
  readonly status: 'ingediend' | 'toegekend' | 'afgewezen';
}

/** A row of bevolking.csv ('' wijk = the whole gemeente). */
export type RefPopulation = PopulationRow;

export interface RefBasicSupport {
  readonly gemeente: string;
  readonly youth: string;
  /** the episode's wijk ('' or undefined when none) */
  readonly wijk?: string;
  /** YYYY-MM as the file gives it (geboortedatum); undefined when the test does not say */
  readonly birthMonth?: string;
  readonly start: string;
  readonly end: string | null;
  /** the vindplaats: a liaison position's location id (undefined or null: none) */
  readonly location?: string | null;
}

export interface RefSatisfaction {
  readonly gemeente: string;
  /** 2024H1, 2024Q2, 2024-03 or 2024 */
  readonly period: string;
  readonly provider: string | null;
  readonly score: number;
}

export interface RefBudget {
  readonly gemeente: string;
  readonly year: number;
  /** taakveld or local post */
  readonly line: string;
  readonly budgetCents: number;
  /** gerealiseerd_euro, programma and reserve_euro (budgetReference.ts); absent: the file gives none */
  readonly realisedCents?: number | null;
  readonly programme?: string | null;
  readonly reserveCents?: number | null;
}

/** An iJw event as the importer stores it (table ijw_event). */
export interface RefEvent {
  readonly gemeente: string;
  readonly messageType: string;
  /** 'start', 'stop', 'toewijzing', 'retour', … */
  readonly eventType: string;
  readonly logicalKey: string;
  /** StatusAanlevering: '3' = deletion */
  readonly deliveryStatus: string | null;
  /** the actual start or stop date */
  readonly eventDate: string | null;
  /** the message's dagtekening */
  readonly sentDate: string | null;
}

/** A contract as contracten.csv gives it (only what the cost figures read). */
export interface RefContract {
  readonly id: string;
  /** AGB codes; empty for a consortium */
  readonly providers: readonly string[];
  readonly categories: readonly string[];
  /** inspanningsgericht, outputgericht, taakgericht, resultaat, pgb, subsidie */
  readonly form: string;
  readonly parties: readonly string[];
  /** regional product codes it covers (absent: none; the categories then decide) */
  readonly productCodes?: readonly string[];
  /** tranches by moment (contracten.csv `tranches`); 0 or absent: none */
  readonly trancheCount?: number;
  /** the start and the end of the current term (absent: always in force) */
  readonly start?: string;
  readonly end?: string;
}

/** A payment outside iJw (betalingen.csv). */
export interface RefPayment {
  readonly gemeente: string;
  readonly id: string;
  readonly contract: string;
  /** the first day of the month paid for, or the day */
  readonly periodStart: string;
  readonly amountCents: number;
  /** as the file writes it; the cost figures do not read these */
  readonly written?: {
    readonly period: string;
    readonly kind: string;
    readonly tranche: number | null;
    readonly client: string | null;
    /** traject_id: the trajectory a tranche was paid for */
    readonly trajectory?: string | null;
  };
}

/** The gemeente table: which jeugdregio a gemeente belongs to. */
export interface RefGemeente {
  readonly code: string;
  readonly region: string;
}

/** solidariteit.json as a region writes it (docs/csv-formaat.md); absent: the documented default. */
export interface RefSolidarity {
  readonly sleutel: ReadonlyArray<{ readonly component: string; readonly gewicht: number }>;
  readonly kosten?: 'alle_financieringsvormen' | 'declaraties';
  readonly basisjaar?: number | null;
  readonly drempel_procent?: number;
}

export interface RefData {
  readonly gemeenten?: readonly RefGemeente[];
  readonly solidarity?: RefSolidarity;
  readonly budget?: readonly RefBudget[];
  readonly contracts?: readonly RefContract[];
  readonly payments?: readonly RefPayment[];
  /** iJw retour messages, every delivered copy (chainReference.ts) */
  readonly retours?: readonly RefRetour[];
  readonly events?: readonly RefEvent[];
  readonly trajectories: readonly RefTrajectory[];
  readonly claims: readonly RefClaim[];
  readonly population: readonly RefPopulation[];
  readonly basicSupport: readonly RefBasicSupport[];
  readonly satisfaction: readonly RefSatisfaction[];
  /** ervaringen.csv and klachten.csv (voiceReference.ts) */
  readonly experiences?: readonly RefExperience[];
  readonly complaints?: readonly RefComplaint[];
  /** evaluaties.csv and the stored evaluation rhythm (evaluationReference.ts) */
  readonly evaluations?: readonly RefEvaluation[];
  readonly rhythms?: readonly RefRhythm[];
  /** verbindingsfuncties.csv (liaisonReference.ts) */
  readonly liaison?: readonly RefLiaison[];
}

export type { RefRow } from './row.js';

// ---------------------------------------------------------------- own date and period arithmetic

/** Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian, by hand). */
export function dayNumber(d: string): number {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  const day = Number(d.slice(8, 10));
  // days from civil (H. Hinnant's algorithm)
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function dateOf(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/** d plus n calendar months; a day past the month's end becomes its last day (31 Aug + 18 months = 28 Feb). */
export function addMonths(d: string, n: number): string {
  const total = Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1 + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const day = Math.min(Number(d.slice(8, 10)), monthDays(y, m));
  return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface RefPeriod {
  readonly label: string;
  readonly year: number;
  readonly start: string;
  readonly end: string;
}

/** '2024', '2024H2', '2024Q3' or '2024-07'. */
export function refPeriod(label: string): RefPeriod {
  const y = Number(label.slice(0, 4));
  let m1: number;
  let m2: number;
  if (/^\d{4}$/.test(label)) [m1, m2] = [1, 12];
  else if (/^\d{4}H[12]$/.test(label)) [m1, m2] = label.endsWith('1') ? [1, 6] : [7, 12];
  else if (/^\d{4}Q[1-4]$/.test(label)) {
    const q = Number(label[5]);
    [m1, m2] = [3 * q - 2, 3 * q];
  } else if (/^\d{4}-\d{2}$/.test(label)) m1 = m2 = Number(label.slice(5, 7));
  else throw new Error(`period ${label}`);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return { label, year: y, start: `${y}-${p2(m1)}-01`, end: `${y}-${p2(m2)}-${p2(monthDays(y, m2))}` };
}

// ---------------------------------------------------------------- own exact rounding

/** num × factor ÷ den rounded half away from zero to `decimals`, in BigInt; null without a positive denominator. */
export function exactRatio(num: number, den: number, factor: number, decimals: number): number | null {
  if (!(den > 0)) return null;
  if (!Number.isInteger(num) || !Number.isInteger(den) || !Number.isInteger(factor))
    throw new Error('exactRatio wants integers');
  const scale = 10n ** BigInt(decimals);
  const n = BigInt(num) * BigInt(factor) * scale;
  const d = BigInt(den);
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  if ((a % d) * 2n >= d) q += 1n;
  // the sign apart, so -1 thousandth is "-0.001" (found by the differential run: credits can make cost negative)
  const digits = q.toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return Number(`${neg && q !== 0n ? '-' : ''}${text}`);
}

/** Whole cents as euros, written as a decimal and read back: the nearest double to the amount. */
export function euros(cents: number): number {
  const neg = cents < 0;
  const s = String(Math.abs(cents)).padStart(3, '0');
  return Number(`${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`);
}

const pctOf = (n: number, d: number) => exactRatio(n, d, 100, 3);

// ---------------------------------------------------------------- the catalogue's conventions

/**
 * Care form by product category (docs/domain/indicators.md, "Care forms"): 55 is "by local mapping", the key
 * `lokaal` until a region maps it (docs/indicators.md "The splits a controller asks for").
 */
export function careForm(category: string): string | null {
  const c = Number(category);
  if ([31, 32, 33, 34, 40, 41, 42, 45, 46, 50, 51, 52, 53, 54].includes(c)) return 'zonder_verblijf';
  if ([35, 36, 37, 38, 43, 44].includes(c)) return 'met_verblijf';
  if (c === 48) return 'jeugdbescherming';
  if (c === 47 || c === 49) return 'jeugdreclassering';
  if (c === 55) return 'lokaal';
  return null;
}
export const CARE_FORMS = ['zonder_verblijf', 'met_verblijf', 'jeugdbescherming', 'jeugdreclassering'] as const;

/** A trajectory with its effective dates (docs/indicators.md, "Effective start and end"). */
export interface Eff extends RefTrajectory {
  readonly s: string;
  readonly e: string | null;
}

export function effective(ts: readonly RefTrajectory[]): Eff[] {
  const out: Eff[] = [];
  for (const t of ts) {
    if (t.withdrawn) continue; // RedenWijziging 13 never counts
    const s = t.start ?? t.allocationStart ?? t.allocationDate;
    let e: string | null;
    if (t.end !== null) e = t.end;
    else if (t.allocationEnd !== null)
      e = t.allocationEnd < s ? s : t.allocationEnd; // ended before it started: one day
    else e = null;
    out.push({ ...t, s, e });
  }
  return out;
}

/** The keys of the splits issue 16.6 added: care form (by product category) and the youth's wijk. */
function splitKey(t: RefTrajectory, by: string | null): string {
  if (by === 'zorgvorm') return careForm(t.category) ?? 'onbekend';
  if (by === 'wijk') return t.wijk || 'onbekend';
  return '';
}

const activeIn = (t: Eff, from: string, to: string) => t.s <= to && (t.e === null || t.e >= from);
const activeOn = (t: Eff, d: string) => activeIn(t, d, d);

const AGE_BANDS: ReadonlyArray<readonly [string, number, number]> = [
  ['0–3', 0, 3],
  ['4–11', 4, 11],
  ['12–17', 12, 17],
  ['18–22', 18, 22],
];
/** Age on 1 January of `year` with only the birth month known: year − birth year − 1, in the population's bands. */
function ageBand(birthMonth: string, year: number): string {
  const age = year - Number(birthMonth.slice(0, 4)) - 1;
  return AGE_BANDS.find(([, a, b]) => age >= a && age <= b)?.[0] ?? '23+';
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const l = m.get(k);
    if (l) l.push(x);
    else m.set(k, [x]);
  }
  return m;
}
const distinct = (xs: Iterable<string>) => new Set(xs).size;
const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

// ---------------------------------------------------------------- indicators

export type RefIndicator = (d: RefData, p: RefPeriod, by: string | null) => RefRow[];

const r = (
  gemeente: string,
  by: string | null,
  key: string | null,
  value: number | null,
  numerator: number | null,
  denominator: number | null,
): RefRow => ({ gemeente, by, key, value, numerator, denominator });

const band = (d: RefData, g: string, wijk: string, year: number, from: number, to: number | null) =>
  bandPopulation(d.population, g, wijk, year, from, to);
const youthPop = (d: RefData, g: string, year: number) => band(d, g, '', year, 0, 17);
const wijkYouthPop = (d: RefData, g: string, wijk: string, year: number) => band(d, g, wijk, year, 0, 17);
/** The wijken of a gemeente with a known 0–17 population in the year. */
const wijkenWithPop = (d: RefData, g: string, year: number): string[] =>
  [
    ...new Set(d.population.filter((x) => x.gemeente === g && x.year === year && x.wijk !== '').map((x) => x.wijk)),
  ].filter((w) => wijkYouthPop(d, g, w, year) !== null);
/** An age band over the wijken (each wijk's rows as band() reads them); null unless every wijk with rows has it. */
function ageBandPop(d: RefData, g: string, year: number, label: string): number | null {
  const [, a, b] = AGE_BANDS.find(([l]) => l === label) ?? [];
  if (a === undefined || b === undefined) return null;
  const wijken = new Set(
    d.population.filter((x) => x.gemeente === g && x.year === year && x.wijk !== '').map((x) => x.wijk),
  );
  let total = 0;
  for (const w of wijken) {
    const n = band(d, g, w, year, a, b);
    if (n === null) return null;
    total += n;
  }
  return wijken.size === 0 ? null : total;
}

/** youth_in_care and pct_youth_in_care, one reading for both. */
function inCare(pct: boolean): RefIndicator {
  return (d, p, by) => {
    const act = effective(d.trajectories).filter((t) => activeIn(t, p.start, p.end));
    const out: RefRow[] = [];
    for (const [g, ts] of sorted(groupBy(act, (t) => t.gemeente))) {
      if (by === 'zorgvorm' || by === null) {
        const den = pct ? youthPop(d, g, p.year) : null;
        // the four care forms always; lokaal and onbekend when they count a youth
        const formOf = (t: Eff) => careForm(t.category) ?? 'onbekend';
        const others = ['lokaal', 'onbekend'].filter((f) => ts.some((t) => formOf(t) === f));
        const keys: Array<string | null> = by === null ? [null] : [...CARE_FORMS, ...others];
        for (const k of keys) {
          const n = distinct(ts.filter((t) => k === null || formOf(t) === k).map((t) => t.youth));
          out.push(r(g, by, k, pct ? (den === null ? null : pctOf(n, den)) : n, n, den));
        }
      } else if (by === 'aanbieder' && !pct) {
        // the client volume per provider: a youth with two providers counts under each
        for (const [k, kt] of sorted(groupBy(ts, (t) => t.provider || 'onbekend')))
          out.push(r(g, by, k, distinct(kt.map((t) => t.youth)), distinct(kt.map((t) => t.youth)), null));
      } else if (by === 'leeftijd' || by === 'wijk') {
        const keyOf = (t: Eff) => (by === 'wijk' ? t.wijk || 'onbekend' : ageBand(t.birthMonth, p.year));
        for (const [k, kt] of sorted(groupBy(ts, keyOf))) {
          const n = distinct(kt.map((t) => t.youth));
          const den = !pct ? null : by === 'wijk' ? wijkYouthPop(d, g, k, p.year) : ageBandPop(d, g, p.year, k);
          out.push(r(g, by, k, pct ? (den === null ? null : pctOf(n, den)) : n, n, den));
        }
      }
    }
    return out;
  };
}

const trajectoriesStarted: RefIndicator = (d, p, by) => {
  const st = effective(d.trajectories).filter((t) => t.s >= p.start && t.s <= p.end);
  const keyOf = (t: Eff) =>
    by === 'productcategorie'
      ? t.category
      : by === 'zorgvorm'
        ? String(careForm(t.category))
        : by === 'aanbieder'
          ? t.provider || 'onbekend'
          : splitKey(t, by);
  return sorted(groupBy(st, (t) => `${t.gemeente}|${keyOf(t)}`)).map(([k, ts]) =>
    r(k.slice(0, 4), by, by === null ? null : k.slice(5), ts.length, ts.length, null),
  );
};

interface Flows {
  begin: number;
  instroom: number;
  herinstroom: number;
  uitstroom: number;
  eind: number;
}

/** The stock bridge per gemeente, per youth (docs/indicators.md, "Stand en stroom"). */
function flows(d: RefData, p: RefPeriod, by: string | null = null): Map<string, Flows> {
  const eff = effective(d.trajectories);
  const before = dateOf(dayNumber(p.start) - 1);
  const out = new Map<string, Flows>();
  // per youth, or per youth and split key (care form: the bridge over that care form's trajectories only)
  for (const [k, ts] of groupBy(eff, (t) => `${t.gemeente}|${splitKey(t, by)}|${t.youth}`)) {
    const g = k.slice(0, k.lastIndexOf('|'));
    if (!ts.some((t) => activeIn(t, before, p.end))) continue;
    const f = out.get(g) ?? { begin: 0, instroom: 0, herinstroom: 0, uitstroom: 0, eind: 0 };
    out.set(g, f);
    const atStart = ts.some((t) => activeOn(t, before));
    const atEnd = ts.some((t) => activeOn(t, p.end));
    if (atStart) f.begin++;
    if (atEnd) f.eind++;
    else f.uitstroom++;
    if (!atStart && ts.some((t) => activeIn(t, p.start, p.end))) {
      const first = ts
        .filter((t) => activeIn(t, p.start, p.end))
        .map((t) => t.s)
        .sort()[0]!;
      const yearBefore = dateOf(dayNumber(first) - 365);
      const lastDay = dateOf(dayNumber(first) - 1);
      if (ts.some((t) => activeIn(t, yearBefore, lastDay))) f.herinstroom++;
      else f.instroom++;
    }
  }
  return out;
}

function flowCount(pick: keyof Flows): RefIndicator {
  return (d, p, by) =>
    sorted(flows(d, p, by))
      .filter(([, f]) => f[pick] > 0)
      .map(([gk, f]) => r(gk.slice(0, 4), by, by === null ? null : gk.slice(5), f[pick], f[pick], null));
}

const stockBridge: RefIndicator = (d, p) =>
  sorted(flows(d, p)).flatMap(([gk, f]) =>
    (['begin', 'instroom', 'herinstroom', 'uitstroom', 'eind'] as const).map((k) =>
      r(gk.slice(0, 4), 'post', k, f[k], f[k], null),
    ),
  );

const stockYouth: RefIndicator = (d, p, by) => {
  const on = effective(d.trajectories).filter((t) => activeOn(t, p.end));
  return sorted(groupBy(on, (t) => `${t.gemeente}|${splitKey(t, by)}`)).map(([k, ts]) => {
    const n = distinct(ts.map((t) => t.youth));
    return r(k.slice(0, 4), by, by === null ? null : k.slice(5), n, n, null);
  });
};

/**
 * Continuous quantile (linear between order statistics) of whole days, exact: q × 100 is a whole
 * number, so (n − 1) × q × 100 and the value × 100 are integers and only the last division rounds.
 */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const pct = Math.round(q * 100);
  const h100 = (s.length - 1) * pct;
  const lo = Math.floor(h100 / 100);
  const hi = Math.min(lo + 1, s.length - 1);
  return (s[lo]! * 100 + (h100 - lo * 100) * (s[hi]! - s[lo]!)) / 100;
}
/** To one decimal, half up (positive day counts). */
const oneDecimal = (x: number) => Math.floor(x * 10 + 0.5 + 1e-9) / 10;

const duration: RefIndicator = (d, p, by) => {
  const ended = effective(d.trajectories).filter(
    (t) => t.start !== null && t.e !== null && t.e >= p.start && t.e <= p.end,
  );
  const out: RefRow[] = [];
  const keyed = by === 'productcategorie' || by === 'zorgvorm' ? by : null;
  const keyOf = (t: Eff) => (by === 'productcategorie' ? t.category : splitKey(t, by));
  for (const [k, ts] of sorted(groupBy(ended, (t) => `${t.gemeente}|${keyOf(t)}`))) {
    const days = ts.map((t) => dayNumber(t.e!) - dayNumber(t.s));
    const stats: Array<[string, number]> = [
      ['mediaan', quantile(days, 0.5)],
      ['p75', quantile(days, 0.75)],
      [
        'gemiddelde',
        exactRatio(
          days.reduce((a, b) => a + b, 0),
          days.length,
          1,
          1,
        )!,
      ],
    ];
    for (const [stat, v] of stats) {
      out.push(
        r(k.slice(0, 4), keyed ?? 'statistiek', keyed ? `${k.slice(5)}:${stat}` : stat, oneDecimal(v), null, ts.length),
      );
    }
  }
  return out;
};

const LONG_MONTHS = 18;
const longRunning: RefIndicator = (d, p, by) => {
  const act = effective(d.trajectories).filter((t) => activeIn(t, p.start, p.end));
  return sorted(groupBy(act, (t) => `${t.gemeente}|${by === 'productcategorie' ? t.category : ''}`)).map(([k, ts]) => {
    // running longer than 18 months by the earlier of its end and the period's end
    const n = ts.filter((t) => {
      const until = t.e === null || t.e > p.end ? p.end : t.e;
      return until > addMonths(t.s, LONG_MONTHS);
    }).length;
    return r(k.slice(0, 4), by, by === null ? null : k.slice(5), n, n, ts.length);
  });
};

const stacking: RefIndicator = (d, p) => {
  const act = effective(d.trajectories).filter((t) => activeIn(t, p.start, p.end));
  const out: RefRow[] = [];
  for (const [g, ts] of sorted(groupBy(act, (t) => t.gemeente))) {
    const perYouth = [...groupBy(ts, (t) => t.youth).values()].map((l) => distinct(l.map((t) => t.category)));
    const total = perYouth.length;
    for (const [k, l] of sorted(groupBy(perYouth.map(String), (n) => (Number(n) >= 5 ? '5+' : n))))
      out.push(r(g, 'aantal_voorzieningen', k, pctOf(l.length, total), l.length, total));
  }
  return out;
};

const dropout: RefIndicator = (d, p, by) => {
  const ended = effective(d.trajectories).filter(
    (t) => t.end !== null && t.end >= p.start && t.end <= p.end && t.endReason !== null,
  );
  const keyOf = (t: Eff) => (by === 'aanbieder' ? t.provider : by === 'productcategorie' ? t.category : '');
  return sorted(groupBy(ended, (t) => `${t.gemeente}|${keyOf(t)}`)).map(([k, ts]) => {
    const n = ts.filter((t) => t.endReason === '32' || t.endReason === '33').length;
    return r(k.slice(0, 4), by, by === null ? null : k.slice(5), pctOf(n, ts.length), n, ts.length);
  });
};

/** completed_as_planned: dropout's ends (actual end in the period, a reason given), the share with reason 31. */
const completedAsPlanned: RefIndicator = (d, p, by) => {
  const ended = effective(d.trajectories).filter(
    (t) => t.end !== null && t.end >= p.start && t.end <= p.end && t.endReason !== null && t.endReason !== '',
  );
  const keyOf = (t: Eff) => (by === 'aanbieder' ? t.provider : by === 'productcategorie' ? t.category : '');
  return sorted(groupBy(ended, (t) => `${t.gemeente}|${keyOf(t)}`)).map(([k, ts]) => {
    const n = ts.filter((t) => t.endReason === '31').length;
    return r(k.slice(0, 4), by, by === null ? null : k.slice(5), pctOf(n, ts.length), n, ts.length);
  });
};

/**
 * The last day of the data (docs/indicators.md, "Reports as of the end of their period": the latest of the
 * trajectory dates and the claims' product periods, a product period never beyond today), read from the records.
 */
function dataLast(d: RefData): string {
  const today = new Date().toISOString().slice(0, 10);
  let last = '0000-00-00';
  for (const t of d.trajectories) {
    if (t.withdrawn) continue;
    for (const x of [t.allocationDate, t.start, t.end]) if (x !== null && x > last) last = x;
  }
  for (const c of d.claims) {
    const x = c.periodEnd < today ? c.periodEnd : today;
    if (x > last) last = x;
  }
  return last;
}

/**
 * lasting_outcome: per youth the first day E in the period on which a trajectory of theirs ended with reason 31
 * (actual end) while nothing of theirs ran past E; for 6 and 12 months, observed when E + months is on or before the
 * data's last day, lasting when no trajectory of theirs starts in (E, E + months]. Keys: the provider or category of
 * each trajectory ending so on E; the headline the 12 months.
 */
const lastingOutcome: RefIndicator = (d, p, by) => {
  const last = dataLast(d);
  const acc = new Map<string, { obs: [number, number]; lasting: [number, number] }>();
  const eff = effective(d.trajectories);
  for (const [gy, mine] of groupBy(eff, (t) => `${t.gemeente}|${t.youth}`)) {
    const exits = mine.filter(
      (t) =>
        t.end !== null &&
        t.end >= p.start &&
        t.end <= p.end &&
        t.endReason === '31' &&
        !mine.some((o) => o.s <= t.end! && (o.e === null || o.e > t.end!)),
    );
    if (exits.length === 0) continue;
    const e = exits.map((t) => t.end!).sort()[0]!;
    const atE = exits.filter((t) => t.end === e);
    const keys = new Set(
      atE.map((t) => (by === 'aanbieder' ? t.provider : by === 'productcategorie' ? t.category : '')),
    );
    for (const k of keys) {
      const a = acc.get(`${gy.slice(0, 4)}|${k}`) ?? { obs: [0, 0], lasting: [0, 0] };
      [6, 12].forEach((months, i) => {
        const until = addMonths(e, months);
        if (until > last) return;
        a.obs[i]!++;
        if (!mine.some((n) => n.s > e && n.s <= until)) a.lasting[i]!++;
      });
      acc.set(`${gy.slice(0, 4)}|${k}`, a);
    }
  }
  const out: RefRow[] = [];
  for (const [gk, a] of sorted(acc)) {
    const g = gk.slice(0, 4);
    const k = gk.slice(5);
    const row = (i: number, key: string | null) =>
      r(g, by, key, pctOf(a.lasting[i]!, a.obs[i]!), a.lasting[i]!, a.obs[i]!);
    if (by === null) out.push(row(1, null));
    else if (by === 'termijn') out.push(row(0, '6_maanden'), row(1, '12_maanden'));
    else out.push(row(0, `${k}:6_maanden`), row(1, `${k}:12_maanden`));
  }
  return out;
};

/** youth_18_22_in_care: distinct youths active in the period whose age on 1 January is 18–22; by care form. */
const youth1822InCare: RefIndicator = (d, p, by) => {
  const act = effective(d.trajectories).filter(
    (t) => activeIn(t, p.start, p.end) && t.birthMonth !== '' && ageBand(t.birthMonth, p.year) === '18–22',
  );
  const keyOf = (t: Eff) => (by === 'zorgvorm' ? (careForm(t.category) ?? 'onbekend') : '');
  return sorted(groupBy(act, (t) => `${t.gemeente}|${keyOf(t)}`)).map(([k, ts]) => {
    const n = distinct(ts.map((t) => t.youth));
    return r(k.slice(0, 4), by, by === null ? null : k.slice(5), n, n, null);
  });
};

/**
 * transition_at_18: youths whose 18th birthday (the 1st of the birth month, 18 years on) D lies in the period, with
 * care on some day of [D − 3 months, D − 1]. With L the data's last day: D + 3 months after L → nog_onbekend; care on
 * D + 3 months → doorloopt; a start in (D + 3 months, min(D + 12 months, L)] → herinstroom; D + 12 months ≤ L →
 * beeindigd; else nog_onbekend.
 */
const transitionAt18: RefIndicator = (d, p, by) => {
  const last = dataLast(d);
  const counts = new Map<string, number>();
  for (const [gy, mine] of groupBy(effective(d.trajectories), (t) => `${t.gemeente}|${t.youth}`)) {
    const birth = mine[0]!.birthMonth;
    if (!birth) continue;
    const day = `${Number(birth.slice(0, 4)) + 18}-${birth.slice(5, 7)}-01`;
    if (day < p.start || day > p.end) continue;
    if (!mine.some((t) => activeIn(t, addMonths(day, -3), dateOf(dayNumber(day) - 1)))) continue;
    const at3 = addMonths(day, 3);
    const at12 = addMonths(day, 12);
    const k =
      at3 > last
        ? 'nog_onbekend'
        : mine.some((t) => activeOn(t, at3))
          ? 'doorloopt'
          : mine.some((t) => t.s > at3 && t.s <= (at12 < last ? at12 : last))
            ? 'herinstroom'
            : at12 <= last
              ? 'beeindigd'
              : 'nog_onbekend';
    const key = `${gy.slice(0, 4)}|${by === 'uitkomst' ? k : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return sorted(counts).map(([k, n]) => r(k.slice(0, 4), by, by === null ? null : k.slice(5), n, n, null));
};

const goalAttainment: RefIndicator = (d, p, by) => {
  const ended = effective(d.trajectories).filter(
    (t) => t.end !== null && t.end >= p.start && t.end <= p.end && t.goal !== null,
  );
  if (by === 'uitkomst') {
    return sorted(groupBy(ended, (t) => t.gemeente)).flatMap(([g, ts]) =>
      sorted(groupBy(ts, (t) => t.goal!)).map(([k, l]) => r(g, by, k, pctOf(l.length, ts.length), l.length, ts.length)),
    );
  }
  return sorted(groupBy(ended, (t) => `${t.gemeente}|${by === 'aanbieder' ? t.provider : ''}`)).map(([k, ts]) => {
    const n = ts.filter((t) => t.goal === 'ja').length;
    return r(k.slice(0, 4), by, by === null ? null : k.slice(5), pctOf(n, ts.length), n, ts.length);
  });
};

const claimCents = (c: RefClaim) =>
  c.status === 'afgewezen' ? 0 : c.debitCredit === 'C' ? -c.amountCents : c.amountCents;
const claimsIn = (d: RefData, p: RefPeriod) =>
  d.claims.filter((c) => c.periodStart >= p.start && c.periodStart <= p.end);

/** A claim line's care form: that of its product category (the same default mapping as trajectories). */
const claimCareForm = (c: RefClaim) => careForm(c.category) ?? 'onbekend';

const costTotal: RefIndicator = (d, p, by) => {
  const keyOf = (c: RefClaim) =>
    by === 'productcategorie'
      ? c.category
      : by === 'aanbieder'
        ? c.provider
        : by === 'zorgvorm'
          ? claimCareForm(c)
          : '';
  return sorted(groupBy(claimsIn(d, p), (c) => `${c.gemeente}|${keyOf(c)}`)).map(([k, cs]) => {
    const cents = cs.reduce((s, c) => s + claimCents(c), 0);
    return r(k.slice(0, 4), by, by === null ? null : k.slice(5), euros(cents), euros(cents), null);
  });
};

/**
 * cost_all_forms: every euro as one line — claim lines (form 'declaraties', their provider and care form) and payments
 * (their contract's form; its provider and category only when it names exactly one, else 'onbekend').
 */
const costAllForms: RefIndicator = (d, p, by) => {
  interface Line {
    readonly g: string;
    readonly key: string;
    readonly cents: number;
  }
  const claimKey = (c: RefClaim) =>
    by === 'financieringsvorm'
      ? 'declaraties'
      : by === 'aanbieder'
        ? c.provider
        : by === 'zorgvorm'
          ? claimCareForm(c)
          : '';
  const contractOf = new Map((d.contracts ?? []).map((c) => [c.id, c]));
  const paymentKey = (x: RefPayment) => {
    const c = contractOf.get(x.contract)!;
    if (by === 'financieringsvorm') return c.form;
    if (by === 'aanbieder') return c.providers.length === 1 ? c.providers[0]! : 'onbekend';
    if (by === 'zorgvorm') return c.categories.length === 1 ? (careForm(c.categories[0]!) ?? 'onbekend') : 'onbekend';
    return '';
  };
  const lines: Line[] = [
    ...claimsIn(d, p).map((c) => ({ g: c.gemeente, key: claimKey(c), cents: claimCents(c) })),
    ...paymentsIn(d, p.start, p.end).map((x) => ({ g: x.gemeente, key: paymentKey(x), cents: x.amountCents })),
  ];
  return sorted(groupBy(lines, (l) => `${l.g}|${l.key}`)).map(([k, ls]) => {
    const cents = ls.reduce((s, l) => s + l.cents, 0);
    return r(k.slice(0, 4), by, by === null ? null : k.slice(5), euros(cents), euros(cents), null);
  });
};

/** Payments whose period starts between from and to (inclusive). */
export const paymentsIn = (d: RefData, from: string, to: string): RefPayment[] =>
  (d.payments ?? []).filter((x) => x.periodStart >= from && x.periodStart <= to);

const costPerClient: RefIndicator = (d, p, by) => {
  const youthOf = new Map(d.trajectories.map((t) => [`${t.gemeente}|${t.id}`, t.youth]));
  const keyOf = (c: RefClaim) => (by === 'zorgvorm' ? claimCareForm(c) : '');
  return sorted(groupBy(claimsIn(d, p), (c) => `${c.gemeente}|${keyOf(c)}`)).map(([k, cs]) => {
    const g = k.slice(0, 4);
    const cents = cs.reduce((s, c) => s + claimCents(c), 0);
    const clients = new Set<string>();
    for (const c of cs) {
      const y = c.status !== 'afgewezen' && c.trajectoryId !== null ? youthOf.get(`${g}|${c.trajectoryId}`) : undefined;
      if (y !== undefined) clients.add(y);
    }
    const v = exactRatio(cents, clients.size, 1, 0);
    return r(g, by, by === null ? null : k.slice(5), v === null ? null : euros(v), euros(cents), clients.size);
  });
};

/**
 * cost_per_youth by wijk: a claim line's wijk is its trajectory's youth's ('onbekend' without one); one row per
 * wijk with cost or with a population row (0–17 bands of that wijk), empty without population.
 */
const perYouthByWijk: RefIndicator = (d, p) => {
  const wijkOf = new Map(d.trajectories.map((t) => [`${t.gemeente}|${t.id}`, t.wijk || 'onbekend']));
  const cents = new Map<string, number>();
  for (const c of claimsIn(d, p)) {
    const k = `${c.gemeente}|${(c.trajectoryId !== null && wijkOf.get(`${c.gemeente}|${c.trajectoryId}`)) || 'onbekend'}`;
    cents.set(k, (cents.get(k) ?? 0) + claimCents(c));
  }
  const keys = new Set(cents.keys());
  for (const g of new Set(d.population.map((x) => x.gemeente)))
    for (const w of wijkenWithPop(d, g, p.year)) keys.add(`${g}|${w}`);
  return [...keys].sort().map((gk) => {
    const [g, k] = gk.split('|') as [string, string];
    const c = cents.get(gk) ?? 0;
    const n = wijkYouthPop(d, g, k, p.year);
    const v = n === null ? null : exactRatio(c, n, 1, 0);
    return r(g, 'wijk', k, v === null ? null : euros(v), euros(c), n);
  });
};

/**
 * A gemeente whose first claim line (any status) starts in a month after the period's last: no amount at all, so no
 * cost per head (not € 0) — docs/indicators.md "Before the first claim line".
 */
function beforeFirstClaim(d: RefData, g: string, p: RefPeriod): boolean {
  const months = d.claims.filter((c) => c.gemeente === g).map((c) => c.periodStart.slice(0, 7));
  return months.length > 0 && months.reduce((a, b) => (a < b ? a : b)) > p.end.slice(0, 7);
}

function perHead(youth: boolean): RefIndicator {
  return (d, p, by) => {
    if (youth && by === 'wijk')
      return perYouthByWijk(d, p, by).map((x) =>
        beforeFirstClaim(d, x.gemeente, p) ? { ...x, value: null, numerator: null } : x,
      );
    const heads = (g: string) => band(d, g, '', p.year, 0, youth ? 17 : null);
    // every gemeente with that population, and every gemeente with claims in the period without one (no
    // denominator: the row stays, empty)
    const gs = [
      ...new Set([
        ...[...new Set(d.population.map((x) => x.gemeente))].filter((g) => heads(g) !== null),
        ...claimsIn(d, p)
          .map((c) => c.gemeente)
          .filter((g) => !beforeFirstClaim(d, g, p)),
      ]),
    ].sort();
    return gs.map((g) => {
      const n = heads(g);
      const cents = claimsIn(d, p)
        .filter((c) => c.gemeente === g)
        .reduce((s, c) => s + claimCents(c), 0);
      if (beforeFirstClaim(d, g, p)) return r(g, null, null, null, null, n);
      const v = n === null ? null : exactRatio(cents, n, 1, 0);
      return r(g, null, null, v === null ? null : euros(v), euros(cents), n);
    });
  };
}

const effectivePrice: RefIndicator = (d, p) => {
  const cs = claimsIn(d, p).filter((c) => c.status !== 'afgewezen' && c.volume !== null && c.volume >= 0);
  return sorted(groupBy(cs, (c) => `${c.gemeente}|${c.productCode ?? c.category} / ${c.unit ?? '?'}`)).map(([k, l]) => {
    const cents = l.reduce((s, c) => s + claimCents(c), 0);
    // a line that takes money off (credit, or a negative amount) takes its volume off too; in millionths
    const off = (c: RefClaim) => c.debitCredit === 'C' || c.amountCents < 0;
    const vol = l.reduce((s, c) => s + (off(c) ? -1 : 1) * Math.round(c.volume! * 1e6), 0) / 1e6;
    const v = exactRatio(cents, vol, 1, 0);
    return r(k.slice(0, 4), 'productcode', k.slice(5), v === null ? null : euros(v), euros(cents), vol);
  });
};

const ALLOCATION_DAYS = 42;
const allocationsWithoutStart: RefIndicator = (d, p, by) => {
  const cutoff = dateOf(dayNumber(p.end) - ALLOCATION_DAYS);
  const open = d.trajectories.filter(
    (t) =>
      t.start === null &&
      !t.withdrawn &&
      t.allocationDate <= cutoff &&
      (t.allocationEnd === null || t.allocationEnd >= p.end),
  );
  return sorted(groupBy(open, (t) => `${t.gemeente}|${by === 'aanbieder' ? t.provider : ''}`)).map(([k, ts]) =>
    r(k.slice(0, 4), by, by === null ? null : k.slice(5), ts.length, ts.length, null),
  );
};

const claimsWithoutAllocation: RefIndicator = (d, p, by) => {
  const eff = effective(d.trajectories);
  const byId = new Map(eff.map((t) => [`${t.gemeente}|${t.id}`, t]));
  const out: RefRow[] = [];
  for (const [g, cs] of sorted(groupBy(claimsIn(d, p), (c) => c.gemeente))) {
    const reasons = cs
      .map((c): string | null => {
        // the line's own trajectory (withOwnTrajectories), when it counts
        const t = c.trajectoryId !== null ? byId.get(`${g}|${c.trajectoryId}`) : undefined;
        if (!t) return 'onbekende toewijzing';
        const until = t.e ?? t.allocationEnd;
        return c.periodStart < t.s || (until !== null && c.periodEnd > until) ? 'buiten looptijd toewijzing' : null;
      })
      .filter((x): x is string => x !== null);
    if (by === 'reden')
      for (const [k, l] of sorted(groupBy(reasons, (x) => x))) out.push(r(g, by, k, l.length, l.length, cs.length));
    else out.push(r(g, null, null, reasons.length, reasons.length, cs.length));
  }
  return out;
};

const basicSupportReach: RefIndicator = (d, p, by) => {
  // by wijk: the episode's wijk, against the youths in care of that wijk
  const care = new Map(inCare(false)(d, p, by).map((x) => [`${x.gemeente}|${x.key ?? ''}`, x.value]));
  const act = d.basicSupport.filter((b) => b.start <= p.end && (b.end === null || b.end >= p.start));
  const keyOf = (b: RefBasicSupport) => (by === 'wijk' ? b.wijk || 'onbekend' : '');
  const reached = new Map(
    sorted(groupBy(act, (b) => `${b.gemeente}|${keyOf(b)}`)).map(([k, bs]) => [k, distinct(bs.map((b) => b.youth))]),
  );
  // every key with youths in care as well: reach 0 where the gemeente has episodes on record, unknown where it has none
  const known = new Set(d.basicSupport.map((b) => b.gemeente));
  return [...new Set([...reached.keys(), ...care.keys()])].sort().map((k) => {
    const g = k.slice(0, 4);
    const n = known.has(g) ? (reached.get(k) ?? 0) : null;
    return r(g, by, by === null ? null : k.slice(5), n, n, care.get(k) ?? null);
  });
};

// ---------------------------------------------------------------- the voorkant (issue 21)

/**
 * A youth's birth month and wijk as the youth record holds them, per gemeente: the trajectories give them (a later
 * record's non-empty value replacing an earlier one); a basic-support record fills in only what is still empty.
 */
function youthRecords(d: RefData): Map<string, { birth: string | null; wijk: string }> {
  const out = new Map<string, { birth: string | null; wijk: string }>();
  const put = (g: string, youth: string, birth: string | null | undefined, wijk: string | undefined, fill: boolean) => {
    const was = out.get(`${g}|${youth}`) ?? { birth: null, wijk: '' };
    out.set(
      `${g}|${youth}`,
      fill
        ? { birth: was.birth || birth || null, wijk: was.wijk || wijk || '' }
        : { birth: birth || was.birth, wijk: wijk || was.wijk },
    );
  };
  for (const t of d.trajectories) put(t.gemeente, t.youth, t.birthMonth, t.wijk, false);
  // a basic-support record only fills in what the trajectories (or an earlier episode) did not give: where help was
  // given is not where the youth lives, and the order the files came in must not matter
  for (const b of d.basicSupport) put(b.gemeente, b.youth, b.birthMonth, b.wijk, true);
  return out;
}

interface Helped {
  basisOnly: number;
  careOnly: number;
  both: number;
}

/**
 * The youths 0–17 with help in the period, per gemeente (and per the youth's wijk, 'onbekend' without one): a
 * basic-support episode or a trajectory (not withdrawn, effective dates) overlapping the period, aged 0–17 on
 * 1 January of the period's year (year − birth year − 1); no birth month, no age, no group.
 */
function helpedYouths(d: RefData, p: RefPeriod, byWijk: boolean): Map<string, Helped> {
  const help = new Map<string, { basis: boolean; care: boolean }>();
  const mark = (g: string, youth: string, basis: boolean) => {
    const h = help.get(`${g}|${youth}`) ?? { basis: false, care: false };
    help.set(`${g}|${youth}`, basis ? { ...h, basis: true } : { ...h, care: true });
  };
  for (const b of d.basicSupport)
    if (b.start <= p.end && (b.end === null || b.end >= p.start)) mark(b.gemeente, b.youth, true);
  for (const t of effective(d.trajectories)) if (activeIn(t, p.start, p.end)) mark(t.gemeente, t.youth, false);
  const records = youthRecords(d);
  const out = new Map<string, Helped>();
  for (const [gy, h] of help) {
    const rec = records.get(gy);
    if (!rec?.birth) continue;
    const age = p.year - Number(rec.birth.slice(0, 4)) - 1;
    if (age < 0 || age > 17) continue;
    const k = `${gy.slice(0, 4)}|${byWijk ? rec.wijk || 'onbekend' : ''}`;
    const c = out.get(k) ?? { basisOnly: 0, careOnly: 0, both: 0 };
    if (h.basis && h.care) c.both++;
    else if (h.basis) c.basisOnly++;
    else c.careOnly++;
    out.set(k, c);
  }
  return out;
}

const GROUPS = ['geen_hulp', 'alleen_basishulp', 'alleen_jeugdhulp', 'basishulp_en_jeugdhulp'] as const;

const youthSegments: RefIndicator = (d, p, by) => {
  const byWijk = by === 'wijk';
  const helped = helpedYouths(d, p, byWijk);
  // a gemeente with a population figure or a youth 0–17 with help
  const gemeenten = new Set([...helped.keys()].map((k) => k.slice(0, 4)));
  for (const g of new Set(d.population.map((x) => x.gemeente))) if (youthPop(d, g, p.year) !== null) gemeenten.add(g);
  const out: RefRow[] = [];
  const cells = (g: string, h: Helped | undefined, pop: number | null, prefix: string | null) => {
    const c = h ?? { basisOnly: 0, careOnly: 0, both: 0 };
    const n = c.basisOnly + c.careOnly + c.both;
    const none = pop === null || pop < n ? null : pop - n;
    const values = [none, c.basisOnly, c.careOnly, c.both];
    GROUPS.forEach((k, i) => {
      if (k === 'geen_hulp' && prefix === 'onbekend') return;
      out.push(r(g, by, prefix === null ? k : `${prefix}:${k}`, values[i]!, values[i]!, pop));
    });
  };
  for (const g of [...gemeenten].sort()) {
    const pop = youthPop(d, g, p.year);
    if (by === null) {
      const c = helped.get(`${g}|`);
      const n = c ? c.basisOnly + c.careOnly + c.both : 0;
      out.push(r(g, null, null, n, n, pop));
    } else if (by === 'groep') cells(g, helped.get(`${g}|`), pop, null);
    else if (byWijk) {
      const wijken = new Set([...helped.keys()].filter((k) => k.startsWith(`${g}|`)).map((k) => k.slice(5)));
      for (const w of wijkenWithPop(d, g, p.year)) wijken.add(w);
      for (const w of wijken) cells(g, helped.get(`${g}|${w}`), wijkYouthPop(d, g, w, p.year), w);
    }
  }
  return out;
};

const firstLineShare: RefIndicator = (d, p, by) =>
  sorted(helpedYouths(d, p, by === 'wijk')).map(([k, c]) => {
    const n = c.basisOnly + c.both;
    const all = c.basisOnly + c.careOnly + c.both;
    return r(k.slice(0, 4), by, by === 'wijk' ? k.slice(5) : null, pctOf(n, all), n, all);
  });

const satisfaction: RefIndicator = (d, p, by) => {
  const within = d.satisfaction.filter((s) => {
    const sp = refPeriod(s.period);
    return sp.start >= p.start && sp.start <= p.end;
  });
  return sorted(groupBy(within, (s) => `${s.gemeente}|${by === 'aanbieder' ? (s.provider ?? '') : ''}`)).map(
    ([k, ss]) => {
      const n = ss.length;
      const ge7 = ss.filter((s) => s.score >= 7).length;
      const mean = exactRatio(
        ss.reduce((a, s) => a + s.score, 0),
        n,
        1,
        2,
      );
      return r(k.slice(0, 4), by, by === null ? null : k.slice(5) || null, n < 10 ? null : mean, ge7, n);
    },
  );
};

const startedIn = (d: RefData, p: RefPeriod) => effective(d.trajectories).filter((t) => t.s >= p.start && t.s <= p.end);

/** Shares of the trajectories started in the period, per key. */
function startedShare(key: (t: Eff) => string, by: string): RefIndicator {
  return (d, p) =>
    sorted(groupBy(startedIn(d, p), (t) => t.gemeente)).flatMap(([g, ts]) =>
      sorted(groupBy(ts, key)).map(([k, l]) => r(g, by, k, pctOf(l.length, ts.length), l.length, ts.length)),
    );
}

const referrerMix: RefIndicator = (d, p, by) =>
  by === 'verwijzer_detail'
    ? startedShare((t) => `${t.referrerType ?? 'onbekend'}|${t.referrerDetail ?? 'onbekend'}`, by)(d, p, by).map(
        (x) => {
          // the drill-down's share is within the referrer type
          const type = x.key!.split('|')[0]!;
          const ofType = startedIn(d, p).filter(
            (t) => t.gemeente === x.gemeente && (t.referrerType ?? 'onbekend') === type,
          ).length;
          return { ...x, value: pctOf(x.numerator!, ofType), denominator: ofType };
        },
      )
    : startedShare((t) => t.referrerType ?? 'onbekend', 'verwijzer')(d, p, by);

const intensityMix: RefIndicator = startedShare(
  (t) => t.intensity ?? `zonder intensiteit: ${careForm(t.category) ?? 'onbekend'}`,
  'intensiteit',
);

const SPECIALIST = new Set(['D', 'E', 'F', 'G', 'H', 'I']);
const specialistReferralRate: RefIndicator = (d, p) => {
  const act = effective(d.trajectories).filter(
    (t) => t.intensity !== null && SPECIALIST.has(t.intensity) && activeIn(t, p.start, p.end),
  );
  return sorted(groupBy(act, (t) => t.gemeente)).map(([g, ts]) => {
    const n = distinct(ts.map((t) => t.youth));
    const den = youthPop(d, g, p.year);
    return r(g, null, null, den === null ? null : pctOf(n, den), n, den);
  });
};

/**
 * The region of the differential tests: both generated gemeenten belong to region R, and the tests ask for all
 * gemeenten, so a waiting time split by regio has one more set of rows, "regio:R", over every wait.
 */
const REF_REGION = 'regio:R';

/** Median, P90 and share within the norm per gemeente, and with the split regio for the whole region too. */
function waitRows<T extends { gemeente: string; provider: string }>(
  xs: readonly T[],
  by: string | null,
  days: (x: T) => number,
  norm: number,
): RefRow[] {
  const stats = (g: string, l: readonly T[], split: string, prefix: string): RefRow[] => {
    const ds = l.map(days);
    const within = ds.filter((x) => x <= norm).length;
    return [
      r(g, split, `${prefix}mediaan`, quantile(ds, 0.5), null, ds.length),
      r(g, split, `${prefix}p90`, quantile(ds, 0.9), null, ds.length),
      r(g, split, `${prefix}binnen_norm`, pctOf(within, ds.length), within, ds.length),
    ];
  };
  if (by === 'aanbieder') {
    // per gemeente and provider, and per provider over the whole region (the tests ask for every gemeente)
    const groups = groupBy(xs, (x) => `${x.gemeente}|${x.provider}`);
    for (const [k, l] of groupBy(xs, (x) => x.provider)) groups.set(`${REF_REGION}|${k}`, l);
    return sorted(groups).flatMap(([k, l]) => {
      const cut = k.lastIndexOf('|');
      return stats(k.slice(0, cut), l, 'aanbieder', `${k.slice(cut + 1)}:`);
    });
  }
  const groups = groupBy(xs, (x) => x.gemeente);
  if (by === 'regio' && xs.length > 0) groups.set(REF_REGION, [...xs]);
  return sorted(groups).flatMap(([g, l]) => stats(g, l, 'statistiek', ''));
}

const START_NORM = 42;
const waitAllocationToStart: RefIndicator = (d, p, by) => {
  const st = effective(d.trajectories).filter((t) => t.start !== null && t.start >= p.start && t.start <= p.end);
  return waitRows(
    st,
    by,
    (t) => Math.max(0, dayNumber(t.start!) - dayNumber(t.allocationStart ?? t.allocationDate)),
    START_NORM,
  );
};

/** The whole wait: calendar days from the request to the actual start, for trajectories started in the period. */
const REQUEST_TO_START_NORM = 56;
const waitRequestToStart: RefIndicator = (d, p, by) => {
  const st = effective(d.trajectories).filter(
    (t) => t.start !== null && t.requestDate && t.start >= p.start && t.start <= p.end,
  );
  return waitRows(st, by, (t) => Math.max(0, dayNumber(t.start!) - dayNumber(t.requestDate!)), REQUEST_TO_START_NORM);
};

/**
 * re_entry: youths whose care ended in the period, all of it volgens plan (JZ588 31) — every trajectory of
 * theirs that ended in the period ended with 31 and nothing of theirs runs past their last end — and, of
 * those, the ones with a trajectory starting within 365 days after that end.
 */
const reEntry: RefIndicator = (d, p) => {
  const eff = effective(d.trajectories);
  const out: RefRow[] = [];
  for (const [g, ts] of sorted(groupBy(eff, (t) => t.gemeente))) {
    let n = 0;
    let total = 0;
    for (const [, mine] of groupBy(ts, (t) => t.youth)) {
      const ended = mine.filter((t) => t.e !== null && t.e >= p.start && t.e <= p.end);
      if (ended.length === 0) continue;
      const last = ended
        .map((t) => t.e!)
        .sort()
        .at(-1)!;
      if (mine.some((t) => t.s <= last && (t.e === null || t.e > last))) continue;
      if (!ended.every((t) => t.endReason === '31')) continue;
      total++;
      const until = dateOf(dayNumber(last) + 365);
      if (mine.some((t) => t.s > last && t.s <= until)) n++;
    }
    if (total > 0) out.push(r(g, null, null, pctOf(n, total), n, total));
  }
  return out;
};

/** Youth-care taakvelden: 6.72 and 6.82, and from 2023 their parts 6.72a–d, 6.73a–c, 6.74a–c, 6.82a–b. */
function isYouthLine(line: string): boolean {
  const l = line.trim().toLowerCase();
  const [main, sub] = [l.slice(0, 4), l.slice(4)];
  if (main === '6.72') return sub === '' || ['a', 'b', 'c', 'd'].includes(sub);
  if (main === '6.73' || main === '6.74') return ['a', 'b', 'c'].includes(sub);
  if (main === '6.82') return sub === '' || ['a', 'b'].includes(sub);
  return false;
}

/** budget_burn: claims and payments from 1 January to the period's end ÷ the year's budget of the youth lines (all lines when none is a youth line). */
const budgetBurn: RefIndicator = (d, p) => {
  // claims and payments outside iJw, from 1 January
  const from = `${p.year}-01-01`;
  const ytd = [
    ...d.claims
      .filter((c) => c.periodStart >= from && c.periodStart <= p.end)
      .map((c) => ({ g: c.gemeente, cents: claimCents(c) })),
    ...paymentsIn(d, from, p.end).map((x) => ({ g: x.gemeente, cents: x.amountCents })),
  ];
  return sorted(groupBy(ytd, (c) => c.g)).map(([g, cs]) => {
    const cost = cs.reduce((s, c) => s + c.cents, 0);
    const lines = (d.budget ?? []).filter((b) => b.gemeente === g && b.year === p.year);
    const youth = lines.filter((b) => isYouthLine(b.line));
    const budget = (youth.length > 0 ? youth : lines).reduce((s, b) => s + b.budgetCents, 0);
    return r(
      g,
      null,
      null,
      budget > 0 ? exactRatio(cost, budget, 100, 3) : null,
      euros(cost),
      budget ? euros(budget) : null,
    );
  });
};

/**
 * Care level per product category: the default mapping is data (src/domain/data/care-forms.json, shown to
 * the user and editable per region), not a rule of the catalogue, so it is restated here as data.
 */
const CARE_LEVEL: Readonly<Record<string, string>> = {
  31: 'ambulant',
  32: 'ambulant',
  33: 'dagbehandeling',
  34: 'ambulant',
  35: 'verblijf',
  36: 'verblijf',
  37: 'verblijf',
  38: 'verblijf',
  40: 'ambulant',
  41: 'dagbehandeling',
  42: 'ambulant',
  43: 'verblijf',
  44: 'verblijf',
  45: 'ambulant',
  46: 'ambulant',
  47: 'jeugdreclassering',
  48: 'jeugdbescherming',
  49: 'jeugdreclassering',
  50: 'ambulant',
  51: 'ambulant',
  52: 'ambulant',
  53: 'ambulant',
  54: 'ambulant',
  55: 'ambulant',
};

/**
 * Transitions of care paths: per youth (and gemeente) every trajectory and basic-support episode is a step
 * at its start, with its care level (basishulp for an episode); steps in order of start, ties by the level's
 * name; a transition is a step whose level differs from the one before, counted in the period its step starts.
 */
function transitions(d: RefData, p: RefPeriod): Map<string, Map<string, number>> {
  const steps = [
    ...effective(d.trajectories).map((t) => ({
      g: t.gemeente,
      y: t.youth,
      s: t.s,
      level: CARE_LEVEL[t.category] ?? 'ambulant',
    })),
    ...d.basicSupport.map((b) => ({ g: b.gemeente, y: b.youth, s: b.start, level: 'basishulp' })),
  ];
  const out = new Map<string, Map<string, number>>();
  for (const [, mine] of groupBy(steps, (x) => `${x.g}|${x.y}`)) {
    const ordered = [...mine].sort((a, b) =>
      a.s < b.s ? -1 : a.s > b.s ? 1 : a.level < b.level ? -1 : a.level > b.level ? 1 : 0,
    );
    for (let i = 1; i < ordered.length; i++) {
      const [a, b] = [ordered[i - 1]!, ordered[i]!];
      if (a.level === b.level || b.s < p.start || b.s > p.end) continue;
      const m = out.get(b.g) ?? new Map<string, number>();
      out.set(b.g, m);
      const k = `${a.level} → ${b.level}`;
      m.set(k, (m.get(k) ?? 0) + 1);
    }
  }
  return out;
}

const carePaths: RefIndicator = (d, p) =>
  sorted(transitions(d, p)).flatMap(([g, m]) => sorted(m).map(([k, n]) => r(g, 'overgang', k, n, n, null)));

const RANK: Readonly<Record<string, number>> = { basishulp: 0, ambulant: 1, dagbehandeling: 2, verblijf: 3 };
const stepUpDown: RefIndicator = (d, p) =>
  sorted(transitions(d, p)).flatMap(([g, m]) => {
    let up = 0;
    let down = 0;
    for (const [k, n] of m) {
      const [a, b] = k.split(' → ').map((l) => RANK[l]);
      if (a === undefined || b === undefined) continue; // JB/JR: neither up nor down
      if (b > a) up += n;
      else down += n;
    }
    const total = up + down;
    return [
      r(g, 'richting', 'opschaling', pctOf(up, total), up, total),
      r(g, 'richting', 'afschaling', pctOf(down, total), down, total),
    ];
  });

/** top_cost_trajectories: per gemeente the 10 trajectories with the highest claimed cost in the 12 months up to the period's end. */
const topCost: RefIndicator = (d, p) => {
  const from = addMonths(p.end, -12);
  const known = new Set(effective(d.trajectories).map((t) => `${t.gemeente}|${t.id}`));
  const cs = d.claims.filter(
    (c) =>
      c.trajectoryId !== null &&
      c.periodStart > from &&
      c.periodStart <= p.end &&
      known.has(`${c.gemeente}|${c.trajectoryId}`),
  );
  return sorted(groupBy(cs, (c) => c.gemeente)).flatMap(([g, l]) =>
    [...groupBy(l, (c) => c.trajectoryId!)]
      .map(([id, x]) => ({ id, cents: x.reduce((s, c) => s + claimCents(c), 0) }))
      .sort((a, b) => b.cents - a.cents || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, 10)
      .map((x) => r(g, 'traject', x.id, euros(x.cents), euros(x.cents), null)),
  );
};

/**
 * Non-working days of the Algemene termijnenwet (art. 3) for the years the tests use, written out as data
 * (Easter Monday, Ascension Day and Whit Monday from the published Easter dates): Nieuwjaarsdag, tweede
 * Paasdag, Hemelvaartsdag, tweede Pinksterdag, Koningsdag, 5 mei, eerste en tweede Kerstdag.
 */
const HOLIDAYS = new Set([
  '2021-01-01',
  '2021-04-05',
  '2021-04-27',
  '2021-05-05',
  '2021-05-13',
  '2021-05-24',
  '2021-12-25',
  '2021-12-26',
  '2022-01-01',
  '2022-04-18',
  '2022-04-27',
  '2022-05-05',
  '2022-05-26',
  '2022-06-06',
  '2022-12-25',
  '2022-12-26',
  '2023-01-01',
  '2023-04-10',
  '2023-04-27',
  '2023-05-05',
  '2023-05-18',
  '2023-05-29',
  '2023-12-25',
  '2023-12-26',
  '2024-01-01',
  '2024-04-01',
  '2024-04-27',
  '2024-05-05',
  '2024-05-09',
  '2024-05-20',
  '2024-12-25',
  '2024-12-26',
  '2025-01-01',
  '2025-04-21',
  '2025-04-26',
  '2025-05-05',
  '2025-05-29',
  '2025-06-09',
  '2025-12-25',
  '2025-12-26',
  '2026-01-01',
  '2026-04-06',
  '2026-04-27',
  '2026-05-05',
  '2026-05-14',
  '2026-05-25',
  '2026-12-25',
  '2026-12-26',
]);
/** Working days after `from` up to and including `to`, by walking the days (1970-01-01 was a Thursday). */
function workingDays(from: string, to: string): number {
  let n = 0;
  for (let x = dayNumber(from) + 1; x <= dayNumber(to); x++) {
    const wd = ((x % 7) + 7 + 4) % 7; // 0 = Sunday
    if (wd !== 0 && wd !== 6 && !HOLIDAYS.has(dateOf(x))) n++;
  }
  return n;
}

const REQUEST_NORM = 5;
const waitRequestToAllocation: RefIndicator = (d, p, by) => {
  const ts = effective(d.trajectories).filter(
    (t) => t.requestDate && t.allocationDate >= p.start && t.allocationDate <= p.end,
  );
  return waitRows(ts, by, (t) => workingDays(t.requestDate!, t.allocationDate), REQUEST_NORM);
};

/**
 * message_timeliness: start and stop messages whose start/stop date lies in the period, each (message type,
 * logical key, date) once, sent within 5 working days of that date (first sending counts); a logical key
 * deleted (StatusAanlevering 3) as often as delivered does not count.
 */
const MESSAGE_NORM = 5;
const messageTimeliness: RefIndicator = (d, p, by) => {
  const ev = (d.events ?? []).filter((e) => e.eventType === 'start' || e.eventType === 'stop');
  const net = new Map<string, number>();
  for (const e of ev)
    net.set(
      `${e.gemeente}|${e.logicalKey}`,
      (net.get(`${e.gemeente}|${e.logicalKey}`) ?? 0) + (e.deliveryStatus === '3' ? -1 : 1),
    );
  const first = new Map<string, { g: string; m: string; date: string; sent: string }>();
  for (const e of ev) {
    if (
      e.deliveryStatus === '3' ||
      !((net.get(`${e.gemeente}|${e.logicalKey}`) ?? 0) > 0) ||
      e.eventDate === null ||
      e.sentDate === null
    )
      continue;
    if (e.eventDate < p.start || e.eventDate > p.end) continue;
    const k = `${e.gemeente}|${e.messageType}|${e.logicalKey}|${e.eventDate}`;
    const had = first.get(k);
    if (!had || e.sentDate < had.sent)
      first.set(k, { g: e.gemeente, m: e.messageType, date: e.eventDate, sent: e.sentDate });
  }
  return sorted(groupBy([...first.values()], (x) => `${x.g}|${by === 'bericht' ? x.m : ''}`)).map(([k, l]) => {
    const ok = l.filter((x) => workingDays(x.date, x.sent) <= MESSAGE_NORM).length;
    return r(
      k.slice(0, 4),
      by === 'bericht' ? by : null,
      by === 'bericht' ? k.slice(5) : null,
      pctOf(ok, l.length),
      ok,
      l.length,
    );
  });
};

/** a ÷ b rounded half away from zero to whole units, on BigInts (b > 0). */
function bigHalfUp(a: bigint, b: bigint): bigint {
  const neg = a < 0n;
  const m = neg ? -a : a;
  const q = m / b + ((m % b) * 2n >= b ? 1n : 0n);
  return neg ? -q : q;
}
/** a ÷ b × 100 at three decimals half away from zero, read back through its decimal text. */
function bigPct(a: bigint, b: bigint): number {
  const t = bigHalfUp(a * 100_000n, b);
  const m = t < 0n ? -t : t;
  const text = m.toString().padStart(4, '0');
  return Number(`${t < 0n ? '-' : ''}${text.slice(0, -3)}.${text.slice(-3)}`);
}
const gcdBig = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcdBig(b, a % b));

/**
 * solidarity_share, from its definition (docs/indicators.md "Solidariteit in de regio"): per region, each gemeente's
 * part of the regional total per component, weighted (percent with two decimals) and added as an exact fraction; the
 * region's realised cost × that share to whole cents; realised minus that; the difference in % of it; flagged above
 * the trigger. Realised cost is this reference's own cost_all_forms or cost_total.
 */
function solidarityRows(d: RefData, p: RefPeriod, by: string | null): { rows: RefRow[]; over: string[] } {
  const cfg: RefSolidarity = d.solidarity ?? { sleutel: [{ component: 'jeugdigen', gewicht: 100 }] };
  const claimsOnly = cfg.kosten === 'declaraties';
  const base = cfg.basisjaar ?? null;
  const keyPeriod = base === null ? p : refPeriod(String(base));
  /** cents per gemeente, null when not known; `seen` when the cost figure has a row for it */
  const costOf = (q: RefPeriod) => {
    const cents = new Map<string, number | null>();
    for (const x of (claimsOnly ? costTotal : costAllForms)(d, q, null))
      cents.set(x.gemeente, Math.round(x.value! * 100));
    if (claimsOnly)
      for (const g of new Set(d.claims.map((c) => c.gemeente))) if (beforeFirstClaim(d, g, q)) cents.set(g, null);
    return cents;
  };
  const realised = costOf(p);
  const keyCost = base === null ? realised : costOf(keyPeriod);
  const inCareN = new Map(inCare(false)(d, keyPeriod, null).map((x) => [x.gemeente, x.value!]));
  const out: RefRow[] = [];
  const over: string[] = [];
  for (const [, gs] of sorted(groupBy(d.gemeenten ?? [], (x) => x.region))) {
    const members = gs.map((x) => x.code).sort();
    if (!members.some((g) => realised.has(g))) continue;
    const measure = (component: string, g: string): number | null =>
      component === 'jeugdigen'
        ? youthPop(d, g, keyPeriod.year)
        : component === 'jeugdigen_met_jeugdhulp'
          ? (inCareN.get(g) ?? 0)
          : keyCost.has(g)
            ? keyCost.get(g)!
            : 0;
    // share as a reduced fraction [num, den], summed component by component
    let known = true;
    const share = new Map<string, [bigint, bigint]>(members.map((g) => [g, [0n, 1n]]));
    for (const part of cfg.sleutel.filter((x) => x.gewicht > 0)) {
      const xs = members.map((g) => measure(part.component, g));
      if (xs.some((x) => x === null)) known = false;
      const total = xs.reduce<number>((s, x) => s + (x ?? 0), 0);
      if (total <= 0) known = false;
      if (!known) break;
      const w = BigInt(Math.round(part.gewicht * 100));
      members.forEach((g, i) => {
        const [n, m] = share.get(g)!;
        const a = w * BigInt(xs[i]!);
        const b = 10000n * BigInt(total);
        const num = n * b + a * m;
        const den = m * b;
        const k = gcdBig(num, den) || 1n;
        share.set(g, [num / k, den / k]);
      });
    }
    const region = members.some((g) => realised.get(g) === null)
      ? null
      : members.reduce((s, g) => s + BigInt(realised.get(g) ?? 0), 0n);
    const trigger = BigInt(Math.round((cfg.drempel_procent ?? 10) * 100));
    for (const g of members) {
      const own = realised.has(g) ? realised.get(g)! : 0;
      const [num, den] = share.get(g)!;
      const onKey = !known || region === null ? null : bigHalfUp(region * num, den);
      const diff = onKey === null || own === null ? null : BigInt(own) - onKey;
      const pct = diff === null || onKey === null || onKey <= 0n ? null : bigPct(diff, onKey);
      const eur = (c: bigint | number | null) => (c === null ? null : euros(Number(c)));
      if (diff !== null && onKey !== null && onKey > 0n && diff * 10000n > trigger * onKey) over.push(g);
      if (by === null) {
        out.push(r(g, null, null, pct, null, null));
        continue;
      }
      out.push(
        r(g, by, 'aandeel_sleutel', known ? bigPct(num, den) : null, null, null),
        r(g, by, 'volgens_sleutel', eur(onKey), null, null),
        r(g, by, 'gerealiseerd', eur(own), null, null),
        r(g, by, 'verschil', eur(diff), null, null),
        r(g, by, 'verschil_pct', pct, null, null),
      );
    }
  }
  return { rows: out, over };
}
const solidarity: RefIndicator = (d, p, by) => solidarityRows(d, p, by).rows;
/** The gemeenten above the trigger (a flag, not a value: the differential test compares it on its own). */
export const solidarityOver = (d: RefData, p: RefPeriod): string[] =>
  solidarityRows(withOwnTrajectories(d), p, null).over;

/**
 * The trajectory each claim line belongs to, as docs/indicators.md says: the trajectory it names when the file has
 * one by that id; else the one trajectory of its gemeente with its allocation number (none when two have it); else
 * the id as given. Every claim figure below reads the lines so resolved.
 */
export function withOwnTrajectories(d: RefData): RefData {
  const ids = new Set(d.trajectories.map((t) => `${t.gemeente}|${t.id}`));
  const byAlloc = new Map<string, string | null>();
  for (const t of d.trajectories) {
    if (t.allocationNumber === null) continue;
    const k = `${t.gemeente}|${t.allocationNumber}`;
    byAlloc.set(k, byAlloc.has(k) ? null : t.id);
  }
  const claims = d.claims.map((c) => {
    if (c.trajectoryId !== null && ids.has(`${c.gemeente}|${c.trajectoryId}`)) return c;
    const viaAlloc = c.allocationNumber === null ? null : (byAlloc.get(`${c.gemeente}|${c.allocationNumber}`) ?? null);
    return viaAlloc === null ? c : { ...c, trajectoryId: viaAlloc };
  });
  return { ...d, claims };
}

/** The indicators this reference implements, by catalogue id, on data whose claim lines name their trajectory. */
const OWN: Readonly<Record<string, RefIndicator>> = {
  youth_in_care: inCare(false),
  pct_youth_in_care: inCare(true),
  trajectories_started: trajectoriesStarted,
  inflow_youth: flowCount('instroom'),
  reentry_youth: flowCount('herinstroom'),
  outflow_youth: flowCount('uitstroom'),
  stock_youth: stockYouth,
  stock_bridge: stockBridge,
  duration,
  long_running: longRunning,
  stacking,
  dropout,
  completed_as_planned: completedAsPlanned,
  lasting_outcome: lastingOutcome,
  youth_18_22_in_care: youth1822InCare,
  transition_at_18: transitionAt18,
  goal_attainment: goalAttainment,
  satisfaction,
  basic_support_reach: basicSupportReach,
  youth_segments: youthSegments,
  first_line_share: firstLineShare,
  allocations_without_start: allocationsWithoutStart,
  claims_without_allocation: claimsWithoutAllocation,
  cost_total: costTotal,
  cost_all_forms: costAllForms,
  solidarity_share: solidarity,
  cost_per_client: costPerClient,
  cost_per_youth: perHead(true),
  cost_per_inhabitant: perHead(false),
  effective_price: effectivePrice,
  referrer_mix: referrerMix,
  intensity_mix: intensityMix,
  specialist_referral_rate: specialistReferralRate,
  wait_allocation_to_start: waitAllocationToStart,
  re_entry: reEntry,
  budget_burn: budgetBurn,
  care_paths: carePaths,
  step_up_down: stepUpDown,
  top_cost_trajectories: topCost,
  wait_request_to_allocation: waitRequestToAllocation,
  wait_request_to_start: waitRequestToStart,
  message_timeliness: messageTimeliness,
  ...CHAIN_REFERENCE,
  ...COMMITMENTS_REFERENCE,
  ...CONTRACT_MONEY_REFERENCE,
  ...BUDGET_REFERENCE,
  // the voice of clients: complaints per 1,000 stand on this file's own count of youths in care (as youth_in_care)
  ...voiceReference<RefData>((d, p, byProvider) => {
    const act = effective(d.trajectories).filter((t) => activeIn(t, p.start, p.end));
    return new Map(
      sorted(groupBy(act, (t) => `${t.gemeente}|${byProvider ? t.provider : ''}`)).map(([k, ts]) => [
        k,
        distinct(ts.map((t) => t.youth)),
      ]),
    );
  }),
  // evaluations after referral: the data's last day as the lens reads it (the latest allocation, start or end of a
  // trajectory that counts, or the latest claim period's end up to today)
  ...evaluationReference<RefData>((d) => {
    let last = '1900-01-01';
    for (const t of d.trajectories)
      if (!t.withdrawn) for (const x of [t.allocationDate, t.start, t.end]) if (x !== null && x > last) last = x;
    const today = new Date().toISOString().slice(0, 10);
    for (const c of d.claims) {
      const e = c.periodEnd > today ? today : c.periodEnd;
      if (e > last) last = e;
    }
    return last;
  }),
  // liaison positions (issue 21): reach and the referral pattern before and after, on this file's own trajectories
  ...liaisonReference<RefData>({
    started: (d) => effective(d.trajectories),
    addMonths,
    dayBefore: (x) => dateOf(dayNumber(x) - 1),
    pct: pctOf,
  }),
  // the CBS/Iv3 benchmark figures and the Iv3 reconciliation: benchmarkReference.ts
  ...BENCHMARK_REFERENCE,
};

export const REFERENCE: Readonly<Record<string, RefIndicator>> = Object.fromEntries(
  Object.entries(OWN).map(([id, f]) => [id, ((d, p, by) => f(withOwnTrajectories(d), p, by)) as RefIndicator]),
);
