/**
 * The reference for `commitments` (verplichtingen), written from its definition in docs/indicators.md
 * ("commitments" under "Conventions a controller needs to recompute a figure"), not from the SQL: allocations
 * running on the period's last day E (Toewijzingsdatum on or before E, effective end empty or after E, not
 * withdrawn); per allocation the amount granted (per year of 365 days) × the days from the later of E + 1 and
 * its Ingangsdatum up to and including the earlier of its Einddatum and 31 December of the period's year, ÷ 365,
 * rounded to whole cents; summed. The denominator counts the running allocations with an amount (none: empty).
 * reference.ts registers this into REFERENCE, so it cannot import from there (the layer check refuses import
 * cycles): the record it reads, the day arithmetic and the exact rounding are restated here.
 */
import type { RefRow } from './row.js';

/** What this file reads of a canonical trajectory (a part of RefTrajectory). */
export interface CommitmentTrajectory {
  readonly gemeente: string;
  readonly allocationDate: string;
  readonly allocationStart: string | null;
  readonly allocationEnd: string | null;
  readonly start: string | null;
  readonly end: string | null;
  readonly withdrawn: boolean;
  /** bedrag_toegekend in whole eurocent, an amount per year (undefined or null: none) */
  readonly amountGrantedCents?: number | null;
}
interface CommitmentData {
  readonly trajectories: readonly CommitmentTrajectory[];
}
interface CommitmentPeriod {
  readonly year: number;
  readonly end: string;
}
type CommitmentRow = RefRow;
type CommitmentIndicator = (d: CommitmentData, p: CommitmentPeriod, by: string | null) => CommitmentRow[];

/** Days a year of the amount granted stands for (the definition's "per year of 365 days"). */
const YEAR_DAYS = 365n;

/** Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian, days-from-civil by hand). */
function dayNumber(d: string): number {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + Number(d.slice(8, 10)) - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** Effective end (docs/indicators.md, "Effective start and end"): actual end, else the allocation's Einddatum. */
function effectiveEnd(t: CommitmentTrajectory): string | null {
  if (t.end !== null) return t.end;
  if (t.allocationEnd === null) return null;
  const s = t.start ?? t.allocationStart ?? t.allocationDate;
  return t.allocationEnd < s ? s : t.allocationEnd; // ended before it started: one day
}

/** amount × days ÷ 365 in whole cents, half away from zero, in BigInt. */
function share(amountCents: number, days: number): bigint {
  const n = BigInt(amountCents) * BigInt(days);
  const a = n < 0n ? -n : n;
  const q = a / YEAR_DAYS + ((a % YEAR_DAYS) * 2n >= YEAR_DAYS ? 1n : 0n);
  return n < 0n ? -q : q;
}

/** Whole cents as euros, written as a decimal and read back. */
function euros(cents: bigint): number {
  const neg = cents < 0n;
  const s = (neg ? -cents : cents).toString().padStart(3, '0');
  return Number(`${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`);
}

const commitments: CommitmentIndicator = (d, p) => {
  const endDay = dayNumber(p.end);
  const yearEnd = dayNumber(`${p.year}-12-31`);
  const per = new Map<string, { cents: bigint; counted: number }>();
  for (const t of d.trajectories) {
    if (t.withdrawn) continue;
    const e = effectiveEnd(t);
    // running on E: allocated on or before E; an end of care after E is not known on E
    if (!(dayNumber(t.allocationDate) <= endDay && (e === null || dayNumber(e) > endDay))) continue;
    const acc = per.get(t.gemeente) ?? { cents: 0n, counted: 0 };
    per.set(t.gemeente, acc);
    const amount = t.amountGrantedCents;
    if (amount === undefined || amount === null) continue;
    const from = Math.max(endDay + 1, t.allocationStart === null ? endDay + 1 : dayNumber(t.allocationStart));
    const to = Math.min(t.allocationEnd === null ? yearEnd : dayNumber(t.allocationEnd), yearEnd);
    acc.cents += share(amount, Math.max(0, to - from + 1));
    acc.counted += 1;
  }
  return [...per.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([gemeente, { cents, counted }]) => {
      const value = counted === 0 ? null : euros(cents);
      return { gemeente, by: null, key: null, value, numerator: value, denominator: counted };
    });
};

/** The indicators of this file, by catalogue id (spread into REFERENCE). */
export const COMMITMENTS_REFERENCE: Readonly<Record<string, CommitmentIndicator>> = { commitments };
