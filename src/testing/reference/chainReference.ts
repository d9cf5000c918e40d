/**
 * The reference for the chain-message and forecast figures (issue 14): `message_rejections` over plain
 * records of the retour messages the generator wrote, and `forecast_year_end` as docs/indicators.md
 * defines it ("forecast_year_end" under "Conventions a controller needs to recompute a figure"). Like
 * reference.ts it shares no code with src/indicators, src/lens or src/domain. reference.ts registers these
 * into REFERENCE, so this file cannot import from it (the layer check refuses import cycles): the few
 * records, effective dates and exact rounding it needs are restated below, as reference.ts states them.
 */
import type { RefRow } from './row.js';

// ---------------------------------------------------------------- what this file reads (a part of RefData)

export interface ChainTrajectory {
  readonly gemeente: string;
  readonly id: string;
  readonly allocationDate: string;
  readonly allocationStart: string | null;
  readonly allocationEnd: string | null;
  readonly start: string | null;
  readonly end: string | null;
  readonly withdrawn: boolean;
  /** what a contract covers (the forecast's inflow leaves out trajectories paid by lump sum or tranche) */
  readonly provider: string;
  readonly category: string;
  readonly productCode: string | null;
}
/** A contract as contracten.csv gives it: only what the forecast reads. */
export interface ChainContract {
  readonly id: string;
  /** AGB codes; empty for a consortium */
  readonly providers: readonly string[];
  readonly categories: readonly string[];
  readonly productCodes?: readonly string[];
  readonly form: string;
  readonly parties: readonly string[];
  /** the term: its start and the end of the current term (absent: always in force) */
  readonly start?: string;
  readonly end?: string;
}
/** A payment outside iJw (betalingen.csv). */
export interface ChainPayment {
  readonly gemeente: string;
  /** the first day of the month paid for, or the day */
  readonly periodStart: string;
  readonly amountCents: number;
}
export interface ChainClaim {
  readonly gemeente: string;
  readonly trajectoryId: string | null;
  readonly periodStart: string;
  readonly amountCents: number;
  readonly debitCredit: 'D' | 'C';
  readonly status: string;
}
export interface ChainData {
  readonly trajectories: readonly ChainTrajectory[];
  readonly claims: readonly ChainClaim[];
  readonly retours?: readonly RefRetour[];
  readonly contracts?: readonly ChainContract[];
  readonly payments?: readonly ChainPayment[];
}
interface ChainPeriod {
  readonly start: string;
  readonly end: string;
}
type ChainRow = RefRow;
type ChainIndicator = (d: ChainData, p: ChainPeriod, by: string | null) => ChainRow[];

/** Effective start and end (docs/indicators.md, "Effective dates"); withdrawn allocations left out. */
function effective(ts: readonly ChainTrajectory[]): Array<ChainTrajectory & { s: string; e: string | null }> {
  return ts
    .filter((t) => !t.withdrawn)
    .map((t) => {
      const s = t.start ?? t.allocationStart ?? t.allocationDate;
      const e = t.end ?? (t.allocationEnd === null ? null : t.allocationEnd < s ? s : t.allocationEnd);
      return { ...t, s, e };
    });
}

/** num × factor ÷ den rounded half away from zero to `decimals`, in BigInt (den > 0, integers). */
function exactRatio(num: number, den: number, factor: number, decimals: number): number {
  const n = BigInt(num) * BigInt(factor) * 10n ** BigInt(decimals);
  const d = BigInt(den);
  const a = n < 0n ? -n : n;
  const q = a / d + ((a % d) * 2n >= d ? 1n : 0n);
  const digits = q.toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return Number(`${n < 0n && q !== 0n ? '-' : ''}${text}`);
}

/** Whole cents as euros: written as a decimal and read back. */
const euros = (cents: number) => exactRatio(cents, 100, 1, 2);

/** One delivered copy of an iJw retour message (JW302/306/308/316/318/320), as the generator wrote it. */
export interface RefRetour {
  readonly gemeente: string;
  /** the provider's AGB code: the other party of the message */
  readonly provider: string;
  readonly messageType: string;
  /** IdentificatieRetour: "naam of nummer ter identificatie van een retourbericht" (iJw 3.2) */
  readonly id: string;
  /** DagtekeningRetour */
  readonly date: string;
  /** every RetourCode written in the message, header and records alike ([] when it has none) */
  readonly codes: readonly string[];
}

const NO_REMARK = '0200';

type Cell = number | null;
function row(gemeente: string, by: string | null, key: string | null, value: Cell, num: Cell, den: Cell): ChainRow {
  return { gemeente, by, key, value, numerator: num, denominator: den };
}

function group<T>(xs: readonly T[], key: (x: T) => string): Array<[string, T[]]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * message_rejections: of the retour messages dated (DagtekeningRetour) in the period, the share with at
 * least one RetourCode other than 0200. A message is one (gemeente, provider, type, IdentificatieRetour):
 * a copy delivered again is the same message. By `bericht`: per retour type; by `retourcode`: per code the
 * number of messages carrying it, of all messages dated in the period.
 */
