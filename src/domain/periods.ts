/**
 * Reporting periods: month `2024-03`, quarter `2024Q1`, half-year `2024H1`, year `2024`,
 * and the CBS StatLine keys for the same periods (`2024MM03`, `2024KW01`, `2024HJ01`, `2024JJ00`).
 */
import { daysInMonth, isoDate, type IsoDate } from './dates.js';
import { UserError } from './errors.js';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

export interface Period {
  readonly kind: PeriodKind;
  readonly year: number;
  /** month 1–12, quarter 1–4, half 1–2; 1 for a year. */
  readonly index: number;
}

const MONTHS_PER: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };

/** A period the user wrote that is not one (API code ongeldige_periode). */
export class PeriodError extends UserError<'ongeldige_periode'> {
  /** `message` is "Dutch / English" as the CLI prints it; the catalogue (errors.ts said) gives the API each half. */
  constructor(message: string) {
    super('ongeldige_periode', { nl: message });
  }
}

export function parsePeriod(text: string): Period {
  const s = text.trim().toUpperCase();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(s))) return make('year', m[1], '1');
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) return make('month', m[1], m[2]);
  if ((m = /^(\d{4})Q([1-4])$/.exec(s))) return make('quarter', m[1], m[2]);
  if ((m = /^(\d{4})H([12])$/.exec(s))) return make('half', m[1], m[2]);
  if ((m = /^(\d{4})JJ00$/.exec(s))) return make('year', m[1], '1');
  if ((m = /^(\d{4})HJ0([12])$/.exec(s))) return make('half', m[1], m[2]);
  if ((m = /^(\d{4})KW0([1-4])$/.exec(s))) return make('quarter', m[1], m[2]);
  if ((m = /^(\d{4})MM(\d{2})$/.exec(s))) return make('month', m[1], m[2]);
  throw new PeriodError(
    `Onbekende periode "${text}" (verwacht 2024, 2024H1, 2024Q3 of 2024-03) / unknown period "${text}" (expected 2024, 2024H1, 2024Q3 or 2024-03)`,
  );
}

function make(kind: PeriodKind, year: string | undefined, index: string | undefined): Period {
  const p = { kind, year: Number(year), index: Number(index) };
  // youth care under the Jeugdwet began in 2015; a year like 0000 or 1000 is a typing error, not a period (red team
  // 18: 0000Q1 gave a server error, 1000Q1 was stored)
  if (p.year < 1900 || p.year > 2199)
    throw new PeriodError(
      `Het jaar ${year} ligt buiten 1900–2199: geef een periode als 2024, 2024H1, 2024Q3 of 2024-03 / the year ${year} is outside 1900–2199`,
    );
  const max = 12 / MONTHS_PER[kind];
  // said in words as every other refusal (red team 25: an internal English text reached the Dutch message); only a
  // month can get here, the patterns above allow quarters 1–4 and halves 1–2 only
  if (p.index < 1 || p.index > max)
    throw new PeriodError(
      `Maand ${index} bestaat niet: geef een maand van 01 tot en met 12, bv. ${year}-03 / month ${index} does not exist: give a month from 01 to 12`,
    );
  return p;
}

export function formatPeriod(p: Period): string {
  switch (p.kind) {
    case 'year':
      return String(p.year);
    case 'half':
      return `${p.year}H${p.index}`;
    case 'quarter':
      return `${p.year}Q${p.index}`;
    case 'month':
      return `${p.year}-${String(p.index).padStart(2, '0')}`;
  }
}

export function cbsPeriodKey(p: Period): string {
  switch (p.kind) {
    case 'year':
      return `${p.year}JJ00`;
    case 'half':
      return `${p.year}HJ0${p.index}`;
    case 'quarter':
      return `${p.year}KW0${p.index}`;
    case 'month':
      return `${p.year}MM${String(p.index).padStart(2, '0')}`;
  }
}

/** Dutch label for people: "1e halfjaar 2024", "maart 2024". */
export function periodLabelNl(p: Period): string {
  const months = [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ];
  switch (p.kind) {
    case 'year':
      return String(p.year);
    case 'half':
      return `${p.index}e halfjaar ${p.year}`;
    case 'quarter':
      return `${p.index}e kwartaal ${p.year}`;
    case 'month':
      return `${months[p.index - 1]} ${p.year}`;
  }
}

function firstMonth(p: Period): number {
  return (p.index - 1) * MONTHS_PER[p.kind] + 1;
}

export function periodStart(p: Period): IsoDate {
  return isoDate(p.year, firstMonth(p), 1);
}

export function periodEnd(p: Period): IsoDate {
  const last = firstMonth(p) + MONTHS_PER[p.kind] - 1;
  return isoDate(p.year, last, daysInMonth(p.year, last));
}

export function shiftPeriod(p: Period, steps: number): Period {
  const per = 12 / MONTHS_PER[p.kind];
  const total = p.year * per + (p.index - 1) + steps;
  return { kind: p.kind, year: Math.floor(total / per), index: (total % per) + 1 };
}

export function periodContains(p: Period, date: IsoDate): boolean {
  return date >= periodStart(p) && date <= periodEnd(p);
}

/** The period of the given kind that contains a date. */
export function periodOf(kind: PeriodKind, date: IsoDate): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return { kind, year, index: Math.floor((month - 1) / MONTHS_PER[kind]) + 1 };
}

/** All periods of one kind from a up to and including b. */
export function periodRange(a: Period, b: Period): Period[] {
  if (a.kind !== b.kind) throw new PeriodError('period range needs two periods of the same kind');
  const out: Period[] = [];
  for (let p = a; periodStart(p) <= periodStart(b); p = shiftPeriod(p, 1)) out.push(p);
  return out;
}

/** A trajectory is active in a period when start <= period end and (end is null or end >= period start). */
export function isActiveIn(p: Period, start: IsoDate, end: IsoDate | null): boolean {
  return start <= periodEnd(p) && (end === null || end >= periodStart(p));
}

/** The last complete half-year on a given day (the demo's data ends there). */
export function lastCompleteHalfYear(today: IsoDate): Period {
  return shiftPeriod(periodOf('half', today), -1);
}

/** The last period of this kind that has ended by `lastDate` (the data's last day), e.g. half 2026-06-30 → 2026H1. */
export function lastCompletePeriod(kind: PeriodKind, lastDate: IsoDate): Period {
  const p = periodOf(kind, lastDate);
  return periodEnd(p) <= lastDate ? p : shiftPeriod(p, -1);
}

/**
 * A run of months (yyyy-mm) in Dutch words: "januari t/m november 2026", "juni 2024", "december 2025 t/m januari 2026".
 */
export function monthSpanNl(from: string, to: string): string {
  const month = (m: string) => periodLabelNl(parsePeriod(m));
  if (from === to) return month(from);
  return from.slice(0, 4) === to.slice(0, 4)
    ? `${month(from).split(' ')[0]!} t/m ${month(to)}`
    : `${month(from)} t/m ${month(to)}`;
}

/** The months (yyyy-mm) from `from` to the end of `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}
