/**
 * The report as an A4 PDF, made with pdfkit: no browser on the server (a headless browser would
 * need chromium on every server and hundreds of MB of memory per report), vector charts drawn with
 * PDF primitives, Dutch formats, page numbers, a table of contents, a "demo data" mark on every
 * page of demo output, and document language, title and tagging set for assistive technology as
 * far as pdfkit supports it.
 * Over 400 lines: one pdfkit layout whose cursor and page state all parts share; split per block when one grows.
 */
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
// loaded on first use: a CLI command that writes no PDF does not pay for pdfkit at start-up
import type PDFDocument from 'pdfkit';
import type { Chart, Column, ReportModel, Table } from './model.js';
import { cellUnit, formatCell, formatDateNl } from './format.js';

const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const INK = '#1a1a1a';
const MUTED = '#545d68';
const ACCENT = '#24578f';
const PALETTE = ['#24578f', '#e17000', '#39870c', '#a90061', '#5e4b8b', '#007bc7', '#ca005d', '#777c00', '#01689b'];

type Doc = InstanceType<typeof PDFDocument>;

/**
 * The fonts, embedded (subset) from the dejavu-fonts-ttf package: the PDF standard fonts speak only WinAnsi, so a
 * name like Łukasz Wąsik or Şahin came out as "V¶7¢" (red team 19). DejaVu Sans covers Latin (all of Europe's),
 * Greek and Cyrillic; a character it has no glyph for (CJK, emoji) prints as an empty box, never as other letters.
 */
