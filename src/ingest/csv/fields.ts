/**
 * Field parsers for canonical CSV. Each returns a value or a reason in Dutch and English; the
 * importer adds file, line and column.
 */
import { isIsoDate, isRealDate, isoDate } from '../../domain/dates.js';
import { hasCode, type CodeList } from '../../domain/codelists.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; nl: string; en: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = (code: string, nl: string, en: string): Parsed<never> => ({ ok: false, code, nl, en });

/** A word of a closed list: lower case, spaces, hyphens and a slash read as `_` (`POH-jeugd`, `besluit/toegang`). */
export function oneOf(list: readonly string[], code: string, what: { nl: string; en: string }) {
  return (raw: string): Parsed<string> => {
    const s = raw
      .trim()
      .toLowerCase()
      .replace(/[\s/-]+/g, '_');
    return list.includes(s)
      ? ok(s)
      : fail(
          code,
          `onbekend(e) ${what.nl}; kies uit ${list.join(', ')}`,
          `unknown ${what.en}; choose from ${list.join(', ')}`,
        );
  };
}

/** YYYY-MM-DD or DD-MM-YYYY (also with / or .); the date must exist. */
export function parseDate(raw: string): Parsed<string> {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s)))
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else
    return fail(
      'invalid_date',
      'geen datum (verwacht JJJJ-MM-DD of DD-MM-JJJJ)',
      'not a date (expected YYYY-MM-DD or DD-MM-YYYY)',
    );
  if (!isRealDate(y, mo, d)) return fail('impossible_date', 'deze datum bestaat niet', 'this date does not exist');
  const iso = isoDate(y, mo, d);
  return isIsoDate(iso) ? ok(iso) : fail('impossible_date', 'deze datum bestaat niet', 'this date does not exist');
}

/** A birth date or just year-month; only the month is kept (data minimisation). */
export function parseBirthMonth(raw: string): Parsed<string> {
  const s = raw.trim();
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12
      ? ok(s)
      : fail('impossible_date', 'deze maand bestaat niet', 'this month does not exist');
  }
  const d = parseDate(s);
  return d.ok ? ok(d.value.slice(0, 7)) : d;
}

export function parseCode(list: CodeList, raw: string, pad = 0): Parsed<string> {
  const s = pad > 0 && /^\d+$/.test(raw.trim()) ? raw.trim().padStart(pad, '0') : raw.trim();
  return hasCode(list, s)
    ? ok(s)
    : fail('unknown_code', `onbekende code in lijst ${list.id}`, `unknown code in list ${list.id}`);
}

export function parseGender(raw: string): Parsed<string> {
  const s = raw.trim().toUpperCase();
  const map: Record<string, string> = { '0': '0', '1': '1', '2': '2', O: '0', M: '1', V: '2', X: '0' };
  const v = map[s];
  return v !== undefined
    ? ok(v)
    : fail('unknown_code', 'geslacht moet 0/1/2 of O/M/V zijn', 'gender must be 0/1/2 or O/M/V');
}

export function parseAgb(raw: string): Parsed<string> {
  const s = raw.trim();
  return /^\d{8}$/.test(s) ? ok(s) : fail('invalid_agb', 'AGB-code moet 8 cijfers zijn', 'AGB code must be 8 digits');
}

export function parseInteger(raw: string, min: number, max: number): Parsed<number> {
  const s = raw.trim();
  if (!/^-?\d+$/.test(s)) return fail('not_integer', 'geen geheel getal', 'not a whole number');
  const n = Number(s);
  return n >= min && n <= max
    ? ok(n)
    : fail('out_of_range', `moet tussen ${min} en ${max} liggen`, `must be between ${min} and ${max}`);
}

// ---- decimal comma or point, detected per column ----

export type DecimalMark = ',' | '.';

/** What one value says about the column's decimal mark. */
export function decimalEvidence(raw: string): DecimalMark | 'ambiguous' | 'none' | 'invalid' {
  const s = raw.trim().replace(/^€\s?/, '').replace(/^-/, '');
  if (s === '' || /^\d+$/.test(s)) return 'none';
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s)) return ',';
  if (/^\d{1,3}(,\d{3})+\.\d+$/.test(s)) return '.';
  if (/^\d{1,3}(\.\d{3})+$/.test(s) || /^\d{1,3}(,\d{3})+$/.test(s)) {
    // "1.234" is 1234 with a thousands point, or 1.234 with a decimal point: only the column can tell
    return /^\d{1,3}[.,]\d{3}$/.test(s) ? 'ambiguous' : s.includes('.') ? ',' : '.';
  }
  if (/^\d*,\d+$/.test(s)) return ',';
  if (/^\d*\.\d+$/.test(s)) return '.';
  return 'invalid';
}

export function parseDecimal(raw: string, mark: DecimalMark): Parsed<number> {
  let s = raw.trim().replace(/^€\s?/, '');
  s = mark === ',' ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return fail('not_number', 'geen getal', 'not a number');
  return ok(Number(s));
}
