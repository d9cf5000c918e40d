/**
 * Calendar dates as ISO strings (YYYY-MM-DD). Youth-care dates are calendar days in
 * Europe/Amsterdam without a time of day, so we never let a time zone near them:
 * all arithmetic goes through a day number (days since 1970-01-01, UTC-based).
 */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** True when y-m-d is a date that exists (2027-06-31 does not). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Day numbers and dates remembered both ways: an import or the demo turns the same few thousand dates over millions of
 * times (a regex, a Date and a string each), which was 2 s of the demo's main thread and much of its garbage. Bounded,
 * so hostile input cannot grow them without end.
 */
const DAY_OF = new Map<string, number>();
const DATE_OF = new Map<number, IsoDate>();
const REMEMBERED = 100_000;

export function dayNumber(date: IsoDate): number {
  const known = DAY_OF.get(date);
  if (known !== undefined) return known;
  const m = ISO.exec(date);
  if (!m) throw new Error(`not an ISO date: ${date}`);
  const n = Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
  if (DAY_OF.size < REMEMBERED) DAY_OF.set(date, n);
  return n;
}

export function fromDayNumber(n: number): IsoDate {
  const known = DATE_OF.get(n);
  if (known !== undefined) return known;
  const d = new Date(n * 86_400_000).toISOString().slice(0, 10);
  if (DATE_OF.size < REMEMBERED) DATE_OF.set(n, d);
  return d;
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return isoDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Dutch date notation for people: 31-12-2024. */
export function formatDateNl(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}-${m}-${y}`;
}

/**
 * The calendar day it is in the Netherlands at `now`: "today" for a rule about dates in a file (a claim received
 * after today). The machine's clock is UTC; between 00:00 and 01:00/02:00 Dutch time the UTC date is still yesterday.
 */
export function dutchToday(now: Date = new Date()): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (t: string) => parts.find((x) => x.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
