/**
 * Working days for the iJw 5-working-day rules (OP271, OP272, OP274). Non-working days follow the
 * Algemene termijnenwet art. 3: Saturdays, Sundays, Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag,
 * tweede Pinksterdag, Koningsdag, 5 mei and both Christmas days. Goede Vrijdag is not in that list,
 * so it counts as a working day.
 */
import { addDays, dayNumber, isoDate, weekday, type IsoDate } from './dates.js';

/** Easter Sunday (Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

/** Koningsdag: 27 April, or 26 April when the 27th is a Sunday (since 2014). */
function kingsDay(year: number): IsoDate {
  const d = isoDate(year, 4, 27);
  return weekday(d) === 0 ? isoDate(year, 4, 26) : d;
}

const cache = new Map<number, Set<IsoDate>>();

export function publicHolidays(year: number): Set<IsoDate> {
  let set = cache.get(year);
  if (!set) {
    const easter = easterSunday(year);
    set = new Set([
      isoDate(year, 1, 1),
      addDays(easter, 1),
      addDays(easter, 39),
      addDays(easter, 50),
      kingsDay(year),
      isoDate(year, 5, 5),
      isoDate(year, 12, 25),
      isoDate(year, 12, 26),
    ]);
    cache.set(year, set);
  }
  return set;
}

export function isWorkingDay(date: IsoDate): boolean {
  const wd = weekday(date);
  if (wd === 0 || wd === 6) return false;
  return !publicHolidays(Number(date.slice(0, 4))).has(date);
}

/** The date n working days after `date` (n >= 0); the start day itself is not counted. */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when to <= from). */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  // arithmetic, not a walk over the days: waiting-time indicators call this for every trajectory
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b <= a) return 0;
  let count = weekdaysBefore(b + 1) - weekdaysBefore(a + 1);
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const h of publicHolidays(year)) {
      const n = dayNumber(h);
      if (n > a && n <= b && isWeekday(n)) count--;
    }
  }
  return count;
}

const isWeekday = (n: number) => {
  const wd = (((n + 4) % 7) + 7) % 7;
  return wd !== 0 && wd !== 6;
};

/** Monday–Friday days among day numbers [0, n) counted from 1970-01-01 (a Thursday); n may be negative. */
function weekdaysBefore(n: number): number {
  const weeks = Math.floor(n / 7);
  let count = weeks * 5;
  for (let d = weeks * 7; d < n; d++) if (isWeekday(d)) count++;
  return count;
}