const messageRejections: ChainIndicator = (d, p, by) => {
  const messages = new Map<string, RefRetour>();
  for (const m of d.retours ?? []) messages.set(`${m.gemeente}|${m.provider}|${m.messageType}|${m.id}`, m);
  const dated = [...messages.values()].filter((m) => m.date >= p.start && m.date <= p.end);
  const rejected = (m: RefRetour) => m.codes.some((c) => c !== NO_REMARK);
  const out: ChainRow[] = [];
  for (const [g, ms] of group(dated, (m) => m.gemeente)) {
    if (by === 'retourcode') {
      const codes = [...new Set(ms.flatMap((m) => m.codes))].sort();
      for (const c of codes) {
        const n = ms.filter((m) => m.codes.includes(c)).length;
        out.push(row(g, by, c, n, n, ms.length));
      }
    } else if (by === 'bericht') {
      for (const [type, of] of group(ms, (m) => m.messageType)) {
        const n = of.filter(rejected).length;
        out.push(row(g, by, type, exactRatio(n, of.length, 100, 3), n, of.length));
      }
    } else {
      const n = ms.filter(rejected).length;
      out.push(row(g, null, null, exactRatio(n, ms.length, 100, 3), n, ms.length));
    }
  }
  return out;
};

// ---------------------------------------------------------------- forecast_year_end

/** Months counted from year 0: 2024-03-xx → 2024 × 12 + 2. */
const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
const claimCents = (c: ChainClaim) =>
  c.status === 'afgewezen' ? 0 : c.debitCredit === 'C' ? -c.amountCents : c.amountCents;

/** A rational number num / den (den > 0) rounded to a whole number, half away from zero. */
const whole = (num: number, den: number) => exactRatio(num, den, 1, 0);

/** The four terms of the forecast, each in whole cents, for one gemeente. */
export interface ForecastParts {
  /** claims and payments outside iJw from 1 January up to E */
  readonly realised: number;
  /** of realised, the payments */
  readonly realisedPayments: number;
  readonly continuation: number;
  readonly inflow: number;
  /** the payments expected in the months left */
  readonly payments: number;
}

/**
 * Is trajectory t paid outside claims: does a taakgericht or resultaat contract of its gemeente, in force on its
 * start, cover it — t's provider is one of the contract's, and its product is one the contract lists (its product
 * codes when it has them, else its categories, else every product of its providers)?
 */
function paidOutsideClaims(contracts: readonly ChainContract[], t: ChainTrajectory & { s: string }): boolean {
  return contracts.some((c) => {
    if (c.form !== 'taakgericht' && c.form !== 'resultaat') return false;
    if (!c.parties.includes(t.gemeente) || !c.providers.includes(t.provider)) return false;
    if (c.start !== undefined && c.start > t.s) return false;
    if (c.end !== undefined && c.end < t.s) return false;
    const codes = c.productCodes ?? [];
    if (codes.length > 0) return t.productCode !== null && codes.includes(t.productCode);
    if (c.categories.length > 0) return c.categories.includes(t.category);
    return true;
  });
}

/**
 * forecast_year_end, as docs/indicators.md defines it: made on the period's last day E, from what is dated
 * up to E (claim lines by the start of their product period, trajectories by their effective start; an end
 * after E is not known on E).
 */
