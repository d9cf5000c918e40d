/** Dutch (or English) formats for numbers, money, percentages and dates. */
export type Lang = 'nl' | 'en';
export type Unit = 'aantal' | 'procent' | 'euro' | 'dagen' | 'score' | 'per_1000';

const locale = (lang: Lang) => (lang === 'nl' ? 'nl-NL' : 'en-GB');

/**
 * A suppressed cell (disclosure control): "<10" for a count; for a %, an amount or days it would read
 * as "less than 10%" or "less than € 10", so it says in words that the figure is not published.
 */
export function suppressedText(unit: Unit, lang: Lang): string {
  if (unit === 'aantal') return '<10';
  return lang === 'nl' ? 'onderdrukt' : 'suppressed';
}

export function fmtValue(v: number | null, unit: Unit, lang: Lang, suppressed = false): string {
  if (suppressed) return suppressedText(unit, lang);
  if (v === null || v === undefined) return '–';
  const l = locale(lang);
  switch (unit) {
    case 'procent':
      return `${v.toLocaleString(l, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
    case 'euro':
      return v.toLocaleString(l, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
    case 'dagen':
      return `${v.toLocaleString(l, { maximumFractionDigits: 1 })} ${lang === 'nl' ? 'dagen' : 'days'}`;
    case 'score':
      return v.toLocaleString(l, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    case 'per_1000':
      return `${v.toLocaleString(l, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ${lang === 'nl' ? 'per 1.000' : 'per 1,000'}`;
    default:
      return v.toLocaleString(l, { maximumFractionDigits: 0 });
  }
}

/** A price per unit to the cent (a contracted tariff, an effective price): € 104,52, where whole euros say too little. */
export function fmtPrice(v: number | null, lang: Lang): string {
  if (v === null || v === undefined) return '–';
  return v.toLocaleString(locale(lang), {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

export function fmtInt(v: number | null, lang: Lang): string {
  return v === null ? '–' : v.toLocaleString(locale(lang), { maximumFractionDigits: 0 });
}

export function fmtDate(iso: string | null, lang: Lang): string {
  if (!iso) return '–';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return d.toLocaleDateString(locale(lang), { day: 'numeric', month: 'long', year: 'numeric' });
}

/**
 * Today in the Dutch calendar (yyyy-mm-dd), as the server decides "valid today" (dutchToday in src/domain/dates.ts;
 * src/domain/dates.test.ts holds the two together). The browser's own calendar was a day off where it is not on
 * Dutch time: between 23:00 and midnight UTC an offer ended yesterday still showed as running.
 */
export function dutchToday(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (t: string) => parts.find((x) => x.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A date n days after an ISO date (n may be negative), by the calendar, not by the clock. */
export function addDaysIso(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function fmtDateTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(locale(lang), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * Formula injection: text that Excel would run as a formula (= + - @ tab CR at the start, e.g. a team
 * name "=HYPERLINK(…)" from an upload) gets a leading quote; numbers, also negative ones, stay numbers.
 * This is a copy of neutraliseCell in src/domain/cellSafety.ts, because the web bundle may not import
 * from outside src/web; src/domain/cellSafety.test.ts checks that the two agree.
 */
export function neutraliseCell(text: string): string {
  const plainNumber = /^-?(\d+([.,]\d+)?|\d{1,3}([.,]\d{3})+([.,]\d+)?)$/;
  return /^[=+\-@\t\r]/.test(text) && text !== '-' && !plainNumber.test(text) ? `'${text}` : text;
}

/**
 * 'nl': for Excel in a Dutch locale (double-click opens it in columns): semicolon, decimal comma. 'iso': RFC 4180
 * with a decimal point, read alike in any locale (Power BI, pandas). Both: UTF-8 with BOM (Excel needs it to read
 * UTF-8), no thousands separators, dates as given (ISO 8601), text cells neutralised.
 */
export type CsvDialect = 'nl' | 'iso';
export function toCsv(headers: string[], rows: (string | number | null)[][], dialect: CsvDialect = 'nl'): string {
  const sep = dialect === 'nl' ? ';' : ',';
  const cell = (v: string | number | null) => {
    if (v === null) return '';
    const s = typeof v === 'number' ? (dialect === 'nl' ? String(v).replace('.', ',') : String(v)) : neutraliseCell(v);
    return s.includes(sep) || /["\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\ufeff${[headers, ...rows].map((r) => r.map(cell).join(sep)).join('\r\n')}\r\n`;
}

export function download(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A period said in the chosen language. The API gives Dutch labels ("1e halfjaar 2025"); in English
 * they are made from the key (2025H1, 2025Q3, 2025-06, 2025).
 */
export function periodLabel(p: { key: string; label: string }, lang: Lang): string {
  if (lang === 'nl') return p.label;
  const m = /^(\d{4})(?:H([12])|Q([1-4])|-(\d{2}))?$/.exec(p.key);
  if (!m) return p.label;
  const [, year, half, quarter, month] = m;
  if (half) return `${half === '1' ? 'first' : 'second'} half of ${year}`;
  if (quarter) return `Q${quarter} ${year}`;
  if (month)
    return new Date(Number(year), Number(month) - 1, 15).toLocaleDateString('en-GB', {
      month: 'long',
      year: 'numeric',
    });
  return year!;
}

/**
 * The flags to show beside a figure of this unit. Disclosure control marks every published figure
 * "afgerond", but only a count is rounded to 5; a % or an amount is computed from rounded counts
 * (the note under the panel says so), so "afgerond op 5" beside it was wrong.
 */
export function shownFlags(flags: readonly string[], unit: Unit): string[] {
  return flags.filter((f) => f !== 'afgerond' || unit === 'aantal');
}

/**
 * The last month of a period (2025H2 → 2025-12, 2025Q1 → 2025-03, 2025 → 2025-12), not after the data
 * end: the monthly report is made for the period chosen, not always for the data end.
 */
export function monthOf(period: string, dataEnd: string): string {
  const m = /^(\d{4})(?:H([12])|Q([1-4])|-(\d{2}))?$/.exec(period);
  const last = dataEnd.slice(0, 7);
  if (!m) return last;
  const [, year, half, quarter, month] = m;
  const mm = month ?? String(half ? Number(half) * 6 : quarter ? Number(quarter) * 3 : 12).padStart(2, '0');
  const key = `${year}-${mm}`;
  return key < last ? key : last;
}
