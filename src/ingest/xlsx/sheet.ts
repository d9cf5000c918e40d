/**
 * One sheet of an Excel workbook as canonical CSV text, streamed, so a large export does not have to
 * fit in memory twice. The workbook is read with our own small reader (yauzl + saxes), not exceljs:
 * a workbook is a zip archive, and exceljs trusted it whole (it cached a shared-strings table of 32 M
 * entries from a 12.6 MB file until the heap ran out). Here the archive's directory is checked first
 * (limits.ts), every part is unpacked through a counter that stops at its declared size, the
 * shared-strings table is bounded in entries and bytes, and only the chosen sheet is read.
 * Row N of the sheet stays line N of the CSV (empty rows become empty lines, which the CSV importer
 * skips), so every error names the Excel row.
 * Cell values become the text a person would type: dates as YYYY-MM-DD, numbers with a decimal
 * point, formulas by their result. Code columns that Excel turned into numbers get their leading
 * zeros back (AGB 01234567, productcategorie 05), because a code is text however Excel shows it.
 * Over 400 lines: the bounded zip reader and the sheet reader share their limits and counters.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { basename, posix } from 'node:path';
import { SaxesParser, type SaxesTag } from 'saxes';
import type yauzl from 'yauzl';
import { renameHeader, type MappingProfile } from './profiles.js';
import {
  checkZip,
  columnLimitError,
  eachEntry,
  ingestLimits,
  LimitError,
  openLimited,
  openZip,
  rowLimitError,
  type IngestLimits,
} from '../limits.js';
import { UserError } from '../../domain/errors.js';

/** Canonical code columns with a fixed width. */
const CODE_WIDTH: Readonly<Record<string, number>> = {
  gemeente: 4,
  aanbieder_agb: 8,
  productcategorie: 2,
  verwijzer: 2,
  reden_einde: 2,
};

