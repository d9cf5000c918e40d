/** Dutch (or English) formats for numbers, money, percentages and dates. */
export type Lang = 'nl' | 'en';
export type Unit = 'aantal' | 'procent' | 'euro' | 'dagen' | 'score';

const locale = (lang: Lang) => (lang === 'nl' ? 'nl-NL' : 'en-GB');

export function fmtValue(v: number | null, unit: Unit, lang: Lang, suppressed = false): string {
  if (suppressed) return '<10';
  if (v === null || v === undefined) return '–';
  const l = locale(lang);
  switch (unit) {
    case 'procent': return `${v.toLocaleString(l, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
    case 'euro': return v.toLocaleString(l, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
    case 'dagen': return `${v.toLocaleString(l, { maximumFractionDigits: 1 })} ${lang === 'nl' ? 'dagen' : 'days'}`;
    case 'score': return v.toLocaleString(l, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    default: return v.toLocaleString(l, { maximumFractionDigits: 0 });
  }
}

export function fmtInt(v: number | null, lang: Lang): string {
  return v === null ? '–' : v.toLocaleString(locale(lang), { maximumFractionDigits: 0 });
}

export function fmtDate(iso: string | null, lang: Lang): string {
  if (!iso) return '–';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return d.toLocaleDateString(locale(lang), { day: 'numeric', month: 'long', year: 'numeric' });
}

export function fmtDateTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
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

/** A CSV for Excel in a Dutch locale: semicolon, decimal comma, BOM; text cells neutralised. */
export function toCsv(headers: string[], rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null) => {
    if (v === null) return '';
    const s = typeof v === 'number' ? String(v).replace('.', ',') : neutraliseCell(v);
    return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\ufeff${[headers, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
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
