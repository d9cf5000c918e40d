/**
 * The report as an A4 PDF, made with pdfkit: no browser on the server (a headless browser would
 * need chromium on every server and hundreds of MB of memory per report), vector charts drawn with
 * PDF primitives, Dutch formats, page numbers, a table of contents, a "demo data" mark on every
 * page of demo output, and document language, title and tagging set for assistive technology as
 * far as pdfkit supports it.
 */
import { createWriteStream } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Chart, ReportModel, Table } from './model.js';
import { cellUnit, formatCell, formatDateNl } from './format.js';

const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const INK = '#1a1a1a';
const MUTED = '#545d68';
const ACCENT = '#24578f';
const PALETTE = ['#24578f', '#e17000', '#39870c', '#a90061', '#5e4b8b', '#007bc7', '#ca005d', '#777c00', '#01689b'];

type Doc = InstanceType<typeof PDFDocument>;

// The standard PDF fonts speak WinAnsi: replace the few characters our texts use outside it.
const WIN_ANSI_FIXES: Array<[RegExp, string]> = [[/→/g, '->'], [/≤/g, '<='], [/≥/g, '>='], [/−/g, '-'], [/[\u2009\u202f\u00a0]/g, ' ']];
const T = (s: string) => WIN_ANSI_FIXES.reduce((acc, [re, to]) => acc.replace(re, to), s);

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > PAGE.height - PAGE.margin - 20) doc.addPage();
}

/** The narrowest a number column may be: a Dutch amount like "€ 1.234.567" still fits. */
const MIN_COLUMN = 40;

/**
 * A table wider than the page (a regio of many gemeenten as columns) is printed in parts, each
 * repeating the first column, instead of squeezing columns below readable width.
 */
function drawTable(doc: Doc, t: Table): void {
  const width = PAGE.width - 2 * PAGE.margin;
  const perPart = Math.max(1, Math.floor((width - firstColumnWidth(t, width)) / MIN_COLUMN));
  if (t.columns.length - 1 <= perPart) {
    drawTablePart(doc, t);
    return;
  }
  const parts = Math.ceil((t.columns.length - 1) / perPart);
  for (let p = 0; p < parts; p++) {
    const idx = [0, ...t.columns.slice(1 + p * perPart, 1 + (p + 1) * perPart).map((_, i) => 1 + p * perPart + i)];
    const part: Table = {
      caption: `${t.caption} (deel ${p + 1} van ${parts})`,
      columns: idx.map((i) => t.columns[i]!),
      rows: t.rows.map((r) => idx.map((i) => r[i] ?? null)),
      ...(t.note && p === parts - 1 ? { note: t.note } : {}),
    };
    drawTablePart(doc, part);
  }
}

/** Wide tables (the benchmark has ten columns) give the name column less room. */
function firstColumnWidth(t: Table, width: number): number {
  return t.columns[0]?.unit === 'tekst' ? Math.min(200, width * (t.columns.length > 6 ? 0.22 : 0.38)) : width / t.columns.length;
}

function drawTablePart(doc: Doc, t: Table): void {
  const width = PAGE.width - 2 * PAGE.margin;
  const first = firstColumnWidth(t, width);
  const rest = (width - first) / Math.max(1, t.columns.length - 1);
  const widths = t.columns.map((_, i) => (i === 0 ? first : rest));
  const rowH = 16;
  // a label wider than its column (a gemeente name over a number column) wraps to at most three lines
  doc.font('Helvetica-Bold').fontSize(8);
  const labelLines = Math.min(3, Math.max(1, ...t.columns.map((c, i) => Math.ceil(doc.widthOfString(T(c.label)) / Math.max(1, widths[i]! - 4)))));
  const headerH = labelLines === 1 ? rowH : 6 + labelLines * 9.5;
  const header = () => {
    ensureRoom(doc, headerH + rowH);
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(8).fillColor(INK);
    let x = PAGE.margin;
    t.columns.forEach((c, i) => {
      doc.text(T(c.label), x + 2, y + 3, { width: widths[i]! - 4, height: headerH - 4, align: i === 0 || c.unit === 'tekst' ? 'left' : 'right', ellipsis: true });
      x += widths[i]!;
    });
    doc.moveTo(PAGE.margin, y + headerH).lineTo(PAGE.margin + width, y + headerH).lineWidth(0.8).strokeColor(INK).stroke();
    doc.y = y + headerH;
  };
  ensureRoom(doc, 40);
  doc.font('Helvetica-Bold').fontSize(9.5).fillColor(INK).text(T(t.caption), PAGE.margin, doc.y, { width });
  doc.moveDown(0.2);
  header();
  if (t.rows.length === 0) {
    doc.font('Helvetica-Oblique').fontSize(8).fillColor(MUTED).text(T('Geen gegevens voor deze periode.'), PAGE.margin + 2, doc.y + 3);
    doc.moveDown(0.5);
  }
  doc.font('Helvetica').fontSize(8);
  for (const row of t.rows) {
    if (doc.y + rowH > PAGE.height - PAGE.margin - 20) {
      doc.addPage();
      header();
      doc.font('Helvetica').fontSize(8);
    }
    const y = doc.y;
    let x = PAGE.margin;
    row.forEach((v, i) => {
      const unit = cellUnit(t.columns, row, i);
      doc.fillColor(INK).text(T(formatCell(v, unit)), x + 2, y + 4, { width: widths[i]! - 4, align: unit === 'tekst' ? 'left' : 'right', lineBreak: false, ellipsis: true });
      x += widths[i]!;
    });
    doc.moveTo(PAGE.margin, y + rowH).lineTo(PAGE.margin + width, y + rowH).lineWidth(0.3).strokeColor('#b3b9c0').stroke();
    doc.y = y + rowH;
  }
  if (t.note) doc.font('Helvetica-Oblique').fontSize(7.5).fillColor(MUTED).text(T(t.note), PAGE.margin, doc.y + 3);
  doc.x = PAGE.margin;
  doc.moveDown(1);
}