/** A workbook or sheet that cannot be read as asked: a UserError naming the file and sheet. */
export class SheetError extends UserError<'ongeldig_bestand.blad'> {
  constructor(nl: string, en: string) {
    super('ongeldig_bestand.blad', { nl, en });
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

/** Excel's own grid: no real sheet goes beyond it, and a hostile row number must not make us write empty lines. */
const EXCEL_MAX_ROW = 1_048_576;
const EXCEL_MAX_COL = 16_384;
/** workbook.xml, its relations and styles.xml are small; more than this is not a workbook we read */
const PART_BYTES = 32 * 1024 * 1024;

interface SheetOptions {
  sheet?: string | undefined;
  profile?: MappingProfile | null | undefined;
  limits?: IngestLimits | undefined;
  /** the file's name in messages (an upload is stored under another name) */
  name?: string | undefined;
}

const local = (tag: string) => tag.slice(tag.indexOf(':') + 1);
const attr = (t: SaxesTag, name: string): string | undefined => {
  for (const [k, v] of Object.entries(t.attributes)) if (local(k) === name) return String(v);
  return undefined;
};

/** Streams one part of the workbook through a SAX parser; false when the part is not there. */
async function parsePart(
  zip: yauzl.ZipFile,
  entries: Map<string, yauzl.Entry>,
  part: string,
  max: number,
  name: string,
  on: {
    open?: (t: SaxesTag) => void;
    text?: (s: string) => void;
    close?: (t: SaxesTag) => void;
    row?: () => Promise<void>;
  },
): Promise<boolean> {
  const e = entries.get(part);
  if (!e) return false;
  const parser = new SaxesParser({ xmlns: false });
  let failed: Error | null = null;
  parser.on('error', (err) => {
    failed ??= err;
  });
  if (on.open) parser.on('opentag', on.open);
  if (on.text) {
    parser.on('text', on.text);
    parser.on('cdata', on.text);
  }
  if (on.close) parser.on('closetag', on.close);
  const stream = await openLimited(zip, e, max, name);
  const dec = new TextDecoder('utf-8');
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    parser.write(dec.decode(chunk, { stream: true }));
    if (failed) break;
    if (on.row) await on.row();
  }
  if (!failed) parser.write(dec.decode()).close();
  if (failed)
    throw new SheetError(
      `${part} is geen geldige XML: ${(failed as Error).message}`,
      `${part} is not valid XML: ${(failed as Error).message}`,
    );
  return true;
}

/** Built-in number formats that are dates (ECMA-376 §18.8.30, and the East Asian ones Excel also uses). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmy]/i.test(bare) && !/^general$/i.test(bare.trim());
}

function serialToDate(serial: number, date1904: boolean): string {
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return cellText(new Date(base + Math.round(serial * 86_400) * 1000));
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n;
}

/** Writes the chosen sheet (by name, else the first) of `xlsxPath` to `csvPath` with ';' as separator. */
export async function sheetToCsv(xlsxPath: string, csvPath: string, opts: SheetOptions = {}): Promise<SheetResult> {
  const limits = opts.limits ?? ingestLimits();
  const name = opts.name ?? basename(xlsxPath);
  const wanted = opts.sheet ?? opts.profile?.blad;
  try {
    await checkZip(xlsxPath, limits, name);
  } catch (err) {
    throw err instanceof LimitError
      ? err
      : new SheetError(
          `het Excel-bestand is niet te lezen: ${(err as Error).message}`,
          `the Excel file cannot be read: ${(err as Error).message}`,
        );
  }
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(xlsxPath, name);
  } catch (err) {
    throw new SheetError(
      `het Excel-bestand is niet te lezen: ${(err as Error).message}`,
      `the Excel file cannot be read: ${(err as Error).message}`,
    );
  }
  const out = createWriteStream(csvPath, { encoding: 'utf8' });
  try {
    const entries = new Map<string, yauzl.Entry>();
    await eachEntry(zip, name, (e) => void entries.set(e.fileName.replace(/^\/+/, ''), e));
    const partMax = Math.min(PART_BYTES, limits.entryBytes);

    // the workbook part, its sheets and where their parts are
    let workbookPart = 'xl/workbook.xml';
    await parsePart(zip, entries, '_rels/.rels', partMax, name, {
      open: (t) => {
        if (local(t.name) === 'Relationship' && /\/officeDocument$/.test(attr(t, 'Type') ?? '')) {
          workbookPart = (attr(t, 'Target') ?? workbookPart).replace(/^\/+/, '');
        }
      },
    });
    const sheets: Array<{ name: string; rel: string }> = [];
    let date1904 = false;
    const found = await parsePart(zip, entries, workbookPart, partMax, name, {
      open: (t) => {
        const n = local(t.name);
        if (n === 'sheet') sheets.push({ name: attr(t, 'name') ?? '', rel: attr(t, 'id') ?? '' });
        if (n === 'workbookPr') date1904 = /^(1|true)$/.test(attr(t, 'date1904') ?? '');
      },
    });
    if (!found) {
      throw new SheetError(
        'het bestand is geen Excel-werkmap (xl/workbook.xml ontbreekt)',
        'the file is not an Excel workbook (xl/workbook.xml is missing)',
      );
    }
    const dir = posix.dirname(workbookPart);
    const resolve = (target: string) =>
      target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir, target));
    const rels = new Map<string, string>();
    let sharedPart = `${dir}/sharedStrings.xml`;
    let stylesPart = `${dir}/styles.xml`;
    await parsePart(zip, entries, `${dir}/_rels/${posix.basename(workbookPart)}.rels`, partMax, name, {
      open: (t) => {
        if (local(t.name) !== 'Relationship') return;
        const target = resolve(attr(t, 'Target') ?? '');
        const type = attr(t, 'Type') ?? '';
        rels.set(attr(t, 'Id') ?? '', target);
        if (type.endsWith('/sharedStrings')) sharedPart = target;
        if (type.endsWith('/styles')) stylesPart = target;
      },
    });
    const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
    const chosen = sheets.find((s) => wanted === undefined || same(s.name, wanted));
    if (!chosen) {
      throw new SheetError(
        `blad '${wanted}' staat niet in het bestand; wel: ${sheets.map((s) => s.name).join(', ') || '(geen bladen)'}`,
        `sheet '${wanted}' is not in the file; found: ${sheets.map((s) => s.name).join(', ')}`,
      );
    }

    // styles: which cell formats show a number as a date
    const customFormats = new Map<number, string>();
    const dateStyle: boolean[] = [];
    let inCellXfs = false;
    await parsePart(zip, entries, stylesPart, partMax, name, {
      open: (t) => {
        const n = local(t.name);
        if (n === 'numFmt') customFormats.set(Number(attr(t, 'numFmtId')), attr(t, 'formatCode') ?? '');
        else if (n === 'cellXfs') inCellXfs = true;
        else if (n === 'xf' && inCellXfs) {
          const id = Number(attr(t, 'numFmtId') ?? 0);
          const code = customFormats.get(id);
          dateStyle.push(code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id));
        }
      },
      close: (t) => {
        if (local(t.name) === 'cellXfs') inCellXfs = false;
      },
    });

    // shared strings: held in memory (a sheet refers to them by number), so bounded in count and bytes
    const shared: string[] = [];
    const sharedEntry = entries.get(sharedPart);
    if (sharedEntry && sharedEntry.uncompressedSize > limits.sharedStringsBytes) throw sharedTooLarge(name, limits);
    {
      let si: string | null = null;
      let inT = false;
      let phonetic = 0;
      await parsePart(zip, entries, sharedPart, limits.sharedStringsBytes, name, {
        open: (t) => {
          const n = local(t.name);
          if (n === 'si') si = '';
          else if (n === 'rPh') phonetic++;
          else if (n === 't' && phonetic === 0) inT = true;
        },
        text: (s) => {
          if (inT && si !== null) si += s;
        },
        close: (t) => {
          const n = local(t.name);
          if (n === 't') inT = false;
          else if (n === 'rPh') phonetic--;
          else if (n === 'si') {
            if (shared.length >= limits.sharedStrings) {
              throw new LimitError(
                `${name} heeft meer dan ${limits.sharedStrings.toLocaleString('nl-NL')} verschillende teksten; ` +
                  'dat is de grens per werkmap (zip-bom?)',
                `${name} has more than ${limits.sharedStrings} shared strings; that is the limit per workbook (zip bomb?)`,
              );
            }
            shared.push(si ?? '');
            si = null;
          }
        },
      });
    }

    // the sheet itself, row by row
    const sheetPart = rels.get(chosen.rel);
    if (!sheetPart || !entries.has(sheetPart))
      throw new SheetError(
        `blad '${chosen.name}' ontbreekt in het bestand`,
        `sheet '${chosen.name}' is missing from the file`,
      );
    let header: string[] = [];
    let widths: Array<number | undefined> = [];
    let line = 0;
    let rows = 0;
    let rowNumber = 0;
    let cells: string[] = [];
    let col = 0;
    let cellType = '';
    let cellStyle = 0;
    let value: string | null = null;
    let collecting: 'v' | 't' | null = null;
    let inlineText = '';
    let pending: string[] = [];
    await parsePart(zip, entries, sheetPart, limits.entryBytes, name, {
      open: (t) => {
        const n = local(t.name);
        if (n === 'row') {
          const r = attr(t, 'r');
          rowNumber = r ? Number(r) : rowNumber + 1;
          if (!Number.isInteger(rowNumber) || rowNumber < 1 || rowNumber > EXCEL_MAX_ROW) {
            throw new SheetError(`rij ${r} ligt buiten het Excel-raster`, `row ${r} lies outside Excel's grid`);
          }
          cells = [];
          col = 0;
        } else if (n === 'c') {
          const r = attr(t, 'r');
          col = r ? columnIndex(r) : col + 1;
          const maxCol = Math.min(limits.columns, EXCEL_MAX_COL);
          if (col > maxCol) throw columnLimitError(name, col, maxCol);
          cellType = attr(t, 't') ?? 'n';
          cellStyle = Number(attr(t, 's') ?? 0);
          value = null;
          inlineText = '';
        } else if (n === 'v') {
          collecting = 'v';
          value = '';
        } else if (n === 't' && cellType === 'inlineStr') collecting = 't';
      },
      text: (s) => {
        if (collecting === 'v') value += s;
        else if (collecting === 't') inlineText += s;
      },
      close: (t) => {
        const n = local(t.name);
        if (n === 'v' || n === 't') collecting = null;
        else if (n === 'c') {
          while (cells.length < col - 1) cells.push('');
          cells[col - 1] = cellValue(cellType, value, inlineText, dateStyle[cellStyle] ?? false, shared, date1904);
        } else if (n === 'row') {
          if (line > 0) {
            rows++;
            if (rows > limits.rows) throw rowLimitError(name, limits.rows);
          }
          const values = cells;
          const row =
            line === 0
              ? renameHeader(
                  values.map((v) => v.trim()),
                  opts.profile ?? null,
                )
              : values;
          if (line === 0) {
            header = row;
            widths = header.map((h) => CODE_WIDTH[h]);
          } else {
            row.forEach((c, i) => {
              const w = widths[i];
              if (w && /^\d+$/.test(c) && c.length < w) row[i] = c.padStart(w, '0');
            });
          }
          // keep Excel's row numbers: a skipped (empty) row becomes an empty line
          let text = '';
          while (line < rowNumber - 1) {
            text += '\n';
            line++;
          }
          pending.push(`${text}${row.map(csvField).join(';')}\n`);
          line++;
        }
      },
      row: async () => {
        if (pending.length === 0) return;
        const chunk = pending.join('');
        pending = [];
        if (!out.write(chunk)) await once(out, 'drain');
      },
    });
    if (pending.length > 0 && !out.write(pending.join(''))) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    if (header.length === 0) throw new SheetError(`blad '${chosen.name}' is leeg`, `sheet '${chosen.name}' is empty`);
    return { sheet: chosen.name, rows, header };
  } catch (err) {
    out.destroy();
    if (err instanceof SheetError || err instanceof LimitError) throw err;
    throw new SheetError(
      `het Excel-bestand is niet te lezen: ${(err as Error).message}`,
      `the Excel file cannot be read: ${(err as Error).message}`,
    );
  } finally {
    zip.close();
  }
}