const REGULAR = 'Zicht';
const BOLD = 'Zicht-Bold';
const ITALIC = 'Zicht-Oblique';
const fontFile = (name: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`);
function registerFonts(doc: Doc): void {
  doc.registerFont(REGULAR, fontFile('DejaVuSans.ttf'));
  doc.registerFont(BOLD, fontFile('DejaVuSans-Bold.ttf'));
  doc.registerFont(ITALIC, fontFile('DejaVuSans-Oblique.ttf'));
  doc.font(REGULAR);
}

// Printed in words or plain signs where a reader expects them so (and older PDFs of the same report said so): "a → b"
// as "a naar b", never "->".
const PRINT_FIXES: Array<[RegExp, string]> = [
  [/\s*→\s*/g, ' naar '],
  [/≤/g, '<='],
  [/≥/g, '>='],
  [/−/g, '-'],
  [/[\u2009\u202f\u00a0\t]/g, ' '],
];
const T = (s: string) => PRINT_FIXES.reduce((acc, [re, to]) => acc.replace(re, to), s);

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > PAGE.height - PAGE.margin - 20) doc.addPage();
}

/** The narrowest a number column may be: a Dutch amount like "€ 1.234.567" still fits. */
const MIN_COLUMN = 40;
const PAD = 4;
const UNIT_WORD: Readonly<Record<string, string>> = {
  procent: '%',
  euro: '€',
  dagen: 'dagen',
  aantal: 'aantal',
  score: 'score',
  per_1000: 'per 1.000',
};
const IMPLICIT = new Set(['dagen', 'score']);

/**
 * The table as printed: no column "eenheid" repeating the unit on every row. When every row has the
 * same unit it stands in the header of the number columns; when the rows mix units (headline tables)
 * € and % show in each value and days and scores after the row's name. The model keeps the column: Excel, the web and disclosure control
 * read each row's unit from it.
 */
export function printable(t: Table): Table {
  const unitCol = t.columns.findIndex((c) => c.label === 'eenheid');
  if (unitCol < 0) return t;
  const units = t.rows.map((r) => t.columns.map((_, i) => cellUnit(t.columns, r, i)));
  const rowUnits = new Set(t.rows.map((r) => String(r[unitCol] ?? '')));
  const uniform = rowUnits.size === 1 ? [...rowUnits][0]! : null;
  const keep = t.columns.map((_, i) => i).filter((i) => i !== unitCol);
  const follows = (i: number) => t.columns[i]!.unit !== 'tekst' && !t.columns[i]!.label.endsWith('%');
  return {
    ...t,
    columns: keep.map((i) => {
      const c = t.columns[i]!;
      // the row's unit travels with the column, so formatting does not need the dropped column
      const unit = (uniform && follows(i) ? uniform : c.unit) as Column['unit'];
      return {
        ...c,
        unit,
        label: uniform && follows(i) && UNIT_WORD[uniform] ? `${c.label} (${UNIT_WORD[uniform]})` : c.label,
      };
    }),
    rows: t.rows.map((r, ri) =>
      keep.map((i) => {
        const v = r[i] ?? null;
        // € and % show in the value itself; days and scores would read as counts without their unit
        if (i === 0 && !uniform && typeof v === 'string' && IMPLICIT.has(String(r[unitCol])))
          return `${v} (${UNIT_WORD[String(r[unitCol])]})`;
        return v;
      }),
    ),
    // mixed units: each number cell keeps its row's unit
    ...(uniform ? {} : { cellUnits: t.rows.map((_, ri) => keep.map((i) => units[ri]![i]!)) }),
  } as Table;
}

type PrintTable = Table & { cellUnits?: string[][] };
const unitAt = (t: PrintTable, ri: number, i: number): string =>
  t.cellUnits?.[ri]?.[i] ?? cellUnit(t.columns, t.rows[ri]!, i);

/** The widest word of a text: the least a wrapping column may be (a name is never broken mid-word). */
function longestWord(doc: Doc, s: string): number {
  return Math.max(0, ...s.split(/\s+/).map((w) => doc.widthOfString(w)));
}

/** Per column: the least width (widest number, longest word) and the width it would like. */
function columnNeeds(doc: Doc, t: PrintTable): { min: number[]; want: number[] } {
  const min: number[] = [];
  const want: number[] = [];
  t.columns.forEach((c, i) => {
    doc.font(BOLD).fontSize(8);
    const head = longestWord(doc, T(c.label)) + PAD;
    doc.font(REGULAR).fontSize(8);
    const cells = t.rows.map((r, ri) => T(formatCell(r[i] ?? null, unitAt(t, ri, i))));
    const text = c.unit === 'tekst';
    const widest = Math.max(0, ...cells.map((x) => doc.widthOfString(x))) + PAD;
    min[i] = Math.max(
      head,
      text ? Math.max(0, ...cells.map((x) => longestWord(doc, x))) + PAD : Math.max(widest, MIN_COLUMN),
    );
    want[i] = Math.max(min[i]!, text ? Math.min(widest, i === 0 ? 200 : 150) : widest);
  });
  return { min, want };
}

/**
 * Column widths: a number column at least as wide as its widest number (never broken over two lines),
 * every column at least as wide as its longest word; what is left goes first to the text columns that
 * would wrap, then evenly to the number columns.
 */
function columnWidths(doc: Doc, t: PrintTable, width: number): number[] {
  const { min, want } = columnNeeds(doc, t);
  const spare = width - min.reduce((a, b) => a + b, 0);
  const need = want.map((w, i) => w - min[i]!);
  const needed = need.reduce((a, b) => a + b, 0);
  if (spare <= 0) return min;
  if (needed >= spare) return min.map((m, i) => m + (spare * need[i]!) / needed);
  const others = Math.max(1, t.columns.length - 1);
  return want.map((w, i) => (i === 0 && t.columns.length > 1 ? w : w + (spare - needed) / others));
}

/**
 * A table wider than the page (a regio of many gemeenten as columns) is printed in parts, each
 * repeating the first column, instead of squeezing columns below readable width.
 */
function drawTable(doc: Doc, table: Table): void {
  const t = printable(table) as PrintTable;
  const width = PAGE.width - 2 * PAGE.margin;
  const { min } = columnNeeds(doc, t);
  if (min.reduce((a, b) => a + b, 0) <= width || t.columns.length <= 2) {
    drawTablePart(doc, t);
    return;
  }
  const first = Math.min(min[0]!, width / 3);
  const perPart = Math.max(1, Math.floor((width - first) / Math.max(...min.slice(1))));
  const parts = Math.ceil((t.columns.length - 1) / perPart);
  for (let p = 0; p < parts; p++) {
    const idx = [0, ...t.columns.slice(1 + p * perPart, 1 + (p + 1) * perPart).map((_, i) => 1 + p * perPart + i)];
    const part: PrintTable = {
      caption: `${t.caption} (deel ${p + 1} van ${parts})`,
      columns: idx.map((i) => t.columns[i]!),
      rows: t.rows.map((r) => idx.map((i) => r[i] ?? null)),
      ...(t.cellUnits ? { cellUnits: t.cellUnits.map((r) => idx.map((i) => r[i]!)) } : {}),
      ...(t.note && p === parts - 1 ? { note: t.note } : {}),
    };
    drawTablePart(doc, part);
  }
}

/** A row is as high as its tallest cell: wrapped text makes the row grow instead of running into the next. */
function drawTablePart(doc: Doc, t: PrintTable): void {
  const width = PAGE.width - 2 * PAGE.margin;
  const widths = columnWidths(doc, t, width);
  const align = (i: number, unit: string) => (i === 0 || unit === 'tekst' ? 'left' : 'right');
  doc.font(BOLD).fontSize(8);
  const headerH = Math.max(
    16,
    ...t.columns.map((c, i) => doc.heightOfString(T(c.label), { width: widths[i]! - PAD }) + 7),
  );
  const header = () => {
    ensureRoom(doc, headerH + 16);
    const y = doc.y;
    doc.font(BOLD).fontSize(8).fillColor(INK);
    let x = PAGE.margin;
    t.columns.forEach((c, i) => {
      doc.text(T(c.label), x + 2, y + 3, { width: widths[i]! - PAD, align: align(i, c.unit) });
      x += widths[i]!;
    });
    doc
      .moveTo(PAGE.margin, y + headerH)
      .lineTo(PAGE.margin + width, y + headerH)
      .lineWidth(0.8)
      .strokeColor(INK)
      .stroke();
    doc.y = y + headerH;
  };
  ensureRoom(doc, 40);
  doc.font(BOLD).fontSize(9.5).fillColor(INK).text(T(t.caption), PAGE.margin, doc.y, { width });
  doc.moveDown(0.2);
  header();
  if (t.rows.length === 0) {
    doc
      .font(ITALIC)
      .fontSize(8)
      .fillColor(MUTED)
      .text(T('Geen gegevens voor deze periode.'), PAGE.margin + 2, doc.y + 3);
    doc.moveDown(0.5);
  }
  doc.font(REGULAR).fontSize(8);
  t.rows.forEach((row, ri) => {
    const texts = row.map((v, i) => T(formatCell(v, unitAt(t, ri, i))));
    const rowH = Math.max(16, ...texts.map((s, i) => doc.heightOfString(s, { width: widths[i]! - PAD }) + 8));
    if (doc.y + rowH > PAGE.height - PAGE.margin - 20) {
      doc.addPage();
      header();
      doc.font(REGULAR).fontSize(8);
    }
    const y = doc.y;
    let x = PAGE.margin;
    texts.forEach((s, i) => {
      doc.fillColor(INK).text(s, x + 2, y + 4, { width: widths[i]! - PAD, align: align(i, unitAt(t, ri, i)) });
      x += widths[i]!;
    });
    doc
      .moveTo(PAGE.margin, y + rowH)
      .lineTo(PAGE.margin + width, y + rowH)
      .lineWidth(0.3)
      .strokeColor('#b3b9c0')
      .stroke();
    doc.y = y + rowH;
  });
  if (t.note)
    doc
      .font(ITALIC)
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(T(t.note), PAGE.margin, doc.y + 3, { width });
  doc.x = PAGE.margin;
  doc.moveDown(1);
}

function drawChart(doc: Doc, c: Chart): void {
  const width = PAGE.width - 2 * PAGE.margin;
  const height = 170;
  ensureRoom(doc, height + 50);
  doc.font(BOLD).fontSize(9.5).fillColor(INK).text(T(c.title), PAGE.margin, doc.y, { width });
  const top = doc.y + 6;
  const left = PAGE.margin + 46;
  const plotW = width - 50;
  const plotH = height - 40;
  const values = c.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const max = values.length ? Math.max(...values, 0) : 1;
  const niceMax =
    max === 0 ? 1 : 10 ** Math.floor(Math.log10(max)) * Math.ceil(max / 10 ** Math.floor(Math.log10(max)));
  doc.font(REGULAR).fontSize(7).fillColor(MUTED);
  for (let i = 0; i <= 4; i++) {
    const v = (niceMax * i) / 4;
    const y = top + plotH - (plotH * i) / 4;
    doc
      .moveTo(left, y)
      .lineTo(left + plotW, y)
      .lineWidth(0.3)
      .strokeColor('#d0d5da')
      .stroke();
    doc.text(T(formatCell(v, c.unit)), PAGE.margin - 4, y - 4, { width: 46, align: 'right', lineBreak: false });
  }
  const n = Math.max(1, c.categories.length);
  const slot = plotW / n;
  const y = (v: number) => top + plotH - (plotH * v) / niceMax;
  c.series.forEach((s, si) => {
    const colour = PALETTE[si % PALETTE.length]!;
    if (c.kind === 'bar') {
      const bw = (slot * 0.7) / c.series.length;
      s.values.forEach((v, i) => {
        if (v === null) return;
        doc
          .rect(left + i * slot + slot * 0.15 + si * bw, y(v), bw, top + plotH - y(v))
          .fillColor(colour)
          .fill();
      });
    } else {
      let started = false;
      s.values.forEach((v, i) => {
        if (v === null) {
          started = false;
          return;
        }
        const px = left + i * slot + slot / 2;
        if (!started) doc.moveTo(px, y(v));
        else doc.lineTo(px, y(v));
        started = true;
      });
      doc.lineWidth(1.5).strokeColor(colour).stroke();
      s.values.forEach((v, i) => {
        if (v !== null)
          doc
            .circle(left + i * slot + slot / 2, y(v), 2)
            .fillColor(colour)
            .fill();
      });
    }
  });
  doc.fontSize(6.5).fillColor(MUTED);
  c.categories.forEach((cat, i) =>
    doc.text(T(cat), left + i * slot, top + plotH + 3, {
      width: slot,
      align: 'center',
      lineBreak: false,
      ellipsis: true,
    }),
  );
  // the legend wraps within the page; beyond two lines the series are named in the table instead
  let lx = left;
  let ly = top + plotH + 16;
  for (const [si, s] of c.series.entries()) {
    const w = doc.widthOfString(T(s.name)) + 24;
    if (lx + w > PAGE.width - PAGE.margin && lx > left) {
      lx = left;
      ly += 10;
    }
    if (ly > top + plotH + 26) break;
    doc
      .rect(lx, ly, 7, 7)
      .fillColor(PALETTE[si % PALETTE.length]!)
      .fill();
    doc
      .fillColor(INK)
      .text(T(s.name), lx + 10, ly, { lineBreak: false, width: PAGE.width - PAGE.margin - lx - 10, ellipsis: true });
    lx += w;
  }
  doc.x = PAGE.margin;
  doc.y = top + height;
  doc.moveDown(0.5);
}

export async function writePdf(model: ReportModel, path: string): Promise<void> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    tagged: true,
    lang: 'nl-NL',
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: `${model.title} — ${model.subtitle}`,
      Author: 'Zicht',
      Subject: model.subtitle,
      Creator: 'Zicht (pdfkit)',
    },
  } as PDFKit.PDFDocumentOptions);
  registerFonts(doc);
  const done = new Promise<void>((ok, fail) => {
    const out = createWriteStream(path);
    out.on('finish', ok);
    out.on('error', fail);
    doc.pipe(out);
  });
  const width = PAGE.width - 2 * PAGE.margin;

  // cover page: title, date, the demo notice inside its box, and for the council the messages that matter
  doc.font(BOLD).fontSize(22).fillColor(ACCENT).text(T(model.title), PAGE.margin, 140, { width });
  doc.moveDown(0.5).font(REGULAR).fontSize(13).fillColor(INK).text(T(model.subtitle), { width });
  doc
    .moveDown(0.5)
    .fontSize(10)
    .fillColor(MUTED)
    .text(T(`Gemaakt op ${formatDateNl(model.generatedAt)} met Zicht.`), { width });
  if (model.demo) {
    const notice = T('DEMOGEGEVENS — fictieve gemeenten, geen echte cijfers.');
    doc.font(BOLD).fontSize(12);
    const boxH = doc.heightOfString(notice, { width: width - 24 }) + 24;
    const top = doc.y + 18;
    doc.rect(PAGE.margin, top, width, boxH).fillColor('#fff3c4').fill();
    doc.fillColor('#5c4400').text(notice, PAGE.margin + 12, top + 12, { width: width - 24 });
    doc.y = top + boxH;
  }
  if (model.keyMessages && model.keyMessages.length > 0) {
    doc
      .font(BOLD)
      .fontSize(14)
      .fillColor(ACCENT)
      .text(T('Wat de raad moet weten'), PAGE.margin, doc.y + 36, { width });
    doc.moveDown(0.4);
    model.keyMessages.forEach((m, i) => {
      const y = doc.y;
      doc
        .font(BOLD)
        .fontSize(11)
        .fillColor(INK)
        .text(`${i + 1}.`, PAGE.margin, y, { width: 18 });
      doc
        .font(REGULAR)
        .fontSize(11)
        .text(T(m), PAGE.margin + 20, y, { width: width - 20 });
      doc.moveDown(0.6);
    });
  }
  // the table of contents goes on page 2, filled in once the section pages are known
  doc.addPage();
  const tocPage = doc.bufferedPageRange().count - 1;
  const sectionPages: Array<[string, number]> = [];
  model.sections.forEach((s, i) => {
    if (i === 0 || doc.y > PAGE.height / 2) doc.addPage();
    else doc.moveDown(1.5);
    sectionPages.push([s.heading, doc.bufferedPageRange().count]);
    doc.font(BOLD).fontSize(15).fillColor(ACCENT).text(T(s.heading), PAGE.margin, doc.y, { width });
    doc.moveDown(0.4);
    for (const p of s.paragraphs) doc.font(REGULAR).fontSize(10).fillColor(INK).text(T(p), { width }).moveDown(0.4);
    for (const c of s.charts) drawChart(doc, c);
    for (const t of s.tables) drawTable(doc, t);
    for (const st of s.stories) {
      ensureRoom(doc, 50);
      doc
        .font(BOLD)
        .fontSize(9)
        .fillColor(INK)
        .text(T(`${st.indicator} · ${st.period}`), { width });
      doc.font(REGULAR).fontSize(9.5).text(T(st.body), { width });
      doc
        .font(ITALIC)
        .fontSize(8)
        .fillColor(MUTED)
        .text(T(`${st.author}, ${formatDateNl(st.date)}`), { width })
        .moveDown(0.6);
    }
  });
  // appendix: definitions and sources
  doc.addPage();
  sectionPages.push(['Bijlage: definities en bronnen', doc.bufferedPageRange().count]);
  doc.font(BOLD).fontSize(15).fillColor(ACCENT).text(T('Bijlage: definities en bronnen'), { width }).moveDown(0.4);
  for (const d of model.definitions) {
    ensureRoom(doc, 40);
    doc
      .font(BOLD)
      .fontSize(9.5)
      .fillColor(INK)
      .text(T(`${d.nameNl} (${d.id})`), { width });
    doc.font(REGULAR).fontSize(9).text(T(d.definitionNl), { width });
    doc
      .font(ITALIC)
      .fontSize(8)
      .fillColor(MUTED)
      .text(T(`Bronnen: ${d.sources.join(', ')}${d.cbsNote ? ` · ${d.cbsNote}` : ''}`), { width })
      .moveDown(0.5);
  }
  doc.moveDown(0.5);
  for (const s of model.sources) doc.font(REGULAR).fontSize(9).fillColor(INK).text(T(s), { width });

  doc.switchToPage(tocPage);
  doc.font(BOLD).fontSize(15).fillColor(ACCENT).text(T('Inhoud'), PAGE.margin, PAGE.margin, { width }).moveDown(0.6);
  for (const [heading, page] of sectionPages) {
    const y = doc.y;
    doc
      .font(REGULAR)
      .fontSize(10.5)
      .fillColor(INK)
      .text(T(heading), PAGE.margin, y, { width: width - 40, lineBreak: false, ellipsis: true });
    doc.text(T(String(page)), PAGE.margin + width - 40, y, { width: 40, align: 'right' });
    doc.moveDown(0.3);
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(i);
    // pdfkit adds a page when text goes below the bottom margin: lift it while writing the footer
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(REGULAR)
      .fontSize(8)
      .fillColor(MUTED)
      .text(T(`${model.title} · ${model.subtitle}`), PAGE.margin, PAGE.height - 36, {
        width: width - 60,
        lineBreak: false,
        ellipsis: true,
      });
    doc.text(T(`pagina ${i + 1} van ${range.count}`), PAGE.margin + width - 60, PAGE.height - 36, {
      width: 60,
      align: 'right',
      lineBreak: false,
    });
    if (model.demo)
      doc
        .font(BOLD)
        .fillColor('#8f6a00')
        .text(T('DEMOGEGEVENS'), PAGE.margin, 24, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
}