function drawChart(doc: Doc, c: Chart): void {
  const width = PAGE.width - 2 * PAGE.margin;
  const height = 170;
  ensureRoom(doc, height + 50);
  doc.font('Helvetica-Bold').fontSize(9.5).fillColor(INK).text(T(c.title), PAGE.margin, doc.y, { width });
  const top = doc.y + 6;
  const left = PAGE.margin + 46;
  const plotW = width - 50;
  const plotH = height - 40;
  const values = c.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const max = values.length ? Math.max(...values, 0) : 1;
  const niceMax = max === 0 ? 1 : 10 ** Math.floor(Math.log10(max)) * Math.ceil(max / 10 ** Math.floor(Math.log10(max)));
  doc.font('Helvetica').fontSize(7).fillColor(MUTED);
  for (let i = 0; i <= 4; i++) {
    const v = (niceMax * i) / 4;
    const y = top + plotH - (plotH * i) / 4;
    doc.moveTo(left, y).lineTo(left + plotW, y).lineWidth(0.3).strokeColor('#d0d5da').stroke();
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
        doc.rect(left + i * slot + slot * 0.15 + si * bw, y(v), bw, top + plotH - y(v)).fillColor(colour).fill();
      });
    } else {
      let started = false;
      s.values.forEach((v, i) => {
        if (v === null) { started = false; return; }
        const px = left + i * slot + slot / 2;
        if (!started) doc.moveTo(px, y(v));
        else doc.lineTo(px, y(v));
        started = true;
      });
      doc.lineWidth(1.5).strokeColor(colour).stroke();
      s.values.forEach((v, i) => { if (v !== null) doc.circle(left + i * slot + slot / 2, y(v), 2).fillColor(colour).fill(); });
    }
  });
  doc.fontSize(6.5).fillColor(MUTED);
  c.categories.forEach((cat, i) => doc.text(T(cat), left + i * slot, top + plotH + 3, { width: slot, align: 'center', lineBreak: false, ellipsis: true }));
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
    doc.rect(lx, ly, 7, 7).fillColor(PALETTE[si % PALETTE.length]!).fill();
    doc.fillColor(INK).text(T(s.name), lx + 10, ly, { lineBreak: false, width: PAGE.width - PAGE.margin - lx - 10, ellipsis: true });
    lx += w;
  }
  doc.x = PAGE.margin;
  doc.y = top + height;
  doc.moveDown(0.5);
}

