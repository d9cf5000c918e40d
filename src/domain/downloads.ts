/**
 * The server's CSV downloads as data, in the same shape as the web's (src/web/downloads.ts, which may not import
 * from here): per download its columns in a fixed order, each with its key, Dutch and English (ISO) header, type
 * and meaning. docs/downloads.md is checked against both lists (src/domain/downloads.test.ts).
 */
import { neutraliseCell } from './cellSafety.js';

export type HeaderLang = 'nl' | 'en';
export type ColumnType = 'code' | 'label' | 'text' | 'integer' | 'number' | 'date' | 'month' | 'datetime';
export type Cell = string | number | null;

export interface DownloadColumn {
  readonly key: string;
  readonly nl: string;
  readonly en: string;
  readonly type: ColumnType;
  readonly meaning: string;
}
export interface DownloadDef {
  readonly id: string;
  readonly where: string;
  readonly file: string;
  readonly columns: readonly DownloadColumn[];
}

export const col = (key: string, nl: string, en: string, type: ColumnType, meaning: string): DownloadColumn => ({
  key,
  nl,
  en,
  type,
  meaning,
});

/** `headers=en` / `--headers en`; anything else is Dutch, the default. */
export function headerLang(v: unknown): HeaderLang {
  return v === 'en' ? 'en' : 'nl';
}

/**
 * The file, as the web writes it: 'nl' with ';' and a decimal comma for Dutch Excel, 'en' the ISO/RFC 4180 form
 * (',' and a decimal point) for any locale; UTF-8 with BOM, text quoted and neutralised (no live formula).
 */
export function toCsv(def: DownloadDef, rows: ReadonlyArray<Readonly<Record<string, Cell>>>, h: HeaderLang): string {
  const sep = h === 'nl' ? ';' : ',';
  const cell = (v: Cell): string => {
    if (v === null) return '';
    if (typeof v === 'number') return h === 'nl' ? String(v).replace('.', ',') : String(v);
    return `"${neutraliseCell(v).replace(/"/g, '""')}"`;
  };
  const lines = [
    def.columns.map((c) => c[h]).join(sep),
    ...rows.map((r) => def.columns.map((c) => cell(r[c.key] ?? null)).join(sep)),
  ];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