function sharedTooLarge(name: string, limits: IngestLimits): LimitError {
  const mb = Math.round(limits.sharedStringsBytes / 1048576);
  return new LimitError(
    `${name}: de tabel met teksten (sharedStrings) is uitgepakt groter dan ${mb} MB; dat is de grens per werkmap (zip-bom?)`,
    `${name}: the shared-strings table unpacks to more than ${mb} MB; that is the limit per workbook (zip bomb?)`,
  );
}

/** The text a person would type for one cell (the same rules as cellText for exceljs values). */
/**
 * Excel writes a character XML cannot hold as _xHHHH_ (OOXML ST_Xstring; an underscore that would read as one is
 * _x005F_). Decoded here, so a control character stored that way is seen and refused like any other (red team 20: a
 * bell as "naam_x0007_x" was stored as those letters).
 */
export function unescapeXstring(s: string): string {
  return s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    : s;
}

function cellValue(
  type: string,
  v: string | null,
  inline: string,
  isDate: boolean,
  shared: readonly string[],
  date1904: boolean,
): string {
  switch (type) {
    case 's': {
      const s = shared[Number(v)];
      if (s === undefined)
        throw new SheetError(
          `een cel verwijst naar tekst ${v}, die niet in de werkmap staat`,
          `a cell refers to shared string ${v}, which is not in the workbook`,
        );
      return unescapeXstring(s);
    }
    case 'inlineStr':
      return unescapeXstring(inline);
    case 'str':
      return unescapeXstring(v ?? '');
    case 'e':
      return v ?? '';
    case 'b':
      return v === null ? '' : cellText(v === '1' || v === 'true');
    case 'd':
      return v ? v.slice(0, 10) : '';
    default: {
      if (v === null || v.trim() === '') return '';
      const n = Number(v);
      if (!Number.isFinite(n)) return v;
      return isDate ? serialToDate(n, date1904) : cellText(n);
    }
  }
}
