/**
 * One sheet of an Excel workbook as canonical CSV text, streamed (exceljs WorkbookReader), so a large
 * export does not have to fit in memory twice. Row N of the sheet stays line N of the CSV (empty
 * rows become empty lines, which the CSV importer skips), so every error names the Excel row.
 * Cell values become the text a person would type: dates as YYYY-MM-DD, numbers with a decimal
 * point, formulas by their result. Code columns that Excel turned into numbers get their leading
 * zeros back (AGB 01234567, productcategorie 05), because a code is text however Excel shows it.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { renameHeader, type MappingProfile } from './profiles.js';

/** Canonical code columns with a fixed width. */
const CODE_WIDTH: Readonly<Record<string, number>> = {
  gemeente: 4, aanbieder_agb: 8, productcategorie: 2, verwijzer: 2, reden_einde: 2,
};

export class SheetError extends Error {
  constructor(readonly nl: string, readonly en: string) {
    super(en);
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel dates have no time zone; exceljs reads them as UTC midnight
    return `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.error) return v.error; // #N/A and friends: the importer refuses the field with its name and row
    if (v.text !== undefined) return cellText(v.text);
  }
  return String(value);
}

const csvField = (s: string): string => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export interface SheetResult {
  readonly sheet: string;
  readonly rows: number;
  readonly header: readonly string[];
}

/** Writes the chosen sheet (by name, else the first) of `xlsxPath` to `csvPath` with ';' as separator. */
export async function sheetToCsv(xlsxPath: string, csvPath: string, opts: { sheet?: string | undefined; profile?: MappingProfile | null } = {}): Promise<SheetResult> {
  const wanted = opts.sheet ?? opts.profile?.blad;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(xlsxPath, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const out = createWriteStream(csvPath, { encoding: 'utf8' });
  const seen: string[] = [];
  let result: SheetResult | null = null;
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name;
      seen.push(name);
      const take = result === null && (wanted === undefined || name.trim().toLowerCase() === wanted.trim().toLowerCase());
      let header: string[] = [];
      let widths: Array<number | undefined> = [];
      let line = 0;
      let rows = 0;
      for await (const row of ws) {
        if (!take) continue; // other sheets are read past: the stream has no way to skip them
        const values = (row.values as unknown[]).slice(1).map(cellText);
        const cells = line === 0 ? renameHeader(values.map((v) => v.trim()), opts.profile ?? null) : values;
        if (line === 0) {
          header = cells;
          widths = header.map((h) => CODE_WIDTH[h]);
        } else {
          rows++;
          cells.forEach((c, i) => {
            const w = widths[i];
            if (w && /^\d+$/.test(c) && c.length < w) cells[i] = c.padStart(w, '0');
          });
        }
        // keep Excel's row numbers: a skipped (empty) row becomes an empty line
        while (line < row.number - 1) {
          if (!out.write('\n')) await once(out, 'drain');
          line++;
        }
        if (!out.write(`${cells.map(csvField).join(';')}\n`)) await once(out, 'drain');
        line++;
      }
      if (take) result = { sheet: name, rows, header };
    }
  } catch (err) {
    out.destroy();
    throw new SheetError(`het Excel-bestand is niet te lezen: ${(err as Error).message}`, `the Excel file cannot be read: ${(err as Error).message}`);
  }
  out.end();
  await once(out, 'finish');
  if (!result) {
    throw new SheetError(`blad '${wanted}' staat niet in het bestand; wel: ${seen.join(', ') || '(geen bladen)'}`, `sheet '${wanted}' is not in the file; found: ${seen.join(', ')}`);
  }
  if (result.header.length === 0) throw new SheetError(`blad '${result.sheet}' is leeg`, `sheet '${result.sheet}' is empty`);
  return result;
}