export async function writePdf(model: ReportModel, path: string): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4', margin: PAGE.margin, bufferPages: true, tagged: true, lang: 'nl-NL', displayTitle: true, pdfVersion: '1.7',
    info: { Title: `${model.title} — ${model.subtitle}`, Author: 'Zicht', Subject: model.subtitle, Creator: 'Zicht (pdfkit)' },
  } as PDFKit.PDFDocumentOptions);
  const done = new Promise<void>((ok, fail) => {
    const out = createWriteStream(path);
    out.on('finish', ok);
    out.on('error', fail);
    doc.pipe(out);
  });
  const width = PAGE.width - 2 * PAGE.margin;

  // title page
  doc.font('Helvetica-Bold').fontSize(22).fillColor(ACCENT).text(T(model.title), PAGE.margin, 160, { width });
  doc.moveDown(0.5).font('Helvetica').fontSize(13).fillColor(INK).text(T(model.subtitle), { width });
  doc.moveDown(0.5).fontSize(10).fillColor(MUTED).text(T(`Gemaakt op ${formatDateNl(model.generatedAt)} met Zicht.`));
  if (model.demo) {
    doc.moveDown(2).rect(PAGE.margin, doc.y, width, 44).fillColor('#fff3c4').fill();
    doc.font('Helvetica-Bold').fontSize(12).fillColor('#5c4400').text(T('DEMOGEGEVENS — fictieve gemeenten, geen echte cijfers.'), PAGE.margin + 12, doc.y - 30, { width: width - 24 });
  }
  // the table of contents goes on page 2, filled in once the section pages are known
  doc.addPage();
  const tocPage = doc.bufferedPageRange().count - 1;
  const sectionPages: Array<[string, number]> = [];
  model.sections.forEach((s, i) => {
    if (i === 0 || doc.y > PAGE.height / 2) doc.addPage();
    else doc.moveDown(1.5);
    sectionPages.push([s.heading, doc.bufferedPageRange().count]);
    doc.font('Helvetica-Bold').fontSize(15).fillColor(ACCENT).text(T(s.heading), PAGE.margin, doc.y, { width });
    doc.moveDown(0.4);
    for (const p of s.paragraphs) doc.font('Helvetica').fontSize(10).fillColor(INK).text(T(p), { width }).moveDown(0.4);
    for (const c of s.charts) drawChart(doc, c);
    for (const t of s.tables) drawTable(doc, t);
    for (const st of s.stories) {
      ensureRoom(doc, 50);
      doc.font('Helvetica-Bold').fontSize(9).fillColor(INK).text(T(`${st.indicator} · ${st.period}`), { width });
      doc.font('Helvetica').fontSize(9.5).text(T(st.body), { width });
      doc.font('Helvetica-Oblique').fontSize(8).fillColor(MUTED).text(T(`${st.author}, ${formatDateNl(st.date)}`), { width }).moveDown(0.6);
    }
  });
  // appendix: definitions and sources
  doc.addPage();
  sectionPages.push(['Bijlage: definities en bronnen', doc.bufferedPageRange().count]);
  doc.font('Helvetica-Bold').fontSize(15).fillColor(ACCENT).text(T('Bijlage: definities en bronnen'), { width }).moveDown(0.4);
  for (const d of model.definitions) {
    ensureRoom(doc, 40);
    doc.font('Helvetica-Bold').fontSize(9.5).fillColor(INK).text(T(`${d.nameNl} (${d.id})`), { width });
    doc.font('Helvetica').fontSize(9).text(T(d.definitionNl), { width });
    doc.font('Helvetica-Oblique').fontSize(8).fillColor(MUTED).text(T(`Bronnen: ${d.sources.join(', ')}${d.cbsNote ? ` · ${d.cbsNote}` : ''}`), { width }).moveDown(0.5);
  }
  doc.moveDown(0.5);
  for (const s of model.sources) doc.font('Helvetica').fontSize(9).fillColor(INK).text(T(s), { width });

  doc.switchToPage(tocPage);
  doc.font('Helvetica-Bold').fontSize(15).fillColor(ACCENT).text(T('Inhoud'), PAGE.margin, PAGE.margin, { width }).moveDown(0.6);
  for (const [heading, page] of sectionPages) {
    const y = doc.y;
    doc.font('Helvetica').fontSize(10.5).fillColor(INK).text(T(heading), PAGE.margin, y, { width: width - 40, lineBreak: false, ellipsis: true });
    doc.text(T(String(page)), PAGE.margin + width - 40, y, { width: 40, align: 'right' });
    doc.moveDown(0.3);
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(i);
    // pdfkit adds a page when text goes below the bottom margin: lift it while writing the footer
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(T(`${model.title} · ${model.subtitle}`), PAGE.margin, PAGE.height - 36, { width: width - 60, lineBreak: false, ellipsis: true });
    doc.text(T(`pagina ${i + 1} van ${range.count}`), PAGE.margin + width - 60, PAGE.height - 36, { width: 60, align: 'right', lineBreak: false });
    if (model.demo) doc.font('Helvetica-Bold').fillColor('#8f6a00').text(T('DEMOGEGEVENS'), PAGE.margin, 24, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
}