export function forecastParts(d: ChainData, end: string): Map<string, ForecastParts> {
  const year = end.slice(0, 4);
  const eMonth = monthIndex(end);
  const monthsLeft = 12 - Number(end.slice(5, 7));
  const known = d.claims.filter((c) => c.periodStart <= end);
  // claim lines per trajectory they name (traject_id), summed per month of their product period
  const monthly = new Map<string, Map<number, number>>();
  for (const c of known) {
    if (c.trajectoryId === null) continue;
    const k = `${c.gemeente}|${c.trajectoryId}`;
    const m = monthly.get(k) ?? new Map<number, number>();
    monthly.set(k, m);
    m.set(monthIndex(c.periodStart), (m.get(monthIndex(c.periodStart)) ?? 0) + claimCents(c));
  }
  const trajectories = effective(d.trajectories).filter((t) => t.s <= end);
  const paid = (d.payments ?? []).filter((x) => x.periodStart <= end);
  // a gemeente with a claim line whose product period starts, or a payment whose period starts, in the 12 months up
  // to and including E's month
  const gemeenten = new Set(
    [...known, ...paid].filter((c) => monthIndex(c.periodStart) > eMonth - 12).map((c) => c.gemeente),
  );
  const out = new Map<string, ForecastParts>();
  for (const g of [...gemeenten].sort()) {
    const claimed = known
      .filter((c) => c.gemeente === g && c.periodStart >= `${year}-01-01`)
      .reduce((s, c) => s + claimCents(c), 0);
    // payments outside iJw from 1 January up to E, and a straight line through them for the months left: their sum
    // ÷ the months from January up to E's × the months left, rounded once
    const realisedPayments = paid
      .filter((x) => x.gemeente === g && x.periodStart >= `${year}-01-01`)
      .reduce((s, x) => s + x.amountCents, 0);
    const soFar = Number(end.slice(5, 7));
    const payments = monthsLeft === 0 ? 0 : exactRatio(realisedPayments * monthsLeft, soFar, 1, 0);
    const realised = claimed + realisedPayments;
    const mine = trajectories.filter((t) => t.gemeente === g);
    // how often care ends: over the 12 months up to E's, of the trajectories running on a month's first day, the
    // share whose end falls in that month
    let exposed = 0;
    let ended = 0;
    for (let m = eMonth - 11; m <= eMonth; m++) {
      const first = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
      for (const t of mine) {
        if (t.s > first || (t.e !== null && t.e < first)) continue;
        exposed++;
        if (t.e !== null && monthIndex(t.e) === m) ended++;
      }
    }
    const h = exposed === 0 ? 0 : ended / exposed;
    // continuation, × 6 so the mean of one, two or three months stays whole; an open-ended allocation's months
    // count as the chance it still runs, (1 − h) per month after E up to its planned end (not whole: summed apart)
    let cont6 = 0;
    let contOpen = 0;
    for (const t of mine.filter((x) => x.e === null || x.e > end)) {
      const months = [...(monthly.get(`${g}|${t.id}`) ?? new Map<number, number>()).entries()]
        .sort(([a], [b]) => b - a)
        .slice(0, 3);
      if (months.length === 0) continue;
      const december = eMonth + monthsLeft;
      const until = t.allocationEnd === null ? december : Math.min(monthIndex(t.allocationEnd), december);
      const left = Math.max(0, until - eMonth);
      const sum = months.reduce((s, [, c]) => s + c, 0);
      if (h > 0) {
        let chance = 0;
        for (let j = 1; j <= left; j++) chance += (1 - h) ** j;
        contOpen += (sum / months.length) * chance;
      } else cont6 += ((sum * 6) / months.length) * left;
    }
    // new inflow: starts per month over the 12 months up to E × Σ over the months left of what a start in that month
    // costs up to December, from the cost curve of new trajectories (their o-th month's mean cost)
    // only trajectories whose money arrives as claims: one a lump sum or tranches pay is in the payments term
    const byClaims = mine.filter((t) => !paidOutsideClaims(d.contracts ?? [], t));
    const started = byClaims.filter((t) => monthIndex(t.s) > eMonth - 12).length;
    const seen = new Array<number>(12).fill(0);
    const spent = new Array<number>(12).fill(0);
    for (const t of byClaims.filter((x) => monthIndex(x.s) > eMonth - 24)) {
      const m = monthly.get(`${g}|${t.id}`);
      if (!m || m.size === 0) continue; // no claim line dated up to E: its cost is not known
      for (let o = 0; o < 12 && monthIndex(t.s) + o <= eMonth; o++) {
        seen[o]! += 1;
        spent[o]! += m.get(monthIndex(t.s) + o) ?? 0;
      }
    }
    // the weights (M − o) with the mean of month o, a month nobody reached taking the one before
    const terms: Array<{ w: bigint; c: bigint; n: bigint }> = [];
    let prev: { c: bigint; n: bigint } | null = null;
    for (let o = 0; o < monthsLeft; o++) {
      if (seen[o]! > 0) prev = { c: BigInt(spent[o]!), n: BigInt(seen[o]!) };
      if (prev) terms.push({ w: BigInt(monthsLeft - o), ...prev });
    }
    let inflow = 0;
    if (started > 0 && terms.length > 0) {
      // one common denominator: the product of the counts, × 12
      const den = terms.reduce((p, t) => p * t.n, 12n);
      const num = terms.reduce((p, t) => p + (t.w * t.c * den) / (t.n * 12n), 0n) * BigInt(started);
      const neg = num < 0n;
      const a = neg ? -num : num;
      let q = a / den;
      if ((a % den) * 2n >= den) q += 1n;
      inflow = Number(neg ? -q : q);
    }
    const continuation = contOpen === 0 ? whole(cont6, 6) : Math.round(cont6 / 6 + contOpen);
    out.set(g, { realised, realisedPayments, continuation, inflow, payments });
  }
  return out;
}

const forecastYearEnd: ChainIndicator = (d, p) =>
  [...forecastParts(d, p.end)].map(([g, f]) =>
    row(g, null, null, euros(f.realised + f.continuation + f.inflow + f.payments), null, null),
  );

/** The indicators of this file, by catalogue id (spread into REFERENCE). */
export const CHAIN_REFERENCE: Readonly<Record<string, ChainIndicator>> = {
  message_rejections: messageRejections,
  forecast_year_end: forecastYearEnd,
};
