/**
 * The report as an Excel workbook (exceljs): a sheet per section with every table and the data
 * behind every chart, numbers stored as numbers with a Dutch-looking number format (never as
 * text), a definitions sheet and a sources sheet. "<10" (suppressed) stays text on purpose.
 */
// loaded on first use: a CLI command that writes no workbook does not pay for exceljs at start-up
import type { Row, Worksheet } from 'exceljs';
import type { ReportModel, Table } from './model.js';
import { cellText, cellUnit } from './format.js';
import { safeValue } from '../domain/cellSafety.js';

const FORMATS: Record<string, string> = {
  aantal: '#,##0',
  procent: '0.0"%"',
  euro: '"€" #,##0',
  prijs: '"€" #,##0.00',
  dagen: '#,##0.0',
  score: '0.0',
};

/**
 * Every row goes through here: text that Excel would take for a formula is neutralised (cellSafety.ts), and a
 * character XML does not allow (a control character, U+FFFE/U+FFFF) is left out — one such character stored before
 * input refused them made the whole workbook unreadable (red team 18).
 */
function addRow(ws: Worksheet, values: readonly unknown[]): Row {
  return ws.addRow(values.map((v) => safeValue(typeof v === 'string' ? v.replace(NOT_XML, '') : v)));
}
// eslint-disable-next-line no-control-regex
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function sheetName(taken: Set<string>, heading: string): string {
  const base =
    heading
      .replace(/[\\/*?:[\]]/g, ' ')
      .slice(0, 28)
      .trim() || 'Blad';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function addTable(ws: Worksheet, t: Table): void {
  const title = addRow(ws, [t.caption]);
  title.font = { bold: true, size: 12 };
  // the rows' codes last, after the figures: the table reads as in the PDF, and the code is there to join on
  const code = t.codes && t.codes.values.length === t.rows.length ? t.codes : null;
  const head = addRow(ws, [...t.columns.map((c) => c.label), ...(code ? [code.label] : [])]);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.border = { bottom: { style: 'thin' } };
  });
  for (const [n, r] of t.rows.entries()) {
    // a missing figure reads "–" as in the PDF; an empty cell would pass for a zero or a gap in the sheet
    const row = addRow(ws, [
      ...r.map((v, i) => cellText(v, cellUnit(t.columns, r, i)) ?? '–'),
      ...(code ? [code.values[n] ?? ''] : []),
    ]);
    r.forEach((v, i) => {
      if (typeof v !== 'number') return;
      const unit = cellUnit(t.columns, r, i);
      // whole days as whole numbers, as in the PDF (published days are whole; "16,0" suggests a precision)
      row.getCell(i + 1).numFmt = unit === 'dagen' && Number.isInteger(v) ? '#,##0' : (FORMATS[unit] ?? '#,##0.0');
    });
  }
  if (t.rows.length === 0) addRow(ws, ['Geen gegevens voor deze periode.']);
  if (t.note) addRow(ws, [t.note]);
  addRow(ws, []);
}

export async function writeExcel(model: ReportModel, path: string): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zicht';
  wb.title = `${model.title} — ${model.subtitle}`;
  wb.created = new Date(model.generatedAt);
  const taken = new Set<string>();
  const cover = wb.addWorksheet(sheetName(taken, 'Rapport'));
  addRow(cover, [model.title]).font = { bold: true, size: 14 };
  addRow(cover, [model.subtitle]);
  addRow(cover, [`Gemaakt op ${new Date(model.generatedAt).toLocaleDateString('nl-NL')}`]);
  if (model.demo)
    addRow(cover, ['DEMOGEGEVENS — fictieve gemeenten, geen echte cijfers.']).font = {
      bold: true,
      color: { argb: 'FF8F6A00' },
    };
  cover.getColumn(1).width = 90;
  for (const s of model.sections) {
    const ws = wb.addWorksheet(sheetName(taken, s.heading));
    addRow(ws, [s.heading]).font = { bold: true, size: 14 };
    for (const p of s.paragraphs) addRow(ws, [p]);
    addRow(ws, []);
    for (const t of s.tables) addTable(ws, t);
    for (const c of s.charts) {
      addTable(ws, {
        caption: `Gegevens bij de grafiek: ${c.title}`,
        columns: [{ label: '', unit: 'tekst' }, ...c.series.map((x) => ({ label: x.name, unit: c.unit }))],
        rows: c.categories.map((cat, i) => [cat, ...c.series.map((x) => x.values[i] ?? null)]),
      });
    }
    for (const st of s.stories)
      addRow(ws, [`${st.indicator} · ${st.period}`, st.body, st.author, st.date.slice(0, 10)]);
    ws.getColumn(1).width = 42;
    for (let i = 2; i <= 12; i++) ws.getColumn(i).width = 18;
  }
  const defs = wb.addWorksheet(sheetName(taken, 'Definities'));
  addRow(defs, ['id', 'naam', 'definitie', 'eenheid', 'bronnen', 'CBS']).font = { bold: true };
  for (const d of model.definitions)
    addRow(defs, [d.id, d.nameNl, d.definitionNl, d.unit, d.sources.join(', '), d.cbsNote ?? '']);
  defs.getColumn(3).width = 100;
  defs.getColumn(2).width = 30;
  const src = wb.addWorksheet(sheetName(taken, 'Bronnen'));
  for (const s of model.sources) addRow(src, [s]);
  src.getColumn(1).width = 100;
  await wb.xlsx.writeFile(path);
}
